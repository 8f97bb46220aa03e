"""Each validation rule, caught on a deliberately broken copy of the data."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from atlas.dataset.validate import validate
from tests.helpers import DATA, ROOT, code_threads, rewrite


def only(problems, file, field=None):
    return [p for p in problems if p.file == file and (field is None or p.field == field)]


def test_bundled_dataset_is_valid():
    assert validate(DATA) == []


# (name, file, row id, changes, field expected, words expected in the message)
FIELD_CASES = [
    ("missing required value", "statements.csv", "snc-fsa-2016-09", {"summary": ""}, "summary", "required value is missing"),
    ("unparseable date", "events.csv", "unscr-2254", {"date": "2015-13-40"}, "date", "not a date"),
    ("date written the wrong way", "events.csv", "unscr-2254", {"date": "18/12/2015"}, "date", "not a date"),
    ("date_end before date", "statements.csv", "snc-fsa-2016-09", {"date_end": "2016-08-01"}, "date_end", "before date"),
    ("event date_end before date", "events.csv", "daraya-evacuation-2016", {"date_end": "2016-08-20"}, "date_end", "before date"),
    ("unknown foreign key in a list", "demands.csv", "sbc-acs-2024-12-01-d02", {"addressee_ids": "united-states;nobody"}, "addressee_ids", "unknown actors id 'nobody'"),
    ("unknown foreign key in a scalar", "mentions.csv", "snc-fsa-2016-09-m03", {"place_id": "atlantis"}, "place_id", "unknown places id 'atlantis'"),
    ("unknown statement", "demands.csv", "snc-fsa-2016-09-d01", {"statement_id": "no-such-statement"}, "statement_id", "unknown statements id"),
    ("unknown event source", "events.csv", "unscr-2254", {"source_ids": "src-un-sc12171;src-missing"}, "source_ids", "unknown sources id 'src-missing'"),
    ("value outside the vocabulary", "demands.csv", "snc-fsa-2016-09-d09", {"category": "world-peace"}, "category", "not in the vocabulary"),
    ("speech act outside the vocabulary", "demands.csv", "snc-fsa-2016-09-d09", {"speech_act": "suggestion"}, "speech_act", "not in the vocabulary"),
    ("ACLED event type unknown", "events.csv", "unscr-2254", {"event_type": "Diplomacy"}, "event_type", "not in the vocabulary"),
    ("ACLED sub-type of another type", "events.csv", "unscr-2254", {"sub_event_type": "Air/drone strike"}, "sub_event_type", "not a sub-event type of 'Strategic developments'"),
    ("CAMEO code that does not fit the speech act", "demands.csv", "snc-fsa-2016-09-d09", {"cameo_root": "13"}, "cameo_root", "does not fit speech act 'appeal'"),
    ("time precision outside 1-3", "events.csv", "unscr-2254", {"time_precision": "4"}, "time_precision", "not one of 1, 2, 3"),
    ("integer that is not one", "mentions.csv", "snc-fsa-2016-09-m03", {"count": "two"}, "count", "not an integer"),
    ("coordinates outside Syria", "places.csv", "aleppo", {"lat": "48.8566", "lon": "2.3522"}, "lat", "outside Syria"),
    ("coordinates outside the stated governorate", "places.csv", "madaya", {"lat": "36.20124", "lon": "37.16117"}, "lat", "outside the stated governorate Rural Damascus (SY03); they fall in Aleppo"),
    ("governorate code that does not match its name", "places.csv", "douma", {"admin1": "Homs"}, "admin1", "does not match SY03"),
    ("ISO code that does not match the P-code", "places.csv", "douma", {"iso_3166_2": "SY-HI"}, "iso_3166_2", "does not match SY03"),
    ("quote longer than the limit", "demands.csv", "snc-fsa-2016-09-d03", {"quote": "all besieged areas " * 12}, "quote", "longer than the limit of 200"),
    ("id that is not a slug", "actors.csv", "fsa", {"actor_id": "Free Syrian Army"}, "actor_id", "does not match the pattern"),
    ("source URL that is not a URL", "statements.csv", "snc-fsa-2016-09", {"source_url": "syrianobserver.com/page"}, "source_url", "does not match the pattern"),
    ("mention with neither place nor event", "mentions.csv", "snc-fsa-2016-09-m03", {"place_id": "", "event_id": ""}, "place_id", "needs a place_id, an event_id or both"),
]


@pytest.mark.parametrize("name,file,row_id,changes,field,words", FIELD_CASES, ids=[c[0] for c in FIELD_CASES])
def test_each_rule_names_file_row_and_field(data_copy, name, file, row_id, changes, field, words):
    line = rewrite(data_copy / file, row_id, **changes)
    problems = validate(data_copy)
    matching = [p for p in problems if p.file == file and p.row == line and p.field == field and words in p.message]
    assert matching, f"expected '{words}' at {file} row {line} field {field}; got {[str(p) for p in problems]}"


def test_duplicate_id_points_at_the_second_row(data_copy):
    path = data_copy / "places.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    aleppo = next(l for l in lines if l.startswith("aleppo,"))
    path.write_text("\n".join(lines + [aleppo]) + "\n", encoding="utf-8")
    problems = only(validate(data_copy), "places.csv", "place_id")
    assert len(problems) == 1
    assert problems[0].row == len(lines) + 1
    assert "duplicate id 'aleppo'" in problems[0].message and "first on row" in problems[0].message


def test_missing_table(data_copy):
    (data_copy / "events.csv").unlink()
    problems = validate(data_copy)
    assert any(p.file == "events.csv" and "missing table" in p.message for p in problems)
    # references into the missing table are not reported as hundreds of unknown ids
    assert not any("unknown events id" in p.message for p in problems)


def test_missing_descriptor_falls_back_to_the_project_schema(data_copy):
    (data_copy / "datapackage.json").unlink()
    problems = validate(data_copy)
    assert [p.file for p in problems] == ["datapackage.json"]
    assert "missing data package descriptor" in problems[0].message


def test_invalid_utf8_is_reported_by_line(data_copy):
    path = data_copy / "actors.csv"
    raw = path.read_bytes().split(b"\n")
    raw[3] = raw[3].replace(b"Coalition", b"Coalici\xf3n")  # Latin-1 byte
    path.write_bytes(b"\n".join(raw))
    problems = only(validate(data_copy), "actors.csv")
    assert any(p.row == 4 and "not valid UTF-8" in p.message and "0xf3" in p.message for p in problems)
    assert any(p.row == 4 and p.field == "name" for p in problems)


def test_broken_quoting_is_reported(data_copy):
    path = data_copy / "sources.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(3, 'src-broken,"Unterminated title,Publisher,https://example.org,2020-01-01,news-report,')
    path.write_text("\n".join(lines), encoding="utf-8")
    problems = only(validate(data_copy), "sources.csv")
    assert any(p.row == 4 and ("quoting" in p.message or "values for" in p.message) for p in problems)


def test_wrong_number_of_values(data_copy):
    path = data_copy / "actors.csv"
    columns = len(path.read_text(encoding="utf-8").splitlines()[0].split(","))
    with path.open("a", encoding="utf-8") as handle:
        handle.write("extra-actor,Extra,,,,advocacy,GB" + "," * (columns - 7) + ",unexpected\n")
    problems = only(validate(data_copy), "actors.csv")
    assert any(f"{columns + 1} values for {columns} columns" in p.message for p in problems)


def test_header_mismatch(data_copy):
    path = data_copy / "events.csv"
    text = path.read_text(encoding="utf-8").replace("sub_event_type", "subtype", 1)
    path.write_text(text, encoding="utf-8")
    problems = only(validate(data_copy), "events.csv")
    assert any(p.row == 1 and p.field == "sub_event_type" and "missing from the header" in p.message for p in problems)
    assert any(p.row == 1 and p.field == "subtype" and "not in the schema" in p.message for p in problems)


def test_all_problems_are_reported_at_once(data_copy):
    expected = [
        ("statements.csv", rewrite(data_copy / "statements.csv", "snc-fsa-2016-09", date_end="2016-08-01"), "date_end"),
        ("events.csv", rewrite(data_copy / "events.csv", "unscr-2254", date="not-a-date"), "date"),
        ("demands.csv", rewrite(data_copy / "demands.csv", "snc-fsa-2016-09-d01", category="other"), "category"),
        ("places.csv", rewrite(data_copy / "places.csv", "homs", lat="31.0"), "lat"),
        ("mentions.csv", rewrite(data_copy / "mentions.csv", "snc-fsa-2016-09-m04", place_id="nowhere"), "place_id"),
    ]
    problems = validate(data_copy)
    found = {(p.file, p.row, p.field) for p in problems}
    assert set(expected) <= found


def run_cli(*args, env_dir: Path | None = None):
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    if env_dir is not None:
        env["ATLAS_DATA_DIR"] = str(env_dir)
    return subprocess.run([sys.executable, "-m", "atlas", "validate", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_cli_passes_on_bundled_data():
    result = run_cli()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout


def test_cli_fails_with_precise_messages(data_copy):
    line = rewrite(data_copy / "events.csv", "unscr-2254", date="2015-02-30")
    result = run_cli(str(data_copy))
    assert result.returncode == 1
    assert f"{data_copy / 'events.csv'}, row {line}, field date: '2015-02-30' is not a date" in result.stdout


def test_cli_reads_atlas_data_dir(data_copy):
    rewrite(data_copy / "actors.csv", "fsa", kind="militia")
    result = run_cli(env_dir=data_copy)
    assert result.returncode == 1
    assert "actors.csv, row" in result.stdout and "field kind" in result.stdout


def test_cli_rejects_a_missing_folder(tmp_path):
    result = run_cli(str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "is not a folder" in result.stderr


def test_a_point_in_one_of_the_governorates_ocha_districts_is_in_the_governorate(data_copy):
    # al-Tanf: Rural Damascus (SY0302) to OCHA's districts, Homs to Natural Earth's coarser governorates
    rewrite(data_copy / "places.csv", "madaya", lat="33.48834", lon="38.65697", admin2_pcode="SY0302",
            admin3_pcode="")
    assert only(validate(data_copy), "places.csv") == []
    rewrite(data_copy / "places.csv", "madaya", admin2_pcode="SY0303")
    assert [p.field for p in only(validate(data_copy), "places.csv")] == ["lat"]


def test_thread_rules_name_file_row_and_field(data_copy):
    threads = ("thread_id,title,category,description,place_ids,addressee_ids\n"
               "protect-aleppo,Protect Aleppo's civilians,civilian-protection,Stop the bombing of Aleppo.,aleppo,\n"
               "never-raised,An ask nobody made,ceasefire,No demand joins it.,,\n")
    code_threads(data_copy, threads, {"protect-aleppo": ["sbc-acs-2024-12-01-d01"]}, [
        "protect-aleppo-u1,protect-aleppo,2024-11-30,raised,,sbc-acs-2024-12-01,,curator,Too early.",
        "protect-aleppo-u2,protect-aleppo,2024-12-01,won,,sbc-acs-2024-12-01,,curator,Not a status.",
        "protect-aleppo-u3,protect-aleppo,2024-12-01,acknowledged,,sbc-acs-2024-12-01,,curator,Fine.",
        "never-raised-u1,never-raised,2024-12-05,raised,,,,curator,No demand and no evidence."])
    first = rewrite(data_copy / "demands.csv", "sbc-acs-2024-12-01-d01", thread_id="protect-aleppo")
    unknown = rewrite(data_copy / "demands.csv", "sbc-acs-2024-12-01-d02", thread_id="no-such-thread")
    problems = validate(data_copy)
    assert [(p.row, p.field) for p in only(problems, "demands.csv")] == [(unknown, "thread_id")]
    assert "unknown threads id 'no-such-thread'" in only(problems, "demands.csv")[0].message
    found: dict = {}
    for p in only(problems, "thread_updates.csv"):
        found[(p.row, p.field)] = found.get((p.row, p.field), "") + p.message
    assert set(found) == {(2, "date"), (3, "status"), (5, "date"), (5, "evidence_event_ids")}
    assert "before the thread's first demand (2024-12-01)" in found[(2, "date")]
    assert "has no demand yet" in found[(5, "date")]
    assert "no evidence" in found[(5, "evidence_event_ids")]
    # u1 is also dated to none of its evidence (the statement of 1 December)
    assert first != unknown and len(problems) == 6


def test_a_statement_whose_day_is_known_has_no_window(data_copy):
    import csv

    with open(data_copy / "statements.csv", encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["time_precision"] == "1" and not r["date_end"])
    end = f"{int(row['date'][:4]) + 1}{row['date'][4:]}"
    line = rewrite(data_copy / "statements.csv", row["statement_id"], date_end=end)
    problems = [p for p in validate(data_copy) if p.field == "time_precision"]
    assert [(p.file, p.row) for p in problems] == [("statements.csv", line)] and "day is known" in problems[0].message
    rewrite(data_copy / "statements.csv", row["statement_id"], time_precision="3")
    assert not [p for p in validate(data_copy) if p.field == "time_precision"]


def test_a_deadline_is_only_one_the_statement_states(data_copy):
    import csv

    with open(data_copy / "demands.csv", encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["deadline"])
    line = rewrite(data_copy / "demands.csv", row["demand_id"], deadline_text="within ninety days")
    [problem] = [p for p in validate(data_copy) if p.field == "deadline_text"]
    assert problem.row == line and "not in the quote" in problem.message
    rewrite(data_copy / "demands.csv", row["demand_id"], deadline_text="")
    assert [p.field for p in validate(data_copy)] == ["deadline_text"]
    rewrite(data_copy / "demands.csv", row["demand_id"], deadline_text=row["deadline_text"], deadline="1999-01-01")
    assert "before the statement was issued" in [p for p in validate(data_copy) if p.field == "deadline"][0].message


def test_only_an_actor_that_ceased_has_a_successor(data_copy):
    line = rewrite(data_copy / "actors.csv", "assad-government", active_until="")
    [problem] = validate(data_copy)
    assert (problem.file, problem.row, problem.field) == ("actors.csv", line, "successor_id")
    rewrite(data_copy / "actors.csv", "assad-government", active_until="2024-12-08", active_from="2025-01-01")
    assert [p.field for p in validate(data_copy)] == ["active_until"]
