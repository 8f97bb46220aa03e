"""The Overview page through Streamlit's AppTest: it runs, shows the dataset, and explains a broken one."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from atlas.dataset.loader import load_dataset
from tests.helpers import FIXTURE as DATA
from tests.helpers import ROOT, rewrite

ENTRY = str(ROOT / "dashboard.py")


def test_overview_runs_and_counts_the_dataset(monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(DATA))
    at = AppTest.from_file(ENTRY, default_timeout=60).run()
    assert not at.exception
    dataset = load_dataset(DATA)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Statements"] == str(len(dataset.statements))
    assert metrics["Demands"] == str(len(dataset.demands))
    assert metrics["Events"] == str(len(dataset.events))
    assert dataset.version in at.caption[-1].value
    table = at.dataframe[0].value
    assert list(table["title"])[0] == dataset.statements.sort_values("date", ascending=False)["title"].iloc[0]


def test_broken_dataset_shows_what_is_wrong_not_a_traceback(monkeypatch, data_copy):
    line = rewrite(data_copy / "events.csv", "unscr-2254", date="someday")
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_copy))
    at = AppTest.from_file(ENTRY, default_timeout=60).run()
    assert not at.exception
    assert "has 1 problem, so nothing is shown" in at.error[0].value
    assert f"python -m atlas validate {data_copy}" in at.code[0].value
    problems = at.dataframe[0].value
    assert list(problems["file"]) == ["events.csv"] and list(problems["row"]) == [line]
    assert not at.metric  # nothing partial is shown
