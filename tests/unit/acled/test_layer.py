"""The in-memory ACLED layer: every answer checked against plain pandas over the same events."""
from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlas.acled.layer import (
    event_rows,
    load_layer,
    map_layer,
    map_sites,
    period_counts,
    select,
    site_summary,
    sites_script,
    totals,
)
from atlas.acled.store import take_rows
from atlas.acled.wordindex import index_terms
from atlas.filters import Filters
from tests.helpers import FIXTURE, site_totals, stored_events, synthetic_layer


@pytest.fixture(scope="module")
def layer_dir(tmp_path_factory):
    return synthetic_layer(tmp_path_factory.mktemp("layer"), 3000, seed=3)


@pytest.fixture(scope="module")
def layer(layer_dir):
    return load_layer(layer_dir)


@pytest.fixture(scope="module")
def frame(layer):
    out = stored_events(layer)
    out["event_date"] = pd.to_datetime(out["event_date"])
    for column in out.columns:
        if isinstance(out[column].dtype, pd.CategoricalDtype):
            out[column] = out[column].astype(str)
    text = (out["notes"] + " " + out["actor1"] + " " + out["assoc_actor_1"] + " " + out["actor2"] + " "
            + out["assoc_actor_2"] + " " + out["location"])
    out["words"] = text.map(lambda t: set(index_terms(t)))
    return out


def reference(frame: pd.DataFrame, layer, f: Filters, pcodes: set[str]) -> np.ndarray:
    """The filter written the obvious way, over a DataFrame."""
    keep = pd.Series(True, index=frame.index)
    if f.date_from:
        keep &= frame["event_date"] >= pd.Timestamp(f.date_from)
    if f.date_to:
        keep &= frame["event_date"] <= pd.Timestamp(f.date_to)
    if f.places or pcodes:
        keep &= frame["place_id"].isin(f.places) | frame["admin1_pcode"].isin(pcodes)
    if f.actors:
        names = {layer.actors[a] for a in f.actors}
        keep &= frame["actor1"].isin(names) | frame["actor2"].isin(names)
    if f.event_types:
        keep &= frame["event_type"].isin(f.event_types)
    for word in index_terms(f.q) if f.q else []:  # every word, as the start of a word in the event's text
        keep &= frame["words"].map(lambda ws: any(w.startswith(word) for w in ws))
    return np.flatnonzero(keep.to_numpy())


def filters_strategy(layer):
    places = sorted(set(layer.sites["place_id"]) - {""})
    actors = list(layer.actors)
    vocabulary = list(layer.words.vocab[::40]) + ["shel", "zzzz", "on", "the"]
    start = date(2016, 12, 1)
    day = st.integers(0, 9 * 366).map(lambda n: start + timedelta(days=n))
    return st.builds(
        lambda d1, d2, p, a, t, q: Filters(date_from=d1, date_to=d2, places=tuple(p), actors=tuple(a),
                                           event_types=tuple(t), q=q),
        st.none() | day, st.none() | day,
        st.lists(st.sampled_from(places), max_size=3, unique=True),
        st.lists(st.sampled_from(actors), max_size=2, unique=True),
        st.lists(st.sampled_from(layer.types), max_size=2, unique=True),
        st.just("") | st.lists(st.sampled_from(vocabulary), min_size=1, max_size=2).map(" ".join),
    )


def test_event_types_are_the_datasets_typology_in_its_order(layer):
    from atlas.dataset.schema import load_schema

    assert layer.types == list(load_schema(FIXTURE).acled_event_types)
    assert layer.event_types <= set(layer.types)


def test_select_agrees_with_pandas_on_random_filters(layer, frame):
    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(filters_strategy(layer), st.sets(st.sampled_from(["SY02", "SY07", "SY09"]), max_size=1))
    def check(f, pcodes):
        got = select(layer, f, pcodes)
        assert np.array_equal(got, reference(frame, layer, f, pcodes))
        assert np.all(np.diff(got) > 0)  # ascending: date order
    check()


def test_date_bounds_are_inclusive(layer, frame):
    day = frame["event_date"].iloc[len(frame) // 2].date()
    rows = select(layer, Filters(date_from=day, date_to=day))
    assert len(rows) == (frame["event_date"].dt.date == day).sum() > 0


def test_site_summary_and_totals_match_groupby(layer, frame):
    rows = select(layer, Filters(event_types=("Battles", "Protests")))
    summary = site_summary(layer, rows).set_index("site_id")
    part = frame.iloc[rows]
    expected = part.groupby("site_id").agg(events=("event_id_cnty", "size"), fatalities=("fatalities", "sum"))
    assert summary["events"].to_dict() == expected["events"].to_dict()
    assert summary["fatalities"].to_dict() == expected["fatalities"].to_dict()
    assert summary["Battles"].sum() == (part["event_type"] == "Battles").sum()
    assert summary["Riots"].sum() == 0
    assert totals(layer, rows) == {"events": len(part), "fatalities": int(part["fatalities"].sum()),
                                   "sites": part["site_id"].nunique()}


def test_period_counts_are_weekly_for_short_spans_and_monthly_for_long(layer, frame):
    unit, counts = period_counts(layer, select(layer, Filters()))
    assert unit == "month"
    monthly = frame.groupby(frame["event_date"].dt.to_period("M")).size()
    assert counts[layer.types].sum(axis=1).tolist() == monthly.reindex(
        pd.period_range(monthly.index.min(), monthly.index.max(), freq="M"), fill_value=0).tolist()
    rows = select(layer, Filters(date_from=date(2020, 1, 1), date_to=date(2020, 12, 31)))
    unit, counts = period_counts(layer, rows)
    assert unit == "week" and (counts["period"].dt.day_of_week == 0).all()  # weeks start on Monday
    assert int(counts[layer.types].to_numpy().sum()) == len(rows)
    assert period_counts(layer, rows[:0])[1].empty


def test_the_map_draws_every_site_and_sends_codes_and_counts_only(layer):
    import json

    from geo.maps.view import CANVAS_SITES, EventSitesLayer

    rows = select(layer, Filters())
    summary = site_summary(layer, rows)
    sites = map_sites(layer, rows, typed=10)
    assert len(sites["code"]) == len(summary) and sum(sites["n"]) == len(rows)  # none left out
    assert sites["code"] == sorted(summary["code"])
    busiest = set(summary["code"].head(10))
    assert {sites["code"][i] for i in sites["types"]} == busiest  # the busiest carry their counts per type
    assert all(sum(counts) == sites["n"][i] for i, counts in sites["types"].items())
    options, note = map_layer(layer, rows)
    assert len(options["event_sites"]["code"]) == len(summary)
    assert f"{len(rows):,} events at {len(summary):,} places" in note and "synthetic.csv" in note
    name, script = options["sites_script"]
    assert name == sites_script(layer)[0] and name.startswith("atlas/sites-")
    table = json.loads(script.split(" = ", 2)[-1].rstrip(";\n"))
    assert [row[0] for row in table] == layer.sites["name"].tolist()
    payload = json.loads(EventSitesLayer(sites, layer.types, 5.0, name).payload)
    assert np.cumsum(payload["c"]).tolist() == sites["code"]
    busy = (np.cumsum(payload["ti"]) - 1).tolist()  # positions of the sites sent with counts per type
    assert busy == sorted(sites["types"]) and payload["t"] == [sites["types"][i] for i in busy]
    assert site_totals(payload) == sites["n"]  # the busiest's totals are the sums of their counts per type
    assert set(payload) == {"types", "colour", "radius", "key", "canvas", "c", "n", "f", "t", "ti", "words"}
    # no names: the words are the interface's own, the same whatever the layer holds
    assert set(payload["words"]) == {"line", "by_type", "linked", "unlinked"}
    assert not {w for text in payload["words"].values() for w in text.split()} & set(layer.sites["name"])
    assert payload["canvas"] == (len(sites["code"]) > CANVAS_SITES)
    assert [row[4] for row in table] == layer.sites["place_id"].tolist()  # a click on a site names its place


def test_event_rows_are_latest_first_and_capped(layer, frame):
    rows = select(layer, Filters(q="fatalities"))
    table = event_rows(layer, rows, limit=25)
    assert len(table) == 25
    assert list(table["event_id_cnty"]) == list(frame.iloc[rows[::-1][:25]]["event_id_cnty"])
    assert len(event_rows(layer, rows, limit=None)) == len(rows)


def test_each_event_keeps_the_notes_of_its_newest_copy(layer, layer_dir):
    """The notes are stored in the export's order, apart from the sorted events: each must come back with its
    own event, the newest copy's when an id repeats."""
    source = pd.read_csv(layer_dir.parent / "synthetic.csv", dtype=str, keep_default_na=False)
    source = source[source["country"] == "Syria"].assign(stamp=lambda f: f["timestamp"].astype(int))
    newest = source.sort_values("stamp", kind="stable").drop_duplicates("event_id_cnty", keep="last")
    stored = stored_events(layer).set_index("event_id_cnty")["notes"]
    assert len(stored) == len(newest) and stored.index.is_unique
    assert stored.to_dict() == newest.set_index("event_id_cnty")["notes"].to_dict()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 9), min_size=1, max_size=6), st.data())
def test_rows_are_taken_chunk_by_chunk_as_from_the_joined_column(sizes, data):
    column = pa.chunked_array([pa.array([f"{k}-{i}" for i in range(n)], pa.string()) for k, n in enumerate(sizes)],
                              type=pa.string())
    rows = data.draw(st.lists(st.integers(0, max(len(column) - 1, 0)), max_size=20 if len(column) else 0))
    taken = take_rows(column, np.array(rows, dtype=np.int64))
    assert taken.type == column.type and taken.to_pylist() == [column.to_pylist()[r] for r in rows]
