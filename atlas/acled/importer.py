"""Importing an ACLED export as a second event layer.

``import_export(csv_path, data_dir)`` reads a CSV in ACLED's standard export
format, checks every row against the codebook, links each event to the nearest
gazetteer place its location names, within ``LINK_RADIUS_KM`` (an event whose
location is no such place keeps its own coordinates and location name), and stores the layer in
``<data_dir>/acled/``:

- ``events-<hash>.arrow``: one row per event, sorted by date, ACLED's columns
  plus ``place_id``, ``link_km``, ``admin1_pcode`` and ``site_id`` (where the map
  counts it); repeated strings dictionary-encoded;
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

import csv
import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
import pandas as pd
import pyarrow as pa

from atlas.acled import store
from atlas.acled.wordindex import build_word_index
from atlas.dataset.schema import DESCRIPTOR, load_schema
from atlas.dataset.validate import Problem
from atlas.dataset.values import slug
from geo.admin import ADMIN1
from geo.boundaries import load_boundaries
from geo.gazetteer import load_gazetteer
from geo.normalize import normalize
from geo.resolver import Context, resolve

COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
           "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
           "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
           "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
# Added by ACLED in March 2023: older exports lack them, and that is no error.
OPTIONAL = {"disorder_type", "civilian_targeting", "tags"}
# Spellings seen in ACLED's own files for the same sub-event type.
SUB_TYPE_SPELLINGS = {"excessive force against protestors": "Excessive force against protesters"}
INTER_LABELS = {"state forces", "rebel group", "political militia", "identity militia", "rioters", "protesters",
                "civilians", "external/other forces", "sole action"}
# ACLED's spellings of governorates that differ from OCHA's beyond case, hyphens and articles.
ADMIN1_SPELLINGS = {"latakia": "SY06", "idlib": "SY07", "tartus": "SY10", "daraa": "SY12", "raqqa": "SY11",
                    "hasakah": "SY08", "hasakeh": "SY08", "deir ez zor": "SY09", "sweida": "SY13", "suwayda": "SY13"}
LINK_RADIUS_KM = 5.0  # the named place within a town's extent; farther, an event keeps its own location
LINKABLE = {"city", "town", "neighbourhood", "airport", "military base", "village", "camp", "crossing"}
CHUNK = 50_000
MAX_PROBLEMS = 1000  # listed; the count of the rest is still reported
MAX_TEXT = 5000  # characters in one cell: ACLED notes are far shorter
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%m-%Y", "%d/%m/%Y", "%d-%B-%Y")
ProgressFn = Callable[[float, str], None]


class AcledImportError(Exception):
    """The export cannot be imported; ``problems`` says where and why."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass
class ImportReport:
    rows: int = 0
    kept: int = 0
    skipped: int = 0
    duplicates: int = 0
    other_countries: dict[str, int] = field(default_factory=dict)
    linked: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    manifest: dict = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [f"read {self.rows:,} rows; stored {self.kept:,} events"]
        if self.skipped:
            out.append(f"skipped {self.skipped:,} bad row(s) (--skip-bad-rows)")
        if self.duplicates:
            out.append(f"dropped {self.duplicates:,} older cop(ies) of repeated event ids (kept the newest timestamp)")
        for country, n in sorted(self.other_countries.items()):
            out.append(f"left out {n:,} event(s) in {country}: this layer is Syria's")
        if self.kept:
            out.append(f"linked {self.linked:,} events ({self.linked / self.kept:.0%}) to the gazetteer place their location names, "
                       f"within {LINK_RADIUS_KM:g} km; the rest keep their own location")
        return out


# -- reading and checking ------------------------------------------------
def _records(handle, name: str, total_bytes: int, progress: ProgressFn | None
             ) -> Iterable[tuple[int, list[str]]]:
    """(first line number, fields) per CSV record after the header; reports progress by bytes read."""
    seen = 0
    count = 1
    last = 0.0

    def lines():
        nonlocal seen, last, count
        while True:
            try:
                line = next(handle)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                raise _not_utf8(handle.name) from exc
            count += 1
            seen += len(line)
            if progress and total_bytes and seen / total_bytes - last >= 0.01:
                last = seen / total_bytes
                progress(min(last, 1.0) * 0.6, "reading")
            yield line

    reader = csv.reader(lines(), strict=True)
    start = 2
    try:
        for fields in reader:
            yield start, fields
            start = reader.line_num + 2
    except csv.Error as exc:
        raise AcledImportError(f"{name}, line {start}: the CSV quoting is broken ({exc}); nothing was imported",
                           [Problem(name, start, None, f"broken CSV quoting: {exc}")]) from exc


def _not_utf8(path: str) -> AcledImportError:
    """The error for a file that is not UTF-8, naming the first line that is not."""
    raw = Path(path).read_bytes()
    try:
        raw.decode("utf-8")
        line = 1
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
    name = Path(path).name
    return AcledImportError(f"{name}, line {line}: not UTF-8 text; export the file as UTF-8 CSV",
                        [Problem(name, line, None, "not UTF-8 text")])


def _parse_dates(values: pd.Series) -> pd.Series:
    parsed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[s]")
    todo = values.str.strip() != ""
    for fmt in DATE_FORMATS:
        if not todo.any():
            break
        got = pd.to_datetime(values[todo], format=fmt, errors="coerce")
        parsed[todo] = got
        todo &= parsed.isna()
    return parsed


def _check_chunk(frame: pd.DataFrame, lines: np.ndarray, name: str, typology: dict[str, list[str]]
                 ) -> tuple[pd.DataFrame, list[Problem], np.ndarray]:
    """Typed columns for one chunk, the problems found, and which rows are good.

    ``typology`` is ACLED's event types and their sub-event types, from the dataset's descriptor."""
    problems: list[Problem] = []
    bad = np.zeros(len(frame), dtype=bool)

    def flag(mask, column: str, message) -> None:
        mask = np.asarray(mask, dtype=bool)
        for i in np.flatnonzero(mask):
            value = frame[column].iat[i] if column in frame else ""
            text = message(value) if callable(message) else message
            problems.append(Problem(name, int(lines[i]), column, text))
        bad[mask] = True

    out = pd.DataFrame(index=frame.index)
    for column in COLUMNS:
        flag(frame[column].str.len() > MAX_TEXT, column, f"longer than {MAX_TEXT} characters")
    flag(frame["event_id_cnty"].str.strip() == "", "event_id_cnty", "empty: every event needs its ACLED id")
    dates = _parse_dates(frame["event_date"])
    flag(dates.isna(), "event_date", lambda v: f"{v!r} is not a date (YYYY-MM-DD or '15 January 2024')")
    year = pd.to_numeric(frame["year"], errors="coerce")
    flag(dates.notna() & year.notna() & (year != dates.dt.year), "year",
         lambda v: f"{v!r} is not the year of event_date")
    for column in ("time_precision", "geo_precision"):
        value = pd.to_numeric(frame[column], errors="coerce")
        flag(~value.isin([1, 2, 3]), column, lambda v: f"{v!r} is not 1, 2 or 3")
        out[column] = value.fillna(0).astype("int8")
    types = {t.casefold(): t for t in typology}
    event_type = frame["event_type"].str.strip().str.casefold().map(types)
    flag(event_type.isna(), "event_type", lambda v: f"{v!r} is not an ACLED event type")
    subs = {(t, s.casefold()): s for t, ss in typology.items() for s in ss}
    sub_key = frame["sub_event_type"].str.strip().str.casefold()
    sub_key = sub_key.map(lambda s: SUB_TYPE_SPELLINGS.get(s, s).casefold())
    sub_type = pd.Series([subs.get((t, s)) for t, s in zip(event_type, sub_key)], index=frame.index)
    flag(event_type.notna() & sub_type.isna(), "sub_event_type",
         lambda v: f"{v!r} is not a sub-event type of this event type")
    for column in ("inter1", "inter2"):
        text = frame[column].str.strip()
        number = pd.to_numeric(text, errors="coerce")
        ok = (text == "") | number.isin(range(0, 9)) | text.str.casefold().isin(INTER_LABELS)
        flag(~ok, column, lambda v: f"{v!r} is not an ACLED actor type (0-8 or its name)")
    flag(frame["actor1"].str.strip() == "", "actor1", "empty: ACLED always names actor 1")
    lat = pd.to_numeric(frame["latitude"], errors="coerce")
    lon = pd.to_numeric(frame["longitude"], errors="coerce")
    flag(lat.isna() | (lat.abs() > 90), "latitude", lambda v: f"{v!r} is not a latitude")
    flag(lon.isna() | (lon.abs() > 180), "longitude", lambda v: f"{v!r} is not a longitude")
    fatalities = pd.to_numeric(frame["fatalities"], errors="coerce")
    flag(fatalities.isna() | (fatalities < 0) | (fatalities != fatalities.round()), "fatalities",
         lambda v: f"{v!r} is not a count of fatalities")
    stamp = pd.to_numeric(frame["timestamp"].replace("", "0"), errors="coerce")
    flag(stamp.isna(), "timestamp", lambda v: f"{v!r} is not a Unix timestamp")

    for column in COLUMNS:
        if column not in out:
            out[column] = frame[column].str.strip()
    out["event_date"] = dates
    out["event_type"] = event_type
    out["sub_event_type"] = sub_type
    out["latitude"], out["longitude"] = lat, lon
    out["fatalities"] = fatalities.fillna(0).astype("int64")
    out["timestamp"] = stamp.fillna(0).astype("int64")
    out["line"] = lines
    return out, problems, ~bad


def read_export(path: Path, typology: dict[str, list[str]], progress: ProgressFn | None = None
                ) -> tuple[pd.DataFrame, list[Problem], int]:
    """Every good row of the export, every problem found, and the number of rows read."""
    path = Path(path)
    name = path.name
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
        size = path.stat().st_size
    except OSError as exc:
        raise AcledImportError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with handle:
        return _read_records(handle, name, size, typology, progress)


def _read_records(handle, name: str, size: int, typology: dict[str, list[str]], progress: ProgressFn | None):
    try:
        header = next(csv.reader([handle.readline()]), [])
    except UnicodeDecodeError as exc:
        raise _not_utf8(handle.name) from exc
    header = [h.strip().lower() for h in header]
    missing = [c for c in COLUMNS if c not in header and c not in OPTIONAL]
    if missing:
        raise AcledImportError(f"{name}: not an ACLED export: missing column(s) {', '.join(missing)}",
                           [Problem(name, 1, c, "missing column") for c in missing])
    index = {c: header.index(c) for c in COLUMNS if c in header}
    width = len(header)
    problems: list[Problem] = []
    parts: list[pd.DataFrame] = []
    rows = 0
    batch: list[list[str]] = []
    lines: list[int] = []

    def flush() -> None:
        if not batch:
            return
        columns = list(zip(*batch))
        frame = pd.DataFrame({c: pd.Series(columns[i], dtype="str") for i, c in enumerate(COLUMNS)})
        checked, found, good = _check_chunk(frame, np.asarray(lines), name, typology)
        problems.extend(found)
        parts.append(checked[good])
        batch.clear()
        lines.clear()

    for line, fields in _records(handle, name, size, progress):
        if not fields or fields == [""]:
            continue
        rows += 1
        if len(fields) != width:
            problems.append(Problem(name, line, None, f"{len(fields)} fields where the header has {width}"))
            continue
        batch.append([fields[index[c]] if c in index else "" for c in COLUMNS])
        lines.append(line)
        if len(batch) >= CHUNK:
            flush()
    flush()
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS + ["line"])
    problems.sort(key=lambda p: p.row or 0)
    return frame, problems, rows


# -- linking to the gazetteer -------------------------------------------
def _haversine_km(lat1, lon1, lat2, lon2):
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(a))


def link_places(location: np.ndarray, lat: np.ndarray, lon: np.ndarray, places_csv: Path
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each event: the gazetteer place its location names within LINK_RADIUS_KM of its coordinates ('' if
    none, or if the resolver cannot tell which), the distance in km (NaN if none), and the governorate P-code
    ('' outside every governorate).

    ACLED names a neighbourhood after its city ("Aleppo - Salaheddine"): the whole name is tried, then the city.
    """
    gazetteer = load_gazetteer(places_csv)
    sites = pd.DataFrame({"location": location, "lat": lat, "lon": lon})
    unique = sites.drop_duplicates().reset_index(drop=True)
    place = np.full(len(unique), "", dtype=object)
    dist = np.full(len(unique), np.nan)
    pcode = np.full(len(unique), "", dtype=object)
    boundaries = load_boundaries()
    for i, (name, y, x) in enumerate(unique.itertuples(index=False)):
        near = Context(near=(float(y), float(x), LINK_RADIUS_KM))
        for candidate_name in dict.fromkeys([name, name.split(" - ")[0]]):
            best = resolve(gazetteer, candidate_name, near, fuzzy=False, minor=True).best
            if best and best.place_type in LINKABLE:
                place[i] = best.place_id
                dist[i] = round(float(_haversine_km(y, x, best.lat, best.lon)), 2)
                pcode[i] = best.admin1_pcode or ""
                break
        if not pcode[i]:
            found = boundaries.governorates_at(float(y), float(x))
            pcode[i] = found[0] if found else ""
    position = sites.merge(unique.reset_index(), on=["location", "lat", "lon"], how="left")["index"].to_numpy()
    return place[position], dist[position], pcode[position]


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


def _to_table(frame: pd.DataFrame) -> pa.Table:
    categorical = ["disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
                   "assoc_actor_2", "inter1", "inter2", "interaction", "civilian_targeting", "iso", "region",
                   "country", "admin1", "admin2", "admin3", "location", "source", "source_scale", "tags",
                   "place_id", "admin1_pcode", "site_id"]
    arrays = {}
    for column in COLUMNS + ["place_id", "link_km", "admin1_pcode", "site_id"]:
        values = frame[column]
        if column == "event_date":
            arrays[column] = pa.array(values.to_numpy().astype("datetime64[D]"), type=pa.date32())
        elif column in categorical:
            arrays[column] = pa.array(values.astype(str), type=pa.string()).dictionary_encode()
        elif column in ("latitude", "longitude", "link_km"):
            arrays[column] = pa.array(values.astype("float64"))
        elif column in ("time_precision", "geo_precision"):
            arrays[column] = pa.array(values.astype("int8"))
        elif column in ("fatalities", "year"):
            arrays[column] = pa.array(pd.to_numeric(values).astype("int32"))
        elif column == "timestamp":
            arrays[column] = pa.array(values.astype("int64"))
        else:
            arrays[column] = pa.array(values.astype(str), type=pa.string())
    return pa.table(arrays)


def import_export(path: Path, data_dir: Path, *, skip_bad_rows: bool = False,
                  progress: ProgressFn | None = None) -> ImportReport:
    """Check, link and store ``path`` as the ACLED layer of ``data_dir``. Raises AcledImportError when the
    export has bad rows (unless ``skip_bad_rows``) or cannot be read; the stored layer is then untouched."""
    path, data_dir = Path(path), Path(data_dir)
    try:
        typology = load_schema(data_dir).acled_event_types
    except (OSError, ValueError, KeyError) as exc:
        raise AcledImportError(f"{data_dir} is not a dataset folder: its {DESCRIPTOR} cannot be read ({exc})") from exc
    report = ImportReport()
    frame, problems, report.rows = read_export(path, typology, progress)
    report.problem_count = len(problems)
    report.problems = problems[:MAX_PROBLEMS]
    if problems and not skip_bad_rows:
        raise AcledImportError(f"{path.name}: {len(problems)} problem(s) in {len({p.row for p in problems})} row(s); "
                           "nothing was imported (fix them, or pass --skip-bad-rows to leave those rows out)",
                           report.problems)
    report.skipped = report.rows - len(frame)
    syria = frame["country"].str.casefold().isin(["syria", ""])
    report.other_countries = frame.loc[~syria, "country"].value_counts().to_dict()
    frame = frame[syria]
    if progress:
        progress(0.65, "removing repeated ids")
    frame = frame.sort_values(["event_id_cnty", "timestamp", "line"])
    newest = ~frame["event_id_cnty"].duplicated(keep="last")
    report.duplicates = int((~newest).sum())
    frame = frame[newest]
    if progress:
        progress(0.7, "linking places")
    frame = frame.sort_values(["event_date", "event_id_cnty"]).reset_index(drop=True)
    place, dist, pcode = link_places(frame["location"].to_numpy(), frame["latitude"].to_numpy(),
                                     frame["longitude"].to_numpy(),
                                     data_dir / "places.csv")
    named = frame["admin1"].map({n: admin1_pcode(n) for n in frame["admin1"].unique()})  # ACLED's own, if known
    frame["place_id"], frame["link_km"] = place, dist
    frame["admin1_pcode"] = named.where(named != "", pcode)
    frame["site_id"] = site_ids(frame)
    report.linked = int((frame["place_id"] != "").sum())
    report.kept = len(frame)
    if progress:
        progress(0.8, "indexing words")
    table = _to_table(frame).combine_chunks()
    del frame
    sites = build_sites(table, data_dir / "places.csv")
    words = build_word_index(table)
    if progress:
        progress(0.9, "writing")
    target = store.layer_dir(data_dir)
    target.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    stem = f"{digest[:12]}-{datetime.now(timezone.utc):%Y%m%dT%H%M%S%f}"
    files = {kind: f"{kind}-{stem}.arrow" for kind in store.KINDS}
    try:
        for kind, data in zip(store.KINDS, (table, sites, words)):
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
        "linked": report.linked, "link_radius_km": LINK_RADIUS_KM, "event_types": list(typology),
        "date_min": dates[0].as_py().isoformat() if len(table) else None,
        "date_max": dates[-1].as_py().isoformat() if len(table) else None,
        "attribution": "Armed Conflict Location & Event Data Project (ACLED); https://acleddata.com",
    }
    store.write_manifest(data_dir, report.manifest)
    store.remove_stale(data_dir, set(files.values()))
    if progress:
        progress(1.0, "done")
    return report
