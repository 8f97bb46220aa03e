"""The geoparser on the traps real statements hold: one table of negative cases, one of forms that must
resolve, and the context that decides between places of one name."""
from __future__ import annotations

import pytest

from geo.gazetteer import load_gazetteer
from geo.geoparse import find_places
from tests.helpers import FROZEN_PLACES

GAZETTEER = load_gazetteer(FROZEN_PLACES)  # expected ids are those of release 2026.11


def places(text):
    found = find_places(text, GAZETTEER)
    for item in found.mentions + found.ambiguous:
        assert text[item.start:item.end] == item.surface  # offsets point at the words as written
    return found


def mentioned(text) -> list[tuple[str, str]]:
    return [(m.surface, m.place_id) for m in places(text).mentions]


# (text, words that must not become a place, why)
NEGATIVE = [
    ("Dr. Mufaddal Hamadeh of SAMS said the hospital was hit.", "Dr", "a title, and the name after it"),
    ("The Country Director said the Center will reopen.", "Country", "English word sharing Quneitra's skeleton"),
    ("It is the worst crisis of the Century, Counter to all hopes.", "Century", "English word sharing a skeleton"),
    ("The National Coalition for Syrian Revolution and Opposition Forces met.", "Revolution",
     "organisation name; 'Revolution City' is a translated alternate of al-Tabqa"),
    ("They celebrated the anniversary of the Revolution.", "Revolution", "translated alternate"),
    ("أكد البيان على السلمية في التظاهر.", "السلمية", "Arabic 'peacefulness', not Salamiyah"),
    ("أكد البيان على السلمية في التظاهر.", "على", "preposition that folds to a village name"),
    ("وأن الثورة مستمرة حتى النصر.", "الثورة", "Arabic 'the revolution', not al-Thawrah"),
    ("وأن الثورة مستمرة حتى النصر.", "النصر", "Arabic 'victory'"),
    ("فتح الباب أمام الحوار الوطني.", "الباب", "Arabic 'the door', not al-Bab"),
    ("فتح الباب أمام الحوار الوطني.", "الحوار", "Arabic 'the dialogue'"),
    ("Hayat Tahrir al-Sham and Ahrar al-Sham fighters; Jaish al-Islam.", "al-Sham", "armed groups' names"),
    ("Talks in Geneva and Astana; refugees in Gaziantep, Beirut and Amman.", "Geneva", "foreign place"),
    ("Talks in Geneva and Astana; refugees in Gaziantep, Beirut and Amman.", "Beirut", "foreign place"),
    ("Talks in Geneva and Astana; refugees in Gaziantep, Beirut and Amman.", "Gaziantep", "foreign place"),
    ("Syria and Syrian refugees; the Syrian Arab Republic.", "Syria", "the country itself"),
    ("President Bashar al-Assad spoke.", "Assad", "a person"),
    ("اجتمع الوفد في جنيف وأستانا وبيروت.", "بيروت", "foreign place in Arabic"),
    ("The statement was issued in Washington and Moscow.", "Moscow", "foreign place"),
]


@pytest.mark.parametrize("text,words,why", NEGATIVE, ids=[f"{w}: {why}" for _, w, why in NEGATIVE])
def test_common_words_titles_organisations_and_foreign_places_are_not_places(text, words, why):
    found = places(text)
    surfaces = [m.surface for m in found.mentions + found.ambiguous]
    assert not any(words in s for s in surfaces), (why, surfaces)


# (text, expected (surface, place id) pairs in order)
POSITIVE = [
    ("Shelling hit Ma'arat Al-Nouman, Kubani and حلب; aid reached Deir Al-Zour.",
     [("Ma'arat Al-Nouman", "maarat-al-numan"), ("Kubani", "kobani"), ("حلب", "aleppo"), ("Deir Al-Zour", "deir-ez-zor")]),
    ("Towns in Aleppo province, the province of Idlib and rural Damascus.",
     [("Aleppo province", "gov-aleppo"), ("province of Idlib", "gov-idleb"), ("rural Damascus", "gov-rural-damascus")]),
    ("The SDF entered Qamishlo, Kobanî, Serêkaniyê, Tirbespiyê and Girê Spî.",
     [("Qamishlo", "qamishli"), ("Kobanî", "kobani"), ("Serêkaniyê", "ras-al-ain"),
      ("Tirbespiyê", "geonames:165757"), ("Girê Spî", "tal-abyad")]),
    ("Protests in Amûdê, Dêrik and Efrîn.", [("Amûdê", "geonames:173230"), ("Dêrik", "geonames:173530"),
                                            ("Efrîn", "afrin")]),
    ("وصلت قوافل إلى قامشلو وتربسبيه ودير الزور وريف إدلب.",
     [("قامشلو", "qamishli"), ("تربسبيه", "geonames:165757"), ("دير الزور", "deir-ez-zor"), ("ريف إدلب", "gov-idleb")]),
    ("قصفت الطائرات مدينة الباب ومدينة السلمية بريف حماة.",
     [("مدينة الباب", "geonames:174018"), ("مدينة السلمية", "geonames:164947"), ("ريف حماة", "gov-hama")]),
    ("قصف على إدلب وحماة واللاذقية ومحافظة حمص", [("إدلب", "idlib"), ("حماة", "hama"), ("اللاذقية", "latakia"),
                                                ("محافظة حمص", "gov-homs")]),
    ("The opposition seized Foua and Kafraya, near Idlib city.",
     [("Foua", "geonames:170365"), ("Kafraya", "geonames:168689"), ("Idlib", "idlib")]),
    ("Fighting in Sarmada, Atarib, Kafr Nabl, Jarablus and Tell Abyad.",
     [("Sarmada", "geonames:164786"), ("Atarib", "geonames:174030"), ("Kafr Nabl", "geonames:168661"),
      ("Jarablus", "geonames:169179"), ("Tell Abyad", "tal-abyad")]),
    ("ISIS made its last stand in Baghouz; families went to al-Hol camp.",
     [("Baghouz", "geonames:171943"), ("al-Hol camp", "geonames:173797")]),
    ("Pilgrims in Sayyida Zaynab; the Bab al-Hawa crossing reopened.",
     [("Sayyida Zaynab", "geonames:166277"), ("Bab al-Hawa crossing", "geonames:11554023")]),
    ("Traffic resumed on the M4 and the M5 and on the Aleppo-Damascus highway.",
     [("M4", "m4-highway"), ("M5", "m5-highway"), ("Aleppo-Damascus highway", "m5-highway")]),
]


@pytest.mark.parametrize("text,expected", POSITIVE, ids=[t[:40] for t, _ in POSITIVE])
def test_press_kurdish_and_arabic_forms_resolve(text, expected):
    assert mentioned(text) == expected


def test_a_governorate_named_beside_a_place_decides_between_namesakes():
    # two villages called Nasib: one in Daraa (the Jordan crossing), one in Hasakah
    assert ("Nasib", "geonames:166390") in mentioned("Shelling hit the villages of Nasib and Umm al-Mayadhin "
                                                       "in Daraa province.")
    assert ("Nasib", "geonames:414759") in mentioned("Clashes near the village of Nasib, in Hasakah countryside.")


def test_the_statements_other_places_decide_between_namesakes():
    # Qahtaniyah: a town near Qamishli and a village in Quneitra
    assert ("al-Qahtaniyah", "geonames:165757") in mentioned(
        "Turkish drones struck Qamishli and Amuda, then the town of al-Qahtaniyah.")
    assert ("al-Qahtaniyah", "geonames:173387") in mentioned(
        "Israeli forces entered Quneitra and the village of al-Qahtaniyah.")


def test_a_city_before_a_village_when_nothing_else_decides():
    assert mentioned("Shelling of Douma continued.") == [("Douma", "douma")]  # the city, not Sweida's village


def test_ambiguous_names_are_reported_with_their_candidates_not_guessed():
    found = places("Clashes near the village of Rumaylan.")  # three villages of that name in Hasakah
    assert found.mentions == []
    [ambiguous] = found.ambiguous
    assert ambiguous.surface == "Rumaylan" and len(ambiguous.candidates) >= 3


def test_a_village_named_without_a_cue_is_not_taken_for_a_place():
    # villages called Hit, Adam, Susan and Safari exist; a common word needs "the village of" or a place beside it
    assert mentioned("Hit by the news, Adam and Susan went on Safari.") == []
    assert mentioned("Shelling hit the village of Hit in Homs countryside.") == [
        ("Hit", "geonames:173771"), ("Homs countryside", "gov-homs")]


def test_unknown_places_are_listed_with_their_sentence_not_guessed():
    found = places("Families fled the village of Kafr Xyzzab and camps near Tell Xyzzy. Aid arrived.")
    assert found.mentions == []
    assert [u.surface for u in found.unresolved] == ["Kafr Xyzzab", "Tell Xyzzy"]
    assert found.unresolved[0].context == "Families fled the village of Kafr Xyzzab and camps near Tell Xyzzy."
