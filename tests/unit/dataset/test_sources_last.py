"""Sources that last: every address keeps the day it was read, and a copy on a site that reposts others' pages
names the original it copies. Each rule caught on a deliberately broken copy of the data."""
from __future__ import annotations

import csv

from atlas.dataset.validate import host, validate
from tests.helpers import DATA, rewrite


def only(problems, file, field):
    return [p for p in problems if p.file == file and p.field == field]


def first(path, test):
    with open(path, encoding="utf-8") as f:
        return next(r for r in csv.DictReader(f) if test(r))


def test_the_site_of_an_address():
    assert host("https://www.sauress.com/alhayat/345863") == "sauress.com"
    assert host("http://trtworld.com:443/x") == "trtworld.com" and host("https://en.wikipedia.org./wiki/X") == "en.wikipedia.org"


def test_a_repost_must_name_its_original(data_copy):
    row = first(DATA / "statements.csv", lambda r: host(r["source_url"]) == "sauress.com")
    line = rewrite(data_copy / "statements.csv", row["statement_id"], original="")
    [problem] = only(validate(data_copy), "statements.csv", "original")
    assert problem.row == line and "sauress.com copies others' pages" in problem.message
    rewrite(data_copy / "statements.csv", row["statement_id"], original=row["source_url"])
    assert "the row's own address" in only(validate(data_copy), "statements.csv", "original")[0].message


def test_an_original_page_needs_none(data_copy):
    row = first(DATA / "sources.csv", lambda r: host(r["url"]) == "rudaw.net")
    assert not row["original"]
    rewrite(data_copy / "sources.csv", row["source_id"], url="https://www.masress.com/shorouk/1")
    [problem] = only(validate(data_copy), "sources.csv", "original")
    assert "masress.com" in problem.message


def test_a_page_is_read_after_it_was_published_and_not_after_today(data_copy):
    row = first(DATA / "sources.csv", lambda r: r["date"])
    line = rewrite(data_copy / "sources.csv", row["source_id"], accessed="2000-01-01")
    [problem] = only(validate(data_copy), "sources.csv", "accessed")
    assert problem.row == line and "before it was published" in problem.message
    rewrite(data_copy / "sources.csv", row["source_id"], accessed="2999-01-01")
    assert "after today" in only(validate(data_copy), "sources.csv", "accessed")[0].message
    rewrite(data_copy / "sources.csv", row["source_id"], accessed="")
    assert only(validate(data_copy), "sources.csv", "accessed")  # required
