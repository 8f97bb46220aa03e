"""The timeline figure: rows by event type and issuer, approximate dates apart, escaped hovers, aggregation."""
from __future__ import annotations

import pandas as pd

from atlas.dataset.loader import load_dataset
from atlas.filters import Filters, apply_filters
from atlas.views.timeline import selected_range, timeline_figure
from tests.helpers import FIXTURE as DATA

DATASET = load_dataset(DATA)


def test_rows_points_and_bars():
    fig = timeline_figure(DATASET, apply_filters(DATASET, Filters()))
    rows = fig.layout.yaxis.categoryarray
    assert "Battles" in rows and any(r.startswith("Statements ·") for r in rows)
    markers = [t for t in fig.data if t.mode == "markers"]
    approx = [t for t in markers if "approximate" in (t.name or "")]
    assert approx and all(t.marker.symbol == "circle-open-dot" for t in approx)
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
