"""The gazetteer: a curated places table first, then every Syrian locality, district and sub-district.

The reference part is the project's own compact files in geo/data/ (``make gazetteer`` derives them from
Who's On First, OpenSyria and GeoNames; see geo/build/gazetteer.py and gazetteer.json). The curated part is
a places table such as a dataset's places.csv: its rows win, and each takes over the reference entry it
stands for (same GeoNames id, or the same name within a few kilometres, or the same administrative unit),
adding that entry's names and codes to its own.

``Gazetteer.lookup(name)`` is name matching only: every entry a name can denote, with how it matched.
Choosing among them is the resolver's work (geo/resolver.py), which reads the context.
"""
from __future__ import annotations

import csv
import hashlib
import math
import pickle
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from geo.admin import ADMIN1_BY_PCODE
from geo.files import write_atomic
from geo.normalize import FACILITY_TYPES
from geo.normalize import arabic_skeleton, is_arabic, is_latin, normalize, skeleton
from geo.translit import family_key

DATA = Path(__file__).resolve().parent / "data"
LOCALITIES = DATA / "localities.csv"
ADMIN_UNITS = DATA / "admin_units.csv"
REBUILD = "make gazetteer"
# Built gazetteers, kept between runs (git-ignored).
STORE = Path(__file__).resolve().parents[1] / ".cache" / "gazetteer"
STORE_KEEP = 8  # the most recently built; older ones are removed
# How a name matched: curated names beat reference names, which include many machine transliterations.
SCORE_NAME = 1.0
SCORE_ALIAS = 0.97
SCORE_ALTERNATE = 0.93
SCORE_SKELETON = 0.85
SCORE_KIND_WORD = 0.15  # less when one of the name and the query says its kind and the other does not
SCORE_FAMILY = 0.82  # the same spelling family (geo.translit): a match only with context
GRID_DEG = 0.1  # cells of the grid ``near`` searches (about 11 km)
FAMILY_MIN = 2  # consonants: a shorter family key matches too much even beside a position
SKELETON_MIN = 4  # consonants: shorter skeletons collide ("Hamas" and "Homs", "Iraq" and "Raqqa")
# Names that stand for something else far more often than for a place: "al-Sham" is the Levant
# (and part of many armed groups' names), "Cham" its French form.
NOT_PLACE_NAMES = {"sham", "cham", "bilad sham", "شام", "بلاد شام"}
AREA_LEVELS = {"1": "governorate", "2": "district", "3": "subdistrict"}
AREA_TYPES = set(AREA_LEVELS.values())
# Kinds of place a reader names first: a skeleton (consonant) match is tried only for these.
PROMINENT_TYPES = {"city", "town", "governorate", "district", "region", "neighbourhood"} | FACILITY_TYPES
COUNTRYSIDE_OWN = {"SY01", "SY03"}  # "rural Damascus" is Rif Dimashq (SY03), which has names of its own
CLAIM_KM = 8.0  # a curated row takes over a reference locality of its name this close


class GazetteerError(Exception):
    """A gazetteer file is missing or cannot be read."""


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
    source: str  # "curated", "gazetteer" or "online"
    score: float
    matched: str = ""
    geonames_id: int | None = None
    admin2_pcode: str = ""
    admin3_pcode: str = ""
    population: int = 0

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass
class Place:
    """One entry: a curated place, a locality, or an administrative unit."""
    place_id: str
    name: str
    name_ar: str
    lat: float
    lon: float
    admin1_pcode: str | None
    place_type: str
    source: str
    geonames_id: int | None = None
    admin2_pcode: str = ""
    admin3_pcode: str = ""
    population: int = 0
    names: list[tuple[str, float]] = field(default_factory=list)  # (name, how good a match it is)
    families: frozenset[str] | None = None  # its names' spelling families, where the reference file holds them

    @property
    def prominent(self) -> bool:
        # a curated village is still a village: its name passes the same gates as any village's
        return self.place_type in PROMINENT_TYPES or (self.source == "curated" and self.place_type != "village")


@dataclass(frozen=True)
class Match:
    place: Place
    score: float
    text: str  # the name that matched


def _split(value) -> list[str]:
    if value is None:
        return []
    return [part.strip() for part in str(value).split(";") if part.strip() and part.strip().lower() != "nan"]


def _int(value) -> int | None:
    text = str(value or "").strip()
    return int(float(text)) if text and text.lower() != "nan" else None


def _km(a: Place, lat: float, lon: float) -> float:
    p1, p2 = math.radians(a.lat), math.radians(lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon - a.lon) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def load_curated_places(path: Path) -> list[dict]:
    """Read a curated places table (such as data/places.csv) as plain dicts."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _countryside(pcode: str, name: str, name_ar: str) -> list[str]:
    """"Rural Idlib", "Idlib countryside", "ريف إدلب", "southern Idlib", "جنوب إدلب": a governorate named as its
    capital's countryside, or a part of it. (Eastern and western Aleppo are the city's halves.)"""
    short = re.sub(r"^(al|as|ar|ad|ash|at|az)[- ]", "", name, flags=re.I)
    names = [f"rural {short}", f"{short} countryside", f"countryside of {short}", f"ريف {name_ar}"]
    sides = ["northern", "southern"] + ([] if pcode == "SY02" else ["eastern", "western"])
    names += [f"{side} {short}" for side in sides] + [f"{side} {short} countryside" for side in sides]
    sides_ar = ["شمال", "جنوب", "شمالي", "جنوبي"] + ([] if pcode == "SY02" else ["شرق", "غرب", "شرقي", "غربي"])
    names += [f"{side} {name_ar}" for side in sides_ar]
    return names


def _read(path: Path, columns: set[str]) -> list[dict]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except FileNotFoundError as exc:
        raise GazetteerError(f"{path} is missing: rebuild it with `{REBUILD}`") from exc
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise GazetteerError(f"{path} cannot be read ({exc}): rebuild it with `{REBUILD}`") from exc
    missing = columns - set(rows[0] if rows else ())
    if missing:
        raise GazetteerError(f"{path} lacks column(s) {', '.join(sorted(missing))}: rebuild it with `{REBUILD}`")
    return rows


@dataclass(frozen=True)
class Reference:
    """The reference entries, read once from geo/data/."""
    localities: tuple[Place, ...]
    areas: tuple[Place, ...]  # governorates, districts, sub-districts


@lru_cache(maxsize=2)
def load_reference(localities: Path = LOCALITIES, admin_units: Path = ADMIN_UNITS) -> Reference:
    """Localities and administrative units from the committed files (raises GazetteerError)."""
    places = []
    for n, row in enumerate(_read(localities, {"place_id", "name", "name_ar", "names", "lat", "lon", "place_type",
                                                "population", "admin1_pcode", "admin2_pcode", "admin3_pcode"}), 2):
        try:
            places.append(Place(
                place_id=row["place_id"], name=row["name"], name_ar=row["name_ar"], lat=float(row["lat"]),
                lon=float(row["lon"]), admin1_pcode=row["admin1_pcode"], place_type=row["place_type"],
                source="gazetteer", geonames_id=_int(row.get("geonames_id")), admin2_pcode=row["admin2_pcode"],
                admin3_pcode=row["admin3_pcode"], population=_int(row["population"]) or 0,
                names=[(row["name"], SCORE_NAME), (row["name_ar"], SCORE_NAME),
                       *((n, SCORE_ALTERNATE) for n in _split(row["names"]))],
                families=frozenset(_split(row["families"])) if row.get("families") else None))
        except ValueError as exc:
            raise GazetteerError(f"{localities}, row {n}: {exc}: rebuild it with `{REBUILD}`") from exc
    areas = []
    for n, row in enumerate(_read(admin_units, {"level", "pcode", "name", "name_ar", "names", "admin1_pcode",
                                                 "lat", "lon"}), 2):
        level = row["level"]
        ocha = ADMIN1_BY_PCODE.get(row["pcode"]) if level == "1" else None  # OCHA's own spellings too
        names = [row["name"], row["name_ar"], *_split(row["names"]), *((ocha.name, ocha.name_ar) if ocha else ())]
        if level == "1" and row["pcode"] not in COUNTRYSIDE_OWN:
            names += _countryside(row["pcode"], row["name"], row["name_ar"])
        try:
            areas.append(Place(
                place_id=f"adm{level}:{row['pcode']}", name=ocha.name if ocha else row["name"], name_ar=row["name_ar"],
                lat=float(row["lat"]), lon=float(row["lon"]), admin1_pcode=row["admin1_pcode"],
                place_type=AREA_LEVELS[level], source="gazetteer",
                admin2_pcode=row["pcode"][:6] if level != "1" else "", admin3_pcode=row["pcode"] if level == "3" else "",
                population=_int(row.get("population")) or 0, names=[(n, SCORE_ALTERNATE) for n in names]))
        except (ValueError, KeyError) as exc:
            raise GazetteerError(f"{admin_units}, row {n}: {exc}: rebuild it with `{REBUILD}`") from exc
    return Reference(tuple(places), tuple(areas))


class Gazetteer:
    """Every place a name can denote. ``curated`` rows win; ``reference`` adds the rest of Syria."""

    def __init__(self, curated: list[dict] | None = None, reference: Reference | None = None):
        self.entries: dict[str, Place] = {}
        self._exact: dict[str, list[tuple[str, float, str, bool]]] = {}  # key -> (id, score, name, says its kind)
        self._skeleton: dict[str, list[tuple[str, str]]] = {}  # prominent places only
        self._minor_skeleton: dict[str, list[tuple[str, str]]] = {}  # villages: asked only when a cue says "place"
        self._families: dict[str, dict[str, str]] | None = None  # family key -> {place_id: name}
        self._place_families: dict[str, frozenset[str]] = {}  # place_id -> its names' family keys
        self._grid: dict[tuple[int, int], list[Place]] | None = None  # places by cell of GRID_DEG, for ``near``
        self._looked_up: dict[tuple[str, bool, bool], list[Match]] = {}  # lookup's answers, by question
        curated_places = [self._curated(row) for row in curated or []]
        claimed = self._claim(curated_places, reference) if reference else set()
        for place in curated_places:
            self._add(place)
        if reference:
            for place in (*reference.areas, *reference.localities):
                if place.place_id not in claimed:
                    self._add(place)

    # -- building -------------------------------------------------------
    @staticmethod
    def _curated(row: dict) -> Place:
        # A governorate shares its name with its capital; a bare name means the city.
        is_area = row.get("place_type") in AREA_TYPES
        first, alias = (SCORE_ALTERNATE, SCORE_ALTERNATE) if is_area else (SCORE_NAME, SCORE_ALIAS)
        names = [(row["name"], first)]
        if row.get("name_ar"):
            names.append((row["name_ar"], first))
        names += [(a, alias) for a in _split(row.get("aliases"))]
        return Place(
            place_id=row["place_id"], name=row["name"], name_ar=row.get("name_ar") or "",
            lat=float(row["lat"]), lon=float(row["lon"]), admin1_pcode=row.get("admin1_pcode") or None,
            place_type=row.get("place_type") or "city", source="curated", geonames_id=_int(row.get("geonames_id")),
            admin2_pcode=row.get("admin2_pcode") or "", admin3_pcode=row.get("admin3_pcode") or "", names=names)

    @staticmethod
    def _claim(curated: list[Place], reference: Reference) -> set[str]:
        """Reference entries the curated rows stand for; each curated row gains the names and codes of its own."""
        by_gid = {p.geonames_id: p for p in reference.localities if p.geonames_id}
        by_key: dict[str, list[Place]] = {}
        for place in reference.localities:
            for text, _ in place.names:
                by_key.setdefault(normalize(text, drop_generic=True), []).append(place)
        governorates = {p.admin1_pcode: p for p in reference.areas if p.place_type == "governorate"}
        units = {(p.place_type, p.admin3_pcode if p.place_type == "subdistrict" else p.admin2_pcode): p
                 for p in reference.areas if p.place_type in ("district", "subdistrict")}
        claimed = set()
        for place in curated:
            if place.place_type == "governorate":
                found = governorates.get(place.admin1_pcode)
            elif place.place_type in ("district", "subdistrict"):
                found = units.get((place.place_type, place.admin3_pcode if place.place_type == "subdistrict"
                                   else place.admin2_pcode))
            elif place.geonames_id in by_gid:
                found = by_gid[place.geonames_id]
            elif place.place_type in FACILITY_TYPES:
                found = None  # a camp, crossing or airbase named after a town is not the town
            else:
                near = [p for text, _ in place.names for p in by_key.get(normalize(text, drop_generic=True), [])
                        if _km(p, place.lat, place.lon) <= CLAIM_KM and place.place_type not in {"region", "road"}]
                found = min(near, key=lambda p: _km(p, place.lat, place.lon)) if near else None
            if found is None or found.place_id in claimed:
                continue
            claimed.add(found.place_id)
            if found.families is not None:  # its own names' families, and those the reference file holds
                place.families = found.families | {k for text, _ in place.names if text and (k := family_key(text))}
            place.names += [(text, SCORE_ALTERNATE) for text, _ in found.names]
            place.admin2_pcode = place.admin2_pcode or found.admin2_pcode
            place.admin3_pcode = place.admin3_pcode or found.admin3_pcode
            place.population = found.population
            place.geonames_id = place.geonames_id or found.geonames_id
        return claimed

    def _add(self, place: Place) -> None:
        self.entries[place.place_id] = place
        for text, score in place.names:
            arabic = is_arabic(text)
            if not text or not (arabic or is_latin(text)) \
                    or (arabic and is_latin(text) and any(is_arabic(w) and is_latin(w) for w in text.split())):
                continue  # other scripts, or words mixing Latin and Arabic letters: not what our sources write
            folded = normalize(text, drop_generic=True)
            key = (arabic and _short_arabic(text)) or folded
            if not key or key in NOT_PLACE_NAMES or (arabic and len(key.replace(" ", "")) < 3):
                continue
            kind = normalize(text) != folded  # "Nayrab camp", "محافظة حماة"
            self._exact.setdefault(key, []).append((place.place_id, score, text, kind))
            if arabic and " " in key:  # Arabic writes "كفر عويد" and "كفرعويد" alike
                self._exact.setdefault(key.replace(" ", ""), []).append((place.place_id, score, text, kind))
            skel = arabic_skeleton(text) if arabic else skeleton(text)
            if len(skel.replace(" ", "")) >= SKELETON_MIN:
                index = self._skeleton if place.prominent else self._minor_skeleton
                index.setdefault(skel, []).append((place.place_id, text))

    # -- lookup ---------------------------------------------------------
    def get(self, place_id: str) -> Candidate | None:
        place = self.entries.get(place_id)
        return self.candidate(place, 1.0, place.name) if place else None

    @staticmethod
    def candidate(place: Place, score: float, matched: str) -> Candidate:
        admin = ADMIN1_BY_PCODE.get(place.admin1_pcode or "")
        return Candidate(
            place_id=place.place_id, name=place.name, name_ar=place.name_ar, lat=place.lat, lon=place.lon,
            admin1_pcode=place.admin1_pcode, governorate=admin.name if admin else None, place_type=place.place_type,
            source=place.source, score=round(score, 3), matched=matched, geonames_id=place.geonames_id,
            admin2_pcode=place.admin2_pcode, admin3_pcode=place.admin3_pcode, population=place.population)

    def knows(self, key: str) -> bool:
        """Whether some entry has a name folding to ``key`` (a ``normalize(..., drop_generic=True)`` key)."""
        return key in self._exact

    def lookup(self, name: str, skeletons: bool = True, minor: bool = False) -> list[Match]:
        """Every entry ``name`` can denote, each with its best match: exact names, then consonant skeletons
        of prominent places, and (``minor``, when the text marks the name as a place) of villages too. Answers
        are kept (an ACLED export asks for one name at thousands of points): callers must not change them."""
        asked = (name, skeletons, minor)
        if (found := self._looked_up.get(asked)) is None:
            found = self._looked_up[asked] = self._lookup(name, skeletons, minor)
        return found

    def _lookup(self, name: str, skeletons: bool, minor: bool) -> list[Match]:
        key = _short_arabic(name) or normalize(name, drop_generic=True)
        if not key:
            return []
        best: dict[str, tuple[float, str]] = {}
        bare = normalize(name) == normalize(name, drop_generic=True)
        entries = self._exact.get(key, []) or self._exact.get(key.replace(" ", ""), [])
        alike = any(kind != bare for *_, kind in entries)  # a name written as the query is (with its kind or not)
        for place_id, score, text, kind in entries:
            if kind == bare and alike:  # "Nayrab" is the town's name more than "Nayrab camp" is, and the other way
                score -= SCORE_KIND_WORD
            if score > best.get(place_id, (0.0, ""))[0]:
                best[place_id] = (score, text)
        if skeletons:
            skel = arabic_skeleton(name) if is_arabic(key) else skeleton(name)
            for place_id, text in self._skeleton.get(skel, []) + (self._minor_skeleton.get(skel, []) if minor else []):
                if place_id not in best:
                    best[place_id] = (SCORE_SKELETON, text)
        return [Match(self.entries[pid], score, text) for pid, (score, text) in best.items()]

    def keys(self):
        """Every folded name the gazetteer knows (for fuzzy matching)."""
        return self._exact.keys()

    # -- spelling families and positions (indexes built on first use) ----
    def family(self, name: str) -> list[Match]:
        """Every entry with a name of the same spelling family as ``name`` (``geo.translit``; Latin, Kurmanji or
        Arabic script alike), at SCORE_FAMILY: evidence that needs context (a cue, the text's other places, an
        event's position)."""
        key = family_key(name)
        if len(key) < FAMILY_MIN:
            return []
        self._index_families()
        return [Match(self.entries[pid], SCORE_FAMILY, text) for pid, text in self._families.get(key, {}).items()]

    def of_family(self, key: str) -> list[Place]:
        """The entries with a name of spelling family ``key``."""
        self._index_families()
        return [self.entries[pid] for pid in self._families.get(key, {})]

    def family_keys(self, place_id: str) -> frozenset[str]:
        """The spelling families of a place's names (worked out when first asked)."""
        keys = self._place_families.get(place_id)
        if keys is None:
            place = self.entries[place_id]
            keys = self._place_families[place_id] = place.families if place.families is not None else frozenset(
                k for text, _ in place.names if text and (k := family_key(text)))
        return keys

    def _index_families(self) -> None:
        if self._families is not None:
            return
        self._families = {}
        for place in self.entries.values():
            for key in self.family_keys(place.place_id):
                self._families.setdefault(key, {}).setdefault(place.place_id, place.name)

    def near(self, lat: float, lon: float, km: float) -> list[tuple[float, Place]]:
        """Entries (not governorates, districts or sub-districts) within ``km`` of a point, nearest first."""
        if self._grid is None:
            self._grid = {}
            for place in self.entries.values():
                if place.place_type not in AREA_TYPES:
                    self._grid.setdefault((math.floor(place.lat / GRID_DEG), math.floor(place.lon / GRID_DEG)),
                                          []).append(place)
        across = max(0.2, math.cos(math.radians(lat)))
        rows, cols = math.ceil(km / (111.0 * GRID_DEG)), math.ceil(km / (111.0 * GRID_DEG * across))
        row, col = math.floor(lat / GRID_DEG), math.floor(lon / GRID_DEG)
        found = []
        for r in range(row - rows, row + rows + 1):
            for c in range(col - cols, col + cols + 1):
                for place in self._grid.get((r, c), ()):
                    if abs(place.lat - lat) * 111.0 <= km and (dist := _km(place, lat, lon)) <= km:
                        found.append((dist, place))
        return sorted(found, key=lambda item: item[0])


def _short_arabic(name: str) -> str:
    """A one-word Arabic name of two letters after its article (التل, al-Tall): keyed with the article, as
    "تل" alone is a word of many names."""
    if not is_arabic(name) or " " in name.strip():
        return ""
    key = normalize(name, drop_generic=True)
    return "ال" + key if len(key) < 3 and name.strip().lstrip("وفبلك").startswith("ال") else ""


def load_gazetteer(places_csv: str | Path | None, reference: bool = True) -> Gazetteer:
    """The gazetteer over a curated places table (or none) and the reference files, built once per file
    version. Raises GazetteerError when a reference file is missing or unreadable."""
    path = Path(places_csv).resolve() if places_csv else None
    mtime = path.stat().st_mtime_ns if path and path.exists() else 0
    return _build_gazetteer(str(path) if path else "", mtime, reference)


@lru_cache(maxsize=4)
def _build_gazetteer(path: str, _mtime_ns: int, reference: bool) -> Gazetteer:
    curated = load_curated_places(Path(path)) if path and _mtime_ns else []
    if not reference:
        return Gazetteer(curated)
    stored = _stored(curated)
    try:
        return pickle.loads(stored.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
        pass  # not built yet for these files and this code: build it
    gazetteer = Gazetteer(curated, load_reference())
    try:
        write_atomic(stored, pickle.dumps(gazetteer, protocol=pickle.HIGHEST_PROTOCOL))
        for old in sorted(STORE.glob("gazetteer-*.pickle"), key=lambda f: f.stat().st_mtime)[:-STORE_KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a folder we cannot write to: build it each time
    return gazetteer


def _stored(curated: list[Place]) -> Path:
    """Where the gazetteer built from these curated rows, the reference files and the code that reads them is
    kept between runs (a second start reads it in half the time it takes to build). Raises GazetteerError
    when a reference file is missing, as building would."""
    digest = hashlib.sha256(pickle.dumps(curated, protocol=pickle.HIGHEST_PROTOCOL))
    for source in (LOCALITIES, ADMIN_UNITS, *sorted(Path(__file__).parent.glob("*.py"))):
        try:
            digest.update(source.read_bytes())
        except OSError as exc:
            raise GazetteerError(f"{source} cannot be read ({exc.strerror}): rebuild it with `{REBUILD}`") from exc
    return STORE / f"gazetteer-{digest.hexdigest()[:24]}.pickle"
