"""Demand threads: the same ask followed across issuers and years, and what became of it.

A thread's status on a day is its latest status change on or before that day (``raised`` from its first
demand when none is recorded). Open statuses are those where the ask still stands: raised, acknowledged,
partly met, rejected. The list and the ledger follow the shared filters (the threads the filtered demands
raise, their status as of the filter's last day); one thread is always shown whole.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go

from atlas.dataset.loader import Dataset, actor_names, place_names
from atlas.dataset.values import date_label
from atlas.filters import Filtered, Filters
from atlas.views.menu import Menu, menu
from atlas.views.timeline import HOVER, STATEMENT_COLOUR, TYPE_COLOURS

OPEN = ("raised", "acknowledged", "partly-met", "rejected")
STATUS_COLOURS = {"raised": "#52606d", "acknowledged": "#0072B2", "partly-met": "#56B4E9", "met": "#009E73",
                  "rejected": "#D55E00", "dropped": "#999999", "superseded": "#CC79A7"}


def as_of_day(filters: Filters) -> date:
    """The day statuses are read on: the filters' last day, or today."""
    return filters.date_to or date.today()


def status_label(status: str) -> str:
    return status.replace("-", " ").capitalize()


def _threaded(demands: pd.DataFrame) -> pd.DataFrame:
    return demands[demands["thread_id"] != ""]


def statuses(dataset: Dataset, as_of: date | None = None) -> dict[str, tuple[str, pd.Timestamp]]:
    """thread id -> (status, since when) as of ``as_of`` (default: every change on record)."""
    first = _threaded(dataset.demands_full).groupby("thread_id")["statement_date"].min()
    out = {t: ("raised", first.get(t, pd.NaT)) for t in dataset.threads["thread_id"]}
    updates = dataset.thread_updates.reset_index(drop=True)
    if as_of is not None:
        updates = updates[updates["date"] <= pd.Timestamp(as_of)]
    # the latest change wins; on one day, the one listed last
    for row in updates.assign(order=range(len(updates))).sort_values(["date", "order"]).itertuples():
        if row.thread_id in out:
            out[row.thread_id] = (row.status, row.date)
    return out


def thread_list(dataset: Dataset, filtered: Filtered, years: range | None = None) -> pd.DataFrame:
    """One row per thread the filtered demands raise: how often per year (over ``years``, by default every
    year of the record), how many issuers, first and last, status as of the filters' last day."""
    demands = _threaded(filtered.demands)
    threads = dataset.threads.set_index("thread_id")
    columns = ["thread_id", "title", "per_year", "issuers", "demands", "first", "last", "status", "category",
               "status_since"]
    if demands.empty:
        return pd.DataFrame(columns=columns)
    years = record_years(dataset) if years is None else years
    status = statuses(dataset, filtered.filters.date_to)
    rows = []
    for thread_id, group in demands.groupby("thread_id", sort=False):
        per_year = group["statement_date"].dt.year.value_counts()
        state, since = status[thread_id]
        rows.append({
            "thread_id": thread_id, "title": threads.at[thread_id, "title"],
            "category": dataset.schema.term("category", str(threads.at[thread_id, "category"])),
            "status": status_label(state),
            "demands": len(group), "issuers": len({a for ids in group["issuer_ids"] for a in ids}),
            "first": group["statement_date"].min().strftime("%Y-%m-%d"),
            "last": group["statement_date"].max().strftime("%Y-%m-%d"),
            "per_year": [int(per_year.get(y, 0)) for y in years],
            "status_since": since.strftime("%Y-%m-%d") if pd.notna(since) else "",
        })
    listed = pd.DataFrame(rows, columns=columns)
    return listed.sort_values(["issuers", "demands", "first"], ascending=[False, False, True]).reset_index(drop=True)


def record_years(dataset: Dataset) -> range:
    """The years the record's statements span: the list's per-year bars."""
    dates = dataset.statements["date"]
    return range(dates.min().year, dates.max().year + 1)


def thread_menu(listed: pd.DataFrame, dataset: Dataset, wanted: str | None) -> Menu:
    """The listed threads (``thread_list``), in its order, opened at ``wanted`` (a ``?thread=`` deep link)."""
    return menu(dict(zip(listed["thread_id"], listed["title"])),
                dict(zip(dataset.threads["thread_id"], dataset.threads["title"])), wanted, "thread")


@dataclass(frozen=True)
class ThreadView:
    thread_id: str
    title: str
    category: str  # its name, as pages show it
    description: str
    status: str
    status_since: str
    places: str  # names
    addressees: str  # names
    raised_by: pd.DataFrame  # one row per demand, date order: who, when, first or repeated, quote, source
    updates: pd.DataFrame  # status changes, date order, with their evidence and who judged
    events: pd.DataFrame  # the events that bear on it: referred to by its demands or cited as evidence
    timeline: pd.DataFrame  # demands, events and status changes as one dated list (see thread_figure)
    map_filtered: Filtered  # its statements, demands, events and places, as the map takes them


def thread_view(dataset: Dataset, thread_id: str) -> ThreadView | None:
    threads = dataset.threads.set_index("thread_id")
    if thread_id not in threads.index:
        return None
    t = threads.loc[thread_id]
    actors, short, places = actor_names(dataset), actor_names(dataset, short=True), place_names(dataset)
    demands = dataset.demands_full
    demands = demands[demands["thread_id"] == thread_id].sort_values(["statement_date", "demand_id"])
    first = demands["statement_date"].min()
    raised_by = pd.DataFrame({
        "date": [date_label(s, e, p) for s, e, p in zip(demands["statement_date"], demands["statement_date_end"],
                                                         demands["statement_time_precision"])],
        "issuer": [" + ".join(short.get(a, a) for a in ids) for ids in demands["issuer_ids"]],
        "role": ["first" if d == first else "repeated" for d in demands["statement_date"]],
        "demand": demands["demand"], "quote": demands["quote"],
        "addressed_to": ["; ".join(actors.get(a, a) for a in ids) for ids in demands["addressee_ids"]],
        "statement": demands["statement_title"],
        "statement_link": ["Statements?" + urlencode({"statement": s}) for s in demands["statement_id"]],
        "source_url": demands["source_url"],
    })
    updates = dataset.thread_updates
    updates = updates[updates["thread_id"] == thread_id].sort_values("date", kind="stable")
    event_titles = dict(zip(dataset.events["event_id"], dataset.events["title"]))
    statement_titles = dict(zip(dataset.statements["statement_id"], dataset.statements["title"]))
    source_titles = dict(zip(dataset.sources["source_id"], dataset.sources["title"]))
    evidence = ["; ".join([*(event_titles.get(e, e) for e in ev), *(statement_titles.get(s, s) for s in st),
                           *(source_titles.get(s, s) for s in so)])
                for ev, st, so in zip(updates["evidence_event_ids"], updates["evidence_statement_ids"],
                                      updates["evidence_source_ids"])]
    update_table = pd.DataFrame({"date": updates["date"].dt.strftime("%Y-%m-%d"),
                                 "status": updates["status"].map(status_label), "why": updates["note"],
                                 "evidence": evidence, "judged_by": updates["judged_by"]})
    referred = {e for ids in demands["event_ids"] for e in ids}
    cited = {e for ids in updates["evidence_event_ids"] for e in ids}
    events = dataset.events[dataset.events["event_id"].isin(referred | cited)].sort_values("date")
    event_table = pd.DataFrame({
        "date": [date_label(e.date, e.date_end, e.time_precision) for e in events.itertuples()],
        "event": events["title"], "type": events["event_type"].astype(str),
        "bears_on_it_as": ["evidence of a status change" if e in cited else "referred to by a demand"
                           for e in events["event_id"]],
        "places": ["; ".join(places.get(p, p) for p in ids) for ids in events["place_ids"]],
    })
    status, since = statuses(dataset)[thread_id]
    return ThreadView(
        thread_id=thread_id, title=t["title"], category=dataset.schema.term("category", str(t["category"])),
        description=t["description"],
        status=status, status_since=since.strftime("%Y-%m-%d") if pd.notna(since) else "",
        places="; ".join(places.get(p, p) for p in t["place_ids"]),
        addressees="; ".join(actors.get(a, a) for a in t["addressee_ids"]),
        raised_by=raised_by.reset_index(drop=True), updates=update_table.reset_index(drop=True),
        events=event_table.reset_index(drop=True),
        timeline=_timeline(demands, events, updates, short),
        map_filtered=_map_filtered(dataset, t, demands, events))


def _timeline(demands: pd.DataFrame, events: pd.DataFrame, updates: pd.DataFrame, short: dict[str, str]
              ) -> pd.DataFrame:
    rows = [{"row": "Raised", "date": d, "label": " + ".join(short.get(a, a) for a in ids), "detail": text,
             "colour": STATEMENT_COLOUR}
            for d, ids, text in zip(demands["statement_date"], demands["issuer_ids"], demands["demand"])]
    rows += [{"row": "Events", "date": d, "label": str(kind), "detail": title,
              "colour": TYPE_COLOURS.get(str(kind), "#52606d")}
             for d, kind, title in zip(events["date"], events["event_type"], events["title"])]
    rows += [{"row": "Status", "date": d, "label": status_label(s), "detail": note,
              "colour": STATUS_COLOURS.get(s, "#52606d")}
             for d, s, note in zip(updates["date"], updates["status"], updates["note"])]
    return pd.DataFrame(rows, columns=["row", "date", "label", "detail", "colour"])


def _map_filtered(dataset: Dataset, thread: pd.Series, demands: pd.DataFrame, events: pd.DataFrame) -> Filtered:
    """The thread as the map's functions take a filtered view: its demands and events, and only the mentions
    of its own places (its statements name others that are not its concern)."""
    wanted = set(thread["place_ids"]) | {p for ids in demands["place_ids"] for p in ids} \
        | {p for ids in events["place_ids"] for p in ids}
    statement_ids = set(demands["statement_id"])
    statements = dataset.statements
    mentions = dataset.mention_places
    return Filtered(statements=statements[statements["statement_id"].isin(statement_ids)],
                    demands=demands, events=events,
                    mentions=mentions[mentions["statement_id"].isin(statement_ids) & mentions["place_id"].isin(wanted)],
                    filters=Filters())


def thread_figure(timeline: pd.DataFrame) -> go.Figure:
    """Who raised it, the events and the status changes on one time axis, one row each, statuses in the
    legend by colour; hover text escaped."""
    fig = go.Figure()
    for row in ("Raised", "Events", "Status"):
        items = timeline[timeline["row"] == row]
        groups = items.groupby("label", sort=False) if row == "Status" else [(row, items)]
        for label, group in groups:
            if group.empty:
                continue
            fig.add_trace(go.Scatter(
                x=group["date"], y=[row] * len(group), mode="markers", name=html.escape(label),
                marker={"size": 14 if row == "Status" else 11, "color": list(group["colour"]),
                        "symbol": "diamond" if row == "Status" else "circle", "line": {"color": "white", "width": 1}},
                hovertext=[f"<b>{html.escape(text)}</b> · {d:%d %b %Y}<br>{html.escape(_short(detail))}"
                           for text, d, detail in zip(group["label"], group["date"], group["detail"])],
                hoverinfo="text", showlegend=row == "Status"))
    fig.update_layout(height=260, hoverlabel=HOVER, plot_bgcolor="white", margin={"l": 10, "r": 10, "t": 20, "b": 10},
                      yaxis={"categoryorder": "array", "categoryarray": ["Raised", "Events", "Status"]},
                      xaxis={"showgrid": True, "gridcolor": "#e4e7eb"},
                      legend={"orientation": "h", "y": -0.2, "title": {"text": "Status: "}})
    return fig


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def addressee_ledger(dataset: Dataset, thread_ids, as_of: date) -> pd.DataFrame:
    """For each addressee, the threads asked of it (by the thread or by any of its demands) still open on
    ``as_of``, and how long since each was first raised; the longest-kept waiting first."""
    actors = actor_names(dataset)
    threads = dataset.threads.set_index("thread_id")
    demands = _threaded(dataset.demands_full)
    demands = demands[demands["statement_date"] <= pd.Timestamp(as_of)]
    status = statuses(dataset, as_of)
    rows = []
    for thread_id, group in demands[demands["thread_id"].isin(set(thread_ids))].groupby("thread_id"):
        state, _ = status[thread_id]
        if state not in OPEN:
            continue
        since = group["statement_date"].min()
        asked = set(threads.at[thread_id, "addressee_ids"]) | {a for ids in group["addressee_ids"] for a in ids}
        for actor in asked:
            rows.append({"addressee": actors.get(actor, actor), "thread": threads.at[thread_id, "title"],
                         "status": status_label(state), "open_since": since.strftime("%Y-%m-%d"),
                         "years_open": round((pd.Timestamp(as_of) - since).days / 365.25, 1),
                         "thread_id": thread_id})
    ledger = pd.DataFrame(rows, columns=["addressee", "thread", "status", "open_since", "years_open", "thread_id"])
    if ledger.empty:
        return ledger
    ledger["open_threads"] = ledger.groupby("addressee")["thread_id"].transform("size")
    return (ledger.sort_values(["open_threads", "addressee", "years_open"], ascending=[False, True, False])
            .reset_index(drop=True))


def ledger_summary(ledger: pd.DataFrame) -> pd.DataFrame:
    """One row per addressee of ``addressee_ledger``: how many threads asked of it are open, and the one
    open longest."""
    columns = ["addressee", "open_threads", "longest_open_years", "longest_open"]
    if ledger.empty:
        return pd.DataFrame(columns=columns)
    oldest = ledger.sort_values("years_open", ascending=False, kind="stable").groupby("addressee", sort=False).first()
    summary = pd.DataFrame({"open_threads": ledger.groupby("addressee").size(),
                            "longest_open_years": oldest["years_open"], "longest_open": oldest["thread"]})
    return (summary.rename_axis("addressee").reset_index()
            .sort_values(["open_threads", "longest_open_years", "addressee"], ascending=[False, False, True])
            .reset_index(drop=True)[columns])
