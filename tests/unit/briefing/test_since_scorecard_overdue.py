"""Briefing from the threads: the since-view, the addressee scorecard and overdue asks, on the bundled record and
on deliberately changed copies of it."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import pytest

from atlas.dataset.loader import load_dataset
from atlas.filters import Filters, apply_filters
from atlas.briefing.overdue import overdue
from atlas.briefing.scorecard import LAPSED, SCORE_ORDER, asks, ceased, scorecard, scorecard_by_year
from atlas.briefing.since import since_view
from atlas.views.coverage import record_end
from atlas.views.threads import OPEN
from tests.helpers import DATA, rewrite

RECORD = load_dataset(DATA)
END = record_end(RECORD)
THREADS = list(RECORD.threads["thread_id"])


def view(since: date, until: date = END, **filters):
    base = Filters(**filters)
    return since_view(RECORD, apply_filters(RECORD, replace(base, date_from=since + timedelta(days=1), date_to=until)),
                      apply_filters(RECORD, base), since, until)


def test_the_since_view_lists_only_what_changed_in_its_window():
    since = date(2025, 6, 30)
    v = view(since)
    start, end = pd.Timestamp(since + timedelta(days=1)), pd.Timestamp(END)
    assert len(v.status_changes) and all(since < d <= END for d in v.status_changes["date"])
    updates = RECORD.thread_updates
    expected = updates[(updates["date"] >= start) & (updates["date"] <= end) & (updates["status"] != "raised")]
    assert len(v.status_changes) == len(expected)
    assert all(since < d <= END for d in v.new_asks["date"]) and all(since < d <= END for d in v.new_statements["date"])
    statements = RECORD.statements
    assert len(v.new_statements) == ((statements["date"] >= start) & (statements["date"] <= end)).sum()
    threaded = list(v.new_asks["thread"] != "")
    assert threaded == sorted(threaded, reverse=True)  # the asks in a thread first, those in none last
    assert list(v.new_asks.loc[threaded, "thread"]) == sorted(v.new_asks.loc[threaded, "thread"])


def test_an_empty_window_says_nothing_changed():
    v = view(END, END)
    assert v.status_changes.empty and v.new_asks.empty and v.new_statements.empty and v.new_events.empty


def test_other_filters_narrow_the_since_view():
    everyone, one = view(date(2024, 12, 1)), view(date(2024, 12, 1), issuers=("syrian-transitional-authorities",))
    assert 0 < len(one.new_statements) < len(everyone.new_statements)
    assert all("Syrian government (transition)" in issuer for issuer in one.new_statements["issuer"])


def test_an_ask_counts_for_an_addressee_from_the_day_it_was_first_asked():
    table = asks(RECORD, THREADS, END)
    row = table.sort_values("asked_since").iloc[-1]
    before = asks(RECORD, THREADS, (row["asked_since"] - pd.Timedelta(days=1)).date())
    mine = before[(before["addressee_id"] == row["addressee_id"]) & (before["thread_id"] == row["thread_id"])]
    assert mine.empty


def test_an_addressee_that_ceased_keeps_no_open_ask():
    assert ceased(RECORD)["assad-government"] == date(2024, 12, 8)
    assert ceased(RECORD)["syria-mofae-assad"] == date(2024, 12, 8)  # a ministry ends with its government
    table = asks(RECORD, THREADS, END)
    assad = table[table["addressee_id"] == "assad-government"]
    assert len(assad) and not set(assad["status"]) & set(OPEN) and LAPSED in set(assad["status"])
    before = asks(RECORD, THREADS, date(2024, 12, 7))
    assert LAPSED not in set(before["status"])


def test_the_scorecard_shares_each_addressees_asks():
    card = scorecard(RECORD, THREADS, END).set_index("addressee_id")
    assert (card[SCORE_ORDER].sum(axis=1).round(9) == 1).all()
    table = asks(RECORD, THREADS, END)
    assert (card["asks"] == table.groupby("addressee_id").size().reindex(card.index)).all()
    assert card.loc["assad-government", "ceased"] == "2024-12-08" and card.loc["united-states", "ceased"] == ""
    years = scorecard_by_year(RECORD, THREADS, "assad-government", range(2011, END.year + 1), END)
    assert (years[SCORE_ORDER].sum(axis=1).round(9) == 1).all() and years["asks"].is_monotonic_increasing
    assert years.set_index("year").loc[2023, LAPSED] == 0 and years.set_index("year").loc[2025, LAPSED] > 0


def deadline(data_copy, demand_id: str, day: str) -> None:
    quote = load_dataset(data_copy).demands.set_index("demand_id").loc[demand_id, "quote"]
    rewrite(data_copy / "demands.csv", demand_id, deadline=day, deadline_text=quote.split()[0])


def test_an_unmet_stated_deadline_is_overdue_from_the_next_day(data_copy):
    # the thread 'recognise-kurdish-rights' was partly met on 16 January 2026, never met
    demand_id = "syrian-presidency-2025-03-10-d02"
    deadline(data_copy, demand_id, "2026-01-01")
    dataset = load_dataset(data_copy)
    assert dataset.demands.set_index("demand_id").loc[demand_id, "thread_id"] == "recognise-kurdish-rights"
    late = overdue(dataset, date(2026, 2, 1)).set_index("demand_id")
    assert late.loc[demand_id, "overdue_since"] == date(2026, 1, 2) and late.loc[demand_id, "days_overdue"] == 31
    assert pd.isna(late.loc[demand_id, "until"]) and late.loc[demand_id, "status"] == "Partly met"
    assert demand_id not in set(overdue(dataset, date(2026, 1, 1))["demand_id"])  # not yet passed


def test_a_deadline_met_in_time_is_not_overdue_and_one_met_late_was_until_then(data_copy):
    # the thread 'tribes-drive-sdf-out-of-deir-ez-zor' was met on 18 January 2026
    demand_id = "ibrahim-al-hafl-2023-09-20-d01"
    deadline(data_copy, demand_id, "2026-01-20")
    assert demand_id not in set(overdue(load_dataset(data_copy), date(2026, 3, 1))["demand_id"])
    deadline(data_copy, demand_id, "2026-01-10")
    late = overdue(load_dataset(data_copy), date(2026, 3, 1)).set_index("demand_id")
    assert late.loc[demand_id, "until"] == date(2026, 1, 18) and late.loc[demand_id, "days_overdue"] == 8


def test_each_line_links_its_record_and_the_records_words_stay_words():
    from atlas.briefing.since import since_lines

    v = view(date(2026, 1, 1))
    lines = since_lines(v, Filters(since=date(2026, 1, 1)))
    first = v.new_statements.iloc[0]
    assert any(f"(Statements?since=2026-01-01&statement={first['statement_id']})" in line
               for line in lines["new_statements"])
    assert all("](Threads?" in line for line in lines["status_changes"])
    hostile = replace(v, new_statements=v.new_statements.assign(title="[click](javascript:alert(1)) *bold*"))
    line = since_lines(hostile, Filters())["new_statements"][0]
    assert "\\[click\\]\\(javascript:alert\\(1\\)\\) \\*bold\\*" in line and "](javascript" not in line


def test_the_scorecards_reading_of_a_status_is_the_threads_pages():
    from atlas.briefing.scorecard import _status_on, _timelines
    from atlas.views.threads import statuses

    timelines = _timelines(RECORD)
    for day in (date(2013, 8, 25), date(2018, 2, 24), date(2024, 12, 8), END):
        expected = statuses(RECORD, day)
        for thread_id, timeline in timelines.items():
            if timeline[0][0] <= pd.Timestamp(day):
                assert _status_on(timeline, pd.Timestamp(day)) == expected[thread_id][0], (thread_id, day)


def test_with_an_acled_layer_the_since_view_sets_events_at_the_places_named_against_as_many_days_before(tmp_path):
    import numpy as np

    from atlas.acled.layer import EPOCH, load_layer
    from atlas.briefing.since import acled_change
    from tests.helpers import synthetic_layer

    data_dir = synthetic_layer(tmp_path, 3000, seed=5)
    layer, dataset = load_layer(data_dir), load_dataset(data_dir)
    places = [p for p in dataset.places["place_id"] if p in layer.site_of_place][:6]
    since, until = date(2020, 6, 30), date(2020, 12, 31)
    table = acled_change(layer, set(places), since, until, {}).set_index("place_id")
    first, last = (since - EPOCH).days + 1, (until - EPOCH).days
    span = last - first + 1
    place_of = layer.sites["place_id"].to_numpy()[layer.site]
    for place in places:
        at = place_of == place
        assert table.loc[place, "events_since"] == int(np.sum(at & (layer.day >= first) & (layer.day <= last)))
        assert table.loc[place, "events_before"] == int(np.sum(at & (layer.day >= first - span) & (layer.day < first)))
    assert list(table["change"]) == sorted(table["change"], reverse=True) and table["events_since"].sum() > 0
    # the page's since-view carries it when a layer is there
    scope = apply_filters(dataset, Filters())
    v = since_view(dataset, apply_filters(dataset, Filters(date_from=date(2016, 1, 1))), scope, date(2015, 12, 31),
                   record_end(dataset), layer)
    assert v.acled is not None
    named = set(dataset.mention_places.loc[dataset.mention_places["statement_id"].isin(
        set(v.new_statements["statement_id"])), "place_id"])
    assert len(v.acled) and set(v.acled["place_id"]) == {p for p in named if p in layer.site_of_place}


def test_a_deadline_passed_in_the_window_is_a_line_that_opens_its_statement():
    from atlas.briefing.since import since_lines

    v = view(date(2023, 1, 1), date(2023, 12, 31))
    assert "amman-meeting-2023-05-01-d04" in set(v.overdue["demand_id"])
    [line] = [x for x in since_lines(v, Filters())["overdue"] if "amman-meeting-2023-05-01" in x]
    assert line.startswith("- Due 1 Jun 2023 (“within a month”)") and "(Statements?statement=amman-meeting-2023-05-01)" in line
