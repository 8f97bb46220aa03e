"""The committed gazetteer: every locality coded down to its district, codes that nest, provenance kept,
our own names applied, and broken files named with the command that rebuilds them."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from geo.admin import ADMIN1_BY_PCODE, admin_units
from geo.boundaries import load_boundaries
from geo.gazetteer import DATA, Gazetteer, GazetteerError, load_curated_places, load_gazetteer, load_reference
from geo.normalize import normalize
from geo.resolver import Anchor, Context, resolve
from tests.helpers import DATA as DATASET

REFERENCE = load_reference()
UNITS = admin_units()


def test_the_whole_country_is_there():
    assert len(REFERENCE.localities) > 10_000
    levels = [p.place_type for p in REFERENCE.areas]
    assert (levels.count("governorate"), levels.count("district"), levels.count("subdistrict")) == (14, 62, 272)


def test_every_locality_has_its_governorate_and_district_and_they_nest():
    boundaries = load_boundaries()
    for place in REFERENCE.localities:
        assert place.admin1_pcode in ADMIN1_BY_PCODE, place
        assert UNITS[place.admin2_pcode].parent_pcode == place.admin1_pcode, place
        if place.admin3_pcode:
            assert UNITS[place.admin3_pcode].parent_pcode == place.admin2_pcode, place
        assert boundaries.in_syria(place.lat, place.lon), place
    told = sum(bool(p.admin3_pcode) for p in REFERENCE.localities) / len(REFERENCE.localities)
    assert told > 0.6  # the rest are left empty rather than guessed


def test_provenance_names_every_source_its_commit_and_licence():
    provenance = json.loads((DATA / "gazetteer.json").read_text(encoding="utf-8"))
    sources = {s["name"]: s for s in provenance["sources"]}
    assert sources["Who's On First, Syria"]["commit"] == "2db0f03b9f9d24bd371f318759d3e56c816c333e"
    assert sources["OpenSyria Data Geography"]["commit"] == "bebd183c9f59bde9fa56fa942cb8b8e9ca1351e6"
    assert all(s["licence"] for s in sources.values()) and "GeoNames" in sources["Who's On First, Syria"]["licence"]
    assert "sub-district" in provenance["derivation"] and "make gazetteer" in provenance["rebuild"]
    assert provenance["counts"]["localities"] == len(REFERENCE.localities)


def test_our_own_names_are_in_the_built_files():
    # editing geo/data/place_names.csv without `make gazetteer` would leave these out
    entries = {p.place_id: p for p in REFERENCE.localities}
    with (DATA / "place_names.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            assert normalize(row["name"]) in {normalize(n) for n, _ in entries[row["place_id"]].names}, row
            if row["place_type"]:
                assert entries[row["place_id"]].place_type == row["place_type"], row


def test_curated_places_win_and_take_over_their_reference_entry():
    gazetteer = Gazetteer(load_curated_places(DATASET / "places.csv"), REFERENCE)
    assert "geonames:167611" not in gazetteer.entries  # Maarat al-Numan is the curated row now
    maarat = gazetteer.entries["maarat-al-numan"]
    assert maarat.admin2_pcode == "SY0702" and any(n == "Ma`arrat an Nu`man" for n, _ in maarat.names)


@pytest.mark.parametrize("content,why", [("", "missing"), ("not,a,gazetteer\n1,2,3\n", "lacks column"),
                                          (b"\xff\xfe\x00broken", "cannot be read")])
def test_a_broken_gazetteer_file_is_named_with_its_rebuild_command(tmp_path, content, why):
    path = tmp_path / "localities.csv"
    if content:
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(GazetteerError) as info:
        load_reference(path, DATA / "admin_units.csv")
    assert str(path) in str(info.value) and why in str(info.value) and "make gazetteer" in str(info.value)


def test_the_command_line_explains_a_broken_gazetteer(monkeypatch, capsys, tmp_path):
    from atlas.__main__ import main
    from geo import gazetteer

    gazetteer._build_gazetteer.cache_clear()
    monkeypatch.setattr(gazetteer, "LOCALITIES", tmp_path / "localities.csv")  # gone, even if built before
    try:
        assert main(["resolve", "Aleppo"]) == 2
        assert main(["eval"]) == 2
    finally:
        gazetteer._build_gazetteer.cache_clear()
    err = capsys.readouterr().err
    assert "localities.csv cannot be read" in err and "make gazetteer" in err and "Traceback" not in err


def test_a_built_gazetteer_is_kept_and_rebuilt_when_its_files_change(monkeypatch, tmp_path):
    from geo import gazetteer

    monkeypatch.setattr(gazetteer, "STORE", tmp_path / "store")
    places = tmp_path / "places.csv"
    places.write_text((DATASET / "places.csv").read_text(encoding="utf-8"), encoding="utf-8")
    gazetteer._build_gazetteer.cache_clear()
    try:
        first = load_gazetteer(places)
        assert len(list((tmp_path / "store").glob("gazetteer-*.pickle"))) == 1
        gazetteer._build_gazetteer.cache_clear()
        again = load_gazetteer(places)
        assert again is not first and [p.place_id for p in again.entries.values()] == list(first.entries)
        # a curated row changed: another gazetteer, which knows it
        text = places.read_text(encoding="utf-8").replace("aleppo,Aleppo,حلب,", "aleppo,Aleppo,حلب,Halab ash-Shahba;")
        places.write_text(text, encoding="utf-8")
        changed = load_gazetteer(places)
        assert len(list((tmp_path / "store").glob("gazetteer-*.pickle"))) == 2
        assert changed.lookup("Halab ash-Shahba") and not first.lookup("Halab ash-Shahba")
    finally:
        gazetteer._build_gazetteer.cache_clear()


def test_a_position_decides_between_namesakes():
    # three villages called Rumaylan near al-Hasakah: the one within 5 km of the point
    gazetteer = Gazetteer([], REFERENCE)
    assert resolve(gazetteer, "Rumaylan").status == "ambiguous"
    near = resolve(gazetteer, "Rumaylan", Context(near=(36.1675, 40.478, 5.0)))
    assert near.status == "resolved" and near.best.place_id == "geonames:385463"
    assert resolve(gazetteer, "Rumaylan", Context(near=(33.5, 36.3, 5.0))).status == "unresolved"


def test_the_texts_other_places_decide_between_namesakes():
    gazetteer = Gazetteer([], REFERENCE)
    qamishli = Anchor(37.05, 41.22, "SY08", "SY0802")
    assert resolve(gazetteer, "al-Qahtaniyah", Context(anchors=(qamishli,))).best.place_id == "geonames:165757"
    quneitra = Anchor(33.12, 35.82, "SY14", "SY1400")
    assert resolve(gazetteer, "al-Qahtaniyah", Context(anchors=(quneitra,))).best.place_id == "geonames:173387"
