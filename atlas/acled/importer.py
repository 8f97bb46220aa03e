"""Importing an ACLED export as a second event layer.

``import_export(csv_path, data_dir)`` reads a CSV in ACLED's export format
(``atlas.acled.export``: the forms real files come in, chunk by chunk), checks
every Syrian row against the codebook, links each event to the nearest
gazetteer place its location names, within a distance that fits its
``geo_precision`` (``LINK_RADII_KM``; an event whose location is no such place
keeps its own coordinates and location name), and stores the layer in
``<data_dir>/acled/``:

- ``events-<hash>.arrow``: one row per event, sorted by date, ACLED's columns
  plus ``place_id``, ``link_km``, ``admin1_pcode`` and ``site_id`` (where the map
  counts it); repeated strings dictionary-encoded; in place of the notes,
  ``notes_row``, where the event's notes are in
- ``notes-<hash>.arrow``: the notes in the export's order (a batch per chunk read),
  never sorted: sorting them with the rest would hold two copies of the largest
  column;
- ``sites-<hash>.arrow``: one row per site, in the order of the events' site codes;
- ``words-<hash>.arrow``: a word index (token -> sorted row numbers) over the
  notes, actors and location, so text search never scans the notes;
- ``layer.json``: the manifest naming the current files and their provenance.

The files are Arrow IPC, uncompressed: the app memory-maps them, so a million
events open in milliseconds and every session shares the same pages. How they
are written, so that a crash at any point leaves the previous layer intact, is
``atlas.acled.store``'s part. A re-import replaces the whole layer: ACLED
revises and deletes events between exports, so the newest export is the record.
"""
from __future__ import annotations

import hashlib
import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from atlas.acled import store
from atlas.acled.export import DATE_ORDERS, ExportError, ProblemLog, read_export
from atlas.acled.layer import dictionary_codes
from atlas.acled.wordindex import build_word_index
from atlas.dataset.schema import DESCRIPTOR, load_schema
from atlas.dataset.validate import Problem
from atlas.dataset.values import slug
from geo.admin import ADMIN1
from geo.boundaries import load_boundaries
from geo.gazetteer import load_gazetteer
from geo.normalize import FACILITY_TYPES
from geo.normalize import normalize
from geo.resolver import Context, named_near, resolve, sole_near
from geo.translit import qualifier

# ACLED's spellings of governorates that differ from OCHA's beyond case, hyphens and articles.
ADMIN1_SPELLINGS = {"latakia": "SY06", "idlib": "SY07", "tartus": "SY10", "daraa": "SY12", "raqqa": "SY11",
                    "hasakah": "SY08", "hasakeh": "SY08", "deir ez zor": "SY09", "sweida": "SY13", "suwayda": "SY13"}
LINK_RADIUS_KM = 5.0  # the named place within a town's extent; farther, an event keeps its own location
# ACLED's geo_precision: 1, the place itself; 2, near a named town (coordinates a part of its area);
# 3, only a larger area is known (coordinates of its district or governorate). The farther the coordinates
# may lie from the named place, the wider the search.
LINK_RADII_KM = {1: LINK_RADIUS_KM, 2: 25.0, 3: 60.0}
LINKABLE = {"city", "town", "neighbourhood", "village"} | (FACILITY_TYPES - {"road"})
AREAS = {"subdistrict", "district", "governorate"}  # what a geo_precision 3 event may name
# a geo_precision 2 or 3 event may also name a region ("Jabal al-Zawiya"), linked at its representative point
AREA_SIZE = {"governorate": 0, "district": 1, "subdistrict": 2}
TOWNS_AND_AREAS = {"city", "town"} | AREAS
TOWN_APPENDED_KM = 30.0  # the town ACLED writes after a village's name lies this near
ProgressFn = Callable[[float, str], None]


class AcledImportError(Exception):
    """The export cannot be imported: ``summary`` says why in a few lines (one per kind of problem and
    field), ``problems`` lists the first of them, and ``problems_file`` holds every one (or is None)."""

    def __init__(self, message: str, problems: list[Problem] | None = None, summary: list[str] | None = None,
                 problems_file: Path | None = None):
        super().__init__(message)
        self.problems = problems or []
        self.summary = summary or [str(p) for p in self.problems[:30]]
        self.problems_file = problems_file


@dataclass
class ImportReport:
    rows: int = 0
    kept: int = 0
    skipped: int = 0
    duplicates: int = 0
    other_countries: dict[str, int] = field(default_factory=dict)
    linked: int = 0
    linked_by_precision: dict[str, list[int]] = field(default_factory=dict)  # geo_precision -> [linked, events]
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    summary: list[str] = field(default_factory=list)
    problems_file: Path | None = None
    date_forms: dict[str, int] = field(default_factory=dict)
    manifest: dict = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [f"read {self.rows:,} rows; stored {self.kept:,} events"]
        if self.date_forms:
            out.append("dates read as " + ", ".join(f"{form} ({n:,})" for form, n in self.date_forms.items()))
        if self.skipped:
            out.append(f"skipped {self.skipped:,} bad row(s) (--skip-bad-rows)")
        if self.duplicates:
            out.append(f"dropped {self.duplicates:,} older cop(ies) of repeated event ids (kept the newest timestamp)")
        if self.other_countries:
            countries = sorted(self.other_countries.items(), key=lambda item: -item[1])
            named = ", ".join(f"{country or 'no country'} {n:,}" for country, n in countries[:8])
            more = f" and {len(countries) - 8} more" if len(countries) > 8 else ""
            out.append(f"left out {sum(self.other_countries.values()):,} event(s) of other countries "
                       f"({named}{more}): this layer is Syria's")
        if self.kept:
            radii = ", ".join(f"{km:g} km (geo_precision {level})" for level, km in LINK_RADII_KM.items())
            out.append(f"linked {self.linked:,} events ({self.linked / self.kept:.0%}) to the gazetteer place their "
                       f"location names, within {radii}; the other {self.kept - self.linked:,} keep their own location")
        return out


def problems_path(export: Path) -> Path:
    """Where the full list of an export's problems goes: the temporary folder, under a name of its own, so
    neither the export's folder nor the dataset's is written to by a refused import."""
    stamp = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S%f}"
    return Path(tempfile.gettempdir()) / "syria-atlas" / f"{export.name}.problems-{stamp}.csv"


def _haversine_km(lat1, lon1, lat2, lon2):
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(a))


def link_places(location: np.ndarray, lat: np.ndarray, lon: np.ndarray, places_csv: Path,
                precision: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each event: the gazetteer place its location names within the distance its ``precision`` (ACLED's
    geo_precision, 1 when not given) allows, LINK_RADII_KM ('' if none, or if the resolver cannot tell
    which), the distance in km (NaN if none), and the governorate P-code ('' outside every governorate).

    ACLED names a neighbourhood after its city ("Aleppo - Salaheddine"): the whole name is tried, then the city.
    Where no place has that spelling, one whose name is of the same spelling family lying near the event is
    taken (``geo.resolver.named_near``: Ftireh is Fatirah).
    """
    gazetteer = load_gazetteer(places_csv)
    precision = np.ones(len(location), dtype=np.int8) if precision is None else precision
    # each distinct site once, in plain Python (a frame would hold the names as Arrow strings, slow to walk)
    first: dict[tuple, int] = {}
    position = np.fromiter((first.setdefault(site, len(first)) for site in zip(
        np.asarray(location, dtype=object).tolist(), np.asarray(lat, dtype=float).tolist(),
        np.asarray(lon, dtype=float).tolist(), np.asarray(precision).tolist())), dtype=np.int64, count=len(location))
    unique = list(first)
    place = np.full(len(unique), "", dtype=object)
    dist = np.full(len(unique), np.nan)
    pcode = np.full(len(unique), "", dtype=object)
    boundaries = load_boundaries()
    for i, (name, y, x, level) in enumerate(unique):
        radius = LINK_RADII_KM.get(int(level), LINK_RADIUS_KM)
        kinds = LINKABLE | ({"region"} if int(level) >= 2 else set()) | (AREAS if int(level) == 3 else set())
        if best := sole_near(gazetteer, name, float(y), float(x), radius, kinds):  # most points: one place near
            place[i], pcode[i] = best.place_id, best.admin1_pcode or ""
            dist[i] = round(float(_haversine_km(y, x, best.lat, best.lon)), 2)
            continue
        near = Context(near=(float(y), float(x), radius))
        names = _names(name)
        for candidate_name in names:
            best = resolve(gazetteer, candidate_name, near, fuzzy=False, minor=True).best
            if (best is None or best.place_type not in kinds) and int(level) == 3:
                best = _area_named(gazetteer, candidate_name, float(y), float(x), radius)
            if best and best.place_type in kinds:
                place[i] = best.place_id
                dist[i] = round(float(_haversine_km(y, x, best.lat, best.lon)), 2)
                pcode[i] = best.admin1_pcode or ""
                break
        else:  # no place of that spelling: one of the same name in another transliteration, near the event
            for candidate_name in names + _without_town(gazetteer, name, float(y), float(x)):
                found = named_near(gazetteer, candidate_name, float(y), float(x), radius, kinds - AREAS)
                if found:
                    place[i], dist[i], pcode[i] = found[0].place_id, round(found[1], 2), found[0].admin1_pcode or ""
                    break
        if not pcode[i]:
            found = boundaries.governorates_at(float(y), float(x))
            pcode[i] = found[0] if found else ""
    return place[position], dist[position], pcode[position]


def _names(location: str) -> list[str]:
    """The names an ACLED location may be found by, in order: itself; "Menagh - Military Airbase" as Menagh
    airbase; of two names ("Qibar - Al-Hawa": Kurdish, then Arabic; "Aleppo - Salaheddine": a city, then its
    neighbourhood) the second, then the first."""
    parts = [p.strip() for p in re.split(r"\s+-\s*|\s*-\s+", location) if p.strip()]
    return list(dict.fromkeys([location, " ".join(parts), *parts[::-1]]))


def _without_town(gazetteer, location: str, lat: float, lon: float) -> list[str]:
    """A village written with the town or district that tells it from its namesakes ("Koran Afrin", "Kafr
    Naseh Tal Refaat"): the name without it, where those last words name a town or area near the event."""
    words = location.split()
    out = []
    for n in (len(words) - 1, len(words) - 2):
        tail = " ".join(words[n:])
        if n < 1 or any(qualifier(w) for w in words[n:]) or all(qualifier(w) for w in words[:n]):
            continue
        near = [m for m in gazetteer.lookup(tail, skeletons=False) if m.place.place_type in TOWNS_AND_AREAS
                and _haversine_km(lat, lon, m.place.lat, m.place.lon) <= TOWN_APPENDED_KM]
        if near:
            out.append(" ".join(words[:n]))
    return out


def _area_named(gazetteer, name: str, lat: float, lon: float, km: float):
    """The largest area (governorate, district, sub-district) of that exact name within ``km``, or None: a
    district and its central sub-district often share a name, and an area-level event means the larger."""
    areas = [m.place for m in gazetteer.lookup(name, skeletons=False) if m.place.place_type in AREAS
             and _haversine_km(lat, lon, m.place.lat, m.place.lon) <= km]
    return min(areas, key=lambda p: (AREA_SIZE[p.place_type], p.place_id)) if areas else None


def admin1_pcode(name: str) -> str:
    """The OCHA P-code of a governorate as ACLED names it (Idleb, Dar'a, Deir-ez-Zor, Al Hasakeh...), or ''."""
    key = normalize(name)
    for admin in ADMIN1:
        if normalize(admin.name) == key:
            return admin.pcode
    return ADMIN1_SPELLINGS.get(key, "")


def site_ids(frame: pd.DataFrame) -> pd.Series:
    """Where the map counts an event: its gazetteer place, or its own named location and coordinates."""
    names = frame["location"].map({n: slug(n) or "unnamed" for n in frame["location"].unique()})
    own = "loc:" + names + "@" + frame["latitude"].map("{:.4f}".format) + "," + frame["longitude"].map("{:.4f}".format)
    return own.where(frame["place_id"] == "", frame["place_id"])


# -- storing ----------------------------------------------------------------
def build_sites(table: pa.Table, places_csv: Path) -> pa.Table:
    """One row per site code of ``table["site_id"]``, in code order: name, Arabic name, position, governorate."""
    codes = table["site_id"].combine_chunks()
    ids = codes.dictionary.to_pylist()
    index = codes.indices.to_numpy()
    first = np.full(len(ids), -1, dtype=np.int64)
    first[index[::-1]] = np.arange(len(index) - 1, -1, -1)  # each site's first event
    rows = table.take(pa.array(first)).select(["place_id", "location", "latitude", "longitude",
                                               "admin1_pcode"]).to_pylist()
    gazetteer = load_gazetteer(places_csv)
    out = []
    for site_id, row in zip(ids, rows):
        entry = gazetteer.get(row["place_id"]) if row["place_id"] else None
        out.append({"site_id": site_id, "place_id": row["place_id"] or "",
                    "name": entry.name if entry else row["location"], "name_ar": entry.name_ar if entry else "",
                    "lat": entry.lat if entry else row["latitude"], "lon": entry.lon if entry else row["longitude"],
                    "admin1_pcode": row["admin1_pcode"] or ""})
    return pa.Table.from_pylist(out, schema=pa.schema([("site_id", pa.string()), ("place_id", pa.string()),
                                                       ("name", pa.string()), ("name_ar", pa.string()),
                                                       ("lat", pa.float64()), ("lon", pa.float64()),
                                                       ("admin1_pcode", pa.string())]))


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _newest_in_date_order(table: pa.Table) -> tuple[np.ndarray, int]:
    """Row numbers of ``table`` that make the layer: the newest copy (timestamp, then line) of each event id,
    sorted by date and id; and how many older copies were dropped. On integer codes, not Python strings."""
    ids, distinct = dictionary_codes(table["event_id_cnty"])
    rank = np.empty(len(distinct), dtype=np.int64)
    rank[pc.array_sort_indices(distinct).to_numpy()] = np.arange(len(distinct))
    id_rank = rank[ids]
    stamp, line = table["timestamp"].to_numpy(), table["line"].to_numpy()
    by_id = np.lexsort((line, stamp, id_rank))
    last = np.ones(len(by_id), dtype=bool)
    last[:-1] = id_rank[by_id][1:] != id_rank[by_id][:-1]
    newest = by_id[last]
    days = table["event_date"].combine_chunks().cast(pa.int32()).to_numpy()[newest]
    return newest[np.lexsort((id_rank[newest], days))], int(len(by_id) - len(newest))


def _take(table: pa.Table, rows: np.ndarray) -> pa.Table:
    """``table``'s ``rows``, a column at a time, each let go once taken (never two whole tables); the export's
    line numbers, needed only to report problems, are dropped."""
    indices, columns = pa.array(rows), {}
    for name in table.column_names:
        column = table[name]
        table = table.drop_columns([name])
        if name != "line":
            column = column.combine_chunks()  # taking from chunks would join them first, a third copy
            columns[name] = column.take(indices)
        del column
        pa.default_memory_pool().release_unused()  # the allocator keeps freed pages unless told
    return pa.table(columns)


def _encoded(values: np.ndarray) -> pa.DictionaryArray:
    """Strings (an object array) as a dictionary-encoded column; ``astype(str)`` would first copy them all
    at the width of the longest (160 MB for a million site ids)."""
    codes, distinct = pd.factorize(values)
    return pa.DictionaryArray.from_arrays(pa.array(codes.astype(np.int32)), pa.array(list(distinct), pa.string()))


def _link_sites(table: pa.Table, places_csv: Path) -> tuple[np.ndarray, ...]:
    """Per event: gazetteer place, distance, governorate and site id, worked out once per distinct (location,
    latitude, longitude, geo_precision) and spread back to the events."""
    codes, names = dictionary_codes(table["location"])
    rows = pd.DataFrame({"code": codes, "lat": table["latitude"].to_numpy(), "lon": table["longitude"].to_numpy(),
                         "precision": table["geo_precision"].to_numpy()})
    distinct = rows.drop_duplicates().reset_index(drop=True)
    spread = rows.merge(distinct.reset_index(), on=["code", "lat", "lon", "precision"], how="left")["index"].to_numpy()
    del rows
    location = np.array(names.to_pylist(), dtype=object)[distinct["code"].to_numpy()]
    place, dist, pcode = link_places(location, distinct["lat"].to_numpy(), distinct["lon"].to_numpy(), places_csv,
                                     distinct["precision"].to_numpy())
    sites = site_ids(pd.DataFrame({"location": location, "latitude": distinct["lat"], "longitude": distinct["lon"],
                                   "place_id": place})).to_numpy()
    return place[spread], dist[spread], pcode[spread], sites[spread]


def import_export(path: Path, data_dir: Path, *, skip_bad_rows: bool = False, date_order: str | None = None,
                  progress: ProgressFn | None = None) -> ImportReport:
    """Check, link and store ``path`` as the ACLED layer of ``data_dir``. Raises AcledImportError when the
    export has bad rows (unless ``skip_bad_rows``), has none left, or cannot be read; the stored layer is
    then untouched. ``date_order`` ("dmy" or "mdy") reads numeric dates a column leaves ambiguous."""
    # Arrow's default allocator (mimalloc) keeps the pages of the chunks read and let go, some 130 MB at a
    # million events; the system allocator returns them when told (release_unused), which keeps the peak
    # under a gigabyte. Only for the import: the app keeps the faster default.
    default = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        return _import(path, data_dir, skip_bad_rows, date_order, progress)
    finally:
        pa.set_memory_pool(default)


def _import(path: Path, data_dir: Path, skip_bad_rows: bool, date_order: str | None,
            progress: ProgressFn | None) -> ImportReport:
    path, data_dir = Path(path), Path(data_dir)
    if date_order is not None and date_order not in DATE_ORDERS:
        raise AcledImportError(f"--date-order is {date_order!r}: it must be one of {', '.join(DATE_ORDERS)}")
    try:
        typology = load_schema(data_dir).acled_event_types
    except (OSError, ValueError, KeyError) as exc:
        raise AcledImportError(f"{data_dir} is not a dataset folder: its {DESCRIPTOR} cannot be read ({exc})") from exc
    report = ImportReport()
    log = ProblemLog(path.name, problems_path(path))
    try:
        export = read_export(path, typology, log, progress, date_order)
    except ExportError as exc:
        raise AcledImportError(str(exc), exc.problems) from exc
    finally:
        log.close()
    report.rows, report.other_countries, report.date_forms = export.rows, export.other_countries, export.date_forms
    report.problem_count, report.problems = log.count, sorted(log.kept, key=lambda p: p.row or 0)
    report.summary = log.summary()
    report.problems_file = log.path if log.count else None
    if not log.count:
        log.path.unlink(missing_ok=True)
    if log.count and not skip_bad_rows:
        raise AcledImportError(f"{path.name}: {log.count:,} problem(s) in {log.rows():,} row(s); nothing was imported "
                               "(fix them, or pass --skip-bad-rows to leave those rows out)",
                               report.problems, report.summary, report.problems_file)
    table = pa.concat_tables(export.chunks).unify_dictionaries() if export.chunks else None
    del export
    pa.default_memory_pool().release_unused()
    if table is None or not len(table):
        reason = "every Syrian row has a problem" if log.count else "it holds no Syrian event"
        raise AcledImportError(f"{path.name}: nothing left to import: {reason}; the stored layer is unchanged",
                               report.problems, report.summary, report.problems_file)
    report.skipped = log.rows() if log.count else 0
    if progress:
        progress(0.65, "removing repeated ids")
    rows, report.duplicates = _newest_in_date_order(table)
    pa.default_memory_pool().release_unused()  # and the sorting's arrays, which numpy took from the same heap
    if progress:
        progress(0.7, "indexing words")
    row_of = np.full(len(table), -1, dtype=np.int64)  # each line's row in the layer (-1: an older copy)
    row_of[rows] = np.arange(len(rows))
    words = build_word_index(table, row_of)  # in file order, before the notes leave the table
    del row_of
    pa.default_memory_pool().release_unused()
    target = store.layer_dir(data_dir)
    target.mkdir(parents=True, exist_ok=True)
    digest = _hash_file(path)
    stem = f"{digest[:12]}-{datetime.now(timezone.utc):%Y%m%dT%H%M%S%f}"
    files = {kind: f"{kind}-{stem}.arrow" for kind in store.KINDS}
    try:
        # the notes, the largest column, are written first and let go: they stay in the export's order,
        # each event pointing at its own (notes_row), so they are never copied
        at = table.column_names.index("notes")
        store.write_arrow(table.select(["notes"]), target / files["notes"], one_batch=False)
        table = table.drop_columns(["notes"]).add_column(at, "notes_row",
                                                         pa.array(np.arange(len(table), dtype=np.int32)))
        table = _take(table, rows)
        del rows
        if progress:
            progress(0.8, "linking places")
        place, dist, pcode, site = _link_sites(table, data_dir / "places.csv")
        admin1, admin1_names = dictionary_codes(table["admin1"])
        named = np.array([admin1_pcode(n) for n in admin1_names.to_pylist()], dtype=object)[admin1]  # ACLED's
        table = (table.append_column("place_id", _encoded(place))
                 .append_column("link_km", pa.array(dist.astype("float64")))
                 .append_column("admin1_pcode", _encoded(np.where(named != "", named, pcode)))
                 .append_column("site_id", _encoded(site)))
        del site, named, pcode, dist
        report.linked = int((place != "").sum())
        levels = table["geo_precision"].to_numpy()
        report.linked_by_precision = {str(level): [int(((levels == level) & (place != "")).sum()),
                                                   int((levels == level).sum())]
                                      for level in sorted(set(levels.tolist()))}
        report.kept = len(table)
        site_table = build_sites(table, data_dir / "places.csv")
        if progress:
            progress(0.9, "writing")
        for kind, data in (("events", table), ("sites", site_table), ("words", words)):
            store.write_arrow(data, target / files[kind])
    except BaseException:
        for name in files.values():  # the manifest still names the previous files: drop this attempt's
            (target / name).unlink(missing_ok=True)
        raise
    dates = table["event_date"]
    report.manifest = {
        **files, "source_file": path.name, "source_sha256": digest,
        "imported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "rows_read": report.rows, "events_stored": report.kept, "rows_skipped": report.skipped,
        "duplicates_dropped": report.duplicates, "other_countries": report.other_countries,
        "date_forms": report.date_forms,
        "linked": report.linked, "linked_by_precision": report.linked_by_precision,
        "link_radius_km": LINK_RADIUS_KM, "link_radii_km": {str(k): v for k, v in LINK_RADII_KM.items()}, "event_types": list(typology),
        "date_min": dates[0].as_py().isoformat(), "date_max": dates[-1].as_py().isoformat(),
        "attribution": "Armed Conflict Location & Event Data Project (ACLED); https://acleddata.com",
    }
    store.write_manifest(data_dir, report.manifest)
    store.remove_stale(data_dir, set(files.values()))
    if progress:
        progress(1.0, "done")
    return report
