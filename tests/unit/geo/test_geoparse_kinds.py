"""The case table of the kinds of names 2025-26 statements write: for each kind, texts it must read (positive)
and texts it must not misread (negative), on the live gazetteer (curated facilities and quarters included).
Shapes only: the real statements of the evaluation are scored apart (python -m atlas eval --real)."""
from __future__ import annotations

import pytest

from geo.gazetteer import load_gazetteer
from geo.geoparse import find_places
from tests.helpers import DATA

GAZETTEER = load_gazetteer(DATA / "places.csv")

# kind, text, {surface: place id} that must be found
POSITIVE = [
    ("kurdish", "Li gundê Til Hemîs û li Qamişloyê êrîş pêk hat.",
     {"Til Hemîs": "geonames:163568", "Qamişloyê": "qamishli"}),
    ("kurdish", "Êrîşên li ser Bendava Tişrînê û Kobaniyê berdewam dikin.",
     {"Bendava Tişrînê": "tishrin-dam", "Kobaniyê": "kobani"}),
    ("kurdish", "Gundên Til Temir hatin valakirin.", {"Til Temir": "tall-tamr"}),
    ("context", "Artillery hit Jableh on Monday; the Jableh hospital took the wounded.", {"Jableh": "jableh"}),
    ("context", "Clashes in Dayr Hafir, east of Aleppo.", {"Dayr Hafir": "geonames:170785"}),
    ("multi-word", "Fighting near Ain Issa continued.", {"Ain Issa": "ayn-isa"}),
    ("list", "سيطرت القوات على قرى المصيطبة وجب الهب في ريف حماة الشرقي.", {"المصيطبة": "geonames:166589"}),
    ("list", "The army entered the villages of Kafr Nabl and Kansafra in southern Idlib.",
     {"Kafr Nabl": "geonames:168661", "Kansafra": "kansafra"}),
    ("facility", "Strikes hit Kuweires airbase, the Shayrat airbase and T4.",
     {"Kuweires airbase": "kuweires-airbase", "Shayrat airbase": "shayrat-airbase", "T4": "tiyas-airbase"}),
    ("facility", "Detainees were freed from Sednaya prison; families waited at Adra prison.",
     {"Sednaya prison": "sednaya-prison", "Adra prison": "adra-prison"}),
    ("facility", "Gas from the Conoco gas field; water levels at Tishreen dam and the Tabqa dam.",
     {"Conoco gas field": "conoco-gas-field", "Tishreen dam": "tishrin-dam", "Tabqa dam": "tabqa-dam"}),
    ("facility", "Families left al-Hol camp and Rukban camp.", {"al-Hol camp": "al-hol-camp", "Rukban camp": "rukban"}),
    ("facility", "Trucks crossed the Nasib crossing, then took the M4 highway and the M1 highway.",
     {"Nasib crossing": "nasib", "M4 highway": "m4-highway", "M1 highway": "m1-highway"}),
    ("facility", "تعرض سد تشرين للقصف، وأغلق سجن صيدنايا.", {"سد تشرين": "tishrin-dam", "سجن صيدنايا": "sednaya-prison"}),
    ("neighbourhood", "Shelling hit Jobar and Baba Amr; in Aleppo, Salah al-Din and Sheikh Maqsoud.",
     {"Jobar": "jobar", "Baba Amr": "baba-amr", "Salah al-Din": "salah-al-din-aleppo"}),
    ("neighbourhood", "قصف حي جوبر وحي الميدان في دمشق.", {"حي جوبر": "jobar", "حي الميدان": "al-midan-damascus"}),
    ("transliteration", "Clashes in Ftireh, in southern Idlib.", {"Ftireh": "geonames:173896"}),
    ("transliteration", "Shelling hit the village of Ftireh near Kafr Nabl.", {"Ftireh": "geonames:173896"}),
    # a name in quotes after its cue, the cue after a preposition, in a spelling the gazetteer lacks (Kansafrah)
    ("quoted", "قتلت امرأة في بلدة “كنصفرة”، بمنطقة جبل الزاوية جنوب إدلب.", {"كنصفرة": "kansafra"}),
    ("quoted", 'وأفشل تقدم المسلحين نحو بلدة "سلمى" في ريف اللاذقية.', {"سلمى": "geonames:164907"}),
    # the woods of a village (حرش), written with ث where the gazetteer has ت (جباتا الخشب)
    ("transliteration", "ألقت قوات قنابل دخانية في حرش جباثا الخشب في ريف القنيطرة الشمالي.",
     {"جباثا الخشب": "geonames:168946"}),
]

# kind, text, surfaces that must not be read as places
NEGATIVE = [
    ("multi-word", "قصفت القوات تل السمان في ريف الرقة.", ["السمان"]),
    ("multi-word", "Fighting near Ain Issa continued.", ["Issa", "Îsa"]),
    ("metonymy", "Damascus must withdraw its forces, the SDF said after its talks with Damascus.", ["Damascus"]),
    ("metonymy", "دمشق ترفض الاتفاق، وقالت قسد إن المحادثات مع دمشق توقفت.", ["دمشق"]),
    ("common word", "War has displaced millions, said Bashar.", ["War", "Bashar"]),
    ("common word", "وقالت قوات سوريا الديمقراطية إن مقاتليها صدوا الهجوم.", ["مقاتليها"]),
    ("common word", "وصل الوفد في زيارة رسمية، في إشارة إلى تحسن العلاقات.", ["زيارة", "إشارة"]),
    ("common word", "ونقلت الشاحنات برميل النفط إلى المصفاة.", ["برميل", "رميل"]),
    ("common word", "سيطر الجيش على ثماني قرى جديدة.", ["جديدة"]),
    ("kurdish", "Şîroveyekê HSDyê got ku Tirkiyeyê êrîş kir.", ["Şîroveyekê", "HSDyê", "Tirkiyeyê"]),
    ("common word", "اندلعت حرائق في أحراش الغابات، وقال إن النار وصلت إلى الخشب.", ["الغابات", "الخشب"]),
]


@pytest.mark.parametrize("kind, text, expected", POSITIVE, ids=[f"{k}:{t[:30]}" for k, t, _ in POSITIVE])
def test_names_of_each_kind_are_read(kind, text, expected):
    found = {m.surface: m.place_id for m in find_places(text, GAZETTEER).mentions}
    assert {s: found.get(s) for s in expected} == expected


@pytest.mark.parametrize("kind, text, surfaces", NEGATIVE, ids=[f"{k}:{t[:30]}" for k, t, _ in NEGATIVE])
def test_what_is_not_a_place_is_not_read_as_one(kind, text, surfaces):
    found = find_places(text, GAZETTEER)
    read = {m.surface for m in found.mentions} | {a.surface for a in found.ambiguous}
    assert not read & set(surfaces)


def test_a_capital_named_for_its_government_is_listed_apart_and_a_place_stays_a_place():
    found = find_places("The SDF's talks with Damascus stalled after shelling hit Damascus.", GAZETTEER)
    assert [m.surface for m in found.metonyms] == ["Damascus"] and [m.surface for m in found.mentions] == ["Damascus"]
    assert found.metonyms[0].start < found.mentions[0].start


def test_a_name_the_gazetteer_does_not_know_is_listed_each_time_it_is_written():
    text = "قصفت القوات قرية ثعلة في ريف السويداء الغربي، ثم عادت إلى ثعلة مساء."
    found = find_places(text, GAZETTEER)
    assert [u.surface for u in found.unresolved] == ["ثعلة", "ثعلة"]
    assert all(u.context and text[u.start:u.end] == u.surface for u in found.unresolved)


def test_every_name_of_a_list_after_one_cue_is_read_or_listed():
    found = find_places("سيطرت القوات على قرى المصيطبة وجب الهب ورجم جعرة في ريف حماة الشرقي.", GAZETTEER)
    read = [m.surface for m in found.mentions] + [a.surface for a in found.ambiguous] + \
        [u.surface for u in found.unresolved]
    assert {"المصيطبة", "جب الهب", "رجم جعرة"} <= set(read)
