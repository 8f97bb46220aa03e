"""Changing the dataset on disk: every change is validated whole on a staged copy before a file is touched.

``commit`` is the one way rows reach data/: ingest's drafts and curators' corrections both go through it.
``correct`` applies a batch of corrections to values already published and records each in corrections.csv
with its old value, so an analyst who cited an earlier release can see what changed and why.
"""
from __future__ import annotations

import csv
import io
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from atlas.dataset.schema import DESCRIPTOR, load_schema
from atlas.dataset.validate import Problem, validate
from atlas.dataset.values import release_order
from geo.files import write_atomic


def commit(data_dir: Path, new_texts: dict[str, str], order: list[str]) -> list[Problem]:
    """Write the new text of each named table (``{"events": text}``) if the dataset with them validates.
    Files are written one at a time in ``order``; on problems nothing is written and they are returned."""
    data_dir = Path(data_dir)
    with tempfile.TemporaryDirectory(prefix=".staging-", dir=data_dir.parent) as tmp:
        staged = Path(tmp) / data_dir.name
        staged.mkdir()
        for path in [*data_dir.glob("*.csv"), data_dir / DESCRIPTOR]:  # what the validator reads, nothing more
            if path.is_file():
                shutil.copy2(path, staged / path.name)
        for name, text in new_texts.items():
            (staged / f"{name}.csv").write_text(text, encoding="utf-8")
        problems = validate(staged)
        if problems:
            return problems
    for name in order:
        if name in new_texts:
            write_atomic(data_dir / f"{name}.csv", new_texts[name])
    return []


# -- corrections ----------------------------------------------------------------------------------
REMOVED = "*"  # the field of a correction that removes a whole row
CHANGE_FIELDS = ("table", "record_id", "field", "new_value", "reason", "source")
# Rows that refer to others go first and corrections.csv last: a crash part-way leaves no dangling reference.
CORRECTION_ORDER = ["demands", "mentions", "thread_updates", "statements", "events", "threads", "places", "sources",
                    "actors", "corrections"]


@dataclass(frozen=True)
class Change:
    table: str
    record_id: str
    field: str  # or REMOVED
    new_value: str
    reason: str
    source: str
    line: int | None = None  # where it was read from, for messages


def read_changes(path: Path) -> tuple[list[Change], list[Problem]]:
    """Changes from a CSV with the columns of CHANGE_FIELDS; problems name the file, row and field."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return [], [Problem(str(path), None, None, f"cannot read it: {error}")]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [f for f in CHANGE_FIELDS if f not in (reader.fieldnames or [])]
    if missing:
        return [], [Problem(str(path), 1, None, "missing column(s): " + ", ".join(missing))]
    changes, problems, line = [], [], 1
    for row in reader:
        line, previous = reader.line_num, line
        values = {f: (row.get(f) or "").strip() for f in CHANGE_FIELDS}
        for f in ("table", "record_id", "field", "reason", "source"):
            if not values[f]:
                problems.append(Problem(str(path), previous + 1, f, "is empty"))
        changes.append(Change(**values, line=previous + 1))
    return changes, problems


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def correct(data_dir: Path, changes: list[Change], source_name: str = "corrections") -> list[Problem]:
    """Apply ``changes`` under the newest release and record each; all or nothing.

    The newest row of releases.csv names the release: add it (with a summary of what it corrects) first."""
    data_dir = Path(data_dir)
    schema = load_schema(data_dir)
    paths = {r.name: r.path for r in schema.resources}
    releases = _rows((data_dir / paths["releases"]).read_text(encoding="utf-8"))[1:]
    if not releases:
        return [Problem(paths["releases"], None, "release", "no release to record the corrections under: add one")]
    release = max(releases, key=lambda r: release_order(r[1], r[0]))[0]
    tables: dict[str, list[list[str]]] = {}
    problems, records = [], []
    corrections = _rows((data_dir / paths["corrections"]).read_text(encoding="utf-8"))
    taken = {r[0] for r in corrections[1:]}
    for change in changes:
        if change.table not in paths or change.table in ("releases", "corrections"):
            problems.append(Problem(source_name, change.line, "table", f"'{change.table}' is not a table of records"))
            continue
        rows = tables.setdefault(change.table, _rows((data_dir / paths[change.table]).read_text(encoding="utf-8")))
        header = rows[0]
        index = next((i for i, r in enumerate(rows[1:], start=1) if r and r[0] == change.record_id), None)
        if index is None:
            problems.append(Problem(source_name, change.line, "record_id",
                                  f"no row '{change.record_id}' in {paths[change.table]}"))
            continue
        if change.field == REMOVED:
            old = _text([rows[index]]).rstrip("\n")  # the whole row, as a CSV line
            del rows[index]
        elif change.field in header:
            column = header.index(change.field)
            old = rows[index][column]
            if old == change.new_value:
                problems.append(Problem(source_name, change.line, "new_value",
                                      f"{paths[change.table]} row '{change.record_id}' already holds it"))
                continue
            rows[index][column] = change.new_value
        else:
            problems.append(Problem(source_name, change.line, "field",
                                  f"'{change.field}' is not a field of {paths[change.table]}"))
            continue
        number = len(taken) + 1
        while f"{release}-{number:03d}".replace(".", "-") in taken:
            number += 1
        correction_id = f"{release}-{number:03d}".replace(".", "-")
        taken.add(correction_id)
        records.append([correction_id, release, change.table, change.record_id, change.field, old,
                        "" if change.field == REMOVED else change.new_value, change.reason, change.source])
    if problems:
        return problems
    new_texts = {name: _text(rows) for name, rows in tables.items()}
    new_texts["corrections"] = _text(corrections + records)
    return commit(data_dir, new_texts, CORRECTION_ORDER)
