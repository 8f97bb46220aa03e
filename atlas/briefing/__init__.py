"""Briefing from the threads: what changed since a day, who has met what, which stated deadlines passed, and
the pack that carries it into a room. Pure functions, no Streamlit.

- ``since``: the since-view (what changed from the day after the last briefing), its lines and its sources;
- ``scorecard``: each addressee's asks and the share of each status on a day, year by year, lapsing with an
  addressee that ceased to exist;
- ``overdue``: the asks whose stated deadline passed unmet;
- ``pack``: the briefing pack, one PDF of slides or A4 pages, with Arabic shaped.

May import: ``atlas.views``, ``atlas.acled``, ``atlas.filters``, ``atlas.dataset``, ``atlas.settings``, ``geo``.
"""
from __future__ import annotations

from datetime import date

from atlas import i18n


def short_day(value: date) -> str:
    """"2 Jul 2026" / "2 تموز 2026": in English as the briefing always wrote it (CLDR's "Sept" is not ours)."""
    return f"{value:%-d %b %Y}" if i18n.current() == "en" else i18n.short_day(value)
