"""Who has met what: the addressee scorecard.

An ask is a thread put to one addressee, counted from the day that addressee was first asked
(``views.ledger.first_asked``). Statuses are read on a day of the record, never today. An addressee that ceased to
exist (``actors.active_until``, or that of the body it is part of) keeps its asks as they stood that day: those
still open then are *lapsed*. They pass to a successor only where a demand puts the thread to the successor,
which then has an ask of its own.
"""
from __future__ import annotations

from bisect import bisect_right
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from atlas.briefing.overdue import overdue
from atlas.dataset.loader import Dataset, actor_names
from atlas.i18n import N_, _
from atlas.views.ledger import first_asked
from atlas.views.threads import OPEN, STATUS_COLOURS, status_label

LAPSED = "lapsed"
# The scorecard's order, as the Peace Accords Matrix reads implementation: done first, then under way, then not
SCORE_ORDER = ["met", "partly-met", "acknowledged", "raised", "rejected", "superseded", "dropped", LAPSED]
SCORE_LABELS = {"raised": N_("Raised, unanswered"), LAPSED: N_("Lapsed (addressee ceased)")}


def score_label(status: str) -> str:
    return _(SCORE_LABELS[status]) if status in SCORE_LABELS else status_label(status)


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


def ceased_name(name: str, ceased_on: str) -> str:
    """An addressee's name, and the day it ceased (ISO) if it did: "Assad government (ceased 2024-12-08)"."""
    return _("{name} (ceased {day})").format(name=name, day=ceased_on) if ceased_on else name


def scorecard_on_screen(table: pd.DataFrame) -> pd.DataFrame:
    """The scorecard with its shares as percentages (0-100) and the ceased marked in the addressee's name."""
    out = table.copy()
    out["addressee"] = [ceased_name(n, c) for n, c in zip(out["addressee"], out["ceased"])]
    for status in SCORE_ORDER:
        out[status] = (out[status].astype(float) * 100).round(0)
    return out.drop(columns=["ceased"])


def scorecard_figure(years: pd.DataFrame) -> go.Figure:
    """``scorecard_by_year``'s shares as stacked bars, one per year, in the statuses' colours."""
    # plotly's own placeholders go into the sentence as its values
    hover = _("{share}% of {asks} asks").format(share="%{y:.0f}", asks="%{customdata}") + "<extra></extra>"
    figure = go.Figure([go.Bar(x=years["year"], y=years[s] * 100, name=score_label(s),
                               marker_color=STATUS_COLOURS.get(s, "#bbbbbb"), customdata=years["asks"],
                               hovertemplate=hover)
                        for s in SCORE_ORDER])
    figure.update_layout(barmode="stack", yaxis_title=_("Share of the asks put to it (%)"),
                         xaxis_title=_("End of year"), legend_title_text=_("Status"), height=380,
                         margin=dict(t=20, b=40))
    return figure
