"""A dataset whose every free-text field carries hostile text, built from the seed fixture.

Free-text fields are those the descriptor leaves unconstrained (no enum, pattern,
foreign key or URI format): titles, summaries, quotes, demands, notes, place and
actor names, Arabic names, surfaces, plus the places' aliases. An ACLED export
with payloads in notes, actors and locations goes with it. Every payload tries
to run ``window.top.__pwned = 1`` or open a dialog; rendered as inert text, none
can. Ids, dates, coordinates and vocabularies stay valid, so the dataset loads.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from tests.helpers import FIXTURE, ROOT

PWN = "window.top.__pwned=1"
PAYLOADS = [
    f"<script>{PWN};alert('script')</script>",
    f'<img src=x onerror="{PWN};alert(\'img\')">',
    f"[click here](javascript:{PWN})",
    f'"><svg onload="{PWN};alert(\'svg\')"><a href="javascript:{PWN}">link</a>',
    f"'); {PWN}; alert('quote'); ('",
    "\u202eevil\u202c right-to-left override",
    "{{7*7}} ${alert(1)} `backtick` </textarea></style></script>",
    "=HYPERLINK(\"http://example.invalid\",\"click\")",
    "+1+1", "-2+3", "@SUM(1,1)", "\tTAB-led", "\rCR-led",
    "W" * 3000,
]
FORMULA_LIKE = tuple(p for p in PAYLOADS if p[0] in "=+-@\t\r")


def _free_text(descriptor: dict) -> dict[str, dict[str, int | None]]:
    """table -> free-text field -> its maximum length (None when unlimited)."""
    out = {}
    for resource in descriptor["resources"]:
        keys = {f for k in resource["schema"].get("foreignKeys", [])
                for f in ([k["fields"]] if isinstance(k["fields"], str) else k["fields"])}
        out[resource["name"]] = {
            f["name"]: f.get("constraints", {}).get("maxLength") for f in resource["schema"]["fields"]
            if f["type"] == "string" and not {"enum", "pattern"} & set(f.get("constraints", {}))
            and f["name"] not in keys and "references" not in f and f.get("format") != "uri" and f["name"] != "admin1"
        }
    out["places"]["aliases"] = None
    return out


def _poison(value: str, k: int, limit: int | None = None) -> str:
    payload = PAYLOADS[k % len(PAYLOADS)]
    # Formula-like text must lead, or it cannot become a formula; so must anything that would
    # otherwise be cut at the field's length limit (which the validator enforces).
    lead = payload in FORMULA_LIKE or (limit is not None and len(value) + len(payload) + 1 > limit)
    text = f"{payload} {value}" if lead and payload not in FORMULA_LIKE else \
        payload + value if lead else f"{value} {payload}"
    return text.strip(" ")[:limit] if limit else text.strip(" ")


def _with_threads(target: Path) -> dict:
    """Add the bundled descriptor's thread tables to the fixture copy, one thread every demand of the first
    statement belongs to, and a status change citing its first event; their text is poisoned with the rest."""
    descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    bundled = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in bundled["resources"]}
    descriptor["resources"] += [resources["threads"], resources["thread_updates"]]
    demands = next(r for r in descriptor["resources"] if r["name"] == "demands")
    demands["schema"]["fields"].append(
        next(f for f in resources["demands"]["schema"]["fields"] if f["name"] == "thread_id"))
    descriptor.setdefault("x-vocabularies", {})["thread_status"] = bundled["x-vocabularies"]["thread_status"]
    for resource in descriptor["resources"]:  # our words in Arabic too, poisoned with the rest: pages show them
        if resource["name"] in ("statements", "demands", "events"):
            have = {f["name"] for f in resource["schema"]["fields"]}
            resource["schema"]["fields"] += [f for f in resources[resource["name"]]["schema"]["fields"]
                                             if f.get("x-translation-of") and f["name"] not in have]
    (target / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=1), encoding="utf-8")

    rows = list(csv.DictReader(io.StringIO((target / "demands.csv").read_text(encoding="utf-8"), newline="")))
    first = rows[0]["statement_id"]
    for row in rows:
        row["thread_id"] = "hostile-thread" if row["statement_id"] == first else ""
    _write_rows(target / "demands.csv", rows)
    event = next(csv.DictReader(io.StringIO((target / "events.csv").read_text(encoding="utf-8"), newline="")))
    statement = next(r for r in csv.DictReader(io.StringIO((target / "statements.csv").read_text(encoding="utf-8"),
                                                           newline="")) if r["statement_id"] == first)
    later = max(statement["date_end"] or statement["date"], event["date_end"] or event["date"])
    _write_rows(target / "threads.csv", [{
        "thread_id": "hostile-thread", "title": "A thread", "category": rows[0]["category"],
        "description": "What is asked.", "place_ids": rows[0]["place_ids"], "addressee_ids": rows[0]["addressee_ids"]}])
    _write_rows(target / "thread_updates.csv", [{
        "update_id": "hostile-thread-u1", "thread_id": "hostile-thread", "date": later, "status": "acknowledged",
        "evidence_event_ids": event["event_id"], "evidence_statement_ids": first, "evidence_source_ids": "",
        "judged_by": "curators", "note": "Why."}])
    return descriptor


def _write_rows(path: Path, rows: list[dict]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")  # so a bare CR is quoted
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def build(target: Path) -> Path:
    """Write the hostile dataset to ``target`` (a folder) and return it."""
    shutil.copytree(FIXTURE, target)
    descriptor = _with_threads(target)
    k = 0
    for name, fields in _free_text(descriptor).items():
        path = target / f"{name}.csv"
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        for row in rows:
            for field, limit in fields.items():
                if field == "aliases":
                    row[field] = ";".join(filter(None, [row[field], PAYLOADS[k % 5].replace(";", ",")]))
                else:  # a column the fixture lacks (our words in Arabic) starts empty
                    row[field] = _poison(row.get(field, ""), k, limit)
                k += 1
        _write_rows(path, rows)
    return target


def acled_export(path: Path) -> Path:
    """The test ACLED export with payloads in notes, actors and locations (ids and codes kept)."""
    source = ROOT / "tests" / "fixtures" / "acled" / "export.csv"
    rows = list(csv.DictReader(io.StringIO(source.read_text(encoding="utf-8"), newline="")))
    for i, row in enumerate(rows):
        for j, field in enumerate(("notes", "actor1", "actor2", "location", "assoc_actor_1", "source")):
            if row[field] or field in ("notes", "location", "assoc_actor_1"):
                row[field] = _poison(row[field], i + j)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path
