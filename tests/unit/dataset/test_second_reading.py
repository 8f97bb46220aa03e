"""The rules a thread's status follows (who may change it, and when), and the second readings kept as data:
each caught on a deliberately broken copy of the data."""
from __future__ import annotations

import csv
import io
import subprocess
import sys

from atlas.dataset.loader import load_dataset
from atlas.dataset.second_read import second_read
from atlas.dataset.validate import check, validate
from atlas.views.coverage import second_reading
from tests.helpers import DATA, ROOT, rewrite


def only(problems, file, field=None):
    return [p for p in problems if p.file == file and (field is None or p.field == field)]


def test_a_status_shown_only_by_a_party_not_asked_is_refused(data_copy):
    # the US, UK and French strikes after Douma: states the ask was not put to
    line = rewrite(data_copy / "thread_updates.csv", "douma-chemical-attack-accountability-u2",
                   evidence_event_ids="us-uk-french-strikes-syrian-2018", date="2018-04-14")
    [problem] = only(validate(data_copy), "thread_updates.csv", "status")
    assert problem.row == line and "addressee's own statement or act" in problem.message


def test_a_body_answers_for_what_it_is_part_of(data_copy):
    """Resolution 2254 answers an ask put to the United Nations because the Security Council is part of it."""
    assert not only(validate(data_copy), "thread_updates.csv", "status")
    rewrite(data_copy / "actors.csv", "un-security-council", part_of="")
    problems = only(validate(data_copy), "thread_updates.csv", "status")
    assert problems and all("addressee" in p.message for p in problems)


def test_an_update_is_dated_to_its_evidence_not_its_context(data_copy):
    # the denial of 21 August 2013 is context; the agreement to let inspectors in came on the 25th
    line = rewrite(data_copy / "thread_updates.csv", "ghouta-chemical-attack-accountability-u2", date="2013-08-21")
    [problem] = only(validate(data_copy), "thread_updates.csv", "date")
    assert problem.row == line and "2013-08-25" in problem.message and "not to its context" in problem.message


def _add_check(path, **values):
    text = path.read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.DictWriter(out, fieldnames=header, lineterminator="\n").writerow(
        {h: values.get(h, "") for h in header})
    path.write_text(text + out.getvalue(), encoding="utf-8")
    return text.count("\n") + 1


BASE = {"check_id": "check-test", "table": "events", "aspect": "*", "checked_by": "a reader",
        "checked_on": "2026-12-06", "finding": "Checked."}


def test_a_reading_of_a_row_that_does_not_exist_is_refused(data_copy):
    line = _add_check(data_copy / "checks.csv", **BASE, record_id="no-such-event", verdict="confirmed",
                      source_url="https://example.org/a")
    [problem] = only(validate(data_copy), "checks.csv", "record_id")
    assert problem.row == line and "no row 'no-such-event'" in problem.message


def test_a_confirmation_needs_a_source_of_its_own(data_copy):
    events = list(csv.DictReader(open(data_copy / "events.csv", encoding="utf-8")))
    sources = {r["source_id"]: r["url"] for r in csv.DictReader(open(data_copy / "sources.csv", encoding="utf-8"))}
    event = next(e for e in events if e["source_ids"] and sources.get(e["source_ids"].split(";")[0]))
    cited = sources[event["source_ids"].split(";")[0]]
    line = _add_check(data_copy / "checks.csv", **BASE, record_id=event["event_id"], verdict="confirmed",
                      source_url=cited)
    [problem] = only(validate(data_copy), "checks.csv", "source_url")
    assert problem.row == line and "independent" in problem.message
    rewrite(data_copy / "checks.csv", "check-test", source_url="")
    assert "names the independent source" in only(validate(data_copy), "checks.csv", "source_url")[0].message


def test_a_fault_found_must_be_settled_and_say_how(data_copy):
    _add_check(data_copy / "checks.csv", **BASE, record_id="unscr-2254", verdict="wrong",
               source_url="https://example.org/b")
    assert "must be settled" in only(validate(data_copy), "checks.csv", "resolution")[0].message
    rewrite(data_copy / "checks.csv", "check-test", resolution="corrected")
    assert "name the corrections" in only(validate(data_copy), "checks.csv", "correction_ids")[0].message
    rewrite(data_copy / "checks.csv", "check-test", resolution="kept")
    assert "why the row was kept" in only(validate(data_copy), "checks.csv", "note")[0].message


def test_a_statement_is_read_only_with_its_issuer_its_date_and_every_quote():
    statements, demands = [{"statement_id": "s"}], [{"demand_id": "s-d01", "statement_id": "s", "quote": "words"},
                                                   {"demand_id": "s-d02", "statement_id": "s", "quote": "more"}]
    def read(*checks):
        rows = [dict(zip(("table", "record_id", "aspect"), c)) for c in checks]
        return second_read(rows, [], [], statements, demands)[2].read
    assert not read(("statements", "s", "issuer"), ("statements", "s", "date"), ("demands", "s-d01", "quote"))
    assert read(("statements", "s", "issuer"), ("statements", "s", "date"), ("demands", "s-d01", "quote"),
                ("demands", "s-d02", "quote")) == {"s"}
    assert not read(("statements", "s", "issuer"), ("demands", "s-d01", "quote"), ("demands", "s-d02", "quote"))
    assert read(("statements", "s", "*"), ("demands", "s-d01", "*"), ("demands", "s-d02", "quote")) == {"s"}
    # a quote no independent source could be found for is looked at, not read
    rows = [dict(zip(("table", "record_id", "aspect", "verdict"), c)) for c in (
        ("statements", "s", "*", "confirmed"), ("demands", "s-d01", "quote", "confirmed"),
        ("demands", "s-d02", "quote", "unverifiable"))]
    [_, _, said] = second_read(rows, [], [], statements, demands)
    assert not said.read and said.tried == {"s"}


def test_the_share_second_read_is_reported_by_the_validator_and_the_about_page():
    problems, readings = check(DATA)
    read = {r.label: (len(r.read), len(r.ids)) for r in readings}
    assert not problems
    done, total = read["thread status changes"]
    assert total > 100 and 0 < done <= total
    result = subprocess.run([sys.executable, "-m", "atlas", "validate", str(DATA)], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0 and f"{done:,} of {total:,} thread status changes" in result.stdout
    assert "against an independent source" in result.stdout
    table = second_reading(load_dataset(DATA)).set_index("judgments")
    assert table.loc["Thread status changes", "second-read"] == done
    assert table.loc["Thread status changes", "corrected"] > 0
    said, of = read["statements"]
    assert table.loc["Statements (issuer, date, every quote)", "second-read"] == said and 0 < said <= of
