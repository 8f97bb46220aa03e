"""Reading an ACLED export in the forms analysts have it, in chunks, into Arrow tables.

Forms read:

- ACLED's current layout and the one before March 2023 (without ``disorder_type``,
  ``civilian_targeting`` and ``tags``), columns in any order;
- exports of several countries: only Syria's rows are read and checked; the others
  are counted per country;
- dates as ACLED writes them (``2020-05-09``, ``09 May 2020``) and as Excel re-saves
  them (``9-May-20``, ``09/05/2020``). A date with its month's name reads alone. A
  numeric one (``09/05/2020``) is read in the one order, day-first or month-first,
  that the whole column allows; a column that could be read either way is refused
  in one message, unless the curator names the order (``date_order``);
- a byte-order mark, CRLF, notes with line breaks, and a last row cut short by a
  truncated file (reported as that row's problem).

Each chunk of ``CHUNK`` rows is checked and kept as an Arrow table, repeated text
dictionary-encoded, so an import holds about the size of the stored layer rather
than the whole export as Python strings. Problems go to a ``ProblemLog``: counted by
kind and field for a short summary, every one written to a CSV file.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from atlas.dataset.validate import Problem

COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
           "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
           "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
           "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
# Added by ACLED in March 2023: older exports lack them, and that is no error.
OPTIONAL = {"disorder_type", "civilian_targeting", "tags"}
CATEGORICAL = {"disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
               "inter1", "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
               "admin3", "location", "source", "source_scale", "tags"}
SYRIA = {"syria", ""}  # a row without a country is taken to be this layer's
# Spellings seen in ACLED's own files for the same sub-event type.
SUB_TYPE_SPELLINGS = {"excessive force against protestors": "Excessive force against protesters"}
INTER_LABELS = {"state forces", "rebel group", "political militia", "identity militia", "rioters", "protesters",
                "civilians", "external/other forces", "sole action"}
CHUNK = 50_000
MAX_KEPT = 1000  # problems kept in memory for the caller; every one goes to the log's file
MAX_TEXT = 5000  # characters in one cell: ACLED notes are far shorter
SUMMARY_GROUPS = 25  # lines of a summary, one per kind of problem and field
# Dates with the month's name (or ISO) mean one day whatever the column holds: (strptime format, form named).
NAMED_DATES = [("%Y-%m-%d", "YYYY-MM-DD"), ("%d %B %Y", "DD Month YYYY"), ("%d %b %Y", "DD Mon YYYY"),
               ("%d-%b-%y", "D-Mon-YY"), ("%d-%b-%Y", "D-Mon-YYYY"), ("%d-%B-%Y", "D-Month-YYYY"),
               ("%B %d, %Y", "Month D, YYYY")]
NUMERIC_DATE = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$")
DATE_ORDERS = {"dmy": "day-first (DD/MM/YYYY)", "mdy": "month-first (MM/DD/YYYY)"}
ProgressFn = Callable[[float, str], None]


class ExportError(Exception):
    """The export cannot be read at all (not a CSV of ACLED's columns, not UTF-8, broken quoting)."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass
class _Group:
    count: int = 0
    rows: list[int] = field(default_factory=list)
    example: str = ""


class ProblemLog:
    """Every problem of one export: counted by (field, kind) with the first rows of each, the first
    ``MAX_KEPT`` kept as ``Problem``s, and all of them written, one per line, to ``path`` (CSV)."""

    def __init__(self, name: str, path: Path):
        self.name, self.path = name, Path(path)
        self.count = 0
        self.kept: list[Problem] = []
        self.groups: dict[tuple[str, str], _Group] = {}
        self._handle = None
        self._writer = None

    def add(self, row: int | None, column: str | None, kind: str, message: str, example: str = "") -> None:
        problem = Problem(self.name, row, column, message)
        self.count += 1
        if len(self.kept) < MAX_KEPT:
            self.kept.append(problem)
        group = self.groups.setdefault((column or "", kind), _Group(example=example))
        group.count += 1
        if len(group.rows) < 5 and row:
            group.rows.append(row)
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("w", encoding="utf-8", newline="")
            self._writer = csv.writer(self._handle)
            self._writer.writerow(["file", "row", "field", "problem"])
        self._writer.writerow([self.name, row or "", column or "", message])

    def close(self) -> None:
        if self._handle:
            self._handle.close()
            self._handle = None

    def rows(self) -> int:
        return len({p.row for p in self.kept}) if self.count <= MAX_KEPT else self.count

    def summary(self) -> list[str]:
        """One line per kind of problem and field, the commonest first: at most about 30 lines."""
        ordered = sorted(self.groups.items(), key=lambda item: (-item[1].count, item[0]))
        lines = []
        for (column, kind), group in ordered[:SUMMARY_GROUPS]:
            where = f"field {column}: " if column else ""
            rows = ", ".join(str(r) for r in group.rows) + (", …" if group.count > len(group.rows) else "")
            example = f"; e.g. {group.example[:60]!r}" if group.example else ""
            lines.append(f"  {where}{kind}: {group.count:,} row(s) (row {rows}){example}")
        if len(ordered) > SUMMARY_GROUPS:
            rest = sum(g.count for _, g in ordered[SUMMARY_GROUPS:])
            lines.append(f"  and {len(ordered) - SUMMARY_GROUPS} more kind(s) of problem in {rest:,} row(s)")
        return lines


@dataclass
class Export:
    """What ``read_export`` found: the good Syrian rows as Arrow tables (one per chunk), the number of
    records read, the rows of other countries counted per country, the date forms used (form -> rows; a
    numeric form names its order, DD/MM/YYYY or MM/DD/YYYY)."""
    chunks: list[pa.Table]
    rows: int
    other_countries: dict[str, int]
    date_forms: dict[str, int]


# -- dates -------------------------------------------------------------------
def _named_date(text: str) -> tuple[date, str] | None:
    for fmt, form in NAMED_DATES:
        try:
            return datetime.strptime(text, fmt).date(), form
        except ValueError:
            continue
    return None


def _numeric_date(match: re.Match, order: str) -> date | None:
    first, _, second, year = match.groups()
    day, month = (first, second) if order == "dmy" else (second, first)
    year_number = int(year) if len(year) == 4 else datetime.strptime(year, "%y").year
    try:
        return date(year_number, int(month), int(day))
    except ValueError:
        return None


def read_dates(counts: Counter, date_order: str | None = None) -> dict[str, tuple[date, str] | None]:
    """Each distinct date text (``counts``: text -> rows) -> (day, form) or None. Raises ExportError when the numeric dates could be read either way and no order is given, or
    when they mix both orders."""
    out: dict[str, tuple[date, str] | None] = {}
    numeric: dict[str, re.Match] = {}
    for text in counts:
        value = text.strip()
        match = NUMERIC_DATE.match(value)
        if match:
            numeric[text] = match
        else:
            out[text] = _named_date(value)
    order = date_order
    if numeric and order is None:
        day_first = [t for t, m in numeric.items() if int(m.group(1)) > 12]
        month_first = [t for t, m in numeric.items() if int(m.group(3)) > 12]
        if day_first and month_first:
            raise ExportError(f"event_date mixes day-first dates (such as {day_first[0].strip()!r}) and month-first "
                              f"ones (such as {month_first[0].strip()!r}); re-export the file with ISO dates")
        if day_first or month_first:
            order = "dmy" if day_first else "mdy"
        elif any(m.group(1) != m.group(3) for m in numeric.values()):
            example = next(t.strip() for t, m in numeric.items() if m.group(1) != m.group(3))
            raise ExportError(f"event_date can be read day-first or month-first (is {example!r} "
                              f"{_spelled(numeric[example], 'dmy')} or {_spelled(numeric[example], 'mdy')}?) and "
                              "no date in the column decides it; name the order (--date-order dmy or mdy) or "
                              "re-export the file with ISO dates (YYYY-MM-DD)")
        else:
            order = "dmy"  # every numeric date has its day equal to its month: both orders agree
    for text, match in numeric.items():
        day = _numeric_date(match, order)
        out[text] = (day, "DD/MM/YYYY" if order == "dmy" else "MM/DD/YYYY") if day else None
    return out


def _spelled(match: re.Match, order: str) -> str:
    day = _numeric_date(match, order)
    return f"{day.day} {day:%B}" if day else "no date"


# -- one chunk -----------------------------------------------------------------
def _check_chunk(frame: pd.DataFrame, lines: np.ndarray, typology: dict[str, list[str]], log: ProblemLog
                 ) -> tuple[pa.Table, Counter]:
    """The chunk's good rows as an Arrow table (``event_date`` still text, and ``line``), and the count of
    each date text among them. ``typology`` is ACLED's event types and their sub-event types."""
    bad = np.zeros(len(frame), dtype=bool)

    def flag(mask, column: str, kind: str, message=None) -> None:
        mask = np.asarray(mask, dtype=bool)
        for i in np.flatnonzero(mask):
            value = frame[column].iat[i] if column in frame else ""
            text = message(value) if callable(message) else (message or kind)
            log.add(int(lines[i]), column, kind, text, example=str(value) if callable(message) else "")
        bad[mask] = True

    out: dict[str, object] = {}
    for column in COLUMNS:
        flag(frame[column].str.len() > MAX_TEXT, column, f"longer than {MAX_TEXT} characters")
    flag(frame["event_id_cnty"].str.strip() == "", "event_id_cnty", "empty: every event needs its ACLED id")
    flag(frame["event_date"].str.strip() == "", "event_date", "empty: every event needs its date")
    year = pd.to_numeric(frame["year"], errors="coerce")
    flag(year.isna() & (frame["year"].str.strip() != ""), "year", "not a year", lambda v: f"{v!r} is not a year")
    for column in ("time_precision", "geo_precision"):
        value = pd.to_numeric(frame[column], errors="coerce")
        flag(~value.isin([1, 2, 3]), column, "not 1, 2 or 3", lambda v: f"{v!r} is not 1, 2 or 3")
        out[column] = value.fillna(0).astype("int8").to_numpy()
    types = {t.casefold(): t for t in typology}
    event_type = frame["event_type"].str.strip().str.casefold().map(types)
    flag(event_type.isna(), "event_type", "not an ACLED event type", lambda v: f"{v!r} is not an ACLED event type")
    subs = {(t, s.casefold()): s for t, ss in typology.items() for s in ss}
    sub_key = frame["sub_event_type"].str.strip().str.casefold()
    sub_key = sub_key.map(lambda s: SUB_TYPE_SPELLINGS.get(s, s).casefold())
    sub_type = pd.Series([subs.get((t, s)) for t, s in zip(event_type, sub_key)], index=frame.index)
    flag(event_type.notna() & sub_type.isna(), "sub_event_type", "not a sub-event type of its event type",
         lambda v: f"{v!r} is not a sub-event type of this event type")
    for column in ("inter1", "inter2"):
        text = frame[column].str.strip()
        number = pd.to_numeric(text, errors="coerce")
        ok = (text == "") | number.isin(range(0, 9)) | text.str.casefold().isin(INTER_LABELS)
        flag(~ok, column, "not an ACLED actor type", lambda v: f"{v!r} is not an ACLED actor type (0-8 or its name)")
    flag(frame["actor1"].str.strip() == "", "actor1", "empty: ACLED always names actor 1")
    lat = pd.to_numeric(frame["latitude"], errors="coerce")
    lon = pd.to_numeric(frame["longitude"], errors="coerce")
    flag(lat.isna() | (lat.abs() > 90), "latitude", "not a latitude", lambda v: f"{v!r} is not a latitude")
    flag(lon.isna() | (lon.abs() > 180), "longitude", "not a longitude", lambda v: f"{v!r} is not a longitude")
    fatalities = pd.to_numeric(frame["fatalities"], errors="coerce")
    flag(fatalities.isna() | (fatalities < 0) | (fatalities != fatalities.round()), "fatalities",
         "not a count of fatalities", lambda v: f"{v!r} is not a count of fatalities")
    stamp = pd.to_numeric(frame["timestamp"].replace("", "0"), errors="coerce")
    flag(stamp.isna(), "timestamp", "not a Unix timestamp", lambda v: f"{v!r} is not a Unix timestamp")

    good = ~bad
    arrays = {}
    for column in COLUMNS:
        if column in out:
            arrays[column] = pa.array(out[column][good])
        elif column == "event_type":
            arrays[column] = pa.array(event_type[good].astype(str), type=pa.string()).dictionary_encode()
        elif column == "sub_event_type":
            arrays[column] = pa.array(sub_type[good].astype(str), type=pa.string()).dictionary_encode()
        elif column in ("latitude", "longitude"):
            arrays[column] = pa.array((lat if column == "latitude" else lon)[good].to_numpy("float64"))
        elif column == "fatalities":
            arrays[column] = pa.array(fatalities[good].fillna(0).to_numpy("int32"))
        elif column == "year":
            arrays[column] = pa.array(year[good].fillna(0).to_numpy("int32"))
        elif column == "timestamp":
            arrays[column] = pa.array(stamp[good].fillna(0).to_numpy("int64"))
        elif column in CATEGORICAL or column == "event_date":
            arrays[column] = pa.array(frame[column][good].str.strip(), type=pa.string()).dictionary_encode()
        else:
            arrays[column] = pa.array(frame[column][good].str.strip(), type=pa.string())
    arrays["line"] = pa.array(lines[good].astype("int64"))
    return pa.table(arrays), Counter(frame["event_date"][good].str.strip().tolist())


def _dated(chunk: pa.Table, days: dict[str, tuple[date, str] | None], log: ProblemLog) -> pa.Table:
    """The chunk with ``event_date`` as a date, its rows whose date cannot be read, or whose year column
    says another year, logged and left out."""
    texts = chunk["event_date"].combine_chunks().dictionary_encode() if len(chunk) else None
    if texts is None:
        return chunk.set_column(chunk.schema.get_field_index("event_date"), "event_date", pa.array([], pa.date32()))
    values = texts.dictionary.to_pylist()
    mapped = pa.array([days[v][0] if days.get(v) else None for v in values], type=pa.date32())
    dates = mapped.take(texts.indices)
    unread = pc.is_null(dates).to_numpy(zero_copy_only=False)
    years = chunk["year"].to_numpy()
    date_years = pc.fill_null(pc.year(dates), 0).to_numpy()
    wrong_year = ~unread & (years != 0) & (years != date_years)
    line = chunk["line"].to_numpy()
    text = texts.dictionary.take(texts.indices).to_pylist() if (unread.any() or wrong_year.any()) else []
    for i in np.flatnonzero(unread):
        log.add(int(line[i]), "event_date", "not a date in a form the column allows",
                f"{text[i]!r} is not a date (YYYY-MM-DD, '15 January 2024', or the column's numeric order)",
                example=text[i])
    for i in np.flatnonzero(wrong_year):
        log.add(int(line[i]), "year", "not the year of event_date", f"{int(years[i])!r} is not the year of event_date",
                example=str(int(years[i])))
    chunk = chunk.set_column(chunk.schema.get_field_index("event_date"), "event_date", dates)
    keep = ~(unread | wrong_year)
    return chunk if keep.all() else chunk.filter(pa.array(keep))


# -- the file ------------------------------------------------------------------
def read_export(path: Path, typology: dict[str, list[str]], log: ProblemLog, progress: ProgressFn | None = None,
                date_order: str | None = None) -> Export:
    """The export's good Syrian rows, chunk by chunk; every problem goes to ``log``. Raises ExportError
    when the file cannot be read as an ACLED export at all."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
        size = path.stat().st_size
    except OSError as exc:
        raise ExportError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with handle:
        return _read(handle, path.name, size, typology, log, progress, date_order)


class _Lines:
    """The file's lines for csv.reader, counting bytes for progress and noting the end of the file."""

    def __init__(self, handle, total: int, progress: ProgressFn | None):
        self.handle, self.total, self.progress = handle, total, progress
        self.seen, self.last, self.ended, self.last_line = 0, 0.0, False, ""

    def __iter__(self):
        return self

    def __next__(self) -> str:
        try:
            line = next(self.handle)
        except StopIteration:
            self.ended = True
            raise
        except UnicodeDecodeError as exc:
            raise _not_utf8(self.handle.name) from exc
        self.seen += len(line)
        self.last_line = line
        if self.progress and self.total and self.seen / self.total - self.last >= 0.01:
            self.last = self.seen / self.total
            self.progress(min(self.last, 1.0) * 0.6, "reading")
        return line


def _not_utf8(path: str) -> ExportError:
    """The error for a file that is not UTF-8, naming the first line that is not."""
    raw = Path(path).read_bytes()
    try:
        raw.decode("utf-8")
        line = 1
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
    name = Path(path).name
    return ExportError(f"{name}, line {line}: not UTF-8 text; export the file as UTF-8 CSV",
                       [Problem(name, line, None, "not UTF-8 text")])


def _read(handle, name: str, size: int, typology, log: ProblemLog, progress, date_order) -> Export:
    try:
        header = next(csv.reader([handle.readline()]), [])
    except UnicodeDecodeError as exc:
        raise _not_utf8(handle.name) from exc
    header = [h.strip().lower() for h in header]
    missing = [c for c in COLUMNS if c not in header and c not in OPTIONAL]
    if missing:
        raise ExportError(f"{name}: not an ACLED export: missing column(s) {', '.join(missing)}",
                          [Problem(name, 1, c, "missing column") for c in missing])
    index = {c: header.index(c) for c in COLUMNS if c in header}
    country_at, width = index["country"], len(header)
    chunks: list[pa.Table] = []
    date_texts: Counter = Counter()
    others: Counter = Counter()
    batch: list[list[str]] = []
    lines: list[int] = []
    rows = 0

    def flush() -> None:
        if not batch:
            return
        columns = list(zip(*batch))
        frame = pd.DataFrame({c: pd.Series(columns[i], dtype="str") for i, c in enumerate(COLUMNS)})
        table, texts = _check_chunk(frame, np.asarray(lines), typology, log)
        chunks.append(table)
        date_texts.update(texts)
        batch.clear()
        lines.clear()

    source = _Lines(handle, size, progress)
    reader = csv.reader(source, strict=True)
    start = 2
    short = None  # (line, fields) of the last record with the wrong number of fields, logged once we know
    # whether the file ends with it (then it was cut short)

    def log_short(at_end: bool) -> None:
        line, count = short
        cut = " — the file ends inside this row: it was cut short" if at_end else ""
        log.add(line, None, "wrong number of fields" + (" (file cut short)" if cut else ""),
                f"{count} fields where the header has {width}{cut}")

    try:
        for fields in reader:
            line, start = start, reader.line_num + 2
            if not fields or fields == [""]:
                continue
            if short:
                log_short(False)
                short = None
            rows += 1
            if len(fields) > country_at and fields[country_at].strip().casefold() not in SYRIA:
                others[fields[country_at].strip()] += 1  # another country's row: counted, not checked
                continue
            if len(fields) != width:
                short = (line, len(fields))
                continue
            batch.append([fields[index[c]] if c in index else "" for c in COLUMNS])
            lines.append(line)
            if len(batch) >= CHUNK:
                flush()
    except csv.Error as exc:
        if not source.ended:
            raise ExportError(f"{name}, line {start}: the CSV quoting is broken ({exc}); nothing was imported",
                              [Problem(name, start, None, f"broken CSV quoting: {exc}")]) from exc
        rows += 1
        log.add(start, None, "last row cut short (file truncated)",
                "the file ends inside this row's quoted text: it was cut short (truncated download or copy?)")
    if short:
        log_short(not source.last_line.endswith(("\n", "\r")))
    flush()
    days = read_dates(date_texts, date_order)
    forms = Counter()
    for text, n in date_texts.items():
        if days.get(text):
            forms[days[text][1]] += n
    chunks = [_dated(chunk, days, log) for chunk in chunks]
    return Export([c for c in chunks if len(c)], rows, dict(others), dict(forms))
