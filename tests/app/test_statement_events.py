"""A statement set against ACLED's events at the places it names, before and after its date."""
from __future__ import annotations

import csv
import io
import shutil
from datetime import date

import pytest

from atlas.acled.importer import import_export
from atlas.acled.layer import events_around, load_layer
from tests.app.test_public_mode import everything_sent
from tests.helpers import FIXTURE, ROOT, app, map_data

EXPORT = ROOT / "tests" / "fixtures" / "acled" / "export.csv"
STATEMENT = "sbc-acs-2024-12-01"  # names Aleppo and the governorates of Aleppo, Hama and Idlib, on 1 December 2024
EVENTS = [  # (id, date, row of export.csv to copy: its place)
    ("SYR501", "2024-11-15", "SYR102"),  # Aleppo, 16 days before
    ("SYR502", "2024-11-28", "SYR101"),  # Idlib: in Idlib governorate, which the statement names
    ("SYR503", "2024-11-29", "SYR103"),  # Daraa: not named
    ("SYR504", "2024-12-01", "SYR102"),  # Aleppo, on the day
    ("SYR505", "2024-12-20", "SYR102"),  # Aleppo, 19 days after
    ("SYR506", "2025-01-15", "SYR102"),  # Aleppo, 45 days after: outside the 30-day window
]


@pytest.fixture
def around_data(tmp_path, monkeypatch):
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(EXPORT.read_text(encoding="utf-8"),
                                                                        newline=""))}
    fields = list(next(iter(rows.values())))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for event_id, day, like in EVENTS:
        writer.writerow(dict(rows[like], event_id_cnty=event_id, event_date=day, year=day[:4],
                             notes=f"Invented note of {event_id}."))
    export = tmp_path / "around.csv"
    export.write_text(out.getvalue(), encoding="utf-8")
    data_dir = tmp_path / "data"
    shutil.copytree(FIXTURE, data_dir)
    import_export(export, data_dir)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_dir))
    return data_dir


def test_events_around_count_before_the_day_and_after_at_the_named_places(around_data):
    layer = load_layer(around_data)
    around = events_around(layer, ("aleppo",), {"SY07"}, date(2024, 12, 1), date(2024, 12, 1), 30)
    assert (around.before, around.during, around.after) == (2, 1, 1)
    weeks = around.by_week.set_index("week").sum(axis=1)
    assert weeks[-3] == 1 and weeks[-1] == 1 and weeks[0] == 1 and weeks[3] == 1 and weeks.sum() == 4
    wider = events_around(layer, ("aleppo",), {"SY07"}, date(2024, 12, 1), date(2024, 12, 1), 60)
    assert wider.after == 2
    nowhere = events_around(layer, (), set(), date(2024, 12, 1), date(2024, 12, 1), 30)
    assert len(nowhere.rows) == 0


def test_the_statement_page_sets_the_statement_against_the_events_and_the_window_can_change(around_data):
    at = app("Statements", statement=STATEMENT).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"In the 30 days before": "2", "On the day": "1", "In the 30 days after": "1"}
    link = next(m.value for m in at.markdown if "on the Events page" in m.value)
    assert "Events?from=2024-11-01&to=2024-12-31&place=aleppo" in link and "gov=gov-aleppo%2Cgov-hama%2Cgov-idleb" in link
    at.number_input(key="acled_window").set_value(60).run()
    assert {m.label: m.value for m in at.metric}["In the 60 days after"] == "2"


def test_the_events_page_link_shows_those_events(around_data):
    at = app("Events", **{"from": "2024-11-01", "to": "2024-12-31", "place": "aleppo",
                          "gov": "gov-aleppo,gov-hama,gov-idleb"}).run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Events"] == "4"


def test_in_a_public_deployment_the_statement_page_shows_counts_only(around_data, monkeypatch):
    monkeypatch.setenv("ATLAS_PUBLIC", "1")
    at = app("Statements", statement=STATEMENT).run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["On the day"] == "1"
    sent = everything_sent(at)
    assert "Invented note" not in sent and "SYR50" not in sent


def test_the_maps_popup_gives_each_statement_the_events_at_that_place(around_data):
    from atlas.dataset.loader import load_dataset
    from atlas.filters import Filters, apply_filters
    from atlas.views.mapdata import map_points, place_references

    dataset, layer = load_dataset(around_data), load_layer(around_data)
    filtered = apply_filters(dataset, Filters())
    points = {p["id"]: p for p in map_points(dataset, filtered, place_references(dataset, filtered), layer)}
    items = [i for s in points["aleppo"]["sections"] if s["heading"] == "Statements" for i in s["items"]]
    assert [i["acled"] for i in items] == ["ACLED here: 1 event(s) in the 30 days before, 1 in the 30 after"]
    assert all("acled" not in i for s in points["hama"]["sections"] for i in s["items"])  # no event at Hama
    at = app("Map").run()
    assert not at.exception
    script = map_data(at)["script"]
    assert "ACLED here: 1 event(s) in the 30 days before, 1 in the 30 after" in script
