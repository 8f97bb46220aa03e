"""The Threads page through AppTest, on the bundled record (the frozen fixture codes no threads)."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import openpyxl
import pandas as pd
import pytest

from atlas.dataset.loader import actor_names, load_dataset
from atlas.filters import Filters, apply_filters
from atlas.views.coverage import record_end
from atlas.views.ledger import addressee_ledger, first_asked
from atlas.views.threads import per_year_peak, record_years, status_label, statuses, thread_list
from tests.helpers import DATA, app

RECORD = load_dataset(DATA)
TRANSITIONAL = "syrian-transitional-authorities"


@pytest.fixture
def record(monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(DATA))


def _table(at, column: str):
    """The page's table showing ``column``: the list (title), one thread's demands (role), its status
    changes (judged_by), the ledger's summary (open_threads) or one addressee's open threads (asked_since)."""
    return next(d for d in at.dataframe if column in d.value.columns and
                (column != "asked_since" or "open_threads" not in d.value.columns))


def _widest() -> str:
    """The thread most issuers raised: the one the list opens with."""
    demands = RECORD.demands_full[RECORD.demands_full["thread_id"] != ""]
    issuers = demands.groupby("thread_id")["issuer_ids"].agg(lambda ids: len({a for t in ids for a in t}))
    return issuers.idxmax()


def test_the_list_opens_on_the_thread_most_issuers_raised(record):
    at = app("Threads").run()
    assert not at.exception
    listed = _table(at, "title").value
    assert len(listed) == RECORD.threads["thread_id"].isin(set(RECORD.demands["thread_id"])).sum()
    widest = RECORD.threads.set_index("thread_id").at[_widest(), "title"]
    assert listed["title"].iloc[0] == widest
    assert all(len(years) == len(listed["per_year"].iloc[0]) for years in listed["per_year"])
    assert (listed["demands"] == listed["per_year"].map(sum)).all()
    assert next(s for s in at.selectbox if s.label == "Thread").value == _widest()
    assert _widest() in at.query_params["thread"]  # the address names the thread shown


def test_a_deep_link_opens_its_thread_whole_with_status_and_evidence(record):
    updated = RECORD.thread_updates[RECORD.thread_updates["status"] != "raised"]["thread_id"].iloc[0]
    at = app("Threads", thread=updated).run()
    assert not at.exception
    title = RECORD.threads.set_index("thread_id").at[updated, "title"]
    assert title in [s.value.replace("\\", "") for s in at.subheader]
    state = statuses(RECORD)[updated][0]
    assert any(f"**Status:** {status_label(state)}" in m.value for m in at.markdown)
    raised = _table(at, "role").value
    demands = RECORD.demands[RECORD.demands["thread_id"] == updated]
    assert len(raised) == len(demands) and raised["role"].iloc[0] == "first"
    assert set(raised["quote"]) == set(demands["quote"])
    changes = _table(at, "judged_by").value
    assert len(changes) == (RECORD.thread_updates["thread_id"] == updated).sum()
    assert set(changes["judged_by"]) <= set(RECORD.thread_updates["judged_by"])


def test_filters_narrow_the_list_and_date_the_status(record):
    at = app("Threads", **{"from": "2011-01-01", "to": "2012-12-31"}).run()
    assert not at.exception
    listed = _table(at, "title").value
    assert (listed["first"] <= "2012-12-31").all() and (listed["last"] <= "2012-12-31").all()
    assert any("status as of 31 Dec 2012" in m.value for m in at.markdown)
    as_of = statuses(RECORD, date(2012, 12, 31))
    shown = dict(zip(listed["title"], listed["status"]))
    titles = dict(zip(RECORD.threads["thread_id"], RECORD.threads["title"]))
    assert shown == {titles[t]: status_label(as_of[t][0]) for t in as_of if titles[t] in shown}


def test_an_unknown_thread_is_named_and_the_list_still_shows(record):
    at = app("Threads", thread="no-such-thread").run()
    assert not at.exception
    assert any("Ignored unknown thread value(s): no-such-thread" in w.value.replace("\\", "") for w in at.warning)
    assert len(_table(at, "title").value) > 0


def test_the_ledger_counts_open_threads_by_addressee(record):
    at = app("Threads").run()
    summary = _table(at, "open_threads").value
    assert (summary["open_threads"] > 0).all()
    assert list(summary["open_threads"]) == sorted(summary["open_threads"], reverse=True)
    tied = summary.groupby("open_threads", sort=False)["days_open"]  # among equals, the longest kept waiting first
    assert all(list(days) == sorted(days, reverse=True) for _, days in tied)
    picker = next(s for s in at.selectbox if s.label == "Still open, asked of")
    assert picker.value is None and "addressee" not in at.query_params  # nobody chosen until asked
    picker.set_value(summary["addressee_id"].iloc[0]).run()
    assert at.query_params["addressee"] == summary["addressee_id"].iloc[0]  # the choice is kept in the link
    detail = _table(at, "asked_since").value
    assert len(detail) == summary["open_threads"].iloc[0]
    assert set(detail["status"]) <= {"Raised", "Acknowledged", "Partly met", "Rejected"}
    assert list(detail["days_open"]) == sorted(detail["days_open"], reverse=True)


def test_a_deep_link_answers_what_is_still_asked_of_the_transitional_authorities(record):
    at = app("Threads", addressee=TRANSITIONAL).run()
    assert not at.exception
    picker = next(s for s in at.selectbox if s.label == "Still open, asked of")
    assert picker.value == TRANSITIONAL
    end = record_end(RECORD)
    short = actor_names(RECORD, short=True)[TRANSITIONAL]
    answer = next(m.value.replace("\\", "") for m in at.markdown if "still open on" in m.value)
    assert short in answer and f"{end:%-d %b %Y}, the record's last day" in answer
    detail = _table(at, "asked_since").value
    assert (detail["addressee_id"] == TRANSITIONAL).all()
    assert list(detail["days_open"]) == sorted(detail["days_open"], reverse=True)  # longest open first
    assert detail["thread"].iloc[0] in answer
    demands = RECORD.demands_full
    own = dict(zip(RECORD.threads["thread_id"], RECORD.threads["addressee_ids"]))
    for row in detail.itertuples():  # from when it was first asked of them, to the record's last day
        asked = first_asked(demands[demands["thread_id"] == row.thread_id], own[row.thread_id])[TRANSITIONAL]
        assert row.asked_since == asked and row.days_open == (pd.Timestamp(end) - asked).days
        assert asked >= pd.Timestamp("2024-12-08")  # never before there were such authorities to ask
    assert any(f"counted to {end:%-d %b %Y}, the record's last day" in c.value for c in at.caption)


def test_a_deep_link_under_earlier_dates_counts_to_the_filters_last_day(record):
    at = app("Threads", addressee=TRANSITIONAL, to="2025-06-30").run()
    assert not at.exception
    answer = next(m.value.replace("\\", "") for m in at.markdown if "still open on" in m.value)
    assert "30 Jun 2025, the last day of the filters" in answer
    detail = _table(at, "asked_since").value
    assert (detail["asked_since"] <= pd.Timestamp("2025-06-30")).all()
    listed = thread_list(RECORD, apply_filters(RECORD, Filters(date_to=date(2025, 6, 30))))
    expected = addressee_ledger(RECORD, listed["thread_id"], date(2025, 6, 30))
    assert sorted(detail["thread_id"]) == sorted(expected.loc[expected["addressee_id"] == TRANSITIONAL, "thread_id"])


def test_an_unknown_addressee_is_named_and_ignored(record):
    at = app("Threads", addressee="no-such-actor").run()
    assert not at.exception
    assert any("No addressee with the id no-such-actor" in w.value.replace("\\", "") for w in at.warning)
    assert next(s for s in at.selectbox if s.label == "Still open, asked of").value is None
    assert "addressee" not in at.query_params
    assert not any("Ignored unknown parameter" in w.value for w in at.warning)  # a known parameter, a bad value


def test_the_picker_finds_an_addressee_by_the_words_users_use(record):
    at = app("Threads").run()
    picker = next(s for s in at.selectbox if s.label == "Still open, asked of")
    short = actor_names(RECORD, short=True)[TRANSITIONAL]
    for typed in ("transitional authorities", "Syrian government"):  # the box keeps labels containing the words
        found = [label for label in picker.options if typed.casefold() in label.casefold()]
        assert any(label.startswith(short) for label in found), typed


def test_every_table_column_has_a_readable_label_and_the_bars_a_stated_scale(record):
    at = app("Threads", addressee=TRANSITIONAL).run()
    for frame in at.dataframe:
        config = json.loads(frame.proto.columns)
        shown = list(frame.proto.column_order) or list(frame.value.columns)
        for column in shown:
            label = config.get(column, {}).get("label")
            assert label and "_" not in label, (column, label)
    listed = _table(at, "title")
    config = json.loads(listed.proto.columns)
    bars, peak = config["per_year"], per_year_peak(listed.value)
    assert bars["type_config"]["y_max"] == peak and bars["type_config"]["y_min"] == 0
    years = record_years(RECORD)
    first, last = years[0], years[-1]
    assert f"{first}–{last}" in bars["label"] and f"top: {peak}" in bars["label"] and bars["help"]
    assert config["issuers"]["help"] and config["demands"]["help"]
    assert listed.proto.row_height > 64  # long titles wrap


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
    listed = _table(at, "title").value
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


@pytest.mark.parametrize("label, param", [("Still open, asked of", "addressee"), ("Thread", "thread")])
def test_a_second_pick_replaces_the_first_in_the_page_and_the_link(record, label, param):
    at = app("Threads").run()
    if param == "addressee":
        offered = list(_table(at, "open_threads").value["addressee_id"])
    else:
        offered = list(thread_list(RECORD, apply_filters(RECORD, Filters()))["thread_id"])
    for wanted in (offered[1], offered[2], offered[1]):
        next(s for s in at.selectbox if s.label == label).set_value(wanted).run()
        assert next(s for s in at.selectbox if s.label == label).value == wanted
        assert at.query_params[param] == wanted


def _busiest() -> str:
    counts = RECORD.demands[RECORD.demands["thread_id"] != ""].groupby("thread_id").size()
    return counts.idxmax()


def test_a_thread_is_a_filter_on_demands_statements_map_and_timeline(record):
    thread = _busiest()
    mine = RECORD.demands[RECORD.demands["thread_id"] == thread]
    at = app("Demands", thread=thread).run()
    assert not at.exception
    assert at.markdown and any(f"**{len(mine):,}** demands from **{mine['statement_id'].nunique():,}**" in m.value
                               for m in at.markdown)
    assert any("Thread:" in m.value for m in at.sidebar.markdown)
    for page in ("Statements", "Map", "Timeline", "Overview", "Events"):
        at = app(page, thread=thread).run()
        assert not at.exception, page
        assert at.query_params["thread"] in ([thread], thread), page  # kept in the address, as every filter


def test_show_every_thread_clears_the_filter(record):
    thread = _busiest()
    at = app("Demands", thread=thread).run()
    at.sidebar.button[-1].click().run()
    assert "thread" not in at.query_params
    assert any(f"**{len(RECORD.demands):,}** demands" in m.value for m in at.markdown)
