"""The timeline: events by type and statements by issuer, over time, as one plotly figure.

Ranges are bars, single days are points; approximate dates are hollow and
dotted, and the hover says how approximate. Past ``DENSE`` items the figure
switches to counts per week or month, so it stays readable and small.
Hover text comes from the dataset, so it is HTML-escaped.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from atlas import i18n, settings
from atlas.dataset.loader import Dataset, actor_names, place_names
from atlas.dataset.schema import Schema, load_schema
from atlas.dataset.values import date_label, ours
from atlas.filters import Filtered
from atlas.i18n import N_, _, ngettext

DENSE = 300
# Okabe-Ito palette, one colour per ACLED event type; statements in black.
TYPE_COLOURS = {"Battles": "#D55E00", "Explosions/Remote violence": "#E69F00", "Violence against civilians": "#CC79A7",
                "Protests": "#56B4E9", "Riots": "#F0E442", "Strategic developments": "#009E73"}
STATEMENT_COLOUR = "#1f2933"
PRECISION_TEXT = {1: N_("exact day"), 2: N_("approximate: within about a week"),
                  3: N_("approximate: within about a month")}
UNCERTAINTY_DAYS = {2: 3, 3: 15}  # half the span an approximate one-day date may lie in
HOVER = {"font": {"size": 14, "color": "#1f2933"}, "bgcolor": "white", "bordercolor": "#52606d", "align": "left"}
OUTLIER_SHARE = 0.02  # at most this share of items at either end is left outside the span the timeline opens on,
OUTLIER_GAP = pd.Timedelta(days=730)  # each more than two years from the next
STRETCH = 2  # and twice the span of all the rest
# per week or per month, as the counted figures say it: one whole phrase each
PER_UNIT = {"week": {"in": N_("{group}: {count} in the week of {day}"), "per": N_("per week"),
                     "events": N_("events per week"), "title": N_("ACLED events: {n}, counted per week ({source})")},
            "month": {"in": N_("{group}: {count} in the month of {day}"), "per": N_("per month"),
                      "events": N_("events per month"), "title": N_("ACLED events: {n}, counted per month ({source})")}}


def per_unit(unit: str, key: str) -> str:
    """One of ``PER_UNIT``'s words for ``unit`` (week or month), in the language in force."""
    return _(PER_UNIT[unit][key])


def event_type_name(kind: str, schema: Schema | None = None) -> str:
    """An ACLED event type as pages show it: as ACLED writes it in English, its Arabic name in Arabic (from
    ``schema``, the bundled descriptor by default)."""
    if i18n.current() == "en":
        return str(kind)
    return (schema or load_schema(settings.DEFAULT_DATA_DIR)).term("event_type", str(kind))


def hover_label() -> dict:
    """``HOVER`` for the language in force: in Arabic, its lines aligned to the right, where they start."""
    return HOVER if i18n.current() == "en" else {**HOVER, "align": "right"}


def date_axis() -> dict:
    """What a date axis needs in the language in force: nothing in English; in Arabic, dates in figures
    (plotly writes English month names) written in digits, as precise as the zoom."""
    if i18n.current() == "en":
        return {}
    return {"tickformatstops": [{"dtickrange": [None, 86400000 * 27], "value": "%Y-%m-%d"},
                                {"dtickrange": [86400000 * 27, 86400000 * 360], "value": "%Y-%m"},
                                {"dtickrange": [86400000 * 360, None], "value": "%Y"}]}


def _periods(periods: pd.Series, template_day: str) -> tuple[str, dict]:
    """The day of a counted period in a hover: plotly's own English date, or in Arabic ours, as customdata."""
    if i18n.current() == "en":
        return template_day, {}
    return "%{customdata}", {"customdata": [i18n.short_day(d) for d in pd.to_datetime(periods)]}


def _items(dataset: Dataset, filtered: Filtered) -> pd.DataFrame:
    places = place_names(dataset)
    actors = actor_names(dataset, short=True)
    sources = dict(zip(dataset.sources["source_id"], dataset.sources["url"]))
    rows = []
    for e in filtered.events.itertuples():
        name = event_type_name(e.event_type, dataset.schema)
        rows.append({"kind": "event", "id": e.event_id, "row": name, "group": e.event_type, "group_name": name,
                     "start": e.date, "end": e.date_end if pd.notna(e.date_end) else e.date,
                     "precision": int(e.time_precision), "title": ours(e.title, getattr(e, "title_ar", "")),
                     "places": _(", ").join(places.get(p, p) for p in e.place_ids) or _("outside Syria"),
                     "source": sources.get(e.source_ids[0], "") if e.source_ids else ""})
    if i18n.current() == "en":
        mentions = filtered.mentions.groupby("statement_id")["name"].agg(lambda s: ", ".join(dict.fromkeys(s)))
    else:  # the places' names in the language in force
        named = filtered.mentions.assign(name=[places.get(p, n) for p, n in zip(filtered.mentions["place_id"],
                                                                                  filtered.mentions["name"])])
        mentions = named.groupby("statement_id")["name"].agg(lambda s: _(", ").join(dict.fromkeys(s)))
    for s in filtered.statements.itertuples():
        issuers = " + ".join(actors.get(a, a) for a in s.issuer_ids)
        # the row label is drawn by plotly, which reads markup in it: escaped like the hovers
        rows.append({"kind": "statement", "id": s.statement_id,
                     "row": _("Statements · {issuers}").format(issuers=html.escape(issuers)),
                     "group": "Statements", "group_name": _("Statements"),
                     "start": s.date, "end": s.date_end if pd.notna(s.date_end) else s.date,
                     "precision": int(s.time_precision), "title": ours(s.title, getattr(s, "title_ar", "")),
                     "places": mentions.get(s.statement_id, ""), "source": s.source_url})
    return pd.DataFrame(rows)


def _hover(item: dict) -> str:
    when = date_label(item["start"], item["end"] if item["end"] != item["start"] else None, item["precision"])
    precision = PRECISION_TEXT.get(item["precision"], "")
    lines = [f"<b>{html.escape(item['title'])}</b>",
             _("{when} ({precision})").format(when=html.escape(when), precision=_(precision) if precision else ""),
             _("Places: {places}").format(places=html.escape(item["places"] or "—")),
             _("Source: {source}").format(source=html.escape(item["source"] or "—"))]
    return "<br>".join(lines)


def timeline_figure(dataset: Dataset, filtered: Filtered, dense: int = DENSE) -> go.Figure:
    items = _items(dataset, filtered)
    if items.empty:
        fig = go.Figure()
        fig.add_annotation(text=_("Nothing matches these filters."), showarrow=False, font={"size": 16})
        fig.update_layout(height=240, xaxis={"visible": False}, yaxis={"visible": False})
        return fig
    if len(items) > dense:
        return _aggregated(items)
    statement_rows = set(items.loc[items["kind"] == "statement", "row"])
    rows = sorted(items["row"].unique(), key=lambda r: (r in statement_rows, r))
    traces = []  # plain dicts, validated once by go.Figure: building trace objects one by one costs more
    records = items.to_dict("records")
    names = dict(zip(items["group"], items["group_name"]))
    for group in dict.fromkeys(items["group"]):
        colour = STATEMENT_COLOUR if group == "Statements" else TYPE_COLOURS.get(group, "#52606d")
        for exact in (True, False):
            sub = [r for r in records if r["group"] == group and (r["precision"] == 1) == exact]
            if not sub:
                continue
            spans = [r for r in sub if r["end"] > r["start"]]
            if spans:
                traces.append(_lines(spans, lambda r: (r["start"], r["end"]), colour, group, width=10,
                                     dash="solid" if exact else "dot"))
            if not exact:  # a one-day item known to a week or a month: a faint bar over the days it may be
                days = [r for r in sub if r["end"] <= r["start"]]
                if days:
                    traces.append(_lines(days, _uncertainty, colour, group, width=6, opacity=0.35))
            traces.append({
                "type": "scatter", "x": [r["start"] for r in sub], "y": [r["row"] for r in sub], "mode": "markers",
                # an open symbol takes the marker colour for its outline: in white it was invisible
                "marker": {"color": colour, "size": 13 if exact else 14, "line": {"color": colour, "width": 3},
                           "symbol": "circle" if exact else "diamond-open"},
                "name": names[group] if exact else _("{group} (approximate date)").format(group=names[group]),
                "legendgroup": group,
                "text": [_hover(r) for r in sub], "hovertemplate": "%{text}<extra></extra>",
                "customdata": [[r["kind"], r["id"]] for r in sub],
            })
    layout = {
        "height": max(320, 70 + 44 * len(rows)), "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "dragmode": "select", "hovermode": "closest", "plot_bgcolor": "white", "hoverlabel": hover_label(),
        "legend": {"orientation": "h", "y": -0.15, "font": {"size": 13}}, "selectdirection": "h",
        "yaxis": {"categoryorder": "array", "categoryarray": rows[::-1], "title": None, "gridcolor": "#e4e7eb"},
        "xaxis": {"type": "date", "title": None, "gridcolor": "#e4e7eb", **date_axis()},
    }
    return go.Figure(data=traces, layout=_open_on_dense_span(layout, items))


def _lines(items: list[dict], ends, colour: str, group: str, width: int, dash: str = "solid",
           opacity: float = 1.0) -> dict:
    """One line trace of a bar per item, from ``ends(item)`` = (start, end); gaps (None) between the bars."""
    xs, ys = [], []
    for item in items:
        xs += [*ends(item), None]
        ys += [item["row"], item["row"], None]
    trace = {"type": "scatter", "x": xs, "y": ys, "mode": "lines", "hoverinfo": "skip",
             "line": {"color": colour, "width": width, "dash": dash}, "showlegend": False, "legendgroup": group}
    return {**trace, "opacity": opacity} if opacity < 1 else trace


def _uncertainty(item: dict) -> tuple[pd.Timestamp, pd.Timestamp]:
    half = pd.Timedelta(days=UNCERTAINTY_DAYS.get(item["precision"], 0))
    return item["start"] - half, item["start"] + half


def dense_span(starts: pd.Series, ends: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp, int, int]:
    """The span the timeline opens on: all items but the few far outliers that would stretch the axis (a 1970
    coup among 2011-2026 statements), each a long gap away from the rest. Returns (start, end, left out before,
    left out after)."""
    first = sorted(pd.to_datetime(starts))
    last = sorted(pd.to_datetime(ends))
    most = max(1, int(len(first) * OUTLIER_SHARE))
    before = after = 0
    while before < most and len(first) - before > 2 and \
            first[before + 1] - first[before] > max(OUTLIER_GAP, (last[-1] - first[before + 1]) * STRETCH):
        before += 1
    while after < most and len(last) - after > 2 and \
            last[-1 - after] - last[-2 - after] > max(OUTLIER_GAP, (last[-2 - after] - first[before]) * STRETCH):
        after += 1
    low, high = first[before], last[-1 - after]
    pad = pd.Timedelta(days=max(15, round(0.02 * max((high - low).days, 1))))
    return low - pad, high + pad, before, after


def _open_on_dense_span(layout: dict, items: pd.DataFrame) -> dict:
    """``layout`` with the x axis on the dense span and a note at each edge for the items left outside."""
    start, end, before, after = dense_span(items["start"], items["end"])
    layout["xaxis"] = {**layout.get("xaxis", {}), "range": [start, end]}
    for count, x, anchor, arrow in ((before, 0, "left", "◀"), (after, 1, "right", "▶")):
        if count:
            text = (ngettext("{arrow} {n} item earlier: zoom out", "{arrow} {n} items earlier: zoom out", count)
                    if x == 0 else
                    ngettext("{arrow} {n} item later: zoom out", "{arrow} {n} items later: zoom out", count)
                    ).format(arrow=arrow, n=count)
            layout.setdefault("annotations", []).append({
                "text": text, "x": x, "xref": "paper", "y": 1.0, "yref": "paper", "yanchor": "bottom",
                "xanchor": anchor, "showarrow": False, "font": {"size": 12, "color": "#52606d"}})
    return layout


def _aggregated(items: pd.DataFrame) -> go.Figure:
    span_days = (items["end"].max() - items["start"].min()).days
    freq, label = ("W-MON", "week") if span_days <= 3 * 365 else ("MS", "month")
    items = items.assign(period=items["start"].dt.to_period("W" if label == "week" else "M").dt.start_time)
    counts = items.groupby(["period", "group"]).size().rename("count").reset_index()
    fig = go.Figure()
    names = dict(zip(items["group"], items["group_name"]))
    for group, part in counts.groupby("group"):
        colour = STATEMENT_COLOUR if group == "Statements" else TYPE_COLOURS.get(group, "#52606d")
        name = html.escape(names.get(group, group))
        day, data = _periods(part["period"], "%{x|%d %b %Y}")
        fig.add_trace(go.Bar(x=part["period"], y=part["count"], name=name, marker_color=colour, **data,
                             hovertemplate=per_unit(label, "in").format(group=name, count="%{y}", day=day)
                             + "<extra></extra>"))
    title = (ngettext("{n} item, counted per week", "{n} items, counted per week", len(items)) if label == "week"
             else ngettext("{n} item, counted per month", "{n} items, counted per month", len(items)))
    fig.update_layout(barmode="stack", height=420, dragmode="select", selectdirection="h", hoverlabel=hover_label(),
                      margin={"l": 10, "r": 10, "t": 30, "b": 10}, plot_bgcolor="white",
                      title={"text": title.format(n=i18n.count(len(items))), "font": {"size": 14}},
                      xaxis={"type": "date", **date_axis()}, yaxis={"title": per_unit(label, "per")},
                      legend={"orientation": "h", "y": -0.15})
    return fig.update_layout(_open_on_dense_span({}, items))


def around_figure(by_week: pd.DataFrame, source: str) -> go.Figure:
    """ACLED's events per week before (negative weeks) and after (positive) a statement, stacked by type;
    week 0 is the statement's own day or days."""
    fig = go.Figure()
    for column in by_week.columns[1:]:
        if by_week[column].sum():
            name = html.escape(event_type_name(column))
            fig.add_trace(go.Bar(x=by_week["week"], y=by_week[column], name=name,
                                 marker_color=TYPE_COLOURS.get(column, "#52606d"),
                                 hovertemplate=_("{group}: {count} in week {week}").format(
                                     group=name, count="%{y}", week="%{x}") + "<extra></extra>"))
    fig.add_vline(x=0, line={"color": STATEMENT_COLOUR, "width": 2, "dash": "dot"})
    fig.update_layout(barmode="stack", height=300, hoverlabel=hover_label(), plot_bgcolor="white",
                      margin={"l": 10, "r": 10, "t": 30, "b": 10}, legend={"orientation": "h", "y": -0.25},
                      xaxis={"title": _("weeks before (−) and after (+) the statement; 0 is its day"), "dtick": 1},
                      yaxis={"title": _("events")},
                      title={"text": _("Source: {source}").format(source=html.escape(source)), "font": {"size": 12}})
    return fig


def event_counts_figure(unit: str, counts: pd.DataFrame, source: str) -> go.Figure:
    """The imported ACLED events per week or month, stacked by type (from atlas.acled.layer.period_counts)."""
    fig = go.Figure()
    if counts.empty:
        fig.add_annotation(text=_("No ACLED events match these filters."), showarrow=False, font={"size": 16})
        fig.update_layout(height=200, xaxis={"visible": False}, yaxis={"visible": False})
        return fig
    day, data = _periods(counts["period"], "%{x|%d %b %Y}")
    for group in counts.columns[1:]:
        if not counts[group].any():
            continue
        name = html.escape(event_type_name(group))
        hover = per_unit(unit, "in").format(group=name, count="%{y:,}", day=day)
        fig.add_trace(go.Bar(x=counts["period"], y=counts[group], name=name, **data,
                             marker_color=TYPE_COLOURS.get(group, "#52606d"), hovertemplate=hover + "<extra></extra>"))
    total = int(counts.iloc[:, 1:].to_numpy().sum())
    title = per_unit(unit, "title").format(n=i18n.count(total), source=source)
    fig.update_layout(barmode="stack", height=380, dragmode="select", selectdirection="h", bargap=0.1,
                      margin={"l": 10, "r": 10, "t": 40, "b": 10}, plot_bgcolor="white",
                      title={"text": html.escape(title), "font": {"size": 14}},
                      xaxis={"type": "date", **date_axis()},
                      yaxis={"title": per_unit(unit, "events"), "gridcolor": "#e4e7eb"},
                      legend={"orientation": "h", "y": -0.15})
    return fig


def selected_range(selection: dict | None) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The date span a box selection covers, from st.plotly_chart's selection state (a click on a single
    mark selects that item, not its day)."""
    if not selection:
        return None
    xs = [pd.Timestamp(x) for box in selection.get("box") or [] for x in box.get("x", [])]
    if not xs:
        return None
    return min(xs).normalize(), max(xs).normalize()


@dataclass(frozen=True)
class DrawnSpan:
    """Dates narrowed by a span drawn on a chart, and the dates they replaced (``None``: no bound)."""
    start: date
    end: date
    before: tuple[date | None, date | None]

    def in_force(self, dates: tuple[date | None, date | None]) -> bool:
        """Whether the filters' dates are still this span (not changed since by other means)."""
        return dates == (self.start, self.end)


def drawn_span(selection: dict | None, dates: tuple[date | None, date | None],
               previous: DrawnSpan | None) -> DrawnSpan | None:
    """The span a new box selection draws, given the filters' ``dates`` and the span drawn before: a span
    drawn inside one still in force keeps the dates from before the first. None for anything but a box (a
    click on a mark, or the empty selection of a chart redrawn), which never changes the dates."""
    span = selected_range(selection)
    if span is None:
        return None
    before = previous.before if previous is not None and previous.in_force(dates) else dates
    return DrawnSpan(span[0].date(), span[1].date(), before)


def selected_items(selection: dict | None) -> list[tuple[str, str]]:
    """The (kind, id) of the marks clicked, when no box was drawn: "statement" or "event", and the id."""
    if not selection or selection.get("box"):
        return []
    items = [tuple(p["customdata"][:2]) for p in selection.get("points", []) if len(p.get("customdata") or []) >= 2]
    return list(dict.fromkeys(items))


def item_details(dataset: Dataset, kind: str, item_id: str) -> dict | None:
    """What a clicked mark is: title, when, where, and its source's address (http(s) only), for the page."""
    if kind == "statement":
        rows = dataset.statements[dataset.statements["statement_id"] == item_id]
        if rows.empty:
            return None
        s = rows.iloc[0]
        actors = actor_names(dataset)
        return {"title": ours(s["title"], s.get("title_ar", "")),
                "when": date_label(s["date"], s["date_end"], int(s["time_precision"])),
                "who": " + ".join(actors.get(a, a) for a in s["issuer_ids"]), "url": _http(s["source_url"]),
                "statement_id": item_id}
    rows = dataset.events[dataset.events["event_id"] == item_id]
    if rows.empty:
        return None
    e = rows.iloc[0]
    places = place_names(dataset)
    sources = dict(zip(dataset.sources["source_id"], dataset.sources["url"]))
    return {"title": ours(e["title"], e.get("title_ar", "")),
            "when": date_label(e["date"], e["date_end"], int(e["time_precision"])),
            "who": _(", ").join(places.get(p, p) for p in e["place_ids"]) or _("outside Syria"),
            "url": next((u for u in (_http(sources.get(i, "")) for i in e["source_ids"]) if u), ""),
            "statement_id": ""}


def _http(url) -> str:
    url = str(url or "")
    return url if url.startswith(("http://", "https://")) else ""
