"""Spelling families: one key for the ways one Syrian name is written, and the place near a position that a
name means in another transliteration (the ACLED linker's last resort)."""
from __future__ import annotations

import pytest

from geo.gazetteer import load_gazetteer
from geo.resolver import FAMILY_SHORT_KM, named_near
from geo.translit import family_key, spellings
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
        ("Kansafrah", "كنصفرة"), ("Tha`lah", "الثعلة"), ("Deir ez-Zor", "دير الزور"), ("Khirbat Hammud", "خربة حمود")]
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
