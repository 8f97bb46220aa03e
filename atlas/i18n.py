"""The interface's words in English and Arabic, and dates and numbers as each language's readers expect.

Every word the interface shows is written in English in the code, wrapped in ``_()`` (``ngettext`` for a
count), and looked up in one gettext catalogue per language: ``locale/<lang>/LC_MESSAGES/messages.po``,
read and compiled in memory with Babel, served by the standard library's gettext (so Arabic's six plural
forms follow the catalogue's own ``Plural-Forms``). ``python -m atlas catalogue`` extracts the words again
into ``locale/messages.pot`` and merges them into each catalogue; a test fails when a word lacks its Arabic.

The language in force is set once per run of a page (``use``) and read by every function that writes words,
so the pure functions of ``atlas/`` and ``geo/`` need no language argument. English is the default.

Dates: Levantine month names (كانون الثاني, شباط...), as Syrians write them, from the CLDR locale ``ar_SY``.
Digits: Western (0-9) in both languages. Syrian outlets, ministries and the record's own quotes write
Western digits online, and dates, ids and figures then read the same in a page, a quote and a download.

May import: Babel, the standard library.
"""
from __future__ import annotations

import gettext as _gettext
import io
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from babel.dates import format_date as _babel_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
DEFAULT = "en"
LANGUAGES = {"en": "English", "ar": "العربية"}  # each in its own words, as a switch shows them
RTL = {"ar"}
# CLDR locales for dates and numbers: Syrian Arabic for month names; British English for "2 July 2026".
CLDR = {"en": "en_GB", "ar": "ar_SY"}

_language: ContextVar[str] = ContextVar("atlas_language", default=DEFAULT)


def language(value: object) -> str:
    """A supported language code from anything a URL or a setting gives (``DEFAULT`` otherwise)."""
    text = str(value or "").strip().lower()
    return text if text in LANGUAGES else DEFAULT


def current() -> str:
    """The language in force for this run."""
    return _language.get()


def activate(lang: str) -> str:
    """Make ``lang`` the language of this run (a page's run, or a thread's); return it."""
    lang = language(lang)
    _language.set(lang)
    return lang


@contextmanager
def use(lang: str) -> Iterator[str]:
    """The words of the block in ``lang`` (a download in a language, a test)."""
    token = _language.set(language(lang))
    try:
        yield _language.get()
    finally:
        _language.reset(token)


def direction(lang: str | None = None) -> str:
    """"rtl" or "ltr", for the language in force or ``lang``."""
    return "rtl" if (lang or current()) in RTL else "ltr"


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(lang: str) -> _gettext.NullTranslations:
    """The catalogue of ``lang``, compiled from its .po file (English is the code's own words)."""
    path = catalogue_path(lang)
    if lang == DEFAULT or not path.exists():
        return _gettext.NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def gettext(message: str) -> str:
    """``message`` in the language in force (as written when its catalogue lacks it)."""
    return translations(current()).gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for ``n`` in the language in force; the caller formats ``{n}`` in it (``count(n)``)."""
    return translations(current()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue where it is written (a table of labels); ``_`` translates it
    where it is shown."""
    return message


def isolate(text: object) -> str:
    """``text`` kept left to right inside right-to-left words (a version "2026-07-04.6c344741", an ISO date): in
    a right-to-left language, wrapped in Unicode's isolate marks, which browsers, matplotlib and the PDF's
    shaping honour; as it is otherwise."""
    return f"\u2066{text}\u2069" if direction() == "rtl" else str(text)


# -- dates and numbers -------------------------------------------------------------------------------------

def day(value: date) -> str:
    """"2 July 2026" / "2 تموز 2026"."""
    return _babel_date(value, "d MMMM y", locale=CLDR[current()])


def short_day(value: date) -> str:
    """"2 Jul 2026" / "2 تموز 2026" (Arabic has no short month names in use)."""
    return _babel_date(value, "d MMM y", locale=CLDR[current()])


def day_month(value: date) -> str:
    """"2 Jul" / "2 تموز": a day in a span whose year is written once, at its end."""
    return _babel_date(value, "d MMM", locale=CLDR[current()])


def month(value: date) -> str:
    """"July 2026" / "تموز 2026"."""
    return _babel_date(value, "MMMM y", locale=CLDR[current()])


def count(n: int) -> str:
    """A count with the language's grouping: "1,069"."""
    return format_decimal(int(n), locale=CLDR[current()], numbering_system="latn")


def percent(share: float) -> str:
    """A share as a whole percent: "59%"."""
    return format_percent(share, format="#,##0%", locale=CLDR[current()], numbering_system="latn")
