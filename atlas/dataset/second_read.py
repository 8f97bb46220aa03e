"""What second readers have checked: one definition of a judgment read, for the validator and the About page.

A thread status change (not its first raising) and an event are read when a check names them. A statement is
read when its issuer and its date are checked (or the whole row, aspect "*") and so is the quote of each of its
demands: the quotes are its words, and they are read on the demands' rows. A check counts only when the reader
found an independent source (any verdict but "unverifiable"); a record looked at without one is only ``tried``.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

STATEMENT_ASPECTS = {"issuer", "date"}


@dataclass
class Reading:
    """One kind of judgment: its records, those read, and the checks made on them (with their demands')."""
    label: str
    ids: list[str]
    read: set[str] = field(default_factory=set)
    tried: set[str] = field(default_factory=set)  # looked at, by checks of any verdict
    checks: list[Mapping[str, str]] = field(default_factory=list)


def _s(row: Mapping, name: str) -> str:
    value = row.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def second_read(checks: Iterable[Mapping], thread_updates: Iterable[Mapping], events: Iterable[Mapping],
                statements: Iterable[Mapping], demands: Iterable[Mapping]) -> list[Reading]:
    """Per kind of judgment (thread status changes, events, statements), what has been read. Rows are
    mappings of field to text, as read from the CSVs."""
    on: dict[tuple[str, str], list[Mapping]] = defaultdict(list)
    for check in checks:
        on[_s(check, "table"), _s(check, "record_id")].append(check)

    def done(found: list[Mapping], conclusive: bool) -> list[Mapping]:
        return [c for c in found if not conclusive or _s(c, "verdict") != "unverifiable"]

    updates = Reading("thread status changes", [_s(r, "update_id") for r in thread_updates
                                                if _s(r, "status") != "raised"])
    events_read = Reading("events", [_s(r, "event_id") for r in events])
    for reading, table in ((updates, "thread_updates"), (events_read, "events")):
        for record_id in reading.ids:
            found = on.get((table, record_id), [])
            reading.checks += found
            for conclusive, into in ((True, reading.read), (False, reading.tried)):
                if done(found, conclusive):
                    into.add(record_id)

    quoted: dict[str, list[str]] = defaultdict(list)
    for demand in demands:
        if _s(demand, "quote"):
            quoted[_s(demand, "statement_id")].append(_s(demand, "demand_id"))
    said = Reading("statements", [_s(r, "statement_id") for r in statements])
    for statement_id in said.ids:
        own = on.get(("statements", statement_id), [])
        quotes = [on.get(("demands", d), []) for d in quoted.get(statement_id, [])]
        said.checks += own + [c for q in quotes for c in q]
        for conclusive, into in ((True, said.read), (False, said.tried)):
            aspects = {_s(c, "aspect") for c in done(own, conclusive)}
            if ("*" in aspects or STATEMENT_ASPECTS <= aspects) and all(done(q, conclusive) for q in quotes):
                into.add(statement_id)
    return [updates, events_read, said]
