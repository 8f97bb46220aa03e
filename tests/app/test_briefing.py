"""The Briefing page through AppTest, on the bundled record: a since-day from the address, its sections, the
scorecard and overdue asks."""
from __future__ import annotations

from datetime import timedelta

import pytest

from atlas.dataset.loader import load_dataset
from atlas.views.coverage import record_end
from tests.helpers import DATA, app

RECORD = load_dataset(DATA)
END = record_end(RECORD)


@pytest.fixture(autouse=True)
def record(monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(DATA))


def heads(at) -> dict[str, int]:
    """Each section's title and the count in its brackets."""
    out = {}
    for s in at.subheader:
        title, _, rest = s.value.partition(" (")
        out[title] = int(rest.rstrip(")")) if rest else -1
    return out


def test_the_since_day_comes_from_the_address_and_stays_in_it():
    at = app("Briefing", since="2026-01-01").run(timeout=60)
    assert not at.exception
    assert at.query_params["since"] == ["2026-01-01"] or at.query_params["since"] == "2026-01-01"
    found = heads(at)
    statements = RECORD.statements
    assert found["New statements, by issuer"] == int(((statements["date"] > "2026-01-01")
                                                     & (statements["date"] <= str(END))).sum()) > 0
    assert found["Status changes of threads"] > 0


def test_without_a_since_day_the_page_takes_a_month_before_the_end_and_says_so_in_the_address():
    at = app("Briefing").run(timeout=60)
    assert not at.exception
    since = (END - timedelta(days=30)).isoformat()
    assert since in str(at.query_params["since"])
    assert at.date_input(key="since_picker").value.isoformat() == since


def test_an_empty_window_says_so_in_every_section():
    at = app("Briefing", since=(END - timedelta(days=1)).isoformat(), to=END.isoformat()).run(timeout=60)
    assert not at.exception
    infos = " ".join(i.value for i in at.info)
    assert "No thread changed status" in infos and "No stated deadline passed" in infos


def test_a_since_day_that_is_not_a_date_is_named_and_ignored():
    at = app("Briefing", since="last week").run(timeout=60)
    assert not at.exception
    assert any("since=last week" in w.value for w in at.warning)


def test_the_scorecard_marks_the_addressee_that_ceased_and_the_overdue_asks_are_listed():
    at = app("Briefing", since="2025-01-01").run(timeout=60)
    card = next(d.value for d in at.dataframe if "asks" in d.value.columns)
    assert any("Assad government (ceased 2024-12-08)" == a for a in card["addressee"])
    assad = card[card["addressee"].str.startswith("Assad government")].iloc[0]
    assert assad["lapsed"] > 0 and assad["raised"] == 0
    late = next(d.value for d in at.dataframe if "days_overdue" in d.value.columns)
    expected = RECORD.demands[RECORD.demands["deadline"].notna()]
    assert 0 < len(late) <= len(expected)


def test_an_overdue_ask_shows_on_its_thread_and_in_the_scorecard():
    demand = RECORD.demands_full.set_index("demand_id").loc["amman-meeting-2023-05-01-d04"]
    assert demand["thread_id"] and str(demand["deadline"].date()) == "2023-06-01"
    at = app("Threads", thread=demand["thread_id"]).run(timeout=60)
    assert not at.exception
    assert any("Overdue since 2 Jun 2023" in w.value for w in at.warning)
    at = app("Briefing", since="2023-01-01").run(timeout=60)
    card = next(d.value for d in at.dataframe if "asks" in d.value.columns)
    from atlas.dataset.loader import actor_names

    short = actor_names(RECORD, short=True)
    for actor in demand["addressee_ids"]:
        row = card[card["addressee"].str.startswith(short[actor])]
        assert len(row) and row.iloc[0]["overdue"] >= 1
