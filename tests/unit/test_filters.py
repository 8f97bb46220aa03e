"""The filter semantics, as one parametrised table, and URL parsing that never raises."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atlas.dataset.loader import load_dataset
from atlas.filters import (
    LIST_PARAMS,
    OTHER_PARAMS,
    URL_PARAMS,
    Filters,
    _contains_any,
    _short,
    apply_filters,
    build_choices,
    describe,
    named,
    option_label,
    parse_query,
    place_scope,
    place_set,
    to_query,
)
from geo.normalize import name_key
from tests.helpers import FIXTURE as DATA
from tests.helpers import ROOT

DATASET = load_dataset(DATA)
CHOICES = build_choices(DATASET)
SBC, SNC = "sbc-acs-2024-12-01", "snc-fsa-2016-09"
ALL_EVENTS = set(DATASET.events["event_id"])
SBC_EVENTS = set(DATASET.statement_events.query("statement_id == @SBC")["event_id"])
BATTLES = set(DATASET.events.loc[DATASET.events["event_type"] == "Battles", "event_id"])
D = date

CASES = [
    # name, filters, statements, number of demands, events
    ("no filter", Filters(), {SBC, SNC}, 30, ALL_EVENTS),
    ("December 2024", Filters(D(2024, 12, 1), D(2024, 12, 31)), {SBC}, 19,
     {"aleppo-airstrikes-2024", "north-hama-advance-2024", "hama-outskirts-2024", "opposition-assurances-2024"}),
    ("a range inside an uncertain window matches it", Filters(D(2016, 9, 1), D(2016, 9, 10)), {SNC}, 11,
     {"moadamiya-deal-2016", "us-russia-ceasefire-2016", "aleppo-siege-2016", "madaya-siege"}),
    ("a range after the window does not", Filters(D(2016, 9, 19), D(2016, 9, 30)), set(), 0,
     {"moadamiya-deal-2016", "waer-evacuation-2016", "aleppo-siege-2016", "madaya-siege"}),
    ("only a start", Filters(date_from=D(2024, 12, 2)), set(), 0, {"hama-outskirts-2024"}),
    ("only an end", Filters(date_to=D(1999, 1, 1)), set(), 0, {"assad-coup-1970"}),
    # a place filter keeps the statements that name the place, the demands about it and the events there
    ("a city", Filters(places=("aleppo",)), {SBC}, 3,
     {"aleppo-captured-2024", "aleppo-airstrikes-2024", "aleppo-siege-2016", "opposition-assurances-2024"}),
    ("a neighbourhood", Filters(places=("al-waer",)), {SNC}, 2, {"waer-evacuation-2016"}),
    ("a governorate stands for the places in it", Filters(govs=("gov-rural-damascus",)), {SNC}, 2,
     {"daraya-evacuation-2016", "moadamiya-deal-2016", "madaya-siege"}),
    ("another governorate", Filters(govs=("gov-homs",)), {SNC}, 2, {"waer-evacuation-2016"}),
    ("places are alternatives", Filters(places=("al-waer", "aleppo-airport")), {SNC, SBC}, 2,
     {"waer-evacuation-2016", "aleppo-airport-captured-2024"}),
    ("a place nobody refers to", Filters(places=("tartus",)), set(), 0, set()),
    ("an issuer", Filters(issuers=("sbc",)), {SBC}, 19, SBC_EVENTS),
    ("a category", Filters(categories=("protected-areas",)), {SBC, SNC}, 2, set()),
    ("a category whose demands cite events", Filters(categories=("end-sieges-displacement",)), {SNC}, 5,
     {"waer-evacuation-2016", "moadamiya-deal-2016", "madaya-siege", "daraya-evacuation-2016"}),
    ("an event type", Filters(event_types=("Battles",)), {SBC}, 19, BATTLES),
    ("free text, any case", Filters(q="DARAYA"), {SNC}, 1, {"daraya-evacuation-2016"}),
    ("an Arabic name finds what the English one does", Filters(q="داريا"), {SNC}, 1, {"daraya-evacuation-2016"}),
    ("Arabic with diacritics and alef variants", Filters(q="دارَيّا"), {SNC}, 1, {"daraya-evacuation-2016"}),
    ("city and month together", Filters(D(2024, 12, 1), D(2024, 12, 31), places=("aleppo",)), {SBC}, 3,
     {"aleppo-airstrikes-2024", "opposition-assurances-2024"}),
    ("issuer and place that never meet", Filters(issuers=("snc",), places=("aleppo",)), set(), 0, set()),
]


@pytest.mark.parametrize("name,filters,statements,n_demands,events", CASES, ids=[c[0] for c in CASES])
def test_filter_semantics(name, filters, statements, n_demands, events):
    result = apply_filters(DATASET, filters)
    assert set(result.statements["statement_id"]) == statements
    assert len(result.demands) == n_demands
    assert set(result.events["event_id"]) == events
    assert set(result.mentions["statement_id"]) <= statements


def test_place_filter_keeps_demands_about_the_place_even_if_their_statement_does_not_name_it():
    result = apply_filters(DATASET, Filters(places=("daraya",)))
    assert set(result.demands["statement_id"]) == {SNC}


QUERIES = [
    ({}, Filters(), []),
    ({"from": "2024-12-01", "to": "2024-12-31"}, Filters(D(2024, 12, 1), D(2024, 12, 31)), []),
    ({"place": "aleppo,al-waer"}, Filters(places=("aleppo", "al-waer")), []),
    ({"place": ["aleppo", "al-waer"]}, Filters(places=("aleppo", "al-waer")), []),  # repeated keys
    ({"place": "aleppo,,aleppo, "}, Filters(places=("aleppo",)), []),
    ({"gov": "gov-aleppo", "issuer": "sbc", "category": "accountability", "event_type": "Battles", "q": "airport"},
     Filters(govs=("gov-aleppo",), issuers=("sbc",), categories=("accountability",), event_types=("Battles",),
             q="airport"), []),
    ({"from": "yesterday"}, Filters(), ["Ignored from=yesterday: not a date (use YYYY-MM-DD)."]),
    ({"to": "2024-02-30"}, Filters(), ["Ignored to=2024-02-30: not a date (use YYYY-MM-DD)."]),
    ({"from": "2025-01-01", "to": "2024-01-01"}, Filters(D(2024, 1, 1), D(2025, 1, 1)),
     ["The date range was reversed; swapped from and to."]),
    ({"place": "aleppo,atlantis"}, Filters(places=("aleppo",)), ["Ignored unknown place value(s): atlantis."]),
    ({"category": "<script>"}, Filters(), ["Ignored unknown category value(s): <script>."]),
    ({"q": "x" * 500}, Filters(q="x" * 200), ["Shortened the search text to 200 characters."]),
    ({"q": "air\x00port\u202e"}, Filters(q="airport"), []),
]


@pytest.mark.parametrize("params,filters,notices", QUERIES)
def test_parse_query(params, filters, notices):
    assert parse_query(params, CHOICES) == (filters, notices)


@pytest.mark.parametrize("params,filters,_", [q for q in QUERIES if not q[2]])
def test_url_round_trip(params, filters, _):
    assert parse_query(to_query(filters), CHOICES) == (filters, [])


def test_describe_names_the_filters():
    words = describe(Filters(D(2024, 12, 1), None, places=("aleppo",), q="red lines"), CHOICES)
    assert words == ["dates 2024-12-01 to …", "places: Aleppo", "text: “red lines”"]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["from", "to", "place", "gov", "issuer", "category", "event_type", "q",
                                        "present", "statement", "junk"]),
                       st.one_of(st.text(max_size=300), st.lists(st.text(max_size=50), max_size=5)),
                       max_size=8))
def test_any_url_parses_and_applies_without_raising(params):
    filters, notices = parse_query(params, CHOICES)
    assert all(isinstance(n, str) for n in notices)
    result = apply_filters(DATASET, filters)
    assert len(result.statements) <= len(DATASET.statements)


ids = st.sampled_from(["aleppo", "gov-aleppo", "snc", "landmines", "Battles", "atlantis", "<script>", "", "a,b"])
values = st.one_of(st.text(max_size=60), ids, st.lists(st.one_of(ids, st.text(max_size=20)), max_size=8))


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.one_of(st.sampled_from(list(URL_PARAMS) + ["present", "utm_source", "from"]),
                                 st.text(max_size=12)), values, max_size=8))
def test_everything_ignored_is_said(params):
    """Whatever a link holds, each part of it is used or named in a notice."""
    filters, notices = parse_query(params, CHOICES)
    said = " ".join(notices)
    for key, raw in params.items():
        given = [part.strip() for item in (raw if isinstance(raw, list) else [raw])
                 for part in str(item).split(",") if part.strip()]
        if key not in (*URL_PARAMS, *OTHER_PARAMS):
            assert "unknown parameter" in said and (_short(key) in said or "more" in said)
        elif key in ("from", "to") and given:
            used = filters.date_from if key == "from" else filters.date_to
            assert used is not None or _short(given[-1]) in said or "swapped" in said
            if len(given) > 1:
                assert f"{key} was given {len(given)} times" in said
        elif key in LIST_PARAMS:
            kept = set(getattr(filters, LIST_PARAMS[key]))
            for value in given:
                assert value in kept or _short(value) in said or "more" in said or "Kept the first" in said


def test_issuers_are_listed_by_name_in_english_and_arabic():
    options = build_choices(DATASET)
    labels = list(options.issuers.values())
    assert labels == sorted(labels, key=str.casefold)
    assert options.issuers["snc"].startswith("National Coalition") or "·" in options.issuers["snc"]
    assert any("·" in label and any("\u0600" <= ch <= "\u06ff" for ch in label) for label in labels)


@pytest.mark.parametrize("english, arabic", [("Madaya", "مضايا"), ("Idlib", "إدلب"), ("Idlib", "ادلب")])
def test_a_place_searched_in_arabic_finds_what_its_english_name_does(english, arabic):
    dataset = load_dataset(ROOT / "data")  # the bundled record: the fixture holds too few names
    by_english, by_arabic = apply_filters(dataset, Filters(q=english)), apply_filters(dataset, Filters(q=arabic))
    assert len(by_english.demands) > 0
    assert set(by_arabic.demands["demand_id"]) == set(by_english.demands["demand_id"])
    assert set(by_arabic.statements["statement_id"]) == set(by_english.statements["statement_id"])


# -- a place or issuer found however it is spelt -------------------------------------------------------------
RECORD = load_dataset(ROOT / "data")  # the bundled record: its names, aliases and Arabic forms
RECORD_CHOICES = build_choices(RECORD)
SPELLINGS = [
    # list, id, spellings (names, aliases, Arabic, hyphenated, accented, other case)
    ("places", "suwayda", ["As-Suwayda", "Suwayda", "Sweida", "Suwaida", "السويداء", "as suwayda", "SWEIDA"]),
    ("places", "northeast-syria", ["Northeast Syria", "north-east", "northeast", "north east", "North-East",
                                   "شمال شرق سوريا", "Rojava"]),
    ("places", "idlib", ["Idlib", "إدلب", "ادلب", "Idleb", "Edlib"]),
    ("places", "daraa", ["Daraa", "Dar'a", "Deraa", "درعا"]),
    ("govs", "gov-sweida", ["As-Sweida Governorate", "Suwayda province", "Sweida governorate",
                            "محافظة السويداء", "as sweida governorate"]),
    ("issuers", "turkey", ["Turkey", "Türkiye", "Turkiye", "تركيا", "Republic of Turkey"]),
    ("issuers", "sdf", ["SDF", "Syrian Democratic Forces", "قسد", "قوات سوريا الديمقراطية"]),
    ("issuers", "syrian-transitional-authorities", ["transitional authorities", "Syrian transitional government",
                                                    "السلطات الانتقالية", "Sharaa government"]),
]


def found_by(text: str) -> tuple[frozenset, frozenset, frozenset]:
    result = apply_filters(RECORD, Filters(q=text))
    return (frozenset(result.statements["statement_id"]), frozenset(result.demands["demand_id"]),
            frozenset(result.events["event_id"]))


def list_finds(typed: str, label: str) -> bool:
    """Whether a list's own search finds ``label`` for ``typed``: Streamlit's compares the letters in order,
    ignoring case; the typed text whole inside the label is the stricter test."""
    return typed.lower() in label.lower()


@pytest.mark.parametrize("box,record_id,spellings", SPELLINGS, ids=[s[1] for s in SPELLINGS])
def test_every_spelling_finds_the_same(box, record_id, spellings):
    answers = {text: found_by(text) for text in spellings}
    first = answers[spellings[0]]
    assert first[1], f"{spellings[0]} finds no demand"
    assert all(answer == first for answer in answers.values()), {t: [len(x) for x in a] for t, a in answers.items()}
    named_ids = [named(RECORD, text).places | named(RECORD, text).actors for text in spellings]
    assert all(record_id in ids for ids in named_ids)
    label = getattr(RECORD_CHOICES, box)[record_id]
    assert [t for t in spellings if not list_finds(t, label)] == []


def test_a_list_option_reads_name_and_arabic_name_first():
    assert RECORD_CHOICES.places["suwayda"].startswith("As-Suwayda · السويداء")
    assert RECORD_CHOICES.issuers["turkey"].startswith("Republic of Turkey · تركيا")
    assert describe(Filters(places=("suwayda",), issuers=("turkey",)), RECORD_CHOICES) == [
        "places: As-Suwayda", "issuers: Republic of Turkey"]
    # other names the label holds already are left out: "Aleppo"; "Mar'a" in "Marea"'s plain form
    assert option_label("Aleppo", "حلب", ["Aleppo", "Halab", "halab", "Aleppo city"]) == (
        "Aleppo · حلب · Halab, Aleppo city")
    assert option_label("Marea", "", ["Mar'a", "Türkiye"]) == "Marea · Mar'a, Türkiye, mara, turkiye"


@pytest.mark.parametrize("a,b", [("Türkiye", "Turkiye"), ("north-east", "north east"), ("north-east", "northeast"),
                                 ("Ma'arrat an-Nu'man", "Maarrat an Numan"), ("U.N.", "UN"), ("إدلب", "ادلب")])
def test_spellings_fold_to_one_name(a, b):
    assert name_key(a) == name_key(b)


def test_a_search_names_what_it_spells_and_no_lookalike():
    assert "daraya" not in named(RECORD, "Dar'a").places  # Dar'a, not Daraya
    assert "daraa" in named(RECORD, "Dar'a").places
    # an actor's alias is found whole: "Damascus" is the city, not the "Damascus government"
    assert not named(RECORD, "Damascus").actors & {"assad-government", "syrian-transitional-authorities"}
    # a name two actors share names both, and carries nothing further
    assert {"assad-government", "syrian-transitional-authorities"} <= named(RECORD, "Syrian government").actors
    # a short name is found only whole ("UN": not every name with "un" in it); the UN's names whole words in others
    un = named(RECORD, "UN").actors
    assert "united-nations" in un and not un & {"united-states", "european-union", "un-security-council"}


def test_short_names_are_found_as_whole_words():
    frame = pd.DataFrame({"text": ["join us", "the US must", "وحلب", "حلبة", "SDF-held", "sdfx"]})
    assert list(_contains_any(frame, ["text"], [], ("US", "حلب", "SDF"))) == [False, True, True, False, True, False]


# -- a place filter means each record's own places ------------------------------------------------------------
PLACE_CASES = [(DATASET, Filters(places=(p,))) for p in CHOICES.places] + \
              [(DATASET, Filters(govs=(g,))) for g in CHOICES.govs] + \
              [(RECORD, Filters(places=("suwayda",))), (RECORD, Filters(govs=("gov-sweida",))),
               (RECORD, Filters(places=("damascus",)))]


@pytest.mark.parametrize("dataset,filters", PLACE_CASES, ids=[
    f"{'record' if d is RECORD else 'fixture'}:{','.join(f.places + f.govs)}" for d, f in PLACE_CASES])
def test_a_place_filter_keeps_each_record_by_its_own_places(dataset, filters):
    wanted = place_set(dataset, filters)
    result = apply_filters(dataset, filters)
    demands, events = dataset.demands_full, dataset.events
    about = demands["place_ids"].map(lambda ids: bool(wanted & set(ids)))
    assert set(result.demands["demand_id"]) == set(demands.loc[about, "demand_id"])
    there = events["place_ids"].map(lambda ids: bool(wanted & set(ids)))
    assert set(result.events["event_id"]) == set(events.loc[there, "event_id"])
    naming = set(dataset.mentions.loc[dataset.mentions["place_id"].isin(wanted), "statement_id"])
    assert set(result.statements["statement_id"]) == naming


def test_a_demand_about_another_place_is_not_kept_for_its_statements_place():
    # an Israeli demand about Damascus, in a statement that also names Suwayda, is not a demand about Suwayda
    wanted = place_set(RECORD, Filters(places=("suwayda",)))
    demands = RECORD.demands_full
    naming = set(RECORD.mentions.loc[RECORD.mentions["place_id"].isin(wanted), "statement_id"])
    elsewhere = demands[demands["statement_id"].isin(naming)
                        & demands["place_ids"].map(lambda ids: bool(ids) and not wanted & set(ids))]
    assert len(elsewhere), "the record has no such demand to test with"
    kept = set(apply_filters(RECORD, Filters(places=("suwayda",))).demands["demand_id"])
    assert not kept & set(elsewhere["demand_id"])


@pytest.mark.parametrize("shown,expected", [
    (("demands",), "Place filter: demands about these places (each demand's own places, not its statement's)."),
    (("statements", "events"), "Place filter: statements that name these places; events at these places."),
])
def test_captions_say_what_a_place_filter_keeps(shown, expected):
    assert place_scope(Filters(places=("aleppo",)), shown) == expected
    assert place_scope(Filters(govs=("gov-aleppo",)), shown).endswith("a governorate standing for every place in it.")
    assert place_scope(Filters(issuers=("sbc",)), shown) == ""


def test_a_thread_filter_keeps_its_demands_their_statements_and_the_events_they_and_its_updates_cite():
    from atlas.filters import Filters, apply_filters
    from atlas.dataset.loader import load_dataset
    from tests.helpers import DATA

    record = load_dataset(DATA)
    thread = record.thread_updates.loc[record.thread_updates["evidence_event_ids"].map(len) > 0, "thread_id"].iloc[0]
    kept = apply_filters(record, Filters(threads=(thread,)))
    mine = record.demands_full[record.demands_full["thread_id"] == thread]
    assert set(kept.demands["demand_id"]) == set(mine["demand_id"])
    assert set(kept.statements["statement_id"]) == set(mine["statement_id"])
    cited = {e for ids in mine["event_ids"] for e in ids} | {
        e for ids in record.thread_updates.loc[record.thread_updates["thread_id"] == thread, "evidence_event_ids"]
        for e in ids}
    assert set(kept.events["event_id"]) == cited and cited
    both = apply_filters(record, Filters(threads=(thread,), date_to=mine["statement_date"].min().date()))
    assert set(both.demands["demand_id"]) <= set(kept.demands["demand_id"]) and len(both.demands) >= 1
