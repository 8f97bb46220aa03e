"""First-pass extraction: dates in their written forms, demand cues, organisations."""
from __future__ import annotations

import csv
from datetime import date

import pytest

from atlas.ingest.extract import actor_patterns, find_dates, find_demands, organisations, sentences
from geo.gazetteer import load_gazetteer
from geo.geoparse import find_places
from tests.helpers import DATA

GAZETTEER = load_gazetteer(DATA / "places.csv")
ACTORS = list(csv.DictReader((DATA / "actors.csv").open(encoding="utf-8")))
PATTERNS = actor_patterns(ACTORS)


@pytest.mark.parametrize("text,day_first,expected", [
    ("01 December 2024", True, date(2024, 12, 1)),
    ("December 4, 2015", True, date(2015, 12, 4)),
    ("4 Dec. 2015", True, date(2015, 12, 4)),
    ("4/12/2015", True, date(2015, 12, 4)),
    ("4/12/2015", False, date(2015, 4, 12)),
    ("13/12/2015", False, date(2015, 12, 13)),  # only one reading is a date
    ("2016-08-28", True, date(2016, 8, 28)),
])
def test_dates_in_common_written_forms(text, day_first, expected):
    found = find_dates(f"Issued on {text} in Gaziantep.", day_first)
    assert [d.value for d in found] == [expected]


def test_impossible_dates_are_ignored():
    assert find_dates("on 31 February 2016 and 45/13/2016") == []


@pytest.mark.parametrize("sentence,act,cameo", [
    ("We call on the Security Council to act now to protect civilians.", "appeal", "02"),
    ("The regime must lift the siege of Madaya immediately.", "demand", "10"),
    ("We warn that any attack on the camp will end the truce.", "warning", "13"),
    ("We condemn the shelling of the hospital in Ariha.", "condemnation", "11"),
    ("We reject any agreement that displaces the people of the district.", "rejection", "12"),
    ("SBC will continue to press for a civilian administration in the recaptured areas.", "commitment", "03"),
])
def test_demand_cues(sentence, act, cameo):
    found = find_demands(sentence, [], PATTERNS)
    assert [(d.speech_act, d.cameo_root) for d in found] == [(act, cameo)]
    assert found[0].quote == sentence


def test_demand_details_and_long_quotes():
    text = ("The Syrian Coalition calls on the United Nations and the International Syria Support Group to lift "
            "the sieges of Madaya, Moadamiya and al-Waer, to let humanitarian convoys in without conditions, to "
            "evacuate the wounded, and to document every death from starvation since the siege began in July 2015.")
    [demand] = find_demands(text, find_places(text, GAZETTEER).mentions, PATTERNS, issuer_ids=("snc",))
    assert demand.speech_act == "appeal" and demand.category == "end-sieges-displacement"
    assert demand.addressee_ids == ("united-nations", "issg")  # in the order written
    assert demand.place_ids == ("madaya", "moadamiya", "al-waer")
    assert len(demand.quote) <= 200 and demand.quote in text and "calls on" in demand.quote


def test_headings_and_plain_reports_are_not_demands():
    text = "Urgent appeal for Idlib\nThe camp hosts 4,000 families. Winter has come early."
    assert find_demands(text, [], PATTERNS) == []


def test_sentence_split_keeps_abbreviations():
    text = "The U.S. and the U.N. met. They agreed."
    assert [text[a:b] for a, b in sentences(text)] == ["The U.S. and the U.N. met.", "They agreed."]


def test_organisations_are_found():
    assert organisations("A statement by the Syrian Relief Coordination Network and the White Helmets.") == [
        "Syrian Relief Coordination Network"]


@pytest.mark.parametrize("sentence,act", [
    ("ودعا الائتلاف المجتمع الدولي إلى حماية المدنيين في حلب.", "appeal"),
    ("نطالب برفع الحصار عن مضايا فوراً.", "demand"),
    ("ندين القصف الذي استهدف المشفى في إدلب.", "condemnation"),
    ("نرفض أي اتفاق يهجّر أهالي حي الوعر.", "rejection"),
    ("حذر البيان من ارتكاب مجازر بحق المدنيين.", "warning"),
])
def test_arabic_demand_cues(sentence, act):
    found = find_demands(sentence, [], PATTERNS)
    assert [d.speech_act for d in found] == [act]


def _addressees(sentence: str, on: date) -> tuple[str, ...]:
    """The addressees of the one demand ``sentence`` makes, in a statement of the day ``on``."""
    [demand] = find_demands(sentence, [], actor_patterns(ACTORS, on=on))
    return demand.addressee_ids


@pytest.mark.parametrize("sentence", [
    "We call on the Syrian transitional authorities to release the detainees.",
    "We call on the transitional authorities to release the detainees.",
    "We call on the interim government to release the detainees.",
    "نطالب السلطات الانتقالية بالإفراج عن المعتقلين.",
    "ونطالب الحكومة السورية بالإفراج عن المعتقلين.",
])
def test_the_transitional_authorities_are_found_by_every_name_they_go_by(sentence):
    assert _addressees(sentence, date(2025, 5, 1)) == ("syrian-transitional-authorities",)


def test_a_name_two_governments_held_goes_to_the_one_of_the_statements_date():
    sentence = "We call on the Syrian government to release the detainees."
    assert _addressees(sentence, date(2013, 5, 1)) == ("assad-government",)
    assert _addressees(sentence, date(2025, 5, 1)) == ("syrian-transitional-authorities",)


@pytest.mark.parametrize("sentence", [
    "We call on the Syrian government to allow aid deliveries through the Syrian Arab Red Crescent.",
    "We urge the Syrian government to let the Syrian Arab Red Crescent reach Sweida.",
    "نطالب الحكومة السورية بإيصال المساعدات بالتنسيق مع الهلال الأحمر العربي السوري.",
])
def test_the_channel_of_an_aid_demand_is_not_its_addressee(sentence):
    assert _addressees(sentence, date(2025, 8, 1)) == ("syrian-transitional-authorities",)
