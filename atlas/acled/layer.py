"""The imported ACLED layer in memory, and everything the pages ask of it.

Loaded once per import (the app shares one read-only ``EventLayer`` across
sessions) and kept as integer arrays: days since 1970, a site code per event
(its gazetteer place, or its own location), event type and actor codes. The
events are sorted by date, so a date range is a slice; text search reads the
word index built at import. Every answer is aggregated here (per site, per week
or month and type, a capped table) before it reaches folium, plotly or a table,
so payloads stay the same size whatever the number of events.

It reads the stored files only (``atlas.acled.store``): nothing of the importer,
the gazetteer or the validator is loaded by the app.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from atlas.acled.store import KINDS, OPTIONAL, layer_dir, read_arrow, read_manifest, take_rows
from atlas.acled.wordindex import WordIndex
from atlas.dataset.values import slug
from atlas.filters import Filters
from geo.maps.offline import safe_json

EPOCH = date(1970, 1, 1)  # day numbers count from here, as Arrow's date32 does
TABLE_ROWS = 300  # shown on the page; downloads hold every row
NOTE_CHARS = 280  # notes are cut to this on the page (never in downloads), so the table stays small
TYPED_SITES = 1000  # the busiest sites carry their counts per event type to the map; the rest, their totals
WEEKLY_UP_TO_DAYS = 3 * 366  # longer spans are drawn per month
TABLE_COLUMNS = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "location",
                 "admin1", "fatalities", "notes", "source"]


class LayerError(Exception):
    """The stored layer cannot be read."""


def dictionary_codes(column: pa.ChunkedArray) -> tuple[np.ndarray, pa.Array]:
    """Integer codes and the distinct values they index, for a dictionary-encoded (or plain) column."""
    array = column.combine_chunks()
    if not pa.types.is_dictionary(array.type):
        array = array.dictionary_encode()
    return array.indices.to_numpy(zero_copy_only=False), array.dictionary


def _codes(column: pa.ChunkedArray) -> tuple[np.ndarray, list[str]]:
    """Integer codes and their labels (as Python strings) for a string column."""
    codes, values = dictionary_codes(column)
    return codes, values.to_pylist()


@dataclass(frozen=True, eq=False)
class EventLayer:
    key: str
    manifest: dict
    types: list[str]  # ACLED's event types, in the order of the type codes
    table: pa.Table
    notes: pa.ChunkedArray | None  # in the export's order, at the events' notes_row (None: in the table)
    day: np.ndarray
    month: np.ndarray
    site: np.ndarray
    site_type: np.ndarray  # site * len(types) + event type: one bincount gives both
    sites: pd.DataFrame  # per site code: site_id, place_id, name, name_ar, lat, lon, admin1_pcode
    event_type: np.ndarray
    admin1: np.ndarray  # codes into admin1_pcodes: each event's own governorate
    admin1_pcodes: list
    actor1: np.ndarray
    actor2: np.ndarray
    actors: dict  # actor id (slug) -> ACLED actor name, in code order
    fatalities: np.ndarray
    words: WordIndex
    site_of_place: dict  # gazetteer place id -> its site code
    site_lat: np.ndarray  # per site code
    site_lon: np.ndarray
    by_site: "DaysBy"  # each site's event days, sorted: counts in a date window by binary search

    def __len__(self) -> int:
        return len(self.day)

    @property
    def event_types(self) -> set[str]:
        """The ACLED event types present."""
        return {self.types[t] for t in np.unique(self.event_type)}

    @property
    def first_and_last_day(self) -> tuple[date, date]:
        return EPOCH + timedelta(days=int(self.day[0])), EPOCH + timedelta(days=int(self.day[-1]))


@dataclass(frozen=True, eq=False)
class DaysBy:
    """The days of the events of each code (a site), grouped by code and sorted:
    ``days[start[c]:start[c + 1]]`` are code c's."""
    days: np.ndarray
    start: np.ndarray

    @classmethod
    def of(cls, codes: np.ndarray, days: np.ndarray, size: int) -> "DaysBy":
        order = np.argsort(codes, kind="stable")  # events are in date order: each code's days stay sorted
        return cls(days[order], np.concatenate(([0], np.cumsum(np.bincount(codes, minlength=size)))))

    def count(self, code: int, first: int, last: int) -> int:
        """Events of ``code`` from day ``first`` to day ``last``, both included."""
        days = self.days[self.start[code]:self.start[code + 1]]
        return int(np.searchsorted(days, last, "right") - np.searchsorted(days, first, "left"))


def layer_key(data_dir: Path) -> str | None:
    """What identifies the stored layer's current version (None when there is none)."""
    manifest = read_manifest(data_dir)
    return manifest["events"] if manifest else None


def load_layer(data_dir: Path) -> EventLayer | None:
    """The stored layer, or None when none was imported. Raises LayerError when it cannot be read."""
    data_dir = Path(data_dir)
    try:
        manifest = read_manifest(data_dir)
    except (OSError, ValueError) as exc:
        raise LayerError(f"{layer_dir(data_dir) / 'layer.json'}: {exc}") from exc
    if manifest is None:
        return None
    try:
        tables = {kind: read_arrow(layer_dir(data_dir) / manifest[kind])
                  for kind in KINDS if kind in manifest or kind not in OPTIONAL}
        return _build(manifest, **tables)
    except (OSError, KeyError, ValueError, pa.ArrowException) as exc:
        raise LayerError(f"{layer_dir(data_dir)}: {exc}") from exc


def _build(manifest: dict, events: pa.Table, sites: pa.Table, words: pa.Table, notes: pa.Table | None = None
           ) -> EventLayer:
    day = events["event_date"].combine_chunks().cast(pa.int32()).to_numpy()
    month = day.astype("datetime64[D]").astype("datetime64[M]").astype(np.int32)
    site, site_ids = _codes(events["site_id"])
    site_table = sites.to_pandas()
    if site_table["site_id"].tolist() != site_ids:
        raise ValueError("the sites file does not match the events file")
    type_codes, type_labels = _codes(events["event_type"])
    types = list(manifest.get("event_types") or sorted(type_labels))  # layers imported before it was recorded
    event_type = np.array([types.index(t) for t in type_labels] or [0], dtype=np.int8)[type_codes]
    admin1, admin1_pcodes = _codes(events["admin1_pcode"])
    a1, names1 = _codes(events["actor1"])
    a2, names2 = _codes(events["actor2"])
    names = sorted((set(names1) | set(names2)) - {""})
    lookup = {n: i for i, n in enumerate(names)}
    to_common = [np.array([lookup.get(n, -1) for n in labels] or [-1], dtype=np.int32) for labels in (names1, names2)]
    return EventLayer(
        key=manifest["events"], manifest=manifest, types=types, table=events,
        notes=notes["notes"] if notes is not None else None, day=day, month=month, site=site,
        site_type=site.astype(np.int32) * len(types) + event_type, sites=site_table, event_type=event_type,
        admin1=admin1, admin1_pcodes=admin1_pcodes, actor1=to_common[0][a1], actor2=to_common[1][a2],
        actors=dict(zip(_actor_ids(names), names)),
        fatalities=events["fatalities"].combine_chunks().to_numpy(),
        words=WordIndex.from_table(words, len(day)),
        site_of_place={p: i for i, p in enumerate(site_table["place_id"]) if p},
        site_lat=site_table["lat"].to_numpy(dtype=float), site_lon=site_table["lon"].to_numpy(dtype=float),
        by_site=DaysBy.of(site, day, len(site_table)),
    )


def _actor_ids(names: list[str]) -> list[str]:
    """Stable URL ids for actor names: their slug, numbered when two names share one."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        base = slug(name) or "actor"
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


# -- selecting ------------------------------------------------------------
def _day(value: date) -> int:
    return (value - EPOCH).days


def select(layer: EventLayer, filters: Filters, pcodes: set[str] = frozenset()) -> np.ndarray:
    """Row numbers (ascending, so in date order) of the events the filters keep.

    ``pcodes`` are the governorates' P-codes (the governorate filter holds place ids). Statement-only
    filters (issuer, demand category) do not apply to events.
    """
    lo = int(np.searchsorted(layer.day, _day(filters.date_from), "left")) if filters.date_from else 0
    hi = int(np.searchsorted(layer.day, _day(filters.date_to), "right")) if filters.date_to else len(layer)
    rows = layer.words.search(filters.q, lo, hi) if filters.q else None
    checks = []
    if filters.places or pcodes:  # at one of the places, or anywhere in one of the governorates
        at_place = layer.sites["place_id"].isin(set(filters.places)).to_numpy()
        in_gov = np.array([p in pcodes for p in layer.admin1_pcodes] or [False])
        checks.append(lambda r: at_place[layer.site[r]] | in_gov[layer.admin1[r]])
    if filters.actors:
        wanted = np.zeros(len(layer.actors) + 1, dtype=bool)  # the extra slot is code -1, no actor
        codes = {a: i for i, a in enumerate(layer.actors)}
        wanted[[codes[a] for a in filters.actors if a in codes]] = True
        checks.append(lambda r: wanted[layer.actor1[r]] | wanted[layer.actor2[r]])
    if filters.event_types:
        wanted_types = np.zeros(len(layer.types), dtype=bool)
        wanted_types[[layer.types.index(t) for t in filters.event_types if t in layer.types]] = True
        checks.append(lambda r: wanted_types[layer.event_type[r]])
    for check in checks:
        if rows is None:
            rows = lo + np.flatnonzero(check(slice(lo, hi))).astype(np.int32)
        else:
            rows = rows[check(rows)]
    return np.arange(lo, hi, dtype=np.int32) if rows is None else rows


# -- aggregating ----------------------------------------------------------
def _at(array: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``array[rows]``, as a view when the rows are one unbroken run (a date range and nothing else)."""
    if len(rows) and int(rows[-1]) - int(rows[0]) + 1 == len(rows):
        return array[int(rows[0]):int(rows[-1]) + 1]
    return array[rows]


def site_summary(layer: EventLayer, rows: np.ndarray) -> pd.DataFrame:
    """Per site with events in ``rows``: events, fatalities and events per type, busiest first."""
    n = len(layer.sites)
    by_type = np.bincount(_at(layer.site_type, rows), minlength=n * len(layer.types)).reshape(n, len(layer.types))
    counts = by_type.sum(axis=1)
    keep = np.flatnonzero(counts)
    out = layer.sites.iloc[keep].copy()
    out["code"] = keep
    out["events"] = counts[keep]
    out["fatalities"] = np.bincount(_at(layer.site, rows), weights=_at(layer.fatalities, rows),
                                    minlength=n)[keep].astype(np.int64)
    for i, t in enumerate(layer.types):
        out[t] = by_type[keep, i]
    return out.sort_values(["events", "name"], ascending=[False, True]).reset_index(drop=True)


def map_sites(layer: EventLayer, rows: np.ndarray, typed: int = TYPED_SITES) -> dict:
    """Every site with events in ``rows``, as columns in site-code order (what the map draws, every one):
    ``code`` (into the layer's site table), ``n`` events, ``f`` fatalities, ``types``: the counts per type (in
    ``layer.types`` order) of the busiest ``typed`` sites, keyed by their position in those columns, and the
    sites' ``bounds``. Straight from the arrays: no table of sites is built on a rerun."""
    size, k = len(layer.sites), len(layer.types)
    by_type = np.bincount(_at(layer.site_type, rows), minlength=size * k).reshape(size, k)
    events = by_type.sum(axis=1)
    codes = np.flatnonzero(events)
    fatalities = np.bincount(_at(layer.site, rows), weights=_at(layer.fatalities, rows), minlength=size)
    # the busiest as ``site_summary`` ranks them: by events, ties by name
    busiest = np.sort(np.lexsort((_name_rank(layer)[codes], -events[codes]))[:typed])  # positions in ``codes``
    lat, lon = layer.site_lat[codes], layer.site_lon[codes]
    return {"code": codes.tolist(), "n": events[codes].tolist(), "f": fatalities[codes].astype(np.int64).tolist(),
            "types": {int(i): by_type[codes[i]].tolist() for i in busiest},
            "bounds": [[float(lat.min()), float(lon.min())], [float(lat.max()), float(lon.max())]] if len(codes)
            else None}


@lru_cache(maxsize=4)
def _name_rank(layer: EventLayer) -> np.ndarray:
    """Each site's place in the order of the sites' names."""
    rank = np.empty(len(layer.sites), dtype=np.int64)
    rank[np.argsort(layer.sites["name"].to_numpy(dtype=str), kind="stable")] = np.arange(len(layer.sites))
    return rank


@lru_cache(maxsize=4)
def sites_script(layer: EventLayer) -> tuple[str, str]:
    """(file name, text) of the script holding the layer's site table for the map: name, Arabic name,
    position and gazetteer place (or "") per site code. The browser fetches it once per imported layer; each map then sends only codes
    and counts."""
    rows = [[name, name_ar, round(float(lat), 4), round(float(lon), 4), place] for name, name_ar, lat, lon, place
            in zip(layer.sites["name"], layer.sites["name_ar"], layer.sites["lat"], layer.sites["lon"],
                   layer.sites["place_id"])]
    name = f"atlas/sites-v2-{hashlib.sha256(layer.key.encode()).hexdigest()[:12]}.js"
    # text from the export: safe_json escapes whatever could end the script
    return name, f'window.ATLAS_SITES = window.ATLAS_SITES || {{}};\nwindow.ATLAS_SITES["{name}"] = {safe_json(rows)};\n'


def map_layer(layer: EventLayer, rows: np.ndarray) -> tuple[dict, str]:
    """build_map's options for the layer under these rows, and a caption saying what the layer shows."""
    sites = map_sites(layer, rows)
    note = (f"ACLED layer: {len(rows):,} events at {len(sites['code']):,} places "
            f"(from {layer.manifest['source_file']}, imported {layer.manifest['imported_at'][:10]}).")
    return {"event_sites": sites, "event_types": layer.types, "sites_script": sites_script(layer),
            "link_radius_km": float(layer.manifest["link_radius_km"])}, note


def period_counts(layer: EventLayer, rows: np.ndarray) -> tuple[str, pd.DataFrame]:
    """Events per week (spans up to three years) or month, per event type: ("week" | "month", frame)."""
    if len(rows) == 0:
        return "week", pd.DataFrame(columns=["period", *layer.types])
    span = int(layer.day[rows[-1]] - layer.day[rows[0]])
    if span <= WEEKLY_UP_TO_DAYS:
        unit = "week"
        code = (_at(layer.day, rows) + 3) // 7  # 1970-01-01 was a Thursday: weeks start on Monday
    else:
        unit = "month"
        code = _at(layer.month, rows)
    first = int(code[0])  # rows are in date order
    width = int(code[-1]) - first + 1
    counts = np.bincount((code - first) * len(layer.types) + _at(layer.event_type, rows),
                         minlength=width * len(layer.types)).reshape(width, len(layer.types))
    periods = np.arange(first, first + width)
    if unit == "week":
        labels = (periods * 7 - 3).astype("datetime64[D]")
    else:
        labels = periods.astype("datetime64[M]").astype("datetime64[D]")
    frame = pd.DataFrame(counts, columns=layer.types)
    frame.insert(0, "period", pd.to_datetime(labels))
    return unit, frame


def event_rows(layer: EventLayer, rows: np.ndarray, limit: int | None = TABLE_ROWS) -> pd.DataFrame:
    """The events at ``rows``, latest first, with the columns a reader needs (all rows when ``limit`` is None)."""
    picked = rows[::-1] if limit is None else rows[::-1][:limit]
    taken = layer.table.take(pa.array(picked, type=pa.int32()))
    if layer.notes is not None:
        at = taken.column_names.index("notes_row")
        notes = take_rows(layer.notes, taken["notes_row"].to_numpy())
        taken = taken.remove_column(at).add_column(at, "notes", notes)
    frame = taken.to_pandas()
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.CategoricalDtype):
            frame[column] = frame[column].astype(str)
    return frame


def table_view(layer: EventLayer, rows: np.ndarray) -> pd.DataFrame:
    """The page's table: the latest TABLE_ROWS events, reader's columns, notes cut to NOTE_CHARS."""
    frame = event_rows(layer, rows)[TABLE_COLUMNS]
    long = frame["notes"].str.len() > NOTE_CHARS
    frame.loc[long, "notes"] = frame.loc[long, "notes"].str.slice(0, NOTE_CHARS - 1) + "…"
    return frame


@dataclass(frozen=True)
class Around:
    """ACLED's events at a statement's places in the ``window`` days before and after it: per event type
    (before, on the statement's day or days, after) and per week from it (-1: the seven days before; 1: the
    seven after; 0: its own days), and the rows themselves."""
    window: int
    by_type: pd.DataFrame
    by_week: pd.DataFrame
    rows: np.ndarray
    before: int
    during: int
    after: int


def events_around(layer: EventLayer, place_ids: tuple[str, ...], pcodes: set[str], first: date, last: date,
                  window: int) -> Around:
    """The events at ``place_ids`` (or anywhere in the governorates ``pcodes``) from ``window`` days before
    ``first`` to ``window`` days after ``last``, set before against after. Counts only: nothing of a row."""
    rows = select(layer, Filters(date_from=first - timedelta(days=window), date_to=last + timedelta(days=window),
                                 places=tuple(place_ids)), pcodes) if place_ids or pcodes else np.zeros(0, np.int32)
    days = _at(layer.day, rows).astype(np.int64)
    start, end = _day(first), _day(last)
    side = np.where(days < start, 0, np.where(days > end, 2, 1))
    types = _at(layer.event_type, rows)
    k = len(layer.types)
    counts = np.bincount(side * k + types, minlength=3 * k).reshape(3, k)
    by_type = pd.DataFrame({"event type": layer.types, "before": counts[0], "on the day": counts[1],
                            "after": counts[2]})
    week = np.where(side == 0, (days - start) // 7, np.where(side == 2, (days - end - 1) // 7 + 1, 0))
    weeks = -(-window // 7)
    grid = np.bincount((week + weeks) * k + types, minlength=(2 * weeks + 1) * k).reshape(2 * weeks + 1, k)
    by_week = pd.DataFrame(grid, columns=layer.types)
    by_week.insert(0, "week", np.arange(-weeks, weeks + 1))
    return Around(window, by_type[by_type[["before", "on the day", "after"]].sum(axis=1) > 0].reset_index(drop=True),
                  by_week, rows, int(counts[0].sum()), int(counts[1].sum()), int(counts[2].sum()))


def counts_before_after(layer: EventLayer, place_id: str, first: date, last: date, window: int
                        ) -> tuple[int, int] | None:
    """ACLED's events at one gazetteer place in the ``window`` days before ``first`` and after ``last``;
    None when the layer has no event there at all."""
    code = layer.site_of_place.get(place_id)
    if code is None:
        return None
    start, end = _day(first), _day(last)
    return layer.by_site.count(code, start - window, start - 1), layer.by_site.count(code, end + 1, end + window)


def count_tables(layer: EventLayer, rows: np.ndarray) -> tuple[str, dict[str, pd.DataFrame]]:
    """What a public deployment may show of ACLED: events and fatalities per place and per event type
    ("by_place"), and events per week or month and type ("by_week" or "by_month"); and that unit."""
    summary = site_summary(layer, rows)
    places = summary[["name", "name_ar", "admin1_pcode", "lat", "lon", "events", "fatalities", *layer.types]].rename(
        columns={"name": "place", "name_ar": "place_ar", "admin1_pcode": "governorate_pcode"})
    unit, periods = period_counts(layer, rows)
    return unit, {"by_place": places, f"by_{unit}": periods}


def totals(layer: EventLayer, rows: np.ndarray) -> dict:
    return {"events": int(len(rows)), "fatalities": int(_at(layer.fatalities, rows).sum()),
            "sites": int(np.count_nonzero(np.bincount(_at(layer.site, rows)))) if len(rows) else 0}

