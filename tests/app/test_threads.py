"""The Threads page through AppTest, on the bundled record (the frozen fixture codes no threads)."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import openpyxl
import pytest

from atlas.dataset.loader import load_dataset
from atlas.views.threads import status_label, statuses
from tests.helpers import DATA, app

RECORD = load_dataset(DATA)


@pytest.fixture
def record(monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(DATA))


def _widest() -> str:
    """The thread most issuers raised: the one the list opens with."""
    demands = RECORD.demands_full[RECORD.demands_full["thread_id"] != ""]
    issuers = demands.groupby("thread_id")["issuer_ids"].agg(lambda ids: len({a for t in ids for a in t}))
    return issuers.idxmax()


def test_the_list_opens_on_the_thread_most_issuers_raised(record):
    at = app("Threads").run()
    assert not at.exception
    listed = at.dataframe[0].value
    assert len(listed) == RECORD.threads["thread_id"].isin(set(RECORD.demands["thread_id"])).sum()
    widest = RECORD.threads.set_index("thread_id").at[_widest(), "title"]
    assert listed["title"].iloc[0] == widest
    assert all(len(years) == len(listed["per_year"].iloc[0]) for years in listed["per_year"])
    assert (listed["demands"] == listed["per_year"].map(sum)).all()
    assert at.selectbox[0].value == _widest()
    assert _widest() in at.query_params["thread"]  # the address names the thread shown


def test_a_deep_link_opens_its_thread_whole_with_status_and_evidence(record):
    updated = RECORD.thread_updates[RECORD.thread_updates["status"] != "raised"]["thread_id"].iloc[0]
    at = app("Threads", thread=updated).run()
    assert not at.exception
    title = RECORD.threads.set_index("thread_id").at[updated, "title"]
    assert title in [s.value.replace("\\", "") for s in at.subheader]
    state = statuses(RECORD)[updated][0]
    assert any(f"**Status:** {status_label(state)}" in m.value for m in at.markdown)
    raised = at.dataframe[1].value
    demands = RECORD.demands[RECORD.demands["thread_id"] == updated]
    assert len(raised) == len(demands) and raised["role"].iloc[0] == "first"
    assert set(raised["quote"]) == set(demands["quote"])
    changes = at.dataframe[2].value
    assert len(changes) == (RECORD.thread_updates["thread_id"] == updated).sum()
    assert set(changes["judged_by"]) <= set(RECORD.thread_updates["judged_by"])


def test_filters_narrow_the_list_and_date_the_status(record):
    at = app("Threads", **{"from": "2011-01-01", "to": "2012-12-31"}).run()
    assert not at.exception
    listed = at.dataframe[0].value
    assert (listed["first"] <= "2012-12-31").all() and (listed["last"] <= "2012-12-31").all()
    assert any("status as of 31 Dec 2012" in m.value for m in at.markdown)
    as_of = statuses(RECORD, date(2012, 12, 31))
    shown = dict(zip(listed["title"], listed["status"]))
    titles = dict(zip(RECORD.threads["thread_id"], RECORD.threads["title"]))
    assert shown == {titles[t]: status_label(as_of[t][0]) for t in as_of if titles[t] in shown}


def test_an_unknown_thread_is_named_and_the_list_still_shows(record):
    at = app("Threads", thread="no-such-thread").run()
    assert not at.exception
    assert any("No thread with the id no-such-thread" in w.value.replace("\\", "") for w in at.warning)
    assert len(at.dataframe[0].value) > 0


def test_the_ledger_counts_open_threads_by_addressee(record):
    at = app("Threads").run()
    summary = next(d.value for d in at.dataframe if "open_threads" in d.value.columns)
    assert (summary["open_threads"] > 0).all()
    assert list(summary["open_threads"]) == sorted(summary["open_threads"], reverse=True)
    picker = next(s for s in at.selectbox if s.label == "Open threads asked of")
    assert picker.value == summary["addressee"].iloc[0]
    detail = at.dataframe[-1].value
    assert len(detail) == summary["open_threads"].iloc[0]
    assert set(detail["status"]) <= {"Raised", "Acknowledged", "Partly met", "Rejected"}


def test_a_dataset_without_threads_says_so():
    at = app("Threads").run()  # the frozen fixture
    assert not at.exception
    assert any("codes no threads" in i.value for i in at.info)


def test_demands_table_and_statement_page_name_the_thread(record):
    threaded = RECORD.demands[RECORD.demands["thread_id"] != ""].iloc[0]
    at = app("Statements", statement=threaded["statement_id"]).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert f"Threads?thread={threaded['thread_id']}" in set(table["thread_link"])
    demands = app("Demands").run()
    assert "thread" in demands.dataframe[0].value.columns


def test_downloads_hold_the_listed_threads_their_changes_and_demands(record, downloads):
    at = app("Threads", **{"to": "2016-12-31"}).run()
    assert not at.exception
    listed = at.dataframe[0].value
    name = next(n for n in downloads if n.startswith("syria-atlas_threads") and n.endswith(".csv"))
    assert "to-2016-12-31" in name
    rows = list(csv.DictReader(io.StringIO(downloads[name].decode("utf-8-sig"))))
    assert sorted(r["title"] for r in rows) == sorted(listed["title"])
    assert {r["status"] for r in rows} <= set(listed["status"])
    payload = json.loads(downloads[name.replace(".csv", ".json")])
    assert payload["meta"]["status_as_of"] == "2016-12-31"
    assert all(u["date"] <= "2016-12-31" for u in payload["status_changes"])
    assert {d["thread_id"] for d in payload["demands"]} == {r["thread_id"] for r in rows}
    assert all(d["date_from"] <= "2016-12-31" for d in payload["demands"])
    book = openpyxl.load_workbook(io.BytesIO(downloads[name.replace(".csv", ".xlsx")]))
    assert book.sheetnames == ["threads", "status changes", "demands", "filters and version"]
