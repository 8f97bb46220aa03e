"""The language in force, dates and numbers as each language's readers expect, and our words in Arabic."""
from __future__ import annotations

import threading
from datetime import date

import pandas as pd

from atlas import i18n
from atlas.dataset.values import date_label, ours


def test_languages_from_anything_a_link_gives():
    assert [i18n.language(v) for v in ("ar", "AR", " ar ", "en", "fr", "", None, "<x>")] == \
           ["ar", "ar", "ar", "en", "en", "en", "en", "en"]
    assert i18n.direction("ar") == "rtl" and i18n.direction("en") == "ltr"


def test_the_language_is_the_runs_own():
    seen = {}

    def run(lang):
        i18n.activate(lang)
        seen[lang] = i18n.gettext("Filters")

    threads = [threading.Thread(target=run, args=(lang,)) for lang in ("ar", "en")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen["en"] == "Filters" and seen["ar"] != "Filters"
    assert i18n.current() == "en"  # this thread's language untouched by the others
    with i18n.use("ar"):
        assert i18n.current() == "ar"
    assert i18n.current() == "en"


def test_dates_with_levantine_months_and_western_digits():
    with i18n.use("ar"):
        assert i18n.day(date(2026, 7, 2)) == "2 تموز 2026"
        assert i18n.month(date(2011, 3, 15)) == "آذار 2011"
        assert date_label(pd.Timestamp("2016-08-25"), pd.Timestamp("2016-08-27")) == "25–27 آب 2016"
        assert i18n.count(1069) == "1,069" and i18n.percent(0.59) == "59%"
    assert i18n.day(date(2026, 7, 2)) == "2 July 2026"
    assert date_label(pd.Timestamp("2016-09-25")) == "25 Sep 2016"  # English as it always was


def test_our_words_in_arabic_or_marked_as_not_yet_written():
    with i18n.use("ar"):
        assert ours("Lift the sieges", "رفع الحصار") == "رفع الحصار"
        missing = ours("Lift the sieges", "")
        assert missing.startswith("Lift the sieges") and missing != "Lift the sieges"
    assert ours("Lift the sieges", "رفع الحصار") == "Lift the sieges"
