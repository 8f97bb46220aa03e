"""The timeline figure: rows by event type and issuer, approximate dates apart, escaped hovers, aggregation."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from atlas.dataset.loader import load_dataset
from atlas.filters import Filters, apply_filters
from atlas.views.timeline import (
    DrawnSpan,
    dense_span,
    drawn_span,
    item_details,
    selected_items,
    selected_range,
    timeline_figure,
)
from tests.helpers import FIXTURE as DATA

DATASET = load_dataset(DATA)


def test_rows_points_and_bars():
    fig = timeline_figure(DATASET, apply_filters(DATASET, Filters()))
    rows = fig.layout.yaxis.categoryarray
    assert "Battles" in rows and any(r.startswith("Statements ·") for r in rows)
    markers = [t for t in fig.data if t.mode == "markers"]
    approx = [t for t in markers if "approximate" in (t.name or "")]
    assert approx and all(t.marker.symbol == "diamond-open" for t in approx)
    assert all(t.marker.color != "white" for t in approx)  # an open symbol is drawn in its marker colour
    bars = [t for t in fig.data if t.mode == "lines"]
    assert any(t.line.dash == "dot" for t in bars)  # an uncertain window drawn dotted
    assert fig.layout.dragmode == "select"


def test_hover_is_escaped(tmp_path):
    import shutil

    from tests.helpers import rewrite

    data_copy = tmp_path / "data"
    shutil.copytree(DATA, data_copy)  # the seed dataset: few enough events to draw one by one
    rewrite(data_copy / "events.csv", "unscr-2254", title="<img src=x onerror=alert(1)> & co")
    hostile = load_dataset(data_copy)
    fig = timeline_figure(hostile, apply_filters(hostile, Filters()))
    hovers = [h for t in fig.data if t.text is not None for h in t.text]
    assert any("&lt;img src=x onerror=alert(1)&gt; &amp; co" in h for h in hovers)
    assert not any("<img" in h for h in hovers)
    assert all(h.count("<b>") == 1 for h in hovers)


def test_dense_data_is_counted_per_period():
    fig = timeline_figure(DATASET, apply_filters(DATASET, Filters()), dense=5)
    assert all(t.type == "bar" for t in fig.data)
    assert "counted per" in fig.layout.title.text


def test_empty_selection_and_box_selection():
    assert selected_range(None) is None and selected_range({"points": [], "box": []}) is None
    span = selected_range({"box": [{"x": ["2016-08-20 10:00", "2016-09-30"]}], "points": []})
    assert span == (pd.Timestamp("2016-08-20"), pd.Timestamp("2016-09-30"))


BOX = {"box": [{"x": ["2016-08-20 10:00", "2016-09-30"]}], "points": []}
CLICK = {"box": [], "points": [{"customdata": ["event", "x"]}]}
EMPTY = {"box": [], "points": [], "point_indices": [], "lasso": []}


@pytest.mark.parametrize("selection, dates, previous, expected", [
    # a box narrows the dates and remembers those it replaced
    (BOX, (None, None), None, DrawnSpan(date(2016, 8, 20), date(2016, 9, 30), (None, None))),
    (BOX, (date(2015, 1, 1), None), None, DrawnSpan(date(2016, 8, 20), date(2016, 9, 30), (date(2015, 1, 1), None))),
    # a span drawn inside one still in force goes back to the dates before both
    (BOX, (date(2016, 1, 1), date(2016, 12, 31)), DrawnSpan(date(2016, 1, 1), date(2016, 12, 31), (None, None)),
     DrawnSpan(date(2016, 8, 20), date(2016, 9, 30), (None, None))),
    # ... but not one the dates were changed from since
    (BOX, (date(2016, 2, 1), None), DrawnSpan(date(2016, 1, 1), date(2016, 12, 31), (None, None)),
     DrawnSpan(date(2016, 8, 20), date(2016, 9, 30), (date(2016, 2, 1), None))),
    # the empty selection of a redrawn chart, and a click on a mark, change no date
    (EMPTY, (date(2016, 1, 1), date(2016, 12, 31)), DrawnSpan(date(2016, 1, 1), date(2016, 12, 31), (None, None)),
     None),
    (CLICK, (None, None), None, None),
    (None, (None, None), None, None),
])
def test_a_drawn_span_is_acted_on_only_when_a_box_is_drawn(selection, dates, previous, expected):
    assert drawn_span(selection, dates, previous) == expected


def test_a_drawn_span_is_in_force_while_the_dates_are_its_own():
    span = DrawnSpan(date(2016, 8, 20), date(2016, 9, 30), (None, None))
    assert span.in_force((date(2016, 8, 20), date(2016, 9, 30)))
    assert not span.in_force((date(2016, 8, 20), None)) and not span.in_force((None, None))


def test_the_timeline_opens_where_the_items_are():
    # the seed fixture's 1970 coup would stretch the axis over 45 years
    fig = timeline_figure(DATASET, apply_filters(DATASET, Filters()))
    start, end = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert pd.Timestamp("2015-01-01") < start < pd.Timestamp("2016-01-01") and end > pd.Timestamp("2024-12-01")
    assert any("1 item earlier" in a.text for a in fig.layout.annotations)
    drawn = [x for t in fig.data if t.x is not None for x in t.x if x is not None]
    assert pd.Timestamp("1970-11-13") in [pd.Timestamp(x) for x in drawn]  # still drawn, off the opening span


def test_dense_span_keeps_everything_without_far_outliers():
    starts = pd.Series(pd.to_datetime(["2011-03-15", "2012-05-25", "2013-08-21", "2016-09-12", "2024-12-08"]))
    low, high, before, after = dense_span(starts, starts)
    assert (before, after) == (0, 0) and low < starts.min() and high > starts.max()
    starts = pd.concat([pd.Series([pd.Timestamp("1970-11-13")]), starts], ignore_index=True)
    assert dense_span(starts, starts)[2] == 1


def test_approximate_one_day_items_show_the_days_they_may_be(tmp_path):
    import shutil

    from tests.helpers import rewrite

    shutil.copytree(DATA, tmp_path / "data")
    rewrite(tmp_path / "data" / "events.csv", "unscr-2254", time_precision="3")
    dataset = load_dataset(tmp_path / "data")
    fig = timeline_figure(dataset, apply_filters(dataset, Filters()))
    faint = [t for t in fig.data if t.mode == "lines" and t.opacity == 0.35]
    assert len(faint) == 1  # a bar over the month the date may lie in, centred on it
    days = [pd.Timestamp(x) for x in faint[0].x if x is not None]
    assert days == [pd.Timestamp("2015-12-03"), pd.Timestamp("2016-01-02")]


def test_a_clicked_mark_is_an_item_not_a_day():
    click = {"points": [{"x": "2016-09-01", "customdata": ["statement", "snc-fsa-2016-09"]}], "box": []}
    assert selected_range(click) is None
    assert selected_items(click) == [("statement", "snc-fsa-2016-09")]
    details = item_details(DATASET, "statement", "snc-fsa-2016-09")
    assert details["url"].startswith("https://") and details["statement_id"] == "snc-fsa-2016-09"
    event = item_details(DATASET, "event", "unscr-2254")
    assert event["title"] and event["url"].startswith("http")
    assert item_details(DATASET, "event", "nope") is None
