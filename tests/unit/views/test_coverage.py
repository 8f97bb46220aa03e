"""Coverage by year: statements counted once per year, language and kind of issuer; thin years named."""
from __future__ import annotations

import shutil

from atlas.dataset.loader import load_dataset
from atlas.views.coverage import FIRST_YEAR, gaps, statements_by_year
from tests.helpers import FIXTURE, rewrite


def test_counts_match_the_statements():
    dataset = load_dataset(FIXTURE)
    table = statements_by_year(dataset)
    s = dataset.statements
    assert table.index[0] == FIRST_YEAR and table.index[-1] == s["date"].dt.year.max()
    assert table["statements"].sum() == len(s)
    for year, row in table.iterrows():
        part = s[s["date"].dt.year == year]
        assert row["statements"] == len(part)
        assert sum(row[c] for c in table.columns if c.startswith("in ")) == len(part)
    kinds = dict(zip(dataset.actors["actor_id"], dataset.actors["kind"]))
    for kind in set(kinds.values()) & set(table.columns):
        assert table[kind].sum() == sum(any(kinds[a] == kind for a in ids) for ids in s["issuer_ids"])


def test_a_joint_statement_counts_once_per_kind(tmp_path):
    # snc-fsa-2016-09: one political issuer and two armed ones
    row = statements_by_year(load_dataset(FIXTURE)).loc[2016]
    assert (row["statements"], row["opposition-political"], row["armed-opposition"]) == (1, 1, 1)
    data_copy = tmp_path / "data"
    shutil.copytree(FIXTURE, data_copy)
    rewrite(data_copy / "statements.csv", "snc-fsa-2016-09", issuer_ids="snc;fsa;rebel-groups;sbc")
    rewrite(data_copy / "statements.csv", "sbc-acs-2024-12-01", date="2016-10-01")
    row = statements_by_year(load_dataset(data_copy)).loc[2016]
    assert (row["statements"], row["advocacy"], row["armed-opposition"]) == (2, 2, 1)


def test_gaps_name_thin_years():
    dataset = load_dataset(FIXTURE)
    table = statements_by_year(dataset)
    lines = gaps(dataset)
    thin = [y for y, n in table["statements"].items() if n < 3]
    assert thin and lines[0].startswith("Years with fewer than 3 statements")
    assert all(str(y) in lines[0] for y in thin)


def test_gaps_name_kinds_never_heard():
    dataset = load_dataset(FIXTURE)  # the seed statements: advocacy and opposition only
    lines = gaps(dataset)
    assert any(line.startswith("Never heard") and "(humanitarian)" in line for line in lines)
    assert not any("(advocacy)" in line and line.startswith("Never") for line in lines)
    assert not any("(collective)" in line for line in lines)


def test_gaps_name_every_month_without_a_statement_and_thin_months_since_assads_fall(tmp_path):
    from atlas.views.coverage import statements_by_month

    data_copy = tmp_path / "data"
    shutil.copytree(FIXTURE, data_copy)
    dataset = load_dataset(data_copy)
    months = statements_by_month(dataset)
    assert str(months.index[0]) == "2011-03" and months.sum() == (dataset.statements["date"] >= "2011-03-01").sum()
    [empty] = [line for line in gaps(dataset) if "without a statement" in line]
    assert "Mar 2011" in empty and all(f"{m:%b %Y}" in empty for m, n in months.items() if n == 0)
    assert not any(f"{m:%b %Y}" in empty for m, n in months.items() if n)
    # one statement in December 2024 is fewer than the three a month asked for since then
    rewrite(data_copy / "statements.csv", "snc-fsa-2016-09", date="2024-12-15", date_end="")
    [few] = [line for line in gaps(load_dataset(data_copy)) if line.startswith("Months since December 2024")]
    assert "Dec 2024 (" in few


def test_coverage_says_how_many_months_have_a_statement_and_how_many_were_read_in_arabic():
    from atlas.views.coverage import coverage, statements_by_month

    dataset = load_dataset(FIXTURE)
    table = coverage(dataset).set_index("what")
    months = statements_by_month(dataset)
    assert table.loc["Months with a statement", "count"] == f"{(months > 0).sum()} of {len(months)}"
    assert table.loc["Read in Arabic", "count"] == str((dataset.statements["language"] == "ar").sum())
