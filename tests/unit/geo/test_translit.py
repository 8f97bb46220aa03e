"""Spelling families: one key for the ways one Syrian name is written, and the place near a position that a
name means in another transliteration (the ACLED linker's last resort)."""
from __future__ import annotations

import pytest

from geo.gazetteer import load_gazetteer
from geo.resolver import CORE_KM, FAMILY_SHORT_KM, LEADING_KM, Context, named_near, resolve, sole_near
from geo.translit import core, family_key, spellings
from tests.helpers import DATA

GAZETTEER = load_gazetteer(DATA / "places.csv")
LINKABLE = {"city", "town", "village", "neighbourhood", "camp", "crossing", "airport", "military base"}

# ACLED's spellings of real events beside the gazetteer's, Kurmanji beside Arabic transliteration, Arabic script
# beside Latin: one family each.
SAME = [("Ftireh", "Fatirah"), ("Ein Issa", "`Ayn `Isa"), ("Basira", "al-Busayrah"), ("Sfuhen", "Safuhun"),
        ("Kelly", "Killi"), ("Aghtrin", "Akhtarin"), ("Foah", "al-Fu`ah"), ("Menagh", "Minaq"),
        ("Turnabah", "Turumbah"), ("Shadadah", "ash-Shaddadah"), ("Thiban", "Dhiban"), ("Maadan", "Ma`dan"),
        ("Til Koçer", "Tall Kujar"), ("Til Hemîs", "Tall Hamis"), ("Çilaxa", "Jil Agha"), ("Til Temir", "Tall Tamr"),
        ("Qamişlo", "Qamishli"), ("Kobanê", "Kobani"), ("Dêrik", "Derik"), ("Deir ez-Zor", "Dayr az Zawr"),
        ("Cheikh Maqsoud", "Sheikh Maqsud"), ("Djisr al-Choughour", "Jisr al-Shughur"),
        ("Kansafrah", "كنصفرة"), ("Tha`lah", "الثعلة"), ("Deir ez-Zor", "دير الزور"), ("Khirbat Hammud", "خربة حمود"),
        ("Ez Eldin", "`Izz ad Din"), ("Orm Eljoz", "Urum al Jawz")]
DIFFERENT = [("Homs", "Hama"), ("Aleppo", "Idlib"), ("Kafr Nabl", "Kafr Nubl al-Sharqi"), ("Jobar", "Jableh"),
             ("Tall Tamr", "Tall Abyad"), ("دمشق", "درعا")]


@pytest.mark.parametrize("a, b", SAME)
def test_spellings_of_one_name_share_a_family(a, b):
    assert family_key(a) == family_key(b) and family_key(a)


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_different_names_do_not(a, b):
    assert family_key(a) != family_key(b)


def test_an_english_qualifier_stands_for_the_arabic_one_after_the_name():
    assert "Ghariyeh gharbi" in spellings("Western Ghariyeh")
    assert family_key("Big Khwein") != family_key("Khuwayn al-Kabir")
    assert family_key("Khuwayn al-Kabir") in {family_key(s) for s in spellings("Big Khwein")}
    assert spellings("Aleppo") == ["Aleppo"]


def test_an_english_name_inside_an_arabic_one_and_a_castle_are_spelt_the_arabic_way():
    assert family_key("Kafr Halab") in {family_key(s) for s in spellings("Kafr Aleppo")}
    assert family_key("Saham al Jawlan") in {family_key(s) for s in spellings("Sahm El Golan")}
    assert family_key("Qal`at al Madiq") in {family_key(s) for s in spellings("Madiq Castle")}
    assert family_key("Kafr Halab") != family_key("Kafr Aleppo")


# One name with and without the word for its kind before it, or its qualifier after it; and names the core
# must keep apart (a qualifier is never the whole name; "Tall" alone is no core).
SAME_CORE = [("Abu Rasin", "Tall Abu Rasayn"), ("Al-Shamsani", "Shamsani ash Sharqi"), ("Zunnar", "Zunnar Kabir"),
             ("Kherbet Sheikh Aqil", "Shaykh `Aqil"), ("Tal Hawash", "Al Hawash"), ("Abdi Koy", "`Abdi")]
DIFFERENT_CORE = [("Tall Abyad", "Tall Tamr"), ("Al Gharbi", "Al Sharqi"), ("Kafr Nabl", "Kafr Nubl al-Sharqi x"),
                  ("Tall", "Khirbat")]


@pytest.mark.parametrize("a, b", SAME_CORE)
def test_the_words_for_a_kind_and_a_qualifier_do_not_make_another_name(a, b):
    assert core(a)[0] == core(b)[0] and family_key(a) != family_key(b)


@pytest.mark.parametrize("a, b", DIFFERENT_CORE)
def test_different_names_keep_different_cores(a, b):
    assert core(a)[0] != core(b)[0]


def test_a_name_without_its_kind_or_qualifier_links_only_very_close():
    rasayn = _place("Tall Abu Rasayn", "SY08")
    found = named_near(GAZETTEER, "Abu Rasin", rasayn.lat + 0.001, rasayn.lon, 25.0, LINKABLE)
    assert found is not None and found[0].place_id == rasayn.place_id
    off = (CORE_KM + 1) / 111
    assert named_near(GAZETTEER, "Abu Rasin", rasayn.lat + off, rasayn.lon, 25.0, LINKABLE) is None


def test_a_qualifier_that_contradicts_the_places_is_not_it():
    lower = _place("Marwanah Tahtani", "SY02")
    assert core("Upper Marwana")[1] == {"fawqan"} and core("Marwanah Tahtani")[1] == {"tahtan"}
    assert named_near(GAZETTEER, "Upper Marwana", lower.lat, lower.lon, 5.0, LINKABLE) is None
    assert named_near(GAZETTEER, "Lower Marwana", lower.lat, lower.lon, 5.0, LINKABLE)[0].place_id == lower.place_id


def _place(name: str, governorate: str):
    [match] = [m for m in GAZETTEER.lookup(name, skeletons=False) if m.place.admin1_pcode == governorate]
    return match.place


def test_a_name_in_another_transliteration_links_to_the_place_beside_its_position():
    fatirah = _place("Fatirah", "SY07")
    found = named_near(GAZETTEER, "Ftireh", fatirah.lat + 0.005, fatirah.lon, 5.0, LINKABLE)
    assert found is not None and found[0].place_id == fatirah.place_id and found[1] < 1.0


def test_nothing_links_beyond_the_radius_or_by_a_short_family_far_off():
    fatirah = _place("Fatirah", "SY07")
    assert named_near(GAZETTEER, "Ftireh", fatirah.lat + 0.2, fatirah.lon, 5.0, LINKABLE) is None
    fuah = _place("al-Fu`ah", "SY07")
    assert named_near(GAZETTEER, "Foah", fuah.lat, fuah.lon, 5.0, LINKABLE)[0].place_id == fuah.place_id
    # one consonant ("f") is a family of many names: only this close, whatever the radius the event allows
    off = (FAMILY_SHORT_KM + 3) / 111
    assert named_near(GAZETTEER, "Foah", fuah.lat + off, fuah.lon, 25.0, LINKABLE) is None
    assert named_near(GAZETTEER, "Ftireh", fatirah.lat, fatirah.lon, 5.0, {"camp"}) is None


def test_a_name_that_is_the_first_words_of_a_places_links_only_at_the_place():
    tukhar = _place("Tukhar Taymu", "SY02")
    found = named_near(GAZETTEER, "Tokhar", tukhar.lat, tukhar.lon, 25.0, LINKABLE)
    assert found is not None and found[0].place_id == tukhar.place_id
    off = (LEADING_KM + 1) / 111
    assert named_near(GAZETTEER, "Tokhar", tukhar.lat + off, tukhar.lon, 25.0, LINKABLE) is None
    sahwa = _place("Sahwat al Qamh", "SY12")  # two consonants say too little
    assert named_near(GAZETTEER, "Sahwa", sahwa.lat, sahwa.lon, 5.0, LINKABLE) is None


@pytest.mark.parametrize("name", ["Ftireh", "Kafr Nabl", "Al Burayj", "Aleppo", "Rumaylan", "Tall Abu Rasayn"])
def test_the_quick_answer_for_one_place_near_is_the_resolvers(name):
    """sole_near answers at most points of an export; where it answers, resolve answers the same."""
    places = [m.place for m in GAZETTEER.lookup(name, minor=True)] or [_place("Fatirah", "SY07")]
    answered = 0
    for place in places[:6]:
        for dlat in (0.0, 0.02, 0.2):
            quick = sole_near(GAZETTEER, name, place.lat + dlat, place.lon, 5.0, LINKABLE)
            if quick is not None:
                answered += 1
                best = resolve(GAZETTEER, name, Context(near=(place.lat + dlat, place.lon, 5.0)), fuzzy=False,
                               minor=True).best
                assert best is not None and best.place_id == quick.place_id
    assert answered or name == "Ftireh"  # a name the gazetteer spells otherwise gets no quick answer


def test_a_family_a_letter_apart_is_no_other_name_of_more_words():
    """"Rasm Haram El-Imam" is alike "Rasm al Harmal" letter by letter (rsmhrmm, rsmhrml), but has a word
    more: another village, not a misspelling (unless the place has a name of as many words, as another Rasm
    al Harmal has: "Rasm al Harmal al Imam")."""
    harmal = GAZETTEER.get("geonames:8339945")
    found = named_near(GAZETTEER, "Rasm Haram El-Imam", harmal.lat + 0.01, harmal.lon, 5.0, LINKABLE)
    assert found is None or found[0].place_id != harmal.place_id
    assert named_near(GAZETTEER, "Rasm Harmel", harmal.lat + 0.01, harmal.lon, 5.0, LINKABLE)[0].place_id == \
        harmal.place_id
    imam = GAZETTEER.get("geonames:165428")
    assert named_near(GAZETTEER, "Rasm Haram El-Imam", imam.lat + 0.01, imam.lon, 5.0, LINKABLE)[0].place_id == \
        imam.place_id
