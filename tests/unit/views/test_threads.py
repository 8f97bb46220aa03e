"""Threads as pages read them: status by date, the list, one thread whole, the addressee ledger."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from atlas.dataset.loader import load_dataset
from atlas.filters import Filters, apply_filters
from atlas.views.tables import demands_table, threads_table
from atlas.views.statement import statement_view
from atlas.views.threads import addressee_ledger, ledger_summary, statuses, thread_figure, thread_list, thread_view
from tests.helpers import FIXTURE, code_threads

THREADS = ("thread_id,title,category,description,place_ids,addressee_ids\n"
           "test-transition,A negotiated transition,political-transition,Talks lead to a new government.,,"
           "un-security-council\n"
           "test-sieges,Lift the sieges,end-sieges-displacement,Besieged places opened.,madaya,assad-government\n")


@pytest.fixture
def coded(data_copy):
    """A copy of data/ with two threads of the test's own: five transition demands from different years
    (acknowledged, then met, by real events of the record) and four siege demands with no status change."""
    raw = load_dataset(data_copy)
    full = raw.demands_full.sort_values("statement_date")
    transition = full[full["category"] == "political-transition"].drop_duplicates("statement_id")
    transition = transition[transition["statement_date"].dt.year.diff().fillna(1) != 0].head(5)
    sieges = full[full["category"] == "end-sieges-displacement"].head(4)
    events = raw.events.sort_values("date")
    first = transition["statement_date"].min()
    later = events[events["date"] > first]
    acknowledged, met = later.iloc[0], later.iloc[len(later) // 2]
    picks = {"test-transition": list(transition["demand_id"]), "test-sieges": list(sieges["demand_id"])}
    code_threads(data_copy, THREADS, picks, [
        f"test-transition-u1,test-transition,{acknowledged['date']:%Y-%m-%d},acknowledged,"
        f"{acknowledged['event_id']},,,Test curators,Taken up.",
        f"test-transition-u2,test-transition,{met['date']:%Y-%m-%d},met,{met['event_id']},,,Test curators,Done."])
    return {"dataset": load_dataset(data_copy), "transition": transition, "sieges": sieges,
            "acknowledged": acknowledged, "met": met}


def test_a_status_is_the_latest_change_on_or_before_the_day(coded):
    dataset, ack, met = coded["dataset"], coded["acknowledged"]["date"], coded["met"]["date"]
    first = coded["transition"]["statement_date"].min()
    assert statuses(dataset, first.date())["test-transition"] == ("raised", first)
    assert statuses(dataset, ack.date())["test-transition"] == ("acknowledged", ack)
    if met > ack:
        assert statuses(dataset, (met - pd.Timedelta(days=1)).date())["test-transition"][0] == "acknowledged"
    assert statuses(dataset)["test-transition"] == ("met", met)
    assert statuses(dataset)["test-sieges"][0] == "raised"


def test_the_list_counts_what_the_filtered_demands_raise(coded):
    dataset, transition = coded["dataset"], coded["transition"]
    listed = thread_list(dataset, apply_filters(dataset, Filters())).set_index("thread_id")
    row = listed.loc["test-transition"]
    assert row["demands"] == len(transition) == sum(row["per_year"])
    assert row["issuers"] == len({a for ids in transition["issuer_ids"] for a in ids})
    assert (row["first"], row["last"]) == (f"{transition['statement_date'].min():%Y-%m-%d}",
                                           f"{transition['statement_date'].max():%Y-%m-%d}")
    assert row["status"] == "Met"
    assert set(listed.index) == {"test-transition", "test-sieges"}

    # up to the day before it was met: the demands of those days only, and the status as it stood
    until = (coded["met"]["date"] - pd.Timedelta(days=1)).date()
    early = thread_list(dataset, apply_filters(dataset, Filters(date_to=until))).set_index("thread_id")
    assert early.loc["test-transition", "demands"] == int((transition["statement_date"].dt.date <= until).sum())
    assert early.loc["test-transition", "status"] != "Met"


def test_one_thread_in_date_order_first_then_repeated_with_its_evidence(coded):
    view = thread_view(coded["dataset"], "test-transition")
    assert len(view.raised_by) == len(coded["transition"])
    assert list(view.raised_by["role"]) == ["first"] + ["repeated"] * (len(coded["transition"]) - 1)
    assert list(view.raised_by["quote"]) == list(coded["transition"]["quote"])  # date order, as coded
    assert list(view.updates["status"]) == ["Acknowledged", "Met"]
    assert coded["met"]["title"] in set(view.events["event"])
    cited = view.events.set_index("event").loc[coded["met"]["title"], "bears_on_it_as"]
    assert "evidence" in (cited if isinstance(cited, str) else cited.iloc[0])
    assert sorted(view.timeline["row"].unique()) == ["Events", "Raised", "Status"]
    assert thread_view(coded["dataset"], "no-such-thread") is None


def test_the_map_of_a_thread_shows_only_its_own_places(coded):
    view = thread_view(coded["dataset"], "test-sieges")
    own = {"madaya"} | {p for ids in coded["sieges"]["place_ids"] for p in ids} \
        | {p for ids in view.map_filtered.events["place_ids"] for p in ids}
    assert set(view.map_filtered.mentions["place_id"]) <= own
    assert set(view.map_filtered.demands["demand_id"]) == set(coded["sieges"]["demand_id"])


def test_the_ledger_keeps_open_threads_and_how_long_they_waited(coded):
    dataset = coded["dataset"]
    today = date(2026, 12, 1)
    ledger = addressee_ledger(dataset, ["test-transition", "test-sieges"], today)
    assert "test-transition" not in set(ledger["thread_id"])  # met: closed
    sieges = ledger[ledger["thread_id"] == "test-sieges"]
    assert "Assad government of Syria" in set(sieges["addressee"])  # asked of it by the thread itself
    since = coded["sieges"]["statement_date"].min()
    assert set(sieges["years_open"]) == {round((pd.Timestamp(today) - since).days / 365.25, 1)}
    before = (coded["acknowledged"]["date"]).date()
    assert "test-transition" in set(addressee_ledger(dataset, ["test-transition"], before)["thread_id"])
    assert addressee_ledger(dataset, [], today).empty

    summary = ledger_summary(ledger).set_index("addressee")
    assert summary["open_threads"].sum() == len(ledger)
    assert summary.at["Assad government of Syria", "longest_open"] == "Lift the sieges"
    assert ledger_summary(ledger.iloc[0:0]).empty


def test_hover_text_from_the_dataset_is_escaped():
    timeline = pd.DataFrame([{"row": "Raised", "date": pd.Timestamp("2016-01-01"), "label": "<b>x</b>",
                              "detail": "<img src=x onerror=alert(1)>", "colour": "#000"}])
    hover = thread_figure(timeline).data[0].hovertext[0]
    assert "<img" not in hover and "&lt;img" in hover and "&lt;b&gt;x" in hover


def test_demands_and_statements_name_their_thread(coded):
    dataset = coded["dataset"]
    table = demands_table(dataset, apply_filters(dataset, Filters())).set_index("demand_id")
    picked = coded["sieges"]["demand_id"].iloc[0]
    assert (table.at[picked, "thread_id"], table.at[picked, "thread"]) == ("test-sieges", "Lift the sieges")
    assert (table["thread_id"] != "").sum() == len(coded["transition"]) + len(coded["sieges"])
    view = statement_view(dataset, coded["sieges"]["statement_id"].iloc[0])
    assert "Threads?thread=test-sieges" in set(view.demands["thread_link"])
    sheet = threads_table(dataset, {"test-transition"})
    assert list(sheet["status"]) == ["Met"] and list(sheet["title"]) == ["A negotiated transition"]


def test_a_folder_from_before_threads_reads_as_one_with_none_coded():
    dataset = load_dataset(FIXTURE)
    assert dataset.threads.empty and dataset.thread_updates.empty
    assert set(dataset.demands["thread_id"]) == {""}
    assert thread_list(dataset, apply_filters(dataset, Filters())).empty
