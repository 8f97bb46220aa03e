"""Briefing from the threads: what changed since a day, who has met what, which stated deadlines passed, and
the pack that carries it into a room. Pure functions, no Streamlit.

- ``since``: the since-view (what changed from the day after the last briefing), its lines and its sources;
- ``scorecard``: each addressee's asks and the share of each status on a day, year by year, lapsing with an
  addressee that ceased to exist;
- ``overdue``: the asks whose stated deadline passed unmet;
- ``pack``: the briefing pack, one PDF of slides or A4 pages, with Arabic shaped.

May import: ``atlas.views``, ``atlas.acled``, ``atlas.filters``, ``atlas.dataset``, ``atlas.settings``, ``geo``.
"""
