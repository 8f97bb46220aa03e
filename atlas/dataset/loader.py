"""Loading the dataset: one validated, typed, read-only object with the joins pages need.

``load_dataset(data_dir)`` validates first and raises ``DatasetError`` with every
problem when the folder is not valid: a partial dataset is never returned.
Frames are handed out as copy-on-write views, so a caller that changes one
changes its own copy, never the shared dataset.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from atlas import i18n, settings
from atlas.dataset.schema import DESCRIPTOR, Resource, Schema, load_schema
from atlas.dataset.validate import Problem, validate
from atlas.dataset.values import release_order, split_list

CATEGORICAL = {
    "actors": ["kind"],
    "places": ["place_type", "admin1", "admin1_pcode"],
    "demands": ["speech_act", "cameo_root", "category", "quote_origin"],
    "events": ["event_type", "sub_event_type"],
    "sources": ["kind"],
}


class DatasetError(Exception):
    def __init__(self, data_dir: Path, problems: list[Problem]):
        self.data_dir = Path(data_dir)
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s) in {self.data_dir}:\n{lines}{more}")


class _Frame:
    """One table of the dataset. Each read hands out a copy-on-write copy: the caller may change
    its own copy freely, and the shared frame stays intact."""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, dataset: "Dataset | None", owner=None) -> pd.DataFrame:
        if dataset is None:
            return self  # type: ignore[return-value]  # the descriptor itself, read from the class
        return dataset._frames[self.name].copy(deep=False)


class Dataset:
    """The curated dataset: its tables as typed frames, the joins pages use, its schema and version.

    Shared read-only by every session (nothing can be assigned to it).
    """

    TABLES = ("actors", "sources", "places", "statements", "events", "demands", "mentions", "threads",
              "thread_updates")
    data_dir: Path
    schema: Schema
    version: str  # the latest statement date and a hash of the files: "2024-12-01.ab12cd34"
    release: str  # the newest release ("2026.12"), or "" for a folder that keeps none
    actors = _Frame()
    sources = _Frame()
    places = _Frame()
    statements = _Frame()
    events = _Frame()
    demands = _Frame()
    mentions = _Frame()
    threads = _Frame()  # the asks followed across issuers and years (empty for a folder that keeps none)
    thread_updates = _Frame()  # each thread's dated status changes, with their evidence
    # joins
    demands_full = _Frame()  # demands with their statement's title, dates, issuers, and actor names
    mention_places = _Frame()  # mentions that name a place, with the place's names, governorate and position
    event_places = _Frame()  # one row per (event, place), with the place's columns
    statement_events = _Frame()  # (statement_id, event_id) pairs from the mentions
    releases = _Frame()  # the dataset's releases, oldest first (empty for a folder that keeps none)
    corrections = _Frame()  # every change to a published value, with its reason
    checks = _Frame()  # second readings of the record's judgments (empty for a folder that keeps none)

    def __init__(self, data_dir: Path, schema: Schema, frames: dict[str, pd.DataFrame], version: str):
        releases = frames.get("releases")
        release = (max(zip(releases["date"].dt.strftime("%Y-%m-%d"), releases["release"].astype(str)),
                       key=lambda r: release_order(*r))[1] if releases is not None and len(releases) else "")
        for name, value in (("data_dir", Path(data_dir)), ("schema", schema),
                            ("_frames", frames), ("version", version), ("release", release)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name, value):
        raise AttributeError("the dataset is read-only")

    def __repr__(self) -> str:
        counts = ", ".join(f"{n}={len(self._frames[n])}" for n in self.TABLES)
        return f"<Dataset {self.version} {counts}>"


def actor_names(dataset: "Dataset", short: bool = False) -> dict[str, str]:
    """actor_id -> name, or the short name where there is one; in Arabic, the Arabic name where there is one
    (Arabic has no short names kept)."""
    actors = dataset.actors
    names = actors["short_name"].where(actors["short_name"] != "", actors["name"]) if short else actors["name"]
    if i18n.current() == "ar":
        names = actors["name_ar"].where(actors["name_ar"] != "", names)
    return dict(zip(actors["actor_id"], names))


def place_names(dataset: "Dataset") -> dict[str, str]:
    """place_id -> name, in Arabic where the interface is and the place has an Arabic name."""
    places = dataset.places
    names = places["name"]
    if i18n.current() == "ar":
        names = places["name_ar"].where(places["name_ar"] != "", names)
    return dict(zip(places["place_id"], names))


def _typed(resource: Resource, rows: pd.DataFrame) -> pd.DataFrame:
    frame = rows.copy()
    for field in resource.fields:
        col = frame[field.name].astype("string").str.strip().replace("", pd.NA)
        if field.type == "date":
            frame[field.name] = pd.to_datetime(col, format="%Y-%m-%d")
        elif field.type == "integer":
            frame[field.name] = pd.to_numeric(col).astype("Int64")
        elif field.type == "number":
            frame[field.name] = pd.to_numeric(col).astype("float64")
        elif field.is_list:
            frame[field.name] = pd.Series([tuple(split_list(v)) if isinstance(v, str) else () for v in col],
                                          index=col.index, dtype=object)
        else:
            frame[field.name] = col.fillna("").astype(str)
    for name in CATEGORICAL.get(resource.name, []):
        frame[name] = frame[name].astype("category")
    return frame.reset_index(drop=True)


def dataset_version(data_dir: Path, statements: pd.DataFrame) -> str:
    """A short content hash of the data files plus the latest statement date."""
    digest = hashlib.sha256()
    for path in sorted(Path(data_dir).glob("*.csv")) + [Path(data_dir) / DESCRIPTOR]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    latest = statements["date_end"].fillna(statements["date"]).max() if len(statements) else None
    stamp = latest.strftime("%Y-%m-%d") if latest is not None and not pd.isna(latest) else "empty"
    return f"{stamp}.{digest.hexdigest()[:8]}"


def _joins(f: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    actor_names = dict(zip(f["actors"]["actor_id"], f["actors"]["name"]))
    statements = f["statements"][["statement_id", "title", "title_ar", "date", "date_end", "time_precision",
                                  "issuer_ids", "publisher", "source_url"]].rename(
        columns={"title": "statement_title", "title_ar": "statement_title_ar", "date": "statement_date",
                 "date_end": "statement_date_end", "time_precision": "statement_time_precision"})
    demands_full = f["demands"].merge(statements, on="statement_id", how="left", validate="many_to_one")
    demands_full["issuer_names"] = [tuple(actor_names[a] for a in ids) for ids in demands_full["issuer_ids"]]
    demands_full["addressee_names"] = [tuple(actor_names[a] for a in ids) for ids in demands_full["addressee_ids"]]

    places = f["places"][["place_id", "name", "name_ar", "place_type", "admin1", "admin1_pcode",
                          "lat", "lon", "geo_precision"]]
    mention_places = f["mentions"][f["mentions"]["place_id"] != ""].merge(
        places, on="place_id", how="left", validate="many_to_one")
    event_places = (f["events"][["event_id", "place_ids"]].explode("place_ids")
                    .dropna().rename(columns={"place_ids": "place_id"}))
    event_places = event_places.merge(places, on="place_id", how="left", validate="many_to_one")
    statement_events = (f["mentions"].loc[f["mentions"]["event_id"] != "", ["statement_id", "event_id"]]
                        .drop_duplicates().reset_index(drop=True))
    return {"demands_full": demands_full, "mention_places": mention_places.reset_index(drop=True),
            "event_places": event_places.reset_index(drop=True), "statement_events": statement_events}


def _untranslated(table: str, raw: pd.DataFrame) -> dict[str, str]:
    """The columns of our words in Arabic a file leaves out (one from before they were kept, or a folder
    whose descriptor has none), as the bundled descriptor names them: empty, every version missing."""
    bundled = load_schema(settings.DEFAULT_DATA_DIR)
    names = bundled.resource(table).fields if table in {r.name for r in bundled.resources} else ()
    return {f.name: "" for f in names if f.translation_of and f.name not in raw}


def _without_threads(frames: dict[str, pd.DataFrame]) -> None:
    """A dataset folder from before threads (and actors' aliases) were kept reads as one with none coded:
    empty tables as the bundled descriptor describes them."""
    for name in ("threads", "thread_updates"):
        if name not in frames:
            resource = load_schema(settings.DEFAULT_DATA_DIR).resource(name)
            frames[name] = _typed(resource, pd.DataFrame(columns=resource.field_names, dtype=str))
    for name in ("demands", "demands_full"):
        if "thread_id" not in frames[name]:
            frames[name] = frames[name].assign(thread_id="")
    if "aliases" not in frames["actors"]:  # nor actors' other names
        frames["actors"] = frames["actors"].assign(aliases=[()] * len(frames["actors"]))


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    data_dir = Path(data_dir) if data_dir is not None else settings.data_dir()
    problems = validate(data_dir)
    if problems:
        raise DatasetError(data_dir, problems)
    schema = load_schema(data_dir)
    frames = {}
    for resource in schema.resources:
        raw = pd.read_csv(data_dir / resource.path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        frames[resource.name] = _typed(resource, raw.assign(**_untranslated(resource.name, raw)))
    frames.update(_joins(frames))
    for name in ("releases", "corrections", "checks"):  # a dataset folder from before these were kept
        frames.setdefault(name, pd.DataFrame())
    _without_threads(frames)
    return Dataset(data_dir, schema, frames, dataset_version(data_dir, frames["statements"]))
