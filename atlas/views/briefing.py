"""Briefing from the threads: what changed since a day, who has met what, and which stated deadlines passed.

Everything is read on a day of the record (``threads.as_of_day``), never today. An ask is a thread put to one
addressee, counted from the day that addressee was first asked (``ledger.first_asked``). An addressee that
ceased to exist (``actors.active_until``, or that of the body it is part of) keeps its asks as they stood that
day: those still open then are *lapsed*. They pass to a successor only where a demand puts the thread to the
successor, which then has an ask of its own.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date, timedelta
from urllib.parse import urlencode

import pandas as pd

from atlas.dataset.loader import Dataset, actor_names
from atlas.filters import Filtered, to_query
from atlas.views.ledger import first_asked
from atlas.views.threads import OPEN, status_label, statuses

LAPSED = "lapsed"
# The scorecard's order, as the Peace Accords Matrix reads implementation: done first, then under way, then not
SCORE_ORDER = ["met", "partly-met", "acknowledged", "raised", "rejected", "superseded", "dropped", LAPSED]
SCORE_LABELS = {"raised": "Raised, unanswered", LAPSED: "Lapsed (addressee ceased)"}


def score_label(status: str) -> str:
    return SCORE_LABELS.get(status, status_label(status))


def ceased(dataset: Dataset) -> dict[str, date]:
    """actor id -> the day it ceased to exist: its own ``active_until``, or that of the body it is part of."""
    actors = dataset.actors.set_index("actor_id")
    own = {a: d.date() for a, d in actors["active_until"].dropna().items()} if "active_until" in actors else {}
    parent = {a: (ids[0] if len(ids) else "") for a, ids in actors["part_of"].items()} if "part_of" in actors else {}
    out = {}
    for actor in actors.index:
        seen, current = set(), actor
        while current and current not in seen:
            if current in own:
                out[actor] = own[current]
                break
            seen.add(current)
            current = parent.get(current, "")
    return out


def _timelines(dataset: Dataset) -> dict[str, tuple[list[pd.Timestamp], list[str]]]:
    """thread id -> its statuses in order, from its first demand's "raised": the days, and the statuses from
    each (as ``threads.statuses`` reads them: the latest change on or before a day wins; on one day, the one
    listed last)."""
    demands = dataset.demands_full
    first = demands[demands["thread_id"] != ""].groupby("thread_id")["statement_date"].min()
    out = {t: ([first[t]], ["raised"]) for t in first.index}
    updates = dataset.thread_updates.reset_index(drop=True)
    for row in updates.assign(order=range(len(updates))).sort_values(["date", "order"]).itertuples():
        if row.thread_id in out:
            out[row.thread_id][0].append(row.date)
            out[row.thread_id][1].append(row.status)
    return out


def _status_on(timeline: tuple[list[pd.Timestamp], list[str]], day: pd.Timestamp) -> str:
    return timeline[1][max(bisect_right(timeline[0], day) - 1, 0)]


def _pairs(dataset: Dataset, thread_ids) -> list[tuple[str, str, pd.Timestamp]]:
    """(addressee, thread, the day it was first asked of that addressee), for every thread among ``thread_ids``."""
    demands = dataset.demands_full
    demands = demands[demands["thread_id"].isin(set(thread_ids))]
    own = dict(zip(dataset.threads["thread_id"], dataset.threads["addressee_ids"]))
    return [(actor, thread_id, since) for thread_id, group in demands.groupby("thread_id")
            for actor, since in first_asked(group, own.get(thread_id, ())).items()]


def _asks_on(pairs, timelines, ended: dict[str, date], as_of: date) -> pd.DataFrame:
    day = pd.Timestamp(as_of)
    rows = []
    for actor, thread_id, since in pairs:
        if since > day:
            continue  # not asked of it yet on that day
        end = ended.get(actor)
        if end is not None and end <= as_of:
            status = _status_on(timelines[thread_id], pd.Timestamp(end))
            status = LAPSED if status in OPEN else status
        else:
            status = _status_on(timelines[thread_id], day)
        rows.append({"addressee_id": actor, "thread_id": thread_id, "asked_since": since, "status": status})
    return pd.DataFrame(rows, columns=["addressee_id", "thread_id", "asked_since", "status"])


def asks(dataset: Dataset, thread_ids, as_of: date) -> pd.DataFrame:
    """One row per thread among ``thread_ids`` and addressee it had been put to by ``as_of``: since when, and
    its status that day (``lapsed`` for an addressee that had ceased with the ask still open)."""
    return _asks_on(_pairs(dataset, thread_ids), _timelines(dataset), ceased(dataset), as_of)


def scorecard(dataset: Dataset, thread_ids, as_of: date) -> pd.DataFrame:
    """Per addressee: how many asks were put to it by ``as_of``, how many of them are overdue (a demand putting
    the thread to it stated a deadline that passed unmet), the share of each status that day, in
    ``SCORE_ORDER``; whether it had ceased to exist. Most asks first."""
    table = asks(dataset, thread_ids, as_of)
    columns = ["addressee_id", "addressee", "asks", "overdue", *SCORE_ORDER, "ceased"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    counts = pd.crosstab(table["addressee_id"], table["status"]).reindex(columns=SCORE_ORDER, fill_value=0)
    total = counts.sum(axis=1)
    shares = counts.div(total, axis=0)
    short, ended = actor_names(dataset, short=True), ceased(dataset)
    late = overdue(dataset, as_of)
    addressed = dict(zip(dataset.demands_full["demand_id"], dataset.demands_full["addressee_ids"]))
    waiting = {(a, t) for d, t in zip(late["demand_id"], late["thread_id"]) if t
               for a in addressed.get(d, ())}
    late_asks = table[[(a, t) in waiting for a, t in zip(table["addressee_id"], table["thread_id"])]]
    out = shares.assign(asks=total, overdue=late_asks.groupby("addressee_id").size().reindex(shares.index,
                                                                                            fill_value=0),
                        addressee=[short.get(a, a) for a in shares.index],
                        ceased=[ended[a].isoformat() if a in ended and ended[a] <= as_of else "" for a in shares.index])
    out = out.rename_axis("addressee_id").reset_index()[columns]
    return out.sort_values(["asks", "addressee"], ascending=[False, True]).reset_index(drop=True)


def scorecard_by_year(dataset: Dataset, thread_ids, addressee_id: str, years: range, end: date) -> pd.DataFrame:
    """How one addressee's shares moved: its asks and their shares on the last day of each year (the record's
    last day for the last year), one row per year it had been asked anything."""
    pairs = [p for p in _pairs(dataset, thread_ids) if p[0] == addressee_id]
    timelines, ended = _timelines(dataset), ceased(dataset)
    rows = []
    for year in years:
        mine = _asks_on(pairs, timelines, ended, min(date(year, 12, 31), end))
        if mine.empty:
            continue
        counts = mine["status"].value_counts()
        rows.append({"year": year, "asks": len(mine),
                     **{s: float(counts.get(s, 0)) / len(mine) for s in SCORE_ORDER}})
    return pd.DataFrame(rows, columns=["year", "asks", *SCORE_ORDER])


CLOSED = ("met", "superseded", "dropped")  # a thread in these no longer waits on its deadline
OVERDUE_COLUMNS = ["demand_id", "statement_id", "thread_id", "thread", "demand", "issuer", "asked_of", "deadline",
                   "deadline_text", "status", "overdue_since", "until", "days_overdue"]


def overdue(dataset: Dataset, as_of: date, demands: pd.DataFrame | None = None) -> pd.DataFrame:
    """The demands whose stated deadline had passed by ``as_of`` without their thread being met by then: due
    when, the words that set it, overdue since the day after, and for how long. A demand in no thread has no
    status on record, so a passed deadline leaves it overdue. Longest overdue first."""
    demands = dataset.demands_full if demands is None else demands
    if "deadline" not in demands:
        return pd.DataFrame(columns=OVERDUE_COLUMNS)
    due = demands[demands["deadline"].notna() & (demands["deadline"] < pd.Timestamp(as_of))]
    state = statuses(dataset, as_of)
    titles = dict(zip(dataset.threads["thread_id"], dataset.threads["title"]))
    names = actor_names(dataset, short=True)
    rows = []
    for d in due.itertuples():
        status, since = state.get(d.thread_id, ("", pd.NaT)) if d.thread_id else ("", pd.NaT)
        closed = since.date() if status in CLOSED else None
        if closed is not None and since <= d.deadline:
            continue  # met, or overtaken, in time
        start = (d.deadline + pd.Timedelta(days=1)).date()  # met late: overdue until it was met
        rows.append({"demand_id": d.demand_id, "statement_id": d.statement_id, "thread_id": d.thread_id,
                     "thread": titles.get(d.thread_id, ""), "demand": d.demand,
                     "issuer": " + ".join(names.get(a, a) for a in d.issuer_ids),
                     "asked_of": ", ".join(names.get(a, a) for a in d.addressee_ids),
                     "deadline": d.deadline.date(), "deadline_text": d.deadline_text,
                     "status": status_label(status) if status else "No thread", "overdue_since": start,
                     "until": closed, "days_overdue": ((closed or as_of) - start).days + 1})
    out = pd.DataFrame(rows, columns=OVERDUE_COLUMNS)
    return out.sort_values(["days_overdue", "demand_id"], ascending=[False, True]).reset_index(drop=True)


@dataclass(frozen=True)
class Since:
    """What changed between two days, in the order a briefer reads it."""
    since: date
    until: date
    status_changes: pd.DataFrame  # date, thread, status, evidence, thread_id
    new_asks: pd.DataFrame  # thread (or "" for none), demand, issuer, date, statement_id, demand_id, quote
    new_statements: pd.DataFrame  # issuer, date, title, statement_id
    new_events: pd.DataFrame  # date, title, places, event_id
    overdue: pd.DataFrame  # deadlines that passed in the window, unmet (``overdue``'s columns)
    acled: pd.DataFrame | None  # place, events before, events since, change (None: no layer)


def since_view(dataset: Dataset, filtered: Filtered, scope: Filtered, since: date, until: date,
               layer=None) -> Since:
    """What changed after ``since`` up to ``until``: the status changes of the threads the ``scope`` raises
    (the filters without their dates), with their evidence; the asks, statements and events of ``filtered``
    (the filters with the window as their dates) by thread, issuer and date; the deadlines that passed in the
    window unmet; and, with an ACLED ``layer``, how the events at the places the new statements name compare
    with as many days before."""
    start, end = pd.Timestamp(since) + pd.Timedelta(days=1), pd.Timestamp(until)
    names = actor_names(dataset, short=True)
    titles = dict(zip(dataset.threads["thread_id"], dataset.threads["title"]))
    threads = set(scope.demands["thread_id"]) - {""}
    u = dataset.thread_updates
    u = u[u["thread_id"].isin(threads) & (u["status"] != "raised") & (u["date"] >= start) & (u["date"] <= end)]
    event_titles = dict(zip(dataset.events["event_id"], dataset.events["title"]))
    statement_titles = dict(zip(dataset.statements["statement_id"], dataset.statements["title"]))
    changes = pd.DataFrame({
        "date": u["date"].dt.date, "thread": [titles.get(t, t) for t in u["thread_id"]],
        "status": [status_label(s) for s in u["status"]],
        "evidence": ["; ".join([*(event_titles.get(e, e) for e in ev), *(statement_titles.get(s, s) for s in st)])
                     for ev, st in zip(u["evidence_event_ids"], u["evidence_statement_ids"])],
        "thread_id": u["thread_id"]}).sort_values(["date", "thread"]).reset_index(drop=True)

    within = lambda frame, column: frame[(frame[column] >= start) & (frame[column] <= end)]  # noqa: E731
    d = within(filtered.demands, "statement_date")
    asks_ = pd.DataFrame({
        "thread": [titles.get(t, "") for t in d["thread_id"]], "demand": d["demand"],
        "issuer": [" + ".join(names.get(a, a) for a in ids) for ids in d["issuer_ids"]],
        "date": d["statement_date"].dt.date, "statement_id": d["statement_id"], "demand_id": d["demand_id"],
        "quote": d["quote"]})
    asks_ = asks_.assign(unthreaded=asks_["thread"] == "").sort_values(
        ["unthreaded", "thread", "date", "demand_id"]).drop(columns="unthreaded").reset_index(drop=True)
    s = within(filtered.statements, "date")
    statements_ = pd.DataFrame({
        "issuer": [" + ".join(names.get(a, a) for a in ids) for ids in s["issuer_ids"]], "date": s["date"].dt.date,
        "title": s["title"], "statement_id": s["statement_id"]}).sort_values(["issuer", "date"]).reset_index(drop=True)
    e = within(filtered.events, "date")
    place_names = dict(zip(dataset.places["place_id"], dataset.places["name"]))
    events_ = pd.DataFrame({
        "date": e["date"].dt.date, "title": e["title"],
        "places": [", ".join(place_names.get(p, p) for p in ids) for ids in e["place_ids"]],
        "event_id": e["event_id"]}).sort_values(["date", "title"]).reset_index(drop=True)
    late = overdue(dataset, until, scope.demands)
    late = late[(pd.to_datetime(late["overdue_since"]) >= start)].reset_index(drop=True) if len(late) else late
    acled = None
    if layer is not None:
        named = set(filtered.mentions.loc[filtered.mentions["statement_id"].isin(set(s["statement_id"])),
                                          "place_id"])
        acled = acled_change(layer, named, since, until, place_names)
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
    """The since-view's sections as Markdown lines, in reading order, each linking to its record (its page, the
    filters kept); the record's words escaped, so nothing in them becomes a link or markup. The asks come
    under their thread's title."""
    from atlas.dataset.values import md_escape
    from atlas.views.tables import record_link

    def a(text: str, url: str | None) -> str:
        return f"[{md_escape(text)}]({url})" if url else md_escape(text)

    def day(d) -> str:
        return f"{d:%-d %b %Y}"

    c, s, e = view.status_changes, view.new_statements, view.new_events
    asks = []
    for thread, group in view.new_asks.groupby("thread", sort=False):
        asks += ["", f"**{md_escape(thread) if thread else 'In no thread'}**", ""]  # a paragraph, then its list
        asks += [f"- {md_escape(r.issuer)}, {day(r.date)}: "
                 + a(r.demand, record_link("Statements", "statement", r.statement_id, filters)) for r in group.itertuples()]
    return {
        "status_changes": [
            f"- {day(r.date)}: " + a(r.thread, record_link("Threads", "thread", r.thread_id, filters))
            + f" is now **{md_escape(r.status.lower())}**" + (f" ({md_escape(r.evidence)})" if r.evidence else "")
            for r in c.itertuples()],
        "new_asks": asks,
        "new_statements": [
            f"- {md_escape(r.issuer)}, {day(r.date)}: "
            + a(r.title, record_link("Statements", "statement", r.statement_id, filters)) for r in s.itertuples()],
        # an event has no page of its own: the Events page on its day, with the other filters
        "new_events": [
            f"- {day(r.date)}: "
            + a(r.title, f"Events?{urlencode(to_query(replace(filters, date_from=r.date, date_to=r.date)))}")
            + (f" ({md_escape(r.places)})" if r.places else "") for r in e.itertuples()],
    }


def scorecard_on_screen(table: pd.DataFrame) -> pd.DataFrame:
    """The scorecard with its shares as percentages (0-100) and the ceased marked in the addressee's name."""
    out = table.copy()
    out["addressee"] = [f"{n} (ceased {c})" if c else n for n, c in zip(out["addressee"], out["ceased"])]
    for status in SCORE_ORDER:
        out[status] = (out[status].astype(float) * 100).round(0)
    return out.drop(columns=["ceased"])


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
