"""Threads as pages read them: status by date, the list, one thread whole, the addressee ledger."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from atlas.dataset.loader import actor_names, load_dataset
from atlas.filters import Filters, apply_filters
from atlas.views.coverage import record_end
from atlas.views.ledger import addressee_labels, addressee_ledger, addressee_menu, ledger_summary, open_for
from atlas.views.tables import demands_table, threads_table
from atlas.views.statement import statement_view
from atlas.views.threads import as_of_day, statuses, thread_figure, thread_list, thread_view
from tests.helpers import DATA, FIXTURE, code_threads, rewrite

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
    events = raw.events[raw.events["actor_ids"].map(lambda ids: "un-security-council" in ids)].sort_values("date")
    # (the addressee's own acts: only they can take the ask up or meet it)
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
    sieges = ledger[ledger["thread_id"] == "test-sieges"].set_index("addressee_id")
    assad = actor_names(dataset, short=True)["assad-government"]
    assert assad in set(sieges["addressee"])  # asked of it by the thread itself, named by its short name
    for actor, row in sieges.iterrows():  # each counted from when it was first asked
        named = coded["sieges"][coded["sieges"]["addressee_ids"].map(lambda ids: actor in ids)]
        since = named["statement_date"].min() if len(named) else coded["sieges"]["statement_date"].min()
        assert row["asked_since"] == since and row["days_open"] == (pd.Timestamp(today) - since).days
    before = (coded["acknowledged"]["date"]).date()
    assert "test-transition" in set(addressee_ledger(dataset, ["test-transition"], before)["thread_id"])
    assert addressee_ledger(dataset, [], today).empty

    summary = ledger_summary(ledger).set_index("addressee")
    assert summary["open_threads"].sum() == len(ledger)
    assert summary.at[assad, "longest_open"] == "Lift the sieges"
    assert ledger_summary(ledger.iloc[0:0]).empty


@pytest.fixture
def asked_late(data_copy):
    """A copy of data/ with one open thread of the test's own, asked of the Assad government by an early
    demand, of the transitional authorities by a late one, and of the Security Council by the thread alone."""
    full = load_dataset(data_copy).demands_full.sort_values("statement_date")
    early, late = full.iloc[0], full[full["statement_date"].dt.year >= 2025].iloc[-1]
    code_threads(data_copy, "thread_id,title,category,description,place_ids,addressee_ids\n"
                 "test-ask,An ask put to two governments,political-transition,Asked first of one.,,"
                 "un-security-council\n",
                 {"test-ask": [early["demand_id"], late["demand_id"]]}, [])
    rewrite(data_copy / "demands.csv", early["demand_id"], addressee_ids="assad-government")
    rewrite(data_copy / "demands.csv", late["demand_id"], addressee_ids="syrian-transitional-authorities")
    return {"dataset": load_dataset(data_copy), "early": early["statement_date"], "late": late["statement_date"]}


def test_an_ask_is_open_from_when_that_addressee_was_first_asked_to_the_records_end(asked_late):
    dataset = asked_late["dataset"]
    end = as_of_day(Filters(), dataset)
    assert end == record_end(dataset)  # not today
    ledger = addressee_ledger(dataset, ["test-ask"], end).set_index("addressee_id")
    since = ledger["asked_since"].to_dict()
    assert since == {"assad-government": asked_late["early"], "un-security-council": asked_late["early"],
                     "syrian-transitional-authorities": asked_late["late"]}
    assert ledger.at["syrian-transitional-authorities", "days_open"] == (pd.Timestamp(end) - asked_late["late"]).days
    # a day before the late demand, the transitional authorities had not been asked yet
    before = (asked_late["late"] - pd.Timedelta(days=1)).date()
    assert "syrian-transitional-authorities" not in set(addressee_ledger(dataset, ["test-ask"], before)["addressee_id"])


def test_the_record_ends_on_its_last_statement_day_and_statuses_are_read_then(data_copy):
    dataset = load_dataset(data_copy)
    last = dataset.statements.sort_values("date").iloc[-1]
    assert record_end(dataset) == max(last["date"], dataset.statements["date_end"].max()).date()
    later = last["date"] + pd.Timedelta(days=40)  # a window that ends after every statement's day
    rewrite(data_copy / "statements.csv", last["statement_id"], date_end=f"{later:%Y-%m-%d}")
    dataset = load_dataset(data_copy)
    assert record_end(dataset) == later.date()
    assert as_of_day(Filters(), dataset) == later.date()
    assert as_of_day(Filters(date_to=date(2016, 5, 1)), dataset) == date(2016, 5, 1)  # the filters' day, earlier
    assert as_of_day(Filters(date_to=date(2099, 1, 1)), dataset) == later.date()  # never past the record


@pytest.mark.parametrize("since, until, words", [
    (date(2024, 12, 13), date(2026, 2, 18), "1 year 2 months"),
    (date(2012, 6, 20), date(2026, 2, 18), "13 years 7 months"),
    (date(2025, 3, 31), date(2025, 4, 30), "30 days"),
    (date(2025, 3, 30), date(2025, 4, 30), "1 month"),
    (date(2024, 2, 18), date(2026, 2, 18), "2 years"),
    (date(2026, 2, 17), date(2026, 2, 18), "1 day"),
])
def test_how_long_reads_in_whole_months_and_years(since, until, words):
    assert open_for(since, until) == words


def test_an_addressee_is_found_by_any_name_it_goes_by():
    dataset = load_dataset(DATA)
    listed = thread_list(dataset, apply_filters(dataset, Filters()))
    summary = ledger_summary(addressee_ledger(dataset, listed["thread_id"], as_of_day(Filters(), dataset)))
    labels = addressee_labels(dataset, summary)
    actors = dataset.actors.set_index("actor_id")

    def found(typed: str) -> set[str]:  # the select box's "contains" filter: case-insensitive substring
        return {a for a, label in labels.items() if typed.casefold() in label.casefold()}

    wanted = "syrian-transitional-authorities"
    assert labels[wanted].startswith(actors.at[wanted, "short_name"])
    for typed in ("transitional authorities", "Syrian government", actors.at[wanted, "name_ar"],
                  actors.at[wanted, "name"], *actors.at[wanted, "aliases"]):
        assert wanted in found(typed), typed
    assert "assad-government" not in found("transitional authorities")
    assert "assad-government" in found("Syrian government")  # both are known by it: both are offered
    menu = addressee_menu(dataset, summary, None)
    assert menu.index is None and list(menu.titles) == list(summary["addressee_id"])
    assert addressee_menu(dataset, summary, wanted).index == list(summary["addressee_id"]).index(wanted)
    assert "no-such-actor" in addressee_menu(dataset, summary, "no-such-actor").notice


def test_status_changes_on_one_day_stay_visible_and_every_mark_is_in_the_legend():
    day = pd.Timestamp("2013-08-21")
    timeline = pd.DataFrame([
        {"row": "Raised", "date": day, "label": "UN", "detail": "Investigate", "colour": "#000"},
        {"row": "Events", "date": day, "label": "Violence against civilians", "detail": "Attack", "colour": "#111"},
        {"row": "Events", "date": day, "label": "Battles", "detail": "Fighting", "colour": "#222"},
        {"row": "Status", "date": day, "label": "Raised", "detail": "First asked", "colour": "#333"},
        {"row": "Status", "date": day, "label": "Rejected", "detail": "Refused", "colour": "#444"},
        {"row": "Status", "date": day + pd.Timedelta(days=30), "label": "Acknowledged", "detail": "", "colour": "#555"},
        {"row": "Status", "date": day + pd.Timedelta(days=32), "label": "Acknowledged", "detail": "", "colour": "#555"},
        {"row": "Raised", "date": day + pd.Timedelta(days=3000), "label": "UN", "detail": "Again", "colour": "#000"},
    ])
    fig = thread_figure(timeline)
    marks = [t for t in fig.data if "markers" in t.mode]
    spots = [(x, y) for t in marks for x, y in zip(t.x, t.y)]
    assert len(spots) == len(timeline) == len(set(spots))  # no mark drawn on another
    acknowledged = next(t for t in marks if t.name == "Acknowledged")
    assert acknowledged.y[0] != acknowledged.y[1]  # two days apart on an eight-year axis: one above the other
    assert all(t.showlegend is not False and t.name for t in marks)
    assert {"Violence against civilians", "Battles", "Raised", "Rejected", "Acknowledged"} <= {t.name for t in marks}


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
