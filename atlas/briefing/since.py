"""What changed since the last briefing: the since-view, its lines as the page shows them, and its sources."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from urllib.parse import urlencode

import pandas as pd

from atlas import i18n
from atlas.briefing import short_day
from atlas.briefing.overdue import overdue
from atlas.dataset.loader import Dataset, actor_names, place_names
from atlas.dataset.values import ours_column, ours_titles
from atlas.filters import Filtered, Filters, to_query
from atlas.i18n import _
from atlas.views.threads import status_label

DEFAULT_DAYS = 30  # with no day given, a briefing covers the last month of the record (or of the filters)


def since_day(filters: Filters, until: date) -> date:
    """The last briefing's day: the one given, or ``DEFAULT_DAYS`` before ``until``; always before ``until``."""
    if filters.since is None:
        return until - timedelta(days=DEFAULT_DAYS)
    return min(filters.since, until - timedelta(days=1))


def window_filters(filters: Filters, until: date) -> tuple[Filters, Filters]:
    """The filters of the threads in scope (the filters without their dates) and of the window (their dates the
    day after the last briefing to ``until``)."""
    scope = filters.without("date_from", "date_to")
    return scope, replace(scope, date_from=filters.since + timedelta(days=1), date_to=until)


@dataclass(frozen=True)
class Since:
    """What changed between two days, in the order a briefer reads it."""
    since: date
    until: date
    status_changes: pd.DataFrame  # date, thread, status, evidence, thread_id
    new_asks: pd.DataFrame  # thread (or "" for none), demand, issuer, date, statement_id, demand_id, quote
    new_statements: pd.DataFrame  # issuer, date, title, statement_id
    new_events: pd.DataFrame  # date, title, places, event_id
    late: pd.DataFrame  # every ask in scope overdue on ``until`` (``overdue``'s columns)
    acled: pd.DataFrame | None  # place, events before, events since, change (None: no layer)

    @property
    def overdue(self) -> pd.DataFrame:
        """The asks whose deadline passed in the window, unmet."""
        late = self.late
        return late[[d > self.since for d in late["overdue_since"]]].reset_index(drop=True)

    @property
    def span(self) -> str:
        """The window in words: "from 2 Jan 2026 to 4 Jul 2026" (the day after the last briefing onwards)."""
        return _("from {start} to {end}").format(start=short_day(self.since + timedelta(days=1)),
                                                 end=short_day(self.until))


def since_view(dataset: Dataset, filtered: Filtered, scope: Filtered, since: date, until: date,
               layer=None) -> Since:
    """What changed after ``since`` up to ``until``: the status changes of the threads the ``scope`` raises
    (the filters without their dates), with their evidence; the asks, statements and events of ``filtered``
    (the filters with the window as their dates) by thread, issuer and date; every ask overdue on ``until``
    (those whose deadline passed in the window are ``Since.overdue``); and, with an ACLED ``layer``, how the
    events at the places the new statements name compare with as many days before."""
    start, end = pd.Timestamp(since) + pd.Timedelta(days=1), pd.Timestamp(until)
    names = actor_names(dataset, short=True)
    titles = ours_titles(dataset.threads, "thread_id")
    threads = set(scope.demands["thread_id"]) - {""}
    u = dataset.thread_updates
    u = u[u["thread_id"].isin(threads) & (u["status"] != "raised") & (u["date"] >= start) & (u["date"] <= end)]
    event_titles = ours_titles(dataset.events, "event_id")
    statement_titles = ours_titles(dataset.statements, "statement_id")
    changes = pd.DataFrame({
        "date": u["date"].dt.date, "thread": [titles.get(t, t) for t in u["thread_id"]],
        "status": [status_label(s) for s in u["status"]],
        "evidence": ["; ".join([*(event_titles.get(e, e) for e in ev), *(statement_titles.get(s, s) for s in st)])
                     for ev, st in zip(u["evidence_event_ids"], u["evidence_statement_ids"])],
        "thread_id": u["thread_id"]}).sort_values(["date", "thread"]).reset_index(drop=True)

    within = lambda frame, column: frame[(frame[column] >= start) & (frame[column] <= end)]  # noqa: E731
    d = within(filtered.demands, "statement_date")
    asks_ = pd.DataFrame({
        "thread": [titles.get(t, "") for t in d["thread_id"]], "demand": ours_column(d, "demand"),
        "issuer": [" + ".join(names.get(a, a) for a in ids) for ids in d["issuer_ids"]],
        "date": d["statement_date"].dt.date, "statement_id": d["statement_id"], "demand_id": d["demand_id"],
        "quote": d["quote"]})
    asks_ = asks_.assign(unthreaded=asks_["thread"] == "").sort_values(
        ["unthreaded", "thread", "date", "demand_id"]).drop(columns="unthreaded").reset_index(drop=True)
    s = within(filtered.statements, "date")
    statements_ = pd.DataFrame({
        "issuer": [" + ".join(names.get(a, a) for a in ids) for ids in s["issuer_ids"]], "date": s["date"].dt.date,
        "title": ours_column(s, "title"), "statement_id": s["statement_id"]}).sort_values(["issuer", "date"]).reset_index(drop=True)
    e = within(filtered.events, "date")
    places = place_names(dataset)
    events_ = pd.DataFrame({
        "date": e["date"].dt.date, "title": ours_column(e, "title"),
        "places": [_(", ").join(places.get(p, p) for p in ids) for ids in e["place_ids"]],
        "event_id": e["event_id"]}).sort_values(["date", "title"]).reset_index(drop=True)
    late = overdue(dataset, until, scope.demands)
    acled = None
    if layer is not None:
        named = set(filtered.mentions.loc[filtered.mentions["statement_id"].isin(set(s["statement_id"])),
                                          "place_id"])
        acled = acled_change(layer, named, since, until, places)
    return Since(since, until, changes, asks_, statements_, events_, late, acled)


def acled_change(layer, place_ids, since: date, until: date, place_names: dict) -> pd.DataFrame:
    """ACLED events at each of ``place_ids`` (those with a linked site) after ``since`` up to ``until``, against
    as many days before: the change a briefer can put beside what was said there. Largest change first."""
    from atlas.acled.layer import EPOCH

    first, last = (since + timedelta(days=1) - EPOCH).days, (until - EPOCH).days
    span = last - first + 1
    rows = []
    for place in sorted(place_ids):
        code = layer.site_of_place.get(place)
        if code is None:
            continue
        after = layer.by_site.count(code, first, last)
        before = layer.by_site.count(code, first - span, first - 1)
        rows.append({"place": place_names.get(place, place), "place_id": place, "events_before": before,
                     "events_since": after, "change": after - before})
    out = pd.DataFrame(rows, columns=["place", "place_id", "events_before", "events_since", "change"])
    return out.sort_values(["change", "place"], ascending=[False, True]).reset_index(drop=True)


def since_lines(view: Since, filters) -> dict[str, list[str]]:
    """The since-view's sections as Markdown lines, each linking to its record (its page, the filters kept); the
    record's words escaped, so nothing in them becomes a link or markup. The asks come under their thread's
    title."""
    from atlas.dataset.values import md_escape
    from atlas.views.tables import record_link

    def a(text: str, url: str | None) -> str:
        return f"[{md_escape(text)}]({url})" if url else md_escape(text)

    c, s, e = view.status_changes, view.new_statements, view.new_events
    asks = []
    for thread, group in view.new_asks.groupby("thread", sort=False):
        heading = md_escape(thread) if thread else _("In no thread")
        asks += ["", f"**{heading}**", ""]  # a paragraph, then its list
        asks += [f"- {md_escape(r.issuer)}, {short_day(r.date)}: "
                 + a(r.demand, record_link("Statements", "statement", r.statement_id, filters))
                 for r in group.itertuples()]
    return {
        "status_changes": [
            "- " + _("{day}: {thread} is now {status}").format(
                day=short_day(r.date), thread=a(r.thread, record_link("Threads", "thread", r.thread_id, filters)),
                status=f"**{md_escape(r.status.lower())}**")
            + (f" ({md_escape(r.evidence)})" if r.evidence else "")
            for r in c.itertuples()],
        "new_asks": asks,
        "new_statements": [
            f"- {md_escape(r.issuer)}, {short_day(r.date)}: "
            + a(r.title, record_link("Statements", "statement", r.statement_id, filters)) for r in s.itertuples()],
        "overdue": [
            "- " + _("Due {deadline} (“{deadline_text}”): {demand}, asked of {asked_of}; {status}").format(
                deadline=short_day(r.deadline), deadline_text=md_escape(r.deadline_text),
                demand=a(r.demand, record_link("Statements", "statement", r.statement_id, filters)),
                asked_of=md_escape(r.asked_of or _("no one named")), status=md_escape(r.status.lower()))
            for r in view.overdue.itertuples()],
        "acled": [] if view.acled is None else [
            "- " + _("{place}: {since} in the window, {before} in as many days before ({change})").format(
                place=md_escape(r.place), since=i18n.count(r.events_since), before=i18n.count(r.events_before),
                change=f"{r.change:+,}") for r in view.acled.itertuples()],
        # an event has no page of its own: the Events page on its day, with the other filters
        "new_events": [
            f"- {short_day(r.date)}: "
            + a(r.title, f"Events?{urlencode(to_query(replace(filters, date_from=r.date, date_to=r.date)))}")
            + (f" ({md_escape(r.places)})" if r.places else "") for r in e.itertuples()],
    }


def since_sources(dataset: Dataset, view: Since) -> list[str]:
    """Every address the since-view cites, once, in the order met: the statements said in the window, the
    sources of its events, and the evidence of its status changes (events' sources, statements, sources)."""
    statement_url = dict(zip(dataset.statements["statement_id"], dataset.statements["source_url"]))
    source_url = dict(zip(dataset.sources["source_id"], dataset.sources["url"]))
    event_sources = dict(zip(dataset.events["event_id"], dataset.events["source_ids"]))
    urls = [statement_url.get(s, "") for s in [*view.new_statements["statement_id"], *view.new_asks["statement_id"]]]
    urls += [source_url.get(s, "") for e in view.new_events["event_id"] for s in event_sources.get(e, ())]
    changed = dataset.thread_updates[dataset.thread_updates["thread_id"].isin(set(view.status_changes["thread_id"]))
                                     & dataset.thread_updates["date"].dt.date.isin(set(view.status_changes["date"]))]
    for row in changed.itertuples():
        urls += [source_url.get(s, "") for e in row.evidence_event_ids for s in event_sources.get(e, ())]
        urls += [statement_url.get(s, "") for s in row.evidence_statement_ids]
        urls += [source_url.get(s, "") for s in row.evidence_source_ids]
    return list(dict.fromkeys(u for u in urls if u))
