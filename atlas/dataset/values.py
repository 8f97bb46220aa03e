"""Small helpers for the dataset's values: reading dates and ``;`` lists, writing dates for people,
Markdown-safe text, and ids from names."""
from __future__ import annotations

import re
import unicodedata
from datetime import date

import pandas as pd


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

PRECISION_WORDS = {1: "", 2: "within a week", 3: "within a month"}


def date_label(start, end=None, precision: int | None = 1) -> str:
    """'1 Dec 2024', '25–27 Aug 2016', or 'between 28 Aug and 18 Sep 2016' for an uncertain window."""
    if start is None or pd.isna(start):
        return "date unknown"
    start = pd.Timestamp(start)
    end = None if end is None or pd.isna(end) else pd.Timestamp(end)
    if end is None or end == start:
        text = f"{start.day} {start:%b %Y}"
        return text if precision in (None, 1) else f"{text} ({PRECISION_WORDS.get(int(precision), 'approximate')})"
    if start.year != end.year:
        span = f"{start.day} {start:%b %Y}", f"{end.day} {end:%b %Y}"
    elif start.month != end.month:
        span = f"{start.day} {start:%b}", f"{end.day} {end:%b %Y}"
    else:
        span = f"{start.day}", f"{end.day} {end:%b %Y}"
    if precision in (None, 1):
        return f"{span[0]}–{span[1]}"  # a span of known days
    return f"between {span[0]} and {span[1]}"  # an uncertain window


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
