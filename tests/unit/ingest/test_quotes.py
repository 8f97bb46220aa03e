"""verify-quotes: each demand's quote must stand in its statement's saved text, quotation marks and spacing aside."""
from __future__ import annotations

import csv

from atlas.__main__ import main
from atlas.ingest.quotes import uniform, verify_quotes
from tests.helpers import rewrite


def _demands(data_dir):
    with (data_dir / "demands.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _texts(data_dir, folder):
    """A text per statement made of its quotes, each re-typed with other marks and line breaks."""
    folder.mkdir()
    by_statement: dict[str, list[str]] = {}
    for d in _demands(data_dir):
        retyped = d["quote"].replace('"', "“").replace("'", "’").replace(" ", "\n  ", 1)
        by_statement.setdefault(d["statement_id"], []).append(f"Preamble. {retyped} More.")
    for sid, parts in by_statement.items():
        (folder / f"{sid}.txt").write_text("\n\n".join(parts), encoding="utf-8")
    return by_statement


def test_every_quote_found_in_texts_that_hold_them(data_copy, tmp_path):
    _texts(data_copy, tmp_path / "texts")
    report = verify_quotes(data_copy, tmp_path / "texts")
    assert report.checked == len(_demands(data_copy)) == report.found
    assert report.not_found == [] and report.no_text == []


def test_a_changed_quote_is_reported(data_copy, tmp_path):
    _texts(data_copy, tmp_path / "texts")
    demand = _demands(data_copy)[0]
    rewrite(data_copy / "demands.csv", demand["demand_id"], quote=demand["quote"] + " and words never said")
    report = verify_quotes(data_copy, tmp_path / "texts")
    assert [d for d, _, _ in report.not_found] == [demand["demand_id"]]
    assert report.found == report.checked - 1


def test_statements_without_text_are_listed_not_counted(data_copy, tmp_path, capsys):
    by_statement = _texts(data_copy, tmp_path / "texts")
    missing = sorted(by_statement)[0]
    (tmp_path / "texts" / f"{missing}.txt").unlink()
    report = verify_quotes(data_copy, tmp_path / "texts")
    assert report.no_text == [missing]
    assert report.checked == len(_demands(data_copy)) - len(by_statement[missing])
    assert main(["verify-quotes", str(tmp_path / "texts"), "--data-dir", str(data_copy)]) == 0
    assert "not checked: " + missing in capsys.readouterr().out


def test_the_command_fails_on_a_quote_not_found(data_copy, tmp_path, capsys):
    _texts(data_copy, tmp_path / "texts")
    demand = _demands(data_copy)[0]
    rewrite(data_copy / "demands.csv", demand["demand_id"], quote="invented")
    assert main(["verify-quotes", str(tmp_path / "texts"), "--data-dir", str(data_copy)]) == 1
    assert f"not found: {demand['demand_id']}" in capsys.readouterr().out
    assert main(["verify-quotes", str(tmp_path / "nowhere"), "--data-dir", str(data_copy)]) == 2


def test_uniform_folds_marks_spaces_and_tatweel():
    assert uniform("«نطالب  بـــوقف»\n“now”") == uniform('"نطالب بوقف" "now"')
    assert uniform("don’t") == "don't"
