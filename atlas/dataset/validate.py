"""Validation of a dataset folder: every problem at once, each with file, row and field.

Row numbers are the line in the CSV file where the record starts (the header is
line 1). The checks follow data/datapackage.json (types, required fields,
vocabularies, patterns, lengths such as the 200-character quote limit, keys,
references) plus the rules a descriptor cannot express: date order, ACLED
sub-types, CAMEO codes matching speech acts, coordinates inside Syria and
inside the stated governorate and district, district and sub-district codes that nest.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from atlas import i18n
from atlas.dataset.second_read import Reading, second_read
from atlas.dataset.schema import DESCRIPTOR, Field, Resource, Schema, load_schema, parse_descriptor
from atlas.dataset.values import parse_date, split_list
from atlas.settings import DEFAULT_DATA_DIR
from geo.admin import ADMIN1_BY_PCODE, admin_units
from geo.boundaries import load_boundaries, load_districts
from geo.normalize import FACILITY_TYPES

CANONICAL_DESCRIPTOR = DEFAULT_DATA_DIR / DESCRIPTOR
SPEECH_ACT_CAMEO = {"appeal": "02", "commitment": "03", "demand": "10",
                    "condemnation": "11", "rejection": "12", "warning": "13"}


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f", row {self.row}" if self.row else "") + (f", field {self.field}" if self.field else "")
        return f"{where}: {self.message}"


@dataclass
class Table:
    """A table as read: rows of raw strings with the line each starts on."""
    resource: Resource
    rows: list[dict[str, str]]
    lines: list[int]


def validate(data_dir: Path) -> list[Problem]:
    """All problems found in ``data_dir``; an empty list means the dataset is valid."""
    return check(data_dir)[0]


def check(data_dir: Path) -> tuple[list[Problem], list[Reading]]:
    """The problems found in ``data_dir`` and, from the same reading of its tables, how much of each kind of
    judgment a second reader has checked."""
    problems: list[Problem] = []
    data_dir = Path(data_dir)
    schema = _schema(data_dir, problems)
    _check_vocabulary_names(schema, problems)
    tables = {}
    for resource in schema.resources:
        table = _read_table(data_dir, resource, problems)
        if table is not None:
            tables[resource.name] = table
    for table in tables.values():
        _check_fields(table, problems)
    _check_references(tables, problems)
    _check_rules(schema, tables, problems)
    rows = {name: tables[name].rows if name in tables else []
            for name in ("checks", "thread_updates", "events", "statements", "demands")}
    return problems, second_read(**rows) if "checks" in tables else []


# Vocabularies whose codes the interface shows by name (``Schema.term``): each needs a name in every language.
NAMED_VOCABULARIES = ("actor_kind", "speech_act", "cameo_root", "category", "quote_origin", "time_precision",
                      "geo_precision", "place_type", "source_kind", "thread_status", "check_verdict",
                      "check_resolution")


def _check_vocabulary_names(schema: Schema, problems: list[Problem]) -> None:
    """Every code the interface names has its name in each language beside English (grouped per
    vocabulary)."""
    vocabularies = {name: list(schema.vocabularies.get(name, {})) for name in NAMED_VOCABULARIES}
    vocabularies["event_type"] = list(schema.acled_event_types)
    vocabularies["sub_event_type"] = [sub for subs in schema.acled_event_types.values() for sub in subs]
    for lang in i18n.LANGUAGES:
        if lang == i18n.DEFAULT:
            continue
        names = schema.vocabulary_names(lang)
        for vocabulary, codes in vocabularies.items():
            missing = [c for c in codes if not str(names.get(vocabulary, {}).get(c, "")).strip()]
            if missing:
                problems.append(Problem(DESCRIPTOR, None, f"x-vocabulary-names.{lang}.{vocabulary}",
                                        f"{len(missing)} code(s) without a name: "
                                        + ", ".join(map(str, missing))))


# -- reading ------------------------------------------------------------------
def _schema(data_dir: Path, problems: list[Problem]) -> Schema:
    try:
        return load_schema(data_dir)
    except FileNotFoundError:
        problems.append(Problem(DESCRIPTOR, None, None, "missing data package descriptor; checking against the project's own"))
    except (ValueError, KeyError, TypeError) as exc:
        problems.append(Problem(DESCRIPTOR, None, None, f"unreadable descriptor ({exc}); checking against the project's own"))
    return parse_descriptor(json.loads(CANONICAL_DESCRIPTOR.read_text(encoding="utf-8")))


def _decode(raw: bytes, name: str, problems: list[Problem]) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(name, number, None,
                                    f"not valid UTF-8 (byte 0x{line[exc.start]:02x} at column {exc.start + 1})"))
    return raw.decode("utf-8-sig", errors="replace")


def _read_table(data_dir: Path, resource: Resource, problems: list[Problem]) -> Table | None:
    name = resource.path
    path = data_dir / name
    if not path.exists():
        problems.append(Problem(name, None, None, f"missing table '{resource.name}'"))
        return None
    text = _decode(path.read_bytes(), name, problems)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        problems.append(Problem(name, None, None, "empty file: no header row"))
        return None
    except csv.Error as exc:
        problems.append(Problem(name, 1, None, f"unreadable header: {exc}"))
        return None
    header = [h.strip() for h in header]
    expected = resource.field_names
    optional = {f.name for f in resource.fields if f.translation_of}
    for missing in [f for f in expected if f not in header and f not in optional]:
        problems.append(Problem(name, 1, missing, "column missing from the header"))
    for extra in [h for h in header if h not in expected]:
        problems.append(Problem(name, 1, extra or "(blank)", "column not in the schema"))
    for dup in {h for h in header if header.count(h) > 1}:
        problems.append(Problem(name, 1, dup, "column appears more than once"))
    rows, lines = [], []
    start = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(name, start, None, f"broken CSV quoting: {exc}"))
            break  # the reader cannot resynchronise after a quoting error
        if record and any(cell.strip() for cell in record):
            if len(record) != len(header):
                problems.append(Problem(name, start, None,
                                        f"{len(record)} values for {len(header)} columns (check commas and quotes)"))
            rows.append({h: (record[i] if i < len(record) else "") for i, h in enumerate(header)})
            lines.append(start)
        start = reader.line_num + 1
    return Table(resource, rows, lines)


# -- per-field checks -----------------------------------------------------------
def _check_value(field: Field, value: str) -> str | None:
    """Why ``value`` is not valid for ``field``, or None."""
    if field.type == "date":
        if parse_date(value) is None:
            return f"'{value}' is not a date (expected YYYY-MM-DD)"
        return None
    if field.type in ("integer", "number"):
        try:
            number = int(value) if field.type == "integer" else float(value)
        except ValueError:
            return f"'{value}' is not {'an integer' if field.type == 'integer' else 'a number'}"
        if field.enum is not None and number not in field.enum:
            return f"{value} is not one of {', '.join(map(str, field.enum))}"
        if field.minimum is not None and number < field.minimum:
            return f"{value} is below the minimum {field.minimum}"
        if field.maximum is not None and number > field.maximum:
            return f"{value} is above the maximum {field.maximum}"
        return None
    if field.enum is not None and value not in field.enum:
        return f"'{value}' is not in the vocabulary ({', '.join(map(str, field.enum))})"
    if field.pattern and not re.fullmatch(field.pattern, value):
        return f"'{value}' does not match the pattern {field.pattern}"
    if field.max_length is not None and len(value) > field.max_length:
        return f"{len(value)} characters, longer than the limit of {field.max_length}"
    return None


def _check_fields(table: Table, problems: list[Problem]) -> None:
    name = table.resource.path
    seen: dict[str, dict[str, int]] = {}
    for row, line in zip(table.rows, table.lines):
        for field in table.resource.fields:
            if field.name not in row:
                continue
            value = row[field.name].strip()
            if not value:
                if field.required:
                    problems.append(Problem(name, line, field.name, "required value is missing"))
                continue
            if "\ufffd" in value:
                problems.append(Problem(name, line, field.name, "contains text that was not valid UTF-8"))
            if value.startswith("TODO"):
                problems.append(Problem(name, line, field.name, "placeholder left from an ingest draft: write it"))
            items = split_list(value) if field.is_list else [value]
            for item in items:
                why = _check_value(field, item)
                if why:
                    problems.append(Problem(name, line, field.name, why))
            if field.unique:
                first = seen.setdefault(field.name, {}).setdefault(value, line)
                if first != line:
                    problems.append(Problem(name, line, field.name, f"duplicate id '{value}' (first on row {first})"))


def _check_references(tables: dict[str, Table], problems: list[Problem]) -> None:
    keys = {n: {r.get(t.resource.primary_key, "").strip() for r in t.rows} for n, t in tables.items()}
    for table in tables.values():
        for field in table.resource.fields:
            if not field.reference or field.reference[0] not in keys:
                continue
            target = field.reference[0]
            for row, line in zip(table.rows, table.lines):
                value = row.get(field.name, "").strip()
                for item in split_list(value) if field.is_list else ([value] if value else []):
                    if item not in keys[target]:
                        problems.append(Problem(table.resource.path, line, field.name,
                                                f"unknown {target} id '{item}'"))


# -- rules beyond the descriptor ----------------------------------------------------
def _check_rules(schema: Schema, tables: dict[str, Table], problems: list[Problem]) -> None:
    for name in ("statements", "events"):
        if name in tables:
            _check_date_order(tables[name], problems)
    if "statements" in tables:  # a statement's date_end closes a window: the day is not known
        for row, line in zip(tables["statements"].rows, tables["statements"].lines):
            start, end = row.get("date", "").strip(), row.get("date_end", "").strip()
            if row.get("time_precision", "").strip() == "1" and end and end != start:
                problems.append(Problem(tables["statements"].resource.path, line, "time_precision",
                                        f"1 says the day is known, but date_end {end} leaves a window: "
                                        "give the day, or the precision the window has (2 a week, 3 a month)"))
    if "events" in tables:
        _check_acled(schema, tables["events"], problems)
    if "demands" in tables:
        _check_cameo(tables["demands"], problems)
    if "mentions" in tables:
        for row, line in zip(tables["mentions"].rows, tables["mentions"].lines):
            if not row.get("place_id", "").strip() and not row.get("event_id", "").strip():
                problems.append(Problem(tables["mentions"].resource.path, line, "place_id",
                                        "a mention needs a place_id, an event_id or both"))
    if "places" in tables:
        _check_places(tables["places"], problems)
    if "corrections" in tables:
        _check_corrections(tables, problems)
    if {"thread_updates", "demands", "statements"} <= set(tables):
        _check_thread_dates(tables, problems)
    if {"thread_updates", "threads", "statements", "events", "sources", "actors"} <= set(tables):
        _check_thread_evidence(tables, problems)
    if "checks" in tables:
        _check_checks(tables, problems)
    for name, url in (("sources", "url"), ("statements", "source_url")):
        if name in tables:
            _check_addresses(schema, tables[name], url, problems)
    if {"demands", "statements"} <= set(tables):
        _check_deadlines(tables, problems)
    if "actors" in tables:
        _check_lifespans(tables["actors"], problems)


EVIDENCE = ("evidence_event_ids", "evidence_statement_ids", "evidence_source_ids")


def host(url: str) -> str:
    """The site an address is on, without "www." or a port: "sauress.com"."""
    netloc = url.split("//", 1)[-1].split("/", 1)[0].split("@")[-1].split(":")[0].lower().rstrip(".")
    return netloc.removeprefix("www.")


def _check_addresses(schema: Schema, table: Table, url_field: str, problems: list[Problem]) -> None:
    """Sources that last: each keeps the day it was read, after it was published; a copy on a site that
    reposts others' pages names the original it copies."""
    reposts = schema.vocabularies.get("repost_hosts", {})
    for row, line in zip(table.rows, table.lines):
        url, original = row.get(url_field, "").strip(), row.get("original", "").strip()
        published, read = parse_date(row.get("date", "").strip()), parse_date(row.get("accessed", "").strip())
        if published and read and read < published:
            problems.append(Problem(table.resource.path, line, "accessed",
                                    f"read on {read}, before it was published ({published})"))
        if read and read > date.today():
            problems.append(Problem(table.resource.path, line, "accessed", f"{read} is after today"))
        site = host(url)
        if site in reposts and not original:
            problems.append(Problem(table.resource.path, line, "original",
                                    f"{site} copies others' pages ({reposts[site]}): name the original it copies, "
                                    "by its address where one exists, else its outlet and date"))
        if original and original == url:
            problems.append(Problem(table.resource.path, line, "original", "is the row's own address"))


def _check_deadlines(tables: dict[str, Table], problems: list[Problem]) -> None:
    """A deadline is one the demand states: its words are in the quote of a demand of the same statement, and
    it falls after the statement was issued."""
    demands, name = tables["demands"], tables["demands"].resource.path
    issued = {r.get("statement_id", "").strip(): parse_date(r.get("date", "").strip())
              for r in tables["statements"].rows}
    quotes: dict[str, list[str]] = {}
    for row in demands.rows:
        quotes.setdefault(row.get("statement_id", "").strip(), []).append(row.get("quote", ""))
    for row, line in zip(demands.rows, demands.lines):
        day, words = parse_date(row.get("deadline", "").strip()), row.get("deadline_text", "").strip()
        statement = row.get("statement_id", "").strip()
        if bool(row.get("deadline", "").strip()) != bool(words):
            problems.append(Problem(name, line, "deadline_text" if not words else "deadline",
                                    "a deadline keeps both its day and the words that state it"))
        elif words and not any(words in quote for quote in quotes.get(statement, [])):
            problems.append(Problem(name, line, "deadline_text", "is not in the quote of any demand of its statement: "
                                    "only a deadline the statement's words state is recorded"))
        if day and issued.get(statement) and day < issued[statement]:
            problems.append(Problem(name, line, "deadline", f"{day} is before the statement was issued "
                                    f"({issued[statement]})"))


def _check_lifespans(actors: Table, problems: list[Problem]) -> None:
    """An actor's end follows its start, and only an actor that ended has a successor."""
    _check_date_order(actors, problems, "active_from", "active_until")
    for row, line in zip(actors.rows, actors.lines):
        end = parse_date(row.get("active_until", "").strip())
        if row.get("successor_id", "").strip() and not end:
            problems.append(Problem(actors.resource.path, line, "successor_id",
                                    "only an actor that ceased to exist (active_until) has a successor"))
        if row.get("successor_id", "").strip() == row.get("actor_id", "").strip() and end:
            problems.append(Problem(actors.resource.path, line, "successor_id", "is the actor itself"))


def _check_thread_dates(tables: dict[str, Table], problems: list[Problem]) -> None:
    """A thread's status can change only once it has been raised, on or after its first demand's date, and
    only on evidence: every update cites an event, a statement or a source."""
    dated = {r.get("statement_id", "").strip(): parse_date(r.get("date", "").strip())
             for r in tables["statements"].rows}
    first: dict[str, date] = {}
    for row in tables["demands"].rows:
        thread, day = row.get("thread_id", "").strip(), dated.get(row.get("statement_id", "").strip())
        if thread and day and (thread not in first or day < first[thread]):
            first[thread] = day
    updates = tables["thread_updates"]
    for row, line in zip(updates.rows, updates.lines):
        if not any(row.get(field, "").strip() for field in EVIDENCE):
            problems.append(Problem(updates.resource.path, line, EVIDENCE[0],
                                    "no evidence: cite the events, statements or sources that show this status"))
        thread, day = row.get("thread_id", "").strip(), parse_date(row.get("date", "").strip())
        if not thread or not day:
            continue  # missing or malformed: reported with the fields
        if thread not in first:
            problems.append(Problem(updates.resource.path, line, "date",
                                    f"thread '{thread}' has no demand yet: nothing can change before it is raised"))
        elif day < first[thread]:
            problems.append(Problem(updates.resource.path, line, "date",
                                    f"{day} is before the thread's first demand ({first[thread]})"))


# A status an addressee's own words or acts must show (data dictionary, thread_status): not "raised" (anyone
# raises), "dropped" (those raising it drop it) or "superseded" (events make it moot).
ADDRESSEE_STATUSES = {"acknowledged", "partly-met", "met", "rejected"}
# Who answers for an unnamed collective addressee: "all parties" are the parties to the fighting, "the
# international community" states and their organisations.
COLLECTIVE_MEMBERS = {
    "all-parties": {"government", "armed-opposition", "armed-pro-government", "de-facto-authority",
                    "coalition-of-states"},
    "international-community": {"government", "multilateral", "coalition-of-states"},
    "un-member-states": {"government"}, "arab-states": {"government"},
    "donor-governments": {"government", "multilateral"},
    "humanitarian-organisations": {"humanitarian", "multilateral"},
    "opposition-groups": {"opposition-political", "armed-opposition"},
    "druze-armed-groups": {"armed-opposition", "community-leadership"},
}


def answers_for(actor: str, addressees: set[str], actors: dict[str, dict]) -> bool:
    """Whether ``actor`` is one of ``addressees``, part of one (the Security Council of the United Nations), or
    of the kind an unnamed collective addressee stands for (a government, for "the international community")."""
    seen, todo = set(), [actor]
    while todo:  # the actor and every body it is part of
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        todo += split_list(actors.get(current, {}).get("part_of", ""))
    kind = actors.get(actor, {}).get("kind", "").strip()
    return bool(seen & addressees) or any(kind in COLLECTIVE_MEMBERS.get(a, ()) for a in addressees)


def _check_thread_evidence(tables: dict[str, Table], problems: list[Problem]) -> None:
    """An addressee's status (acknowledged, partly met, met, rejected) cites an addressee's own statement or
    act; and every update is dated to its evidence: the day of a statement, event or source it cites."""
    def by_id(name: str) -> dict[str, dict]:
        key = tables[name].resource.primary_key
        return {r.get(key, "").strip(): r for r in tables[name].rows}
    threads, statements, events, sources = by_id("threads"), by_id("statements"), by_id("events"), by_id("sources")
    actors = by_id("actors")
    updates = tables["thread_updates"]
    for row, line in zip(updates.rows, updates.lines):
        cited = {field: split_list(row.get(field, "")) for field in EVIDENCE}
        status, day = row.get("status", "").strip(), parse_date(row.get("date", "").strip())
        addressees = set(split_list(threads.get(row.get("thread_id", "").strip(), {}).get("addressee_ids", "")))
        if status in ADDRESSEE_STATUSES and addressees:
            who = [a for s in cited["evidence_statement_ids"]
                   for a in split_list(statements.get(s, {}).get("issuer_ids", ""))]
            who += [a for e in cited["evidence_event_ids"]
                    for a in split_list(events.get(e, {}).get("actor_ids", ""))]
            if not any(answers_for(a, addressees, actors) for a in who):
                problems.append(Problem(updates.resource.path, line, "status", f"'{status}' needs an addressee's own "
                                        "statement or act among its evidence (a statement it issued, an event it "
                                        "took part in): only the party asked can take an ask up, meet or refuse it"))
        windows = [(statements.get(s, {}).get("date", ""), statements.get(s, {}).get("date_end", ""))
                   for s in cited["evidence_statement_ids"]]
        windows += [(events.get(e, {}).get("date", ""), events.get(e, {}).get("date_end", ""))
                    for e in cited["evidence_event_ids"]]
        windows += [(sources.get(s, {}).get("date", ""), "") for s in cited["evidence_source_ids"]]
        spans = [(start, parse_date(end.strip()) or start) for a, end in windows if (start := parse_date(a.strip()))]
        if day and spans and not any(start <= day <= end for start, end in spans):
            problems.append(Problem(updates.resource.path, line, "date", f"{day} is the date of none of its evidence "
                                    f"({', '.join(sorted({str(s) for s, _ in spans}))}): an update is dated to the act "
                                    "that shows it, not to its context or an announcement"))


def _check_checks(tables: dict[str, Table], problems: list[Problem]) -> None:
    """A second reading names a row that exists (or one a correction removed), a source independent of the ones
    the row cites, and, where it found fault, how that was settled."""
    checks = tables["checks"]
    name = checks.resource.path
    corrections = tables.get("corrections", Table(checks.resource, [], [])).rows
    removed = {(r.get("table", "").strip(), r.get("record_id", "").strip())
               for r in corrections if r.get("field", "").strip() == "*"}
    for row, line in zip(checks.rows, checks.lines):
        table, record_id = tables.get(row.get("table", "").strip()), row.get("record_id", "").strip()
        verdict, resolution = row.get("verdict", "").strip(), row.get("resolution", "").strip()
        url = row.get("source_url", "").strip()
        if table is not None:
            found = next((r for r in table.rows if r.get(table.resource.primary_key, "").strip() == record_id), None)
            if found is None and (table.resource.name, record_id) not in removed:
                problems.append(Problem(name, line, "record_id", f"no row '{record_id}' in {table.resource.path}, "
                                        "and no correction removing it"))
            # a correction may cite the reader's source since; an unverifiable check names what it looked at
            elif found is not None and url and verdict != "unverifiable" \
                    and not split_list(row.get("correction_ids", "")) \
                    and url in _cited_urls(table.resource.name, found, tables):
                problems.append(Problem(name, line, "source_url", "is a source the row itself cites: a second "
                                        "reading checks it against an independent one"))
        if verdict != "unverifiable" and not url:
            problems.append(Problem(name, line, "source_url", f"a '{verdict}' verdict names the independent source"))
        if verdict in ("wrong", "misframed") and not resolution:
            problems.append(Problem(name, line, "resolution", "a fault found must be settled: corrected or kept"))
        if resolution == "corrected" and not split_list(row.get("correction_ids", "")):
            problems.append(Problem(name, line, "correction_ids", "name the corrections it led to"))
        if resolution == "kept" and not row.get("note", "").strip():
            problems.append(Problem(name, line, "note", "say why the row was kept as it was"))


def _cited_urls(table: str, row: dict, tables: dict[str, Table]) -> set[str]:
    """The URLs a row cites itself: its own source_url, and those of the sources and statements it names."""
    def urls(name: str, ids: list[str], field: str) -> set[str]:
        if name not in tables:
            return set()
        key = tables[name].resource.primary_key
        return {r.get(field, "").strip() for r in tables[name].rows if r.get(key, "").strip() in ids}
    out = {row.get("source_url", "").strip(), row.get("url", "").strip()} - {""}
    cited = split_list(row.get("source_ids", "")) + split_list(row.get("evidence_source_ids", ""))
    out |= urls("sources", cited, "url")
    out |= urls("statements", split_list(row.get("evidence_statement_ids", "")), "source_url")
    return out


def _check_corrections(tables: dict[str, Table], problems: list[Problem]) -> None:
    """Each correction names a field of a row that still holds the corrected value (or a row that is gone):
    a later edit that undoes or changes a correction is caught, as country-codes catches stale patches."""
    corrections = tables["corrections"]
    name = corrections.resource.path
    def corrected(row: dict) -> tuple[str, str, str]:
        return row.get("table", "").strip(), row.get("record_id", "").strip(), row.get("field", "").strip()

    latest = {corrected(row): line for row, line in zip(corrections.rows, corrections.lines)}
    for row, line in zip(corrections.rows, corrections.lines):
        if latest[corrected(row)] != line:
            continue  # a value corrected twice must hold the later correction only
        table = tables.get(row.get("table", "").strip())
        if table is None:
            continue  # an unknown table is reported by the vocabulary check
        key = table.resource.primary_key
        record_id, field = row.get("record_id", "").strip(), row.get("field", "").strip()
        found = next((r for r in table.rows if r.get(key, "").strip() == record_id), None)
        if field == "*":
            if found is not None:
                problems.append(Problem(name, line, "record_id", f"row '{record_id}' is recorded as removed from "
                                        f"{table.resource.path} but is still there"))
        elif field not in table.resource.field_names:
            problems.append(Problem(name, line, "field", f"'{field}' is not a field of {table.resource.path}"))
        elif found is None:
            problems.append(Problem(name, line, "record_id", f"no row '{record_id}' in {table.resource.path}"))
        elif found.get(field, "").strip() != row.get("new_value", "").strip():
            problems.append(Problem(name, line, "new_value", f"{table.resource.path} row '{record_id}' no longer holds "
                                    f"this value in {field}: record the later change as a correction too"))


def _check_date_order(table: Table, problems: list[Problem], first: str = "date", last: str = "date_end") -> None:
    for row, line in zip(table.rows, table.lines):
        start, end = parse_date(row.get(first, "").strip()), parse_date(row.get(last, "").strip())
        if start and end and end < start:
            problems.append(Problem(table.resource.path, line, last, f"{last} {end} is before {first} {start}"))


def _check_acled(schema: Schema, table: Table, problems: list[Problem]) -> None:
    types = schema.acled_event_types
    for row, line in zip(table.rows, table.lines):
        event_type, sub = row.get("event_type", "").strip(), row.get("sub_event_type", "").strip()
        if event_type in types and sub and sub not in types[event_type]:
            problems.append(Problem(table.resource.path, line, "sub_event_type",
                                    f"'{sub}' is not a sub-event type of '{event_type}'"))


def _check_cameo(table: Table, problems: list[Problem]) -> None:
    for row, line in zip(table.rows, table.lines):
        act, cameo = row.get("speech_act", "").strip(), row.get("cameo_root", "").strip()
        if act in SPEECH_ACT_CAMEO and cameo and cameo != SPEECH_ACT_CAMEO[act]:
            problems.append(Problem(table.resource.path, line, "cameo_root",
                                    f"CAMEO root {cameo} does not fit speech act '{act}' (expected {SPEECH_ACT_CAMEO[act]})"))


# Kinds of place that lie in one district: they must say which.
IN_ONE_DISTRICT = {"city", "town", "village", "neighbourhood", "subdistrict", "district"} | (FACILITY_TYPES - {"road"})


def _check_admin_codes(row: dict, line: int, name: str, problems: list[Problem]) -> str:
    """District and sub-district codes: known, nested in the governorate and each other, given where due.
    Returns the district's P-code when it can be checked against the coordinates."""
    units = admin_units()
    pcode, admin2, admin3 = (row.get(k, "").strip() for k in ("admin1_pcode", "admin2_pcode", "admin3_pcode"))
    if "admin2_pcode" in row and not admin2 and row.get("place_type", "").strip() in IN_ONE_DISTRICT:
        problems.append(Problem(name, line, "admin2_pcode", "a place of this kind lies in one district: give its "
                                "OCHA P-code (python -m atlas resolve NAME lists it)"))
    if admin2:
        if admin2 not in units or units[admin2].level != 2:
            problems.append(Problem(name, line, "admin2_pcode", f"'{admin2}' is not an OCHA district P-code"))
            admin2 = ""
        elif pcode and units[admin2].parent_pcode != pcode:
            problems.append(Problem(name, line, "admin2_pcode", f"district {admin2} ({units[admin2].name}) is not in "
                                    f"governorate {pcode}"))
    if admin3:
        if admin3 not in units or units[admin3].level != 3:
            problems.append(Problem(name, line, "admin3_pcode", f"'{admin3}' is not an OCHA sub-district P-code"))
        elif admin2 and units[admin3].parent_pcode != admin2:
            problems.append(Problem(name, line, "admin3_pcode", f"sub-district {admin3} ({units[admin3].name}) is "
                                    f"not in district {admin2}"))
        elif not admin2 and "admin2_pcode" in row:
            problems.append(Problem(name, line, "admin2_pcode", "a sub-district is given, so give its district too"))
    return admin2


def _check_places(table: Table, problems: list[Problem]) -> None:
    boundaries = load_boundaries()
    name = table.resource.path
    for row, line in zip(table.rows, table.lines):
        admin2 = _check_admin_codes(row, line, name, problems)
        pcode = row.get("admin1_pcode", "").strip()
        admin = ADMIN1_BY_PCODE.get(pcode)
        if admin:
            if row.get("iso_3166_2", "").strip() and row["iso_3166_2"].strip() != admin.iso_3166_2:
                problems.append(Problem(name, line, "iso_3166_2",
                                        f"'{row['iso_3166_2'].strip()}' does not match {pcode} ({admin.iso_3166_2})"))
            if row.get("admin1", "").strip() and row["admin1"].strip() != admin.name:
                problems.append(Problem(name, line, "admin1",
                                        f"'{row['admin1'].strip()}' does not match {pcode} ({admin.name})"))
        try:
            lat, lon = float(row.get("lat", "")), float(row.get("lon", ""))
        except ValueError:
            continue  # already reported as not a number
        if not boundaries.in_syria(lat, lon):
            problems.append(Problem(name, line, "lat", f"coordinates {lat}, {lon} are outside Syria"))
            continue
        # Natural Earth's governorates are coarse near their edges: a point in one of the governorate's OCHA
        # districts is in the governorate (the al-Tanf triangle is Rural Damascus to OCHA, Homs to Natural Earth)
        if admin and pcode not in boundaries.governorates_at(lat, lon) and \
                not any(d[:4] == pcode for d in load_districts().districts_at(lat, lon)):
            inside = boundaries.governorates_at(lat, lon, tolerance=0.0)
            found = ADMIN1_BY_PCODE[inside[0]].name if inside else "no governorate"
            problems.append(Problem(name, line, "lat",
                                    f"coordinates {lat}, {lon} are outside the stated governorate "
                                    f"{admin.name} ({pcode}); they fall in {found}"))
        elif admin2 and admin2 not in load_districts().districts_at(lat, lon):
            problems.append(Problem(name, line, "lat", f"coordinates {lat}, {lon} are outside the stated district "
                                    f"{admin_units()[admin2].name} ({admin2})"))
