"""The curated rows against their sources: quotes verbatim, surface forms as written, dates checked."""
from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from atlas.dataset.loader import load_dataset
from tests.helpers import DATA, SEEDS

DATASET = load_dataset(DATA)
SEED_FILES = {"sbc-acs-2024-12-01": "000_f7afecbb5d41ff3e.txt", "snc-fsa-2016-09": "002_330b1004dd305c60.txt"}
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed texts (../shared/seeds) not present")


def seed_text(statement_id: str) -> str:
    return (SEEDS / SEED_FILES[statement_id]).read_text(encoding="utf-8")


SEED_DEMANDS = DATASET.demands[DATASET.demands["statement_id"].isin(list(SEED_FILES))]
SEED_MENTIONS = DATASET.mentions[DATASET.mentions["statement_id"].isin(list(SEED_FILES))]


@needs_seeds
@pytest.mark.parametrize("demand_id", list(SEED_DEMANDS["demand_id"]))
def test_quote_is_verbatim(demand_id):
    row = DATASET.demands.set_index("demand_id").loc[demand_id]
    assert row["quote"] in seed_text(row["statement_id"])


@needs_seeds
@pytest.mark.parametrize("mention_id", list(SEED_MENTIONS["mention_id"]))
def test_mention_surface_and_count_are_as_written(mention_id):
    mentions = DATASET.mentions
    row = mentions.set_index("mention_id").loc[mention_id]
    text = seed_text(row["statement_id"])
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(row["surface"]), text)]
    assert spans, row["surface"]
    longer = [s for s in mentions[mentions["statement_id"] == row["statement_id"]]["surface"]
              if len(s) > len(row["surface"])]
    longer_spans = [(m.start(), m.end()) for s in longer for m in re.finditer(re.escape(s), text)]
    outside = [a for a, b in spans if not any(x <= a and b <= y for x, y in longer_spans)]
    assert row["count"] == len(outside)


def test_both_seed_statements_are_coded():
    demands = DATASET.demands.groupby("statement_id").size()
    assert demands["sbc-acs-2024-12-01"] >= 15 and demands["snc-fsa-2016-09"] >= 8
    # one row per ask: no quote is used twice within a statement
    assert not DATASET.demands.duplicated(["statement_id", "quote"]).any()


def test_second_statement_day_is_a_sunday_of_the_window_the_events_allowed():
    """Undated, it was a window of Sundays fixed by the events around it; the second reading found the day, the
    window's last Sunday, and the window is kept in the corrections."""
    row = DATASET.statements.set_index("statement_id").loc["snc-fsa-2016-09"]
    day = row["date"].date()
    events = DATASET.events.set_index("event_id")
    daraya_done = events.loc["daraya-evacuation-2016", "date_end"].date()
    waer_first = events.loc["waer-evacuation-2016", "date"].date()
    # the first Sunday after the Daraya deal, the last Sunday before al-Waer's first evacuation
    first = next(d for d in pd.date_range(daraya_done, periods=8).date if d > daraya_done and d.weekday() == 6)
    last = max(d for d in pd.date_range(end=waer_first, periods=8).date if d < waer_first and d.weekday() == 6)
    assert day.weekday() == 6 and first <= day <= last  # "released on Sunday"
    assert row["time_precision"] == 1 and pd.isna(row["date_end"])
    fixed = DATASET.corrections.query("record_id == 'snc-fsa-2016-09'").set_index("field")
    assert fixed.loc["date", "old_value"] == first.isoformat() and fixed.loc["date_end", "old_value"] == last.isoformat()


def test_first_statement_weekday_claim_is_corrected():
    # the statement says "Wednesday, November 29, 2024"; the 29th was a Friday, the offensive began Wednesday the 27th
    assert date(2024, 11, 29).weekday() == 4 and date(2024, 11, 27).weekday() == 2
    event = DATASET.events.set_index("event_id").loc["deterrence-of-aggression-2024"]
    assert event["date"] == pd.Timestamp("2024-11-27")
    assert "Friday" in event["notes"] and "November 29" in event["notes"]


def test_every_event_is_sourced_and_referred_to():
    """By a statement (its mentions or demands), or as the evidence of a thread's status change."""
    referred = set(DATASET.mentions["event_id"]) | {e for ids in DATASET.demands["event_ids"] for e in ids} | \
        {e for ids in DATASET.thread_updates["evidence_event_ids"] for e in ids}
    for row in DATASET.events.itertuples():
        assert row.source_ids, row.event_id
        assert row.event_id in referred, row.event_id


def test_issue_events_are_present_with_verified_dates():
    events = DATASET.events.set_index("event_id")
    expected = {
        "deterrence-of-aggression-2024": "2024-11-27",
        "aleppo-airport-captured-2024": "2024-11-30",
        "aleppo-siege-2016": "2016-07-17",
        "daraya-evacuation-2016": "2016-08-25",
        "unscr-2254": "2015-12-18",
        "moadamiya-deal-2016": "2016-09-01",
        "waer-evacuation-2016": "2016-09-22",
        "madaya-siege": "2015-07-03",
    }
    for event_id, day in expected.items():
        assert events.loc[event_id, "date"] == pd.Timestamp(day), event_id


def test_second_statement_keeps_issuers_and_publisher_apart():
    row = DATASET.statements.set_index("statement_id").loc["snc-fsa-2016-09"]
    assert row["issuer_ids"] == ("snc", "fsa", "rebel-groups")
    assert row["publisher"] == "The Syrian Observer"


def test_every_statement_is_coded_and_sourced():
    demands = set(DATASET.demands["statement_id"])
    mentions = set(DATASET.mentions["statement_id"])
    for row in DATASET.statements.itertuples():
        assert row.statement_id in demands, row.statement_id
        # located by its mentions, or saying why it cannot be
        assert row.statement_id in mentions or "names no Syrian place" in row.notes, row.statement_id
        assert row.source_url.startswith(("http://", "https://")) and row.summary and row.issuer_ids


def test_the_dataset_spans_years_issuers_and_places():
    statements = DATASET.statements
    assert len(statements) >= 12
    assert statements["date"].dt.year.nunique() >= 4
    issuers = {a for ids in statements["issuer_ids"] for a in ids}
    kinds = set(DATASET.actors.set_index("actor_id").loc[sorted(issuers), "kind"].astype(str))
    assert {"opposition-political", "advocacy", "multilateral", "civil-society"} <= kinds
    assert DATASET.mention_places["admin1_pcode"].nunique() >= 6
