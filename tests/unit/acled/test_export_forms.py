"""ACLED exports in the forms real files take: re-saved by Excel, several countries, BOM and CRLF, cut short,
every row bad, a thousand problems of one kind. Each test builds its file from the rows of export.csv."""
from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from atlas.acled.importer import AcledImportError, import_export
from atlas.acled.layer import load_layer
from atlas.acled.store import read_manifest
from tests.helpers import ROOT, stored_events

FILES = ROOT / "tests" / "fixtures" / "acled"


def base_rows() -> tuple[list[str], list[dict]]:
    """The Syrian rows of export.csv, one per event id, each with an ISO date."""
    rows = list(csv.DictReader(io.StringIO((FILES / "export.csv").read_text(encoding="utf-8"), newline="")))
    seen, out = set(), []
    for row in rows:
        if row["country"] == "Syria" and row["event_id_cnty"] not in seen and row["event_date"][:1].isdigit() \
                and "-" in row["event_date"]:
            seen.add(row["event_id_cnty"])
            out.append(row)
    return list(rows[0]), out


def write(path: Path, fields: list[str], rows: list[dict], newline: str = "\r\n", bom: bool = False,
          tail: str = "") -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator=newline, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(("\ufeff" if bom else "") + out.getvalue() + tail, encoding="utf-8", newline="")
    return path


def with_dates(rows: list[dict], form) -> list[dict]:
    return [dict(r, event_date=form(date.fromisoformat(r["event_date"]))) for r in rows]


def stored_dates(data_dir: Path) -> dict[str, date]:
    events = stored_events(load_layer(data_dir))
    return dict(zip(events["event_id_cnty"], events["event_date"]))


def test_dates_as_excel_saves_them_import_and_the_manifest_names_the_form(data_dir, tmp_path):
    fields, rows = base_rows()
    iso = {r["event_id_cnty"]: date.fromisoformat(r["event_date"]) for r in rows}
    export = write(tmp_path / "excel.csv", fields, with_dates(rows, lambda d: f"{d.day}-{d:%b-%y}"))  # 2-Mar-19
    report = import_export(export, data_dir)
    assert report.kept == len(rows)
    assert stored_dates(data_dir) == iso
    assert read_manifest(data_dir)["date_forms"] == {"D-Mon-YY": len(rows)}


@pytest.mark.parametrize("order, form, label", [
    ("dmy", lambda d: f"{d:%d/%m/%Y}", "DD/MM/YYYY"),
    ("mdy", lambda d: f"{d.month}/{d.day}/{d:%Y}", "MM/DD/YYYY"),
])
def test_numeric_dates_are_read_in_the_one_order_the_column_allows(data_dir, tmp_path, order, form, label):
    fields, rows = base_rows()
    iso = {r["event_id_cnty"]: date.fromisoformat(r["event_date"]) for r in rows}
    assert any(d.day > 12 for d in iso.values())  # one date decides the order
    report = import_export(write(tmp_path / f"{order}.csv", fields, with_dates(rows, form)), data_dir)
    assert stored_dates(data_dir) == iso
    assert report.date_forms == {label: len(rows)}


def test_a_column_that_reads_both_ways_is_refused_in_one_message_unless_the_order_is_named(data_dir, tmp_path):
    fields, rows = base_rows()
    rows = [dict(r, event_date=f"0{i % 9 + 1}/0{(i + 3) % 9 + 1}/2019", year="2019") for i, r in enumerate(rows)]
    export = write(tmp_path / "ambiguous.csv", fields, rows)
    with pytest.raises(AcledImportError) as caught:
        import_export(export, data_dir)
    message = str(caught.value)
    assert "day-first or month-first" in message and "--date-order" in message
    assert not (data_dir / "acled").exists()
    report = import_export(export, data_dir, date_order="mdy")
    assert report.date_forms == {"MM/DD/YYYY": len(rows)}
    first = rows[0]
    assert stored_dates(data_dir)[first["event_id_cnty"]] == date(2019, 1, 4)


def test_a_column_mixing_both_orders_is_refused(data_dir, tmp_path):
    fields, rows = base_rows()
    rows = [dict(r, event_date=d, year="2019") for r, d in zip(rows, ["25/01/2019", "01/25/2019"] * 10)]
    with pytest.raises(AcledImportError, match="mixes day-first"):
        import_export(write(tmp_path / "mixed.csv", fields, rows), data_dir)


def test_only_syrian_rows_are_checked_the_others_are_counted(data_dir, tmp_path):
    fields, rows = base_rows()
    lebanon = [dict(rows[0], country="Lebanon", event_id_cnty="", event_date="not a date", iso="422")] * 3
    iraq = [dict(rows[1], country="Iraq", fatalities="many", iso="368")] * 2
    report = import_export(write(tmp_path / "region.csv", fields, [*lebanon, *rows, *iraq]), data_dir)
    assert report.kept == len(rows) and report.problem_count == 0
    assert report.other_countries == {"Lebanon": 3, "Iraq": 2}
    assert "left out 5 event(s) of other countries (Lebanon 3, Iraq 2)" in "\n".join(report.lines())


def test_a_byte_order_mark_crlf_and_notes_with_line_breaks_import(data_dir, tmp_path):
    fields, rows = base_rows()
    rows[0] = dict(rows[0], notes="First line,\r\nsecond line \"quoted\".")
    report = import_export(write(tmp_path / "bom.csv", fields, rows, bom=True), data_dir)
    assert report.kept == len(rows)
    events = stored_events(load_layer(data_dir)).set_index("event_id_cnty")
    assert events.at[rows[0]["event_id_cnty"], "notes"] == "First line,\r\nsecond line \"quoted\"."


@pytest.mark.parametrize("tail, words", [
    ('SYR900,2019-05-01,2019,1,Political violence,Battles,Armed clash,A,,1,,,0,10,,760,Middle East,Syria,Idleb,'
     'Idleb,,Idlib,35.9,36.6,1,S,National,"The note was cut', "ends inside this row's quoted text"),
    ("SYR900,2019-05-01,2019,1,Political violence,Battles", "the file ends inside this row"),
])
def test_a_truncated_last_row_is_reported_as_such_and_the_rest_can_be_kept(data_dir, tmp_path, tail, words):
    fields, rows = base_rows()
    export = write(tmp_path / "cut.csv", fields, rows, tail=tail)
    first_line_of_tail = export.read_text(encoding="utf-8").count("\n") + 1  # a note spans two lines
    with pytest.raises(AcledImportError) as caught:
        import_export(export, data_dir)
    last = caught.value.problems[-1]
    assert words in last.message and last.row == first_line_of_tail
    assert "cut short" in "\n".join(caught.value.summary)
    report = import_export(export, data_dir, skip_bad_rows=True)
    assert report.kept == len(rows) and report.skipped == 1


def test_a_file_in_which_every_row_is_bad_says_nothing_is_left(data_dir, tmp_path):
    import_export(FILES / "export.csv", data_dir)
    before = read_manifest(data_dir)
    fields, rows = base_rows()
    rows = [dict(r, event_type="Picnic") for r in rows]
    with pytest.raises(AcledImportError, match="nothing left to import"):
        import_export(write(tmp_path / "all-bad.csv", fields, rows), data_dir, skip_bad_rows=True)
    assert read_manifest(data_dir) == before


def test_a_thousand_problems_of_one_kind_make_one_summary_line_and_a_full_file(data_dir, tmp_path):
    fields, rows = base_rows()
    many = [dict(rows[i % len(rows)], event_id_cnty=f"SYR{5000 + i}", event_date="2019-13-45") for i in range(1000)]
    other = [dict(rows[0], event_id_cnty="SYR9000", latitude="north"), dict(rows[0], event_id_cnty="")]
    with pytest.raises(AcledImportError) as caught:
        import_export(write(tmp_path / "many.csv", fields, [*rows, *many, *other]), data_dir)
    summary = caught.value.summary
    assert len(summary) == 3
    assert summary[0].startswith("  field event_date: not a date in a form the column allows: 1,000 row(s) (row ")
    assert "e.g. '2019-13-45'" in summary[0]
    listed = caught.value.problems_file.read_text(encoding="utf-8").splitlines()
    assert len(listed) == 1 + 1002 and listed[0] == "file,row,field,problem"
    assert "1,002 problem(s)" in str(caught.value)


def test_the_layout_before_2023_in_another_column_order_imports(data_dir, tmp_path):
    fields, rows = base_rows()
    old = [f for f in fields if f not in ("disorder_type", "civilian_targeting", "tags")][::-1]
    report = import_export(write(tmp_path / "old.csv", old, rows), data_dir)
    assert report.kept == len(rows)
    assert set(stored_events(load_layer(data_dir))["disorder_type"]) == {""}


@pytest.mark.parametrize("precision, location, lat, lon, linked", [
    ("1", "Rumaylan", "36.3025", "40.4781", ""),                    # 15 km off: too far for the place itself
    ("2", "Rumaylan", "36.3025", "40.4781", "geonames:385463"),     # near a named place: the nearest Rumaylan
    ("1", "Mount Simeon", "36.1800", "37.0847", ""),                # a district is no place for a precise event
    ("3", "Mount Simeon", "36.1800", "37.0847", "adm2:SY0200"),     # only the area is known: its district
])
def test_the_distance_an_event_may_lie_from_its_place_follows_its_geo_precision(data_dir, tmp_path, precision,
                                                                                 location, lat, lon, linked):
    fields, rows = base_rows()
    row = dict(rows[0], event_id_cnty="SYR700", geo_precision=precision, location=location, latitude=lat,
               longitude=lon)
    report = import_export(write(tmp_path / "precision.csv", fields, [row]), data_dir)
    events = stored_events(load_layer(data_dir))
    assert events.at[0, "place_id"] == linked
    assert report.linked_by_precision == {precision: [1 if linked else 0, 1]}
    assert read_manifest(data_dir)["link_radii_km"] == {"1": 5.0, "2": 25.0, "3": 60.0}


def test_dates_padded_with_spaces_read_as_the_same_days(data_dir, tmp_path):
    fields, rows = base_rows()
    iso = {r["event_id_cnty"]: date.fromisoformat(r["event_date"]) for r in rows}
    padded = [dict(r, event_date=f"  {r['event_date']} ") for r in rows]
    report = import_export(write(tmp_path / "padded.csv", fields, padded), data_dir)
    assert report.problem_count == 0 and stored_dates(data_dir) == iso
