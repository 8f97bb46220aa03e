"""ATLAS_PUBLIC=1: ACLED's terms kept. No event row, id or note reaches any page or download; counts do."""
from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest

from atlas.acled.layer import count_tables, load_layer, select
from atlas.dataset.loader import load_dataset
from atlas.filters import Filters, build_choices
from atlas.views.exports import event_count_downloads
from tests.helpers import PAGES, ROOT, app

EXPORT = ROOT / "tests" / "fixtures" / "acled" / "export.csv"
ROWS = list(csv.DictReader(io.StringIO(EXPORT.read_text(encoding="utf-8"), newline="")))
# what only ACLED's rows hold: each event's notes (their first words) and its id
ROW_ONLY = [r["notes"][:24] for r in ROWS if len(r["notes"]) >= 24 and r["country"] == "Syria"] + \
    [r["event_id_cnty"] for r in ROWS if r["country"] == "Syria"]


def everything_sent(at) -> str:
    """Every element the run sent to the browser, as text (tables as their Arrow bytes, maps as their script)."""
    out = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(out)


def leaked(text: str) -> list[str]:
    return [marker for marker in ROW_ONLY if marker in text]


@pytest.mark.parametrize("page", list(PAGES))
def test_no_page_of_a_public_deployment_sends_an_acled_row(layered, monkeypatch, page):
    monkeypatch.setenv("ATLAS_PUBLIC", "1")
    at = app(page).run()
    assert not at.exception
    assert leaked(everything_sent(at)) == []


def test_the_analysts_own_copy_shows_the_rows(layered):
    at = app("Events").run()
    assert not at.exception
    assert len(leaked(everything_sent(at))) >= 5  # the check above can see a row when one is there


def test_the_public_events_page_counts_by_place_and_period_with_acleds_credit(layered, monkeypatch):
    monkeypatch.setenv("ATLAS_PUBLIC", "1")
    at = app("Events").run()
    assert not at.exception
    by_place, by_period = at.dataframe[0].value, at.dataframe[1].value
    assert by_place["events"].sum() == 9 and "notes" not in by_place and "event_id_cnty" not in by_place
    assert by_period.drop(columns=["period"]).to_numpy().sum() == 9
    assert any("public" in i.value and "counts" in i.value for i in at.info)
    assert any("ACLED" in c.value for c in at.caption)
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Counts by place (CSV)", "Counts by week and type (CSV)", "Excel (both)", "JSON (both)"]


def test_public_downloads_hold_counts_and_the_credit_never_rows(layered):
    layer = load_layer(layered)
    rows = select(layer, Filters())
    choices = build_choices(load_dataset(layered), layer)
    files = {d.file_name: d.data() for d in event_count_downloads(layer, *count_tables(layer, rows), Filters(),
                                                                 choices)}
    for name, data in files.items():
        text = data.decode("utf-8-sig", errors="replace") if not name.endswith(".xlsx") else ""
        assert leaked(text) == [], name
    counts = json.loads(files[next(n for n in files if n.endswith(".json"))])
    assert sum(p["events"] for p in counts["by_place"]) == 9
    assert "aggregates only" in counts["meta"]["contents"] and "ACLED" in counts["meta"]["cite_as"]
    assert np.all([n.startswith("syria-atlas_acled-counts") for n in files])
