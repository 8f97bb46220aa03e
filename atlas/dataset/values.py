"""Small helpers for the dataset's values: reading dates and ``;`` lists, writing dates for people,
Markdown-safe text, and ids from names."""
from __future__ import annotations

import re
import unicodedata
from datetime import date

import pandas as pd

from atlas import i18n
from atlas.i18n import N_, _


def split_list(value: str) -> list[str]:
    """The items of a ``;``-separated cell, stripped, blanks dropped."""
    return [item.strip() for item in value.split(";") if item.strip()]


def parse_date(value: str) -> date | None:
    """A YYYY-MM-DD date, or None for anything else."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None

PRECISION_WORDS = {1: "", 2: N_("within a week"), 3: N_("within a month")}


def date_label(start, end=None, precision: int | None = 1) -> str:
    """'1 Dec 2024', '25–27 Aug 2016', or 'between 28 Aug and 18 Sep 2016' for an uncertain window; in Arabic
    with the Levantine month names ('1 كانون الأول 2024')."""
    if start is None or pd.isna(start):
        return _("date unknown")
    start = pd.Timestamp(start)
    end = None if end is None or pd.isna(end) else pd.Timestamp(end)
    english = i18n.current() == "en"

    def day(d, year=True):  # English as it always was (%b: "Sep", where the locale would write "Sept")
        if english:
            return f"{d.day} {d:%b %Y}" if year else f"{d.day} {d:%b}"
        return i18n.short_day(d) if year else i18n.day_month(d)

    if end is None or end == start:
        text = day(start)
        if precision in (None, 1):
            return text
        return _("{day} ({precision})").format(day=text, precision=_(PRECISION_WORDS.get(int(precision), "")
                                                                       or N_("approximate")))
    if start.year != end.year:
        span = day(start), day(end)
    elif start.month != end.month:
        span = day(start, year=False), day(end)
    else:
        span = f"{start.day}", day(end)
    if precision in (None, 1):
        return f"{span[0]}–{span[1]}"  # a span of known days
    return _("between {start} and {end}").format(start=span[0], end=span[1])  # an uncertain window


def ours(english: str, arabic: str) -> str:
    """Our own words (a title, summary or paraphrase) in the language in force: in Arabic the curators' Arabic,
    or the English marked as not yet written in Arabic. Never a machine translation."""
    if i18n.current() != "ar" or str(arabic or "").strip():
        return str(arabic) if i18n.current() == "ar" else str(english)
    return _("{text} [in English: no Arabic version yet]").format(text=english) if str(english).strip() else ""


def ours_column(frame: pd.DataFrame, column: str) -> list[str]:
    """A column of our words in the language in force (``ours``), from it and its ``<column>_ar`` beside it
    (a frame without one: every Arabic version missing)."""
    arabic = frame[f"{column}_ar"] if f"{column}_ar" in frame.columns else [""] * len(frame)
    return [ours(en, ar) for en, ar in zip(frame[column], arabic)]


def ours_titles(frame: pd.DataFrame, key: str) -> dict[str, str]:
    """id (``key``) -> title in the language in force, for a table with ``title`` (and ``title_ar``) columns."""
    return dict(zip(frame[key], ours_column(frame, "title")))


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$")


def md_escape(text: str) -> str:
    """Text shown through Markdown exactly as written: no links, emphasis or HTML from it."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))


def slug(text: str) -> str:
    """A lowercase ASCII id: accents folded, everything else a hyphen ("Sarmīn" -> "sarmin")."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = re.sub(r"['`’‘ʿʾ]", "", folded)
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def release_order(day, release: str) -> tuple:
    """How releases sort, newest last: by date, and of two the same day by number (2026.12.2 after 2026.12.1,
    2026.12.10 after 2026.12.9)."""
    return (str(day), [int(n) for n in str(release).split(".") if n.isdigit()])
