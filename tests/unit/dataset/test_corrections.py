"""Corrections: applied all or nothing, recorded with the old value, and held by the validator afterwards."""
from __future__ import annotations

import csv

from atlas.__main__ import main
from atlas.dataset.edit import Change, correct, read_changes
from atlas.dataset.loader import load_dataset
from atlas.dataset.validate import validate
from atlas.dataset.values import release_order
from tests.helpers import rewrite


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _event(data_dir, event_id):
    return next(r for r in _rows(data_dir / "events.csv") if r["event_id"] == event_id)


def test_a_correction_is_applied_and_recorded(data_copy):
    before = _event(data_copy, "unscr-2254")["title"]
    change = Change("events", "unscr-2254", "title", "A corrected title", "the old title was wrong", "src-x")
    assert correct(data_copy, [change]) == []
    assert _event(data_copy, "unscr-2254")["title"] == "A corrected title"
    record = _rows(data_copy / "corrections.csv")[-1]
    release = max(_rows(data_copy / "releases.csv"), key=lambda r: release_order(r["date"], r["release"]))["release"]
    assert (record["release"], record["table"], record["record_id"], record["field"]) == \
        (release, "events", "unscr-2254", "title")
    assert record["old_value"] == before and record["new_value"] == "A corrected title"
    assert validate(data_copy) == []


def test_of_two_releases_the_same_day_corrections_go_to_the_later(data_copy):
    releases = data_copy / "releases.csv"
    newest = max(_rows(releases), key=lambda r: release_order(r["date"], r["release"]))
    later = newest["release"].rsplit(".", 1)[0] + ".99"
    releases.write_text(releases.read_text(encoding="utf-8") + f'{later},{newest["date"]},"A later release"\n',
                        encoding="utf-8")
    assert correct(data_copy, [Change("events", "unscr-2254", "title", "Retitled", "why", "src-x")]) == []
    assert _rows(data_copy / "corrections.csv")[-1]["release"] == later
    assert load_dataset(data_copy).release == later


def test_a_removed_row_is_recorded_whole(data_copy):
    mention = _rows(data_copy / "mentions.csv")[0]
    assert correct(data_copy, [Change("mentions", mention["mention_id"], "*", "", "not a place", "src-x")]) == []
    assert mention["mention_id"] not in {r["mention_id"] for r in _rows(data_copy / "mentions.csv")}
    record = _rows(data_copy / "corrections.csv")[-1]
    assert record["old_value"].startswith(mention["mention_id"] + ",") and record["new_value"] == ""
    assert validate(data_copy) == []


def test_a_batch_with_one_bad_change_changes_nothing(data_copy):
    before = {p.name: p.read_bytes() for p in data_copy.glob("*.csv")}
    changes = [Change("events", "unscr-2254", "title", "Fine", "r", "s", line=2),
               Change("events", "no-such-event", "title", "x", "r", "s", line=3),
               Change("events", "unscr-2254", "colour", "x", "r", "s", line=4)]
    problems = correct(data_copy, changes, source_name="fixes.csv")
    assert [(p.file, p.row, p.field) for p in problems] == [("fixes.csv", 3, "record_id"), ("fixes.csv", 4, "field")]
    assert {p.name: p.read_bytes() for p in data_copy.glob("*.csv")} == before


def test_a_correction_that_breaks_the_dataset_is_refused(data_copy):
    before = (data_copy / "events.csv").read_bytes()
    problems = correct(data_copy, [Change("events", "unscr-2254", "date", "not a date", "r", "s")])
    assert any(p.file == "events.csv" and p.field == "date" for p in problems)
    assert (data_copy / "events.csv").read_bytes() == before


def test_the_validator_catches_an_undone_correction(data_copy):
    assert correct(data_copy, [Change("events", "unscr-2254", "title", "Corrected", "r", "s")]) == []
    line = rewrite(data_copy / "events.csv", "unscr-2254", title="Changed again, silently")
    assert line > 1
    problems = validate(data_copy)
    assert [(p.file, p.field) for p in problems] == [("corrections.csv", "new_value")]
    assert "no longer holds" in problems[0].message


def test_the_validator_catches_a_removed_row_that_came_back(data_copy):
    corrections = data_copy / "corrections.csv"
    header = corrections.read_text(encoding="utf-8").splitlines()[0]
    release = _rows(data_copy / "releases.csv")[-1]["release"]
    corrections.write_text(header + f"\nx-1,{release},events,unscr-2254,*,old,,gone,src\n", encoding="utf-8")
    checks = data_copy / "checks.csv"  # the second readings name the corrections just dropped
    checks.write_text(checks.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    problems = validate(data_copy)
    assert [(p.file, p.row, p.field) for p in problems] == [("corrections.csv", 2, "record_id")]


def test_the_command_reads_a_csv_and_names_its_rows(data_copy, tmp_path, capsys):
    fixes = tmp_path / "fixes.csv"
    fixes.write_text("table,record_id,field,new_value,reason,source\n"
                     "events,unscr-2254,title,New title,wrong,src-x\n"
                     "events,unscr-2254,notes,,,src-x\n", encoding="utf-8")
    assert main(["correct", str(fixes), "--data-dir", str(data_copy)]) == 1
    out = capsys.readouterr().out
    assert f"{fixes}, row 3, field reason: is empty" in out
    fixes.write_text("table,record_id,field,new_value,reason,source\n"
                     "events,unscr-2254,title,New title,wrong,src-x\n", encoding="utf-8")
    assert main(["correct", str(fixes), "--data-dir", str(data_copy)]) == 0
    assert _event(data_copy, "unscr-2254")["title"] == "New title"


def test_missing_columns_are_named(tmp_path):
    path = tmp_path / "fixes.csv"
    path.write_text("table,record_id\nevents,x\n", encoding="utf-8")
    changes, problems = read_changes(path)
    assert changes == [] and "field, new_value, reason, source" in problems[0].message


def test_a_value_corrected_twice_holds_the_later_correction(data_copy):
    assert correct(data_copy, [Change("events", "unscr-2254", "title", "First fix", "r", "s")]) == []
    assert correct(data_copy, [Change("events", "unscr-2254", "title", "Second fix", "r2", "s")]) == []
    records = [r for r in _rows(data_copy / "corrections.csv") if r["record_id"] == "unscr-2254"]
    assert [(r["old_value"], r["new_value"]) for r in records][-1] == ("First fix", "Second fix")
    assert validate(data_copy) == []
