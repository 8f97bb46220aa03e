"""Demand threads: the same ask followed across issuers and years, and what became of it.

A thread's status on a day is its latest status change on or before that day (``raised`` from its first
demand when none is recorded). Open statuses are those where the ask still stands: raised, acknowledged,
partly met, rejected. The list and the ledger (``atlas.views.ledger``) follow the shared filters (the
threads the filtered demands raise, their status as of the record's last day or the filters' last day when
earlier); one thread is always shown whole.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go

from atlas import i18n, settings
from atlas.dataset.loader import Dataset, actor_names, place_names
from atlas.dataset.schema import Schema, load_schema
from atlas.dataset.values import date_label, ours, ours_column, ours_titles
from atlas.filters import Filtered, Filters
from atlas.i18n import N_, _
from atlas.views.coverage import record_end
from atlas.views.menu import Menu, menu
from atlas.views.timeline import STATEMENT_COLOUR, TYPE_COLOURS, date_axis, event_type_name, hover_label

OPEN = ("raised", "acknowledged", "partly-met", "rejected")
STATUS_COLOURS = {"raised": "#52606d", "acknowledged": "#0072B2", "partly-met": "#56B4E9", "met": "#009E73",
                  "rejected": "#D55E00", "dropped": "#999999", "superseded": "#CC79A7"}


def as_of_day(filters: Filters, dataset: Dataset) -> date:
    """The day statuses are read on and open asks counted to: the record's last day, or the filters' last
    day when that is earlier (the record says nothing of the days after its end)."""
    end = record_end(dataset)
    return min(filters.date_to, end) if filters.date_to else end


def as_of_words(as_of: date, dataset: Dataset) -> str:
    """Which day ``as_of_day`` is, in words, for captions: "18 Feb 2026, the record's last day"."""
    if as_of == record_end(dataset):
        return _("{day}, the record's last day").format(day=day_words(as_of))
    return _("{day}, the last day of the filters").format(day=day_words(as_of))


def day_words(day: date) -> str:
    """A day as captions and sentences write it: "2 Jul 2026" as it always was in English ("Sep", where the
    locale would write "Sept"), "2 تموز 2026" in Arabic."""
    return f"{day:%-d %b %Y}" if i18n.current() == "en" else i18n.short_day(day)


def status_label(status: str, schema: Schema | None = None) -> str:
    """A thread status as pages show it: "Partly met"; in Arabic its name in the vocabulary (``schema``'s, the
    bundled descriptor's by default)."""
    if i18n.current() == "en":
        return status.replace("-", " ").capitalize()
    return (schema or load_schema(settings.DEFAULT_DATA_DIR)).term("thread_status", status)


def thread_title(threads: pd.DataFrame, thread_id: str) -> str:
    """A thread's title in the language in force (``threads`` indexed by thread id)."""
    arabic = threads.at[thread_id, "title_ar"] if "title_ar" in threads.columns else ""
    return ours(threads.at[thread_id, "title"], arabic)


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
    year of the record), how many issuers, first and last, status as of ``as_of_day``."""
    demands = _threaded(filtered.demands)
    threads = dataset.threads.set_index("thread_id")
    columns = ["thread_id", "title", "per_year", "issuers", "demands", "first", "last", "status", "category",
               "status_since"]
    if demands.empty:
        return pd.DataFrame(columns=columns)
    years = record_years(dataset) if years is None else years
    status = statuses(dataset, as_of_day(filtered.filters, dataset))
    rows = []
    for thread_id, group in demands.groupby("thread_id", sort=False):
        per_year = group["statement_date"].dt.year.value_counts()
        state, since = status[thread_id]
        rows.append({
            "thread_id": thread_id, "title": thread_title(threads, thread_id),
            "category": dataset.schema.term("category", str(threads.at[thread_id, "category"])),
            "status": status_label(state, dataset.schema),
            "demands": len(group), "issuers": len({a for ids in group["issuer_ids"] for a in ids}),
            "first": group["statement_date"].min().strftime("%Y-%m-%d"),
            "last": group["statement_date"].max().strftime("%Y-%m-%d"),
            "per_year": [int(per_year.get(y, 0)) for y in years],
            "status_since": since.strftime("%Y-%m-%d") if pd.notna(since) else "",
        })
    listed = pd.DataFrame(rows, columns=columns)
    return listed.sort_values(["issuers", "demands", "first"], ascending=[False, False, True]).reset_index(drop=True)


def per_year_peak(listed: pd.DataFrame) -> int:
    """The most times one listed thread was raised in one year: the top of every row's per-year bars, one
    scale for all."""
    return max((max(counts) for counts in listed["per_year"] if len(counts)), default=0)


def record_years(dataset: Dataset) -> range:
    """The years the record's statements span: the list's per-year bars."""
    dates = dataset.statements["date"]
    return range(dates.min().year, dates.max().year + 1)


def thread_menu(listed: pd.DataFrame, dataset: Dataset, wanted: str | None) -> Menu:
    """The listed threads (``thread_list``), in its order, opened at ``wanted`` (a ``?thread=`` deep link)."""
    return menu(dict(zip(listed["thread_id"], listed["title"])), ours_titles(dataset.threads, "thread_id"), wanted,
                "thread")


@dataclass(frozen=True)
class ThreadView:
    thread_id: str
    title: str  # in the language in force
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
        "role": [_("first") if d == first else _("repeated") for d in demands["statement_date"]],
        "demand": ours_column(demands, "demand"), "quote": demands["quote"],
        "asked_of": ["; ".join(actors.get(a, a) for a in ids) for ids in demands["addressee_ids"]],
        "statement": ours_column(demands, "statement_title"),
        "statement_link": ["Statements?" + urlencode({"statement": s}) for s in demands["statement_id"]],
        "source_url": demands["source_url"],
    })
    updates = dataset.thread_updates
    updates = updates[updates["thread_id"] == thread_id].sort_values("date", kind="stable")
    event_titles = ours_titles(dataset.events, "event_id")
    statement_titles = ours_titles(dataset.statements, "statement_id")
    source_titles = dict(zip(dataset.sources["source_id"], dataset.sources["title"]))
    evidence = ["; ".join([*(event_titles.get(e, e) for e in ev), *(statement_titles.get(s, s) for s in st),
                           *(source_titles.get(s, s) for s in so)])
                for ev, st, so in zip(updates["evidence_event_ids"], updates["evidence_statement_ids"],
                                      updates["evidence_source_ids"])]
    update_table = pd.DataFrame({"date": updates["date"].dt.strftime("%Y-%m-%d"),
                                 "status": [status_label(s, dataset.schema) for s in updates["status"]],
                                 "why": updates["note"],
                                 "evidence": evidence, "judged_by": updates["judged_by"]})
    referred = {e for ids in demands["event_ids"] for e in ids}
    cited = {e for ids in updates["evidence_event_ids"] for e in ids}
    events = dataset.events[dataset.events["event_id"].isin(referred | cited)].sort_values("date")
    event_table = pd.DataFrame({
        "date": [date_label(e.date, e.date_end, e.time_precision) for e in events.itertuples()],
        "event": ours_column(events, "title"),
        "type": [event_type_name(t, dataset.schema) for t in events["event_type"].astype(str)],
        "bears_on_it_as": [_("evidence of a status change") if e in cited else _("referred to by a demand")
                           for e in events["event_id"]],
        "places": ["; ".join(places.get(p, p) for p in ids) for ids in events["place_ids"]],
    })
    status, since = statuses(dataset)[thread_id]
    return ThreadView(
        thread_id=thread_id, title=thread_title(threads, thread_id),
        category=dataset.schema.term("category", str(t["category"])),
        description=ours(t["description"], t.get("description_ar", "")),  # no Arabic kept yet: marked so
        status=status, status_since=since.strftime("%Y-%m-%d") if pd.notna(since) else "",
        places="; ".join(places.get(p, p) for p in t["place_ids"]),
        addressees="; ".join(actors.get(a, a) for a in t["addressee_ids"]),
        raised_by=raised_by.reset_index(drop=True), updates=update_table.reset_index(drop=True),
        events=event_table.reset_index(drop=True),
        timeline=_timeline(demands, events, updates, short, dataset.schema),
        map_filtered=_map_filtered(dataset, t, demands, events))




def _timeline(demands: pd.DataFrame, events: pd.DataFrame, updates: pd.DataFrame, short: dict[str, str],
              schema: Schema | None = None) -> pd.DataFrame:
    """``row`` is the lane's key (Raised, Events, Status); ``label`` and ``detail`` are words, in the language
    in force."""
    rows = [{"row": "Raised", "date": d, "label": " + ".join(short.get(a, a) for a in ids), "detail": text,
             "colour": STATEMENT_COLOUR}
            for d, ids, text in zip(demands["statement_date"], demands["issuer_ids"], ours_column(demands, "demand"))]
    rows += [{"row": "Events", "date": d, "label": event_type_name(kind, schema), "detail": title,
              "colour": TYPE_COLOURS.get(str(kind), "#52606d")}
             for d, kind, title in zip(events["date"], events["event_type"], ours_column(events, "title"))]
    rows += [{"row": "Status", "date": d, "label": status_label(s, schema), "detail": note,
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


RAISED_LANE, EVENTS_LANE = N_("Who raised it"), N_("Events")
MARK_SPAN = 1 / 55  # how much of the time axis one mark covers, about: closer marks in a lane are stacked


def thread_figure(timeline: pd.DataFrame) -> go.Figure:
    """Who raised it, the events and the status changes on one time axis: a lane for the demands, one for
    the events and one per status it went through, top to bottom; in a lane, marks too close to tell apart
    (the demands of one statement, two changes days apart) are stacked, so no mark hides another; the status
    changes joined in date order; every kind of mark in the legend (events by type, statuses by colour);
    hover text escaped."""
    order = [status_label(s) for s in STATUS_COLOURS]  # the labels' order; in Arabic, the bundled names
    changes = timeline[timeline["row"] == "Status"]
    statuses_seen = sorted(set(changes["label"]),
                           key=lambda label: order.index(label) if label in order else len(order))
    lanes = [(_(RAISED_LANE), timeline[timeline["row"] == "Raised"]),
             (_(EVENTS_LANE), timeline[timeline["row"] == "Events"]),
             *[(_("Status: {status}").format(status=label), changes[changes["label"] == label])
               for label in statuses_seen]]
    dates = timeline["date"]
    gap = max((dates.max() - dates.min()) * MARK_SPAN, pd.Timedelta(days=1)) if len(dates) else pd.Timedelta(days=1)
    y = pd.Series(0.0, index=timeline.index)
    ticks, top = [], 0.0
    for lane, items in lanes:
        levels = _stack(items["date"], gap)
        y[items.index] = top - levels * 0.8
        ticks.append((top, lane))
        top -= 0.8 * (int(levels.max()) + 1 if len(levels) else 1) + 0.6
    fig = go.Figure()
    raised = timeline[timeline["row"] == "Raised"]
    if not raised.empty:
        fig.add_trace(_marks(raised, y, _("A demand raising it"), "raised", "", 11, "circle"))
    events = timeline[timeline["row"] == "Events"]
    for kind, group in events.groupby("label", sort=True):
        fig.add_trace(_marks(group, y, kind, "events", _("Events"), 11, "circle"))
    path = changes.sort_values("date", kind="stable")
    if len(path) > 1:  # from one status to the next, under the marks
        fig.add_trace(go.Scatter(x=path["date"], y=y[path.index], mode="lines", hoverinfo="skip", showlegend=False,
                                 line={"color": "#9aa5b1", "width": 1, "dash": "dot"}))
    for label in statuses_seen:
        fig.add_trace(_marks(changes[changes["label"] == label], y, label, "status", _("Status"), 14, "diamond"))
    legend_rows = 1 + max(1, events["label"].nunique(), len(statuses_seen))  # a group's title and its entries
    bottom = 50 + 20 * legend_rows
    fig.update_layout(height=int(60 + 34 * (-top)) + bottom, hoverlabel=hover_label(), plot_bgcolor="white",
                      margin={"l": 10, "r": 10, "t": 20, "b": bottom},
                      yaxis={"tickvals": [t for t, _ in ticks], "ticktext": [name for _, name in ticks],
                             "range": [top + 0.2, 0.6], "showgrid": False, "zeroline": False, "automargin": True},
                      xaxis={"showgrid": True, "gridcolor": "#e4e7eb", **date_axis()},
                      legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom",
                              "groupclick": "toggleitem"})
    return fig


def _stack(dates: pd.Series, gap: pd.Timedelta) -> pd.Series:
    """For marks in one lane: the level each is drawn on, the lowest where it is at least ``gap`` after the
    mark before it on that level (0 for all when none are close)."""
    last: list[pd.Timestamp] = []
    levels = pd.Series(0, index=dates.index, dtype=int)
    for index, day in dates.sort_values(kind="stable").items():
        level = next((k for k, seen in enumerate(last) if day - seen >= gap), len(last))
        last[level:level + 1] = [day]
        levels[index] = level
    return levels


def _marks(group: pd.DataFrame, y: pd.Series, name: str, legend_group: str, group_title: str, size: int,
           symbol: str) -> go.Scatter:
    """One legend entry's marks in ``thread_figure``, at their places ``y``."""
    return go.Scatter(
        x=group["date"], y=y[group.index], mode="markers", name=html.escape(name),
        legendgroup=legend_group, legendgrouptitle={"text": group_title} if group_title else None,
        marker={"size": size, "color": list(group["colour"]), "symbol": symbol,
                "line": {"color": "white", "width": 1}},
        hovertext=[f"<b>{html.escape(text)}</b> · {_hover_day(d)}<br>{html.escape(_short(detail))}"
                   for text, d, detail in zip(group["label"], group["date"], group["detail"])],
        hoverinfo="text")


def _hover_day(day) -> str:
    return f"{day:%d %b %Y}" if i18n.current() == "en" else i18n.short_day(day)


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
