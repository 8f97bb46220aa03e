"""Importing ACLED exports: checks with line numbers, linking, storage, re-import, crashes."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from atlas.__main__ import main
from atlas.acled import store
from atlas.acled.importer import AcledImportError, import_export
from atlas.acled.layer import load_layer
from atlas.acled.store import read_manifest
from tests.helpers import ROOT, stored_events

FILES = ROOT / "tests" / "fixtures" / "acled"


def stored(data_dir: Path) -> dict[str, bytes]:
    folder = data_dir / "acled"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


def test_import_keeps_syrian_events_once_and_links_them(data_dir):
    report = import_export(FILES / "export.csv", data_dir)
    assert (report.rows, report.kept, report.duplicates) == (11, 9, 1)
    assert report.other_countries == {"Turkey": 1}
    layer = load_layer(data_dir)
    events = stored_events(layer)
    assert events["event_id_cnty"].is_unique and "SYR110" not in set(events["event_id_cnty"])
    # the newest timestamp of a repeated id wins
    assert events.set_index("event_id_cnty").at["SYR101", "fatalities"] == 5
    # sorted by date; both date formats read
    assert list(events["event_date"].astype(str)) == sorted(events["event_date"].astype(str))
    assert str(events.set_index("event_id_cnty").at["SYR102", "event_date"]) == "2019-03-15"
    by_id = events.set_index("event_id_cnty")
    assert by_id.at["SYR101", "place_id"] == "idlib"            # 0 km from the curated Idlib
    assert by_id.at["SYR102", "place_id"] == "aleppo"           # a neighbourhood 3.6 km from the centre
    assert by_id.at["SYR106", "place_id"] == ""                 # open desert: no place within 5 km
    assert by_id.at["SYR106", "admin1_pcode"] == "SY04"         # but its governorate is known (Homs)
    assert by_id.at["SYR106", "site_id"].startswith("loc:badiya-desert-point@35.0500,38.9000")
    assert by_id.at["SYR104", "notes"] == "Gunmen shot a civilian\non a road west of the city."
    assert by_id.at["SYR108", "notes"].startswith("تجمع غاضب")
    manifest = read_manifest(data_dir)
    assert manifest["events_stored"] == 9 and manifest["source_file"] == "export.csv"
    assert manifest["date_min"] == "2019-03-02" and manifest["date_max"] == "2019-06-05"
    assert "ACLED" in manifest["attribution"]


def test_the_layout_before_2023_imports(data_dir):
    report = import_export(FILES / "export-2019-layout.csv", data_dir)
    assert report.kept == 3
    events = stored_events(load_layer(data_dir))
    assert set(events["disorder_type"]) == {""}  # a column that layout lacks stays empty


@pytest.mark.parametrize("line, field, words", [
    (5, "event_date", "is not a date"),
    (7, "event_type", "not an ACLED event type"),
    (9, "sub_event_type", "not a sub-event type of this event type"),
    (11, "latitude", "not a latitude"),
    (13, "fatalities", "not a count of fatalities"),
    (15, "year", "not the year of event_date"),
    (17, "event_id_cnty", "every event needs its ACLED id"),
    (18, "time_precision", "is not 1, 2 or 3"),  # the row before has a one-line note
])
def test_each_bad_row_is_named_by_line_and_field(data_dir, line, field, words):
    with pytest.raises(AcledImportError) as caught:
        import_export(FILES / "malformed-rows.csv", data_dir)
    problems = caught.value.problems
    assert len(problems) == 8
    match = [p for p in problems if p.row == line]
    assert len(match) == 1 and match[0].field == field and words in match[0].message
    assert match[0].file == "malformed-rows.csv"
    assert stored(data_dir) == {}


@pytest.mark.parametrize("name, line, words", [
    ("malformed-fields.csv", 4, "32 fields where the header has 31"),
    ("malformed-quoting.csv", 4, "broken CSV quoting"),
    ("malformed-encoding.csv", 3, "not UTF-8"),
    ("not-acled.csv", 1, "missing column"),
])
def test_broken_files_are_refused_with_the_line(data_dir, name, line, words):
    with pytest.raises(AcledImportError) as caught:
        import_export(FILES / name, data_dir)
    assert any(p.row == line and words in p.message for p in caught.value.problems), caught.value.problems
    assert name in str(caught.value)


def test_a_bad_file_loses_nothing_already_stored(data_dir):
    import_export(FILES / "export.csv", data_dir)
    before = stored(data_dir)
    for name in ("malformed-rows.csv", "malformed-quoting.csv", "malformed-encoding.csv", "not-acled.csv"):
        with pytest.raises(AcledImportError):
            import_export(FILES / name, data_dir)
    assert stored(data_dir) == before
    assert len(load_layer(data_dir)) == 9


def test_skip_bad_rows_keeps_the_good_ones_and_lists_the_rest(data_dir):
    report = import_export(FILES / "malformed-rows.csv", data_dir, skip_bad_rows=True)
    assert (report.rows, report.kept, report.skipped) == (11, 3, 8)
    assert [p.row for p in report.problems] == [5, 7, 9, 11, 13, 15, 17, 18]


def test_reimporting_a_newer_export_replaces_the_layer(data_dir):
    import_export(FILES / "export.csv", data_dir)
    first = read_manifest(data_dir)
    import_export(FILES / "export-newer.csv", data_dir)
    layer = load_layer(data_dir)
    events = stored_events(layer).set_index("event_id_cnty")
    assert events.index.is_unique and len(events) == 9
    assert "SYR109" not in events.index and "SYR111" in events.index
    assert events.at["SYR101", "notes"] == "Revised again."
    # the earlier generation's files are gone; only the manifest's remain
    names = set(stored(data_dir))
    assert first["events"] not in names
    assert names == {"layer.json", *(read_manifest(data_dir)[k] for k in store.KINDS)}


def test_a_layer_stored_with_its_notes_in_the_events_file_still_reads(data_dir):
    """Layers imported before the notes had a file of their own keep them in the events file."""
    import_export(FILES / "export.csv", data_dir)
    expected = stored_events(load_layer(data_dir))
    manifest = read_manifest(data_dir)
    folder = store.layer_dir(data_dir)
    events = store.read_arrow(folder / manifest["events"])
    at = events.column_names.index("notes_row")
    notes = store.read_arrow(folder / manifest["notes"])["notes"].take(events["notes_row"])
    store.write_arrow(events.remove_column(at).add_column(at, "notes", notes), folder / "events-old.arrow")
    manifest["events"] = "events-old.arrow"
    del manifest["notes"]
    store.write_manifest(data_dir, manifest)
    pd.testing.assert_frame_equal(stored_events(load_layer(data_dir)), expected)


def test_a_crash_while_writing_leaves_the_previous_layer(data_dir, monkeypatch):
    import_export(FILES / "export.csv", data_dir)
    before = stored(data_dir)
    real = store.write_arrow

    def crash_on_words(table, path, **how):
        if path.name.startswith("words-"):
            raise OSError("disk full")
        real(table, path, **how)

    monkeypatch.setattr(store, "write_arrow", crash_on_words)
    with pytest.raises(OSError):
        import_export(FILES / "export-newer.csv", data_dir)
    assert stored(data_dir) == before  # half-written files of the failed import are removed
    assert len(load_layer(data_dir)) == 9


def test_progress_is_reported_from_start_to_end(data_dir):
    seen = []
    import_export(FILES / "export.csv", data_dir, progress=lambda fraction, step: seen.append((fraction, step)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert {"linking places", "indexing words", "writing"} <= {s for _, s in seen}


def test_command_line_reports_and_exits(data_dir, capsys):
    assert main(["import-acled", str(FILES / "export.csv"), "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "stored 9 events" in out and "left out 1 event(s) of other countries (Turkey 1)" in out
    assert "dates read as YYYY-MM-DD (9), DD Month YYYY (1)" in out
    assert main(["import-acled", str(FILES / "malformed-rows.csv"), "--data-dir", str(data_dir)]) == 1
    captured = capsys.readouterr()
    assert "field event_date: not a date in a form the column allows: 1 row(s) (row 5); e.g. " in captured.out
    listed = Path(captured.out.split("every problem, one per line: ")[1].splitlines()[0])
    assert listed.name.startswith("malformed-rows.csv.problems-")
    assert "malformed-rows.csv,5,event_date," in listed.read_text(encoding="utf-8")
    assert "nothing was imported" in captured.err and "--skip-bad-rows" in captured.err
    assert main(["import-acled", str(FILES / "missing.csv"), "--data-dir", str(data_dir)]) == 1
    assert "cannot read" in capsys.readouterr().err
    assert json.loads((data_dir / "acled" / "layer.json").read_text())["source_file"] == "export.csv"


def test_events_link_to_the_place_their_location_names_near_their_point(data_dir, tmp_path):
    """Namesakes are told apart by position; a point near a village of another name keeps its own location."""
    import csv
    import io

    text = (FILES / "export.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    fields = list(rows[0])
    rows = [r for r in rows if r["event_id_cnty"] in ("SYR105", "SYR106")][:2]
    rows[0].update(location="Rumaylan", latitude="36.1660", longitude="40.4790", admin1="Al Hasakeh")  # 0.2 km away
    rows[1].update(location="Rumaylan", latitude="35.9431", longitude="40.7137", admin1="Al Hasakeh")  # another one
    extra = dict(rows[1], event_id_cnty="SYR199", location="Nowhere Farm")  # near that village, another name
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows([*rows, extra])
    export = tmp_path / "namesakes.csv"
    export.write_text(out.getvalue(), encoding="utf-8")
    import_export(export, data_dir)
    events = stored_events(load_layer(data_dir)).set_index("event_id_cnty")
    assert events.at["SYR105", "place_id"] == "geonames:385463"
    assert events.at["SYR106", "place_id"] == "geonames:8264230"
    assert events.at["SYR199", "place_id"] == ""


def test_acleds_own_spellings_link_to_the_gazetteer_place_at_their_point(data_dir, tmp_path):
    """ACLED writes Ftireh, Ein Issa and Western Ghariyeh where the gazetteer has Fatirah, `Ayn `Isa and
    al-Ghariyah al-Gharbiyah: the spelling family and the event's position link them, and the same spelling
    far from any such place links to nothing."""
    import csv
    import io

    from geo.gazetteer import load_gazetteer

    gazetteer = load_gazetteer(data_dir / "places.csv")

    def at(name, governorate):
        [m] = [m for m in gazetteer.lookup(name, skeletons=False) if m.place.admin1_pcode == governorate
               and m.place.place_type not in {"governorate", "district", "subdistrict"}]
        return m.place

    text = (FILES / "export.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    fields = list(rows[0])
    fatirah, ayn_isa = at("Fatirah", "SY07"), at("`Ayn `Isa", "SY11")
    base = dict(rows[0], geo_precision="1")
    made = [dict(base, event_id_cnty="SYR901", location="Ftireh", latitude=f"{fatirah.lat + 0.01:.4f}",
                 longitude=f"{fatirah.lon:.4f}", admin1="Idleb"),
            dict(base, event_id_cnty="SYR902", location="Ein Issa", latitude=f"{ayn_isa.lat:.4f}",
                 longitude=f"{ayn_isa.lon + 0.01:.4f}", admin1="Ar-Raqqa"),
            dict(base, event_id_cnty="SYR903", location="Ftireh", latitude=f"{ayn_isa.lat:.4f}",
                 longitude=f"{ayn_isa.lon:.4f}", admin1="Ar-Raqqa")]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(made)
    export = tmp_path / "spellings.csv"
    export.write_text(out.getvalue(), encoding="utf-8")
    import_export(export, data_dir)
    events = stored_events(load_layer(data_dir)).set_index("event_id_cnty")
    assert events.at["SYR901", "place_id"] == fatirah.place_id and events.at["SYR901", "link_km"] < 2
    assert events.at["SYR902", "place_id"] == ayn_isa.place_id
    assert events.at["SYR903", "place_id"] == ""
