"""load_dataset: typed frames, the joins pages use, read-only sharing, no partial loads."""
from __future__ import annotations

import pandas as pd
import pytest

from atlas.dataset.loader import DatasetError, load_dataset
from tests.helpers import DATA, FIXTURE, rewrite


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA)


def test_frames_are_typed(dataset):
    assert pd.api.types.is_datetime64_any_dtype(dataset.statements["date"])
    assert pd.api.types.is_datetime64_any_dtype(dataset.events["date_end"])
    assert str(dataset.events["time_precision"].dtype) == "Int64"
    assert dataset.places["lat"].dtype == "float64"
    assert isinstance(dataset.demands["category"].dtype, pd.CategoricalDtype)
    assert dataset.statements.set_index("statement_id").loc["sbc-acs-2024-12-01", "issuer_ids"] == ("sbc", "acs")
    # an empty list cell is an empty tuple, never NaN
    assert dataset.events.set_index("event_id").loc["unscr-2254", "place_ids"] == ()


def test_statement_window_is_kept():
    row = load_dataset(FIXTURE).statements.set_index("statement_id").loc["snc-fsa-2016-09"]
    assert row["date"] == pd.Timestamp("2016-08-28") and row["date_end"] == pd.Timestamp("2016-09-18")
    assert row["time_precision"] == 3


def test_demand_joins_statement_and_issuers(dataset):
    row = dataset.demands_full.set_index("demand_id").loc["sbc-acs-2024-12-01-d02"]
    assert row["statement_date"] == pd.Timestamp("2024-12-01")
    assert row["issuer_names"] == ("Syrian British Consortium", "American Coalition for Syria")
    assert row["addressee_names"] == ("United States", "United Kingdom")
    assert len(dataset.demands_full) == len(dataset.demands)


def test_mentions_join_places_and_events_join_places(dataset):
    waer = dataset.mention_places[dataset.mention_places["place_id"] == "al-waer"]
    assert set(waer["name_ar"]) == {"الوعر"} and set(waer["admin1_pcode"]) == {"SY04"}
    event_places = dataset.event_places[dataset.event_places["event_id"] == "idlib-m5-towns-captured-2024"]
    assert set(event_places["place_id"]) == {"gov-idleb", "maarat-al-numan", "khan-shaykhun", "m5-highway"}
    events = dataset.statement_events
    assert set(events[events["statement_id"] == "snc-fsa-2016-09"]["event_id"]) == {
        "waer-evacuation-2016", "moadamiya-deal-2016", "madaya-siege", "daraya-evacuation-2016",
        "us-russia-ceasefire-2016"}


def test_dataset_is_read_only(dataset):
    with pytest.raises(AttributeError):
        dataset.places = None
    mine = dataset.places
    mine.loc[mine["place_id"] == "aleppo", "name"] = "changed"
    assert "changed" not in set(dataset.places["name"])


def test_invalid_folder_raises_with_every_problem(data_copy):
    rewrite(data_copy / "events.csv", "unscr-2254", date="bad")
    rewrite(data_copy / "actors.csv", "fsa", kind="bad")
    with pytest.raises(DatasetError) as info:
        load_dataset(data_copy)
    assert {p.file for p in info.value.problems} == {"events.csv", "actors.csv"}
    assert "events.csv, row" in str(info.value)


def test_version_follows_content(data_copy):
    dataset = load_dataset(data_copy)
    statements = dataset.statements
    latest = statements["date_end"].fillna(statements["date"]).max()
    before = dataset.version
    assert before.startswith(f"{latest:%Y-%m-%d}.")  # whatever statements a curator has added since
    rewrite(data_copy / "actors.csv", "fsa", notes="edited")
    after = load_dataset(data_copy).version
    assert after != before and after.startswith(f"{latest:%Y-%m-%d}.")


def test_version_starts_with_the_latest_statement_date():
    assert load_dataset(FIXTURE).version.startswith("2024-12-01.")  # the frozen fixture's last statement


def test_atlas_data_dir_selects_the_folder(data_copy, monkeypatch):
    rewrite(data_copy / "actors.csv", "fsa", name="Renamed FSA")
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_copy))
    assert "Renamed FSA" in set(load_dataset().actors["name"])
