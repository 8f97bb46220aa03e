"""The imported ACLED layer on the pages: map layer, timeline counts, table and downloads, under the filters."""
from __future__ import annotations

import base64
import csv
import io
import json
import re

import numpy as np
import pytest

from tests.helpers import app, map_data, site_totals


def map_payload(at) -> list[tuple] | None:
    """The ACLED sites the map draws, as (name, events, linked) each (None when the map has no ACLED layer):
    codes and counts from the map's payload, names from the layer's site script the page served."""
    from atlas import settings

    script = map_data(at)["script"]
    found = re.search(r'var data = (\{"types".*?\});\n', script)
    if not found:
        return None
    data = json.loads(found.group(1))
    served = (settings.STATIC_DIR / "vendor" / data["key"]).read_text(encoding="utf-8")
    table = json.loads(served.split(" = ", 2)[-1].rstrip(";\n"))
    codes = np.cumsum(data["c"])
    return [(table[code][0], n, int(bool(table[code][4]))) for code, n in zip(codes, site_totals(data))]


def numbers(value) -> np.ndarray:
    """A plotly array from figure JSON: a list, or a typed array ({"dtype", "bdata"})."""
    if isinstance(value, dict):
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
    return np.asarray(value)


def events_table(at):
    return at.dataframe[0].value


def test_map_draws_the_layer_per_place_and_says_so(layered):
    at = app("Map").run()
    assert not at.exception
    payload = map_payload(at)
    sites = {s[0]: s for s in payload}
    assert sum(s[1] for s in payload) == 9
    assert sites["Idlib"][1] == 2 and sites["Idlib"][2] == 1  # two events, linked to the gazetteer place
    assert sites["Badiya desert point"][2] == 0  # kept at ACLED's own location
    script = map_data(at)["script"]
    assert "ACLED events (per place)" in script  # its own entry in the layer control
    assert any("ACLED layer: 9 events" in c.value for c in at.caption)


def test_map_layer_follows_the_filters(layered):
    payload = map_payload(app("Map", event_type="Protests").run())
    assert {s[0]: s[1] for s in payload} == {"Idlib": 1, "Daraa": 1}


def test_timeline_counts_the_layer_by_type(layered):
    at = app("Timeline", event_type="Battles").run()
    assert not at.exception
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(charts) == 2
    bars = charts[1]["data"]
    assert {b["name"] for b in bars} == {"Battles"}
    assert sum(int(numbers(b["y"]).sum()) for b in bars) == 2


def test_events_page_table_metrics_and_provenance(layered):
    at = app("Events").run()
    assert not at.exception
    assert at.metric[0].value == "9" and at.metric[1].value == "12"  # 5 (SYR101 as revised) + 1 + 4 + 2
    table = events_table(at)
    assert len(table) == 9 and table["event_date"].is_monotonic_decreasing
    assert any("export" in c.value and "Armed Conflict Location" in c.value for c in at.caption)


@pytest.mark.parametrize("params, ids", [
    ({"actor": "hayat-tahrir-al-sham"}, {"SYR101"}),
    ({"place": "idlib"}, {"SYR101", "SYR107"}),
    ({"gov": "gov-idleb"}, {"SYR101", "SYR105", "SYR107"}),
    ({"q": "shelling"}, {"SYR102"}),
    ({"q": "حلب"}, set()),
    ({"from": "2019-06-01", "to": "2019-06-03"}, {"SYR106", "SYR107", "SYR108"}),
    ({"issuer": "snc"}, {f"SYR10{i}" for i in range(1, 10)}),  # statement filters leave events alone
])
def test_events_follow_the_url(layered, params, ids):
    at = app("Events", **params).run()
    assert not at.exception
    assert set(events_table(at)["event_id_cnty"]) == ids


def test_actor_widget_filters_and_shows_in_the_url(layered):
    at = app("Events").run()
    at.multiselect(key="f_actors").set_value(["protesters-syria"]).run()
    assert set(events_table(at)["event_id_cnty"]) == {"SYR103", "SYR107"}
    assert at.query_params["actor"] == "protesters-syria"


def test_unknown_actor_in_the_url_is_ignored_with_a_notice(layered):
    at = app("Events", actor="atlantis-brigade").run()
    assert "atlantis\\-brigade" in " ".join(w.value for w in at.warning)  # Markdown-escaped
    assert len(events_table(at)) == 9


def test_download_holds_every_filtered_event_safely(layered, downloads):
    app("Events", gov="gov-idleb").run()
    name = next(n for n in downloads if n.endswith(".csv"))
    assert name.startswith("syria-atlas_acled-events_gov-idleb")
    raw = downloads[name]
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert {r["event_id_cnty"] for r in rows} == {"SYR101", "SYR105", "SYR107"}
    note = next(r["notes"] for r in rows if r["event_id_cnty"] == "SYR107")
    assert note.startswith("'=HYPERLINK")  # never a live formula
    digest = json.loads((layered / "acled" / "layer.json").read_text())["source_sha256"]
    assert {r["dataset_version"] for r in rows} == {f"export.csv sha256:{digest[:12]}"}
    meta = json.loads(downloads[name.replace(".csv", ".json")])["meta"]
    assert "ACLED" in meta["cite_as"] and meta["filters"] == {"gov": "gov-idleb"}


def test_without_a_layer_nothing_changes():
    at = app("Map").run()
    assert map_payload(at) is None
    assert "f_actors" not in {m.key for m in at.multiselect}
    assert len(app("Timeline").run().get("plotly_chart")) == 1
    events = app("Events").run()
    assert not events.exception and "No ACLED export has been imported" in events.info[0].value
    said = " ".join(m.value for m in events.markdown)
    assert "What the ACLED layer adds" in said and "acleddata.com/data-export-tool" in said
    assert "import-acled" in events.code[0].value


def test_an_unreadable_layer_is_left_out_with_a_warning(layered):
    words = next((layered / "acled").glob("words-*.arrow"))
    words.write_bytes(b"not arrow")
    at = app("Map").run()
    assert not at.exception
    assert map_payload(at) is None
    assert any("cannot be read" in w.value for w in at.warning)
