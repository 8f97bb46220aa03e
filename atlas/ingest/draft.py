"""From a statement's text to a draft, and from a reviewed draft to rows in the dataset.

``propose`` does the machine's first pass; the draft it becomes holds ``TODO``
placeholders where only a person can write (the summary, each demand in our
words), and the validator refuses them, so nothing unreviewed is merged.
``apply_draft`` validates the whole dataset with the draft's rows added and only
then writes, table by table, referenced tables first: a crash between two files
leaves a dataset that still validates.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict
from datetime import date
from pathlib import Path

from atlas.dataset.edit import commit
from atlas.dataset.validate import Problem
from atlas.dataset.values import slug
from atlas.ingest.extract import (
    actor_patterns,
    event_hints,
    find_actors,
    find_dates,
    find_demands,
    organisations,
    sentences,
)
from atlas.ingest.textload import read_statement
from atlas.ingest.threads import thread_index
from geo.geoparse import find_places
from geo.gazetteer import Gazetteer, load_gazetteer

TODO = "TODO"
# Write order: a table only refers to tables written before it.
WRITE_ORDER = ["actors", "sources", "places", "events", "statements", "mentions", "demands"]


def read_rows(path: Path) -> list[dict]:
    """A dataset CSV's rows as dicts, text as written (a byte-order mark, as the loader allows, dropped)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def propose(path: Path, data_dir: Path, *, url: str = "", issuer_ids: tuple[str, ...] = (),
            issued: date | None = None, day_first: bool = True, gazetteer: Gazetteer | None = None) -> dict:
    """The machine's first pass over one statement file."""
    text, html_title = read_statement(path)
    gazetteer = gazetteer or load_gazetteer(data_dir / "places.csv")
    actors = read_rows(data_dir / "actors.csv")
    known_names = {a["name"].lower() for a in actors} | {a["short_name"].lower() for a in actors if a["short_name"]}

    lines = [line for line in text.split("\n") if line.strip()]
    dates = find_dates(text, day_first)
    head_dates = [d for d in dates if d.start < len("\n".join(lines[:3]))]
    statement_date = issued or (head_dates[0].value if head_dates else (dates[0].value if dates else None))
    title = html_title or next((line for line in lines[:4]
                                if len(line.split()) >= 4 and len(line) < 160 and not find_dates(line)), "")
    patterns = actor_patterns(actors, on=statement_date)
    issuers = tuple(issuer_ids) or _issuers(text, actor_patterns(actors, aliases=False, on=statement_date))
    new_actors = [name for name in organisations(text)
                  if not any(name.lower() in known for known in known_names)
                  and not any(p.search(name) for _, p in patterns)]
    places = find_places(text, gazetteer)
    demands = find_demands(text, places.mentions, patterns, issuers)
    threads = thread_index(read_rows(data_dir / "threads.csv"), read_rows(data_dir / "demands.csv")
                           ) if (data_dir / "threads.csv").exists() else None
    arabic = sum(1 for ch in text if "\u0600" <= ch <= "\u06ff")
    language = "ar" if arabic > len(text) * 0.3 else "en"
    statement_id = "-".join([*(issuers[:2] or ("statement",)),
                             statement_date.isoformat() if statement_date else "undated"])
    return {
        "source_file": str(path),
        "statement": {
            "statement_id": statement_id, "title": title or f"{TODO}: give the statement a title",
            "date": statement_date.isoformat() if statement_date else "", "date_end": "",
            "time_precision": 1 if statement_date else 3, "issuer_ids": list(issuers),
            "publisher": "", "source_url": url,
            # the day the text was taken in; a copy on a site that reposts others' pages names its original
            "accessed": date.today().isoformat(), "original": "", "language": language,
            "summary": f"{TODO}: summarise the statement in our own words",
            "notes": "" if statement_date else f"{TODO}: no date found; give the window it can have been issued in",
        },
        "date_found": [{"date": d.value.isoformat(), "text": d.text, "note": d.note} for d in dates[:5]],
        "date_locale": "en-GB (numeric dates read day first)" if day_first else "en-US (numeric dates read month first)",
        "new_actors": [{"actor_id": slug(name), "name": name, "kind": TODO, "note": "not a known actor"}
                       for name in new_actors],
        "mentions": [m.as_dict() for m in places.mentions] + [_ambiguous(a) for a in places.ambiguous],
        "unresolved": [{"surface": u.surface, "start": u.start, "why": u.why, "sentence": u.context}
                       for u in places.unresolved],
        # a capital named for its government ("Damascus rejected..."): listed, never a place mention
        "metonyms": [{"surface": m.surface, "start": m.start, "end": m.end, "place_id": m.place_id,
                      "why": "the government named by its capital: not a place the statement is about"}
                     for m in places.metonyms],
        "demands": [{**{k: v for k, v in asdict(d).items() if k != "sentence"},
                     "addressee_ids": list(d.addressee_ids), "place_ids": list(d.place_ids),
                     "demand": f"{TODO}: the demand in one line, our words",
                     # the curator copies one of the candidates here, or leaves it empty: none fits
                     "thread_id": "",
                     "thread_candidates": [asdict(m) for m in threads.rank(d.quote, d.category, d.place_ids,
                                                                             d.addressee_ids)] if threads else []}
                    for d in demands],
        "event_hints": event_hints(text, day_first),
    }


def _ambiguous(found) -> dict:
    """A mention the context does not decide: the curator picks its place_id from the candidates (or skips it)."""
    ids = [c.place_id for c in found.candidates]
    return {"surface": found.surface, "start": found.start, "end": found.end,
            "place_id": f"{TODO}: choose one of {', '.join(ids)}", "candidates": [
                {"place_id": c.place_id, "name": c.name, "name_ar": c.name_ar, "place_type": c.place_type,
                 "governorate": c.governorate, "admin2_pcode": c.admin2_pcode, "lat": c.lat, "lon": c.lon}
                for c in found.candidates]}


REPORTING = re.compile(r"(said|say|says|stated|announced|announce|declared|stressed|stress|called|call|urged|urge"
                       r"|warned|warn|demanded|demand|condemned|condemn|reaffirm\w*|assert\w*|would like|have been"
                       r"|has been|welcome\w*|express\w*|note\w*|issued|released|reject\w*|insist\w*|are|is)\b")


def _issuers(text: str, patterns) -> tuple[str, ...]:
    """Known actors, by their own names, as the subject of a reporting verb in the opening sentences.

    "The Syrian National Coalition, Free Syrian Army and rebel groups stressed ..." gives three issuers;
    "warning the United Nations against ..." gives none.
    """
    for start, end in sentences(text)[:12]:
        sentence = text[start:end]
        found = find_actors(sentence, patterns)
        if not found:
            continue
        # the run of actor names joined by commas, "and" or (ABBREVIATIONS), then a reporting verb
        subjects, cursor = [], found[0][1]
        for actor_id, a, b in found:
            gap = sentence[cursor:a]
            if subjects and not re.fullmatch(r"[\s,]*(\([A-Z&]+\))?[\s,]*(and|&)?\s*(the\s+)?", gap, re.I):
                break
            subjects.append(actor_id)
            cursor = b
        tail = re.sub(r"^\s*\([A-Z&]+\)", "", sentence[cursor:])
        if REPORTING.match(tail.strip()):
            return tuple(dict.fromkeys(subjects))[:4]
    return ()


def summary_json(proposal: dict) -> dict:
    """The --json view: what the issue's contract names, and nothing from the reviewing workflow."""
    s = proposal["statement"]
    return {
        "statement": {"title": "" if s["title"].startswith(TODO) else s["title"], "date": s["date"] or None,
                      "date_locale": proposal["date_locale"], "issuer_ids": s["issuer_ids"],
                      "language": s["language"], "new_actors": [a["name"] for a in proposal["new_actors"]]},
        "mentions": [_mention_json(m) for m in proposal["mentions"]],
        "unresolved": proposal["unresolved"],
        "metonyms": proposal.get("metonyms", []),
        "demands": [{k: d[k] for k in ("quote", "speech_act", "category", "addressee_ids", "place_ids",
                                       "thread_candidates")} for d in proposal["demands"]],
        "events": [{"text": h["text"], "dates": h["dates"], "years": h["years"]} for h in proposal["event_hints"]],
    }


def _mention_json(mention: dict) -> dict:
    """A resolved mention with its place and position; an ambiguous one with its candidates and no position,
    for the curator to choose."""
    if "candidates" in mention:
        return {"surface": mention["surface"], "start": mention["start"], "end": mention["end"],
                "status": "ambiguous", "place_id": None,
                "candidates": [{k: c[k] for k in ("place_id", "name", "name_ar", "place_type", "governorate")}
                               for c in mention["candidates"]]}
    return {"status": "resolved", **{k: mention[k] for k in ("surface", "start", "end", "place_id", "name", "lat",
                                                              "lon", "confidence")}}


# -- applying a reviewed draft ----------------------------------------------------------
def draft_rows(draft: dict) -> dict[str, list[dict]]:
    """The rows a reviewed draft adds, table by table."""
    s = dict(draft["statement"])
    sid = s["statement_id"]
    s["issuer_ids"] = ";".join(s.get("issuer_ids") or [])
    rows: dict[str, list[dict]] = {name: [] for name in WRITE_ORDER}
    rows["statements"].append(s)
    rows["actors"] = [{k: v for k, v in a.items() if k != "note"} for a in draft.get("new_actors", [])
                      if not a.get("skip")]
    rows["places"] = list(draft.get("new_places", []))
    rows["sources"] = list(draft.get("new_sources", []))
    rows["events"] = [{**e, **{k: ";".join(e[k]) for k in ("place_ids", "actor_ids", "source_ids")
                               if isinstance(e.get(k), list)}} for e in draft.get("new_events", [])]
    grouped: dict[tuple[str, str, str], list] = {}  # one row per (surface, place, event): [count, notes]
    for m in draft.get("mentions", []):
        if not m.get("skip"):
            key = (m["surface"], m.get("place_id", ""), m.get("event_id", ""))
            entry = grouped.setdefault(key, [0, ""])
            entry[0] += int(m.get("count", 1))
            entry[1] = entry[1] or m.get("notes", "")
    for n, ((surface, place_id, event_id), (count, notes)) in enumerate(grouped.items(), start=1):
        rows["mentions"].append({"mention_id": f"{sid}-m{n:02d}", "statement_id": sid, "place_id": place_id,
                                 "event_id": event_id, "surface": surface, "count": count, "notes": notes})
    kept = [d for d in draft.get("demands", []) if not d.get("skip")]
    for n, d in enumerate(kept, start=1):
        rows["demands"].append({
            "demand_id": f"{sid}-d{n:02d}", "statement_id": sid, "speech_act": d["speech_act"],
            "cameo_root": d["cameo_root"], "category": d["category"], "thread_id": d.get("thread_id", ""),
            "addressee_ids": ";".join(d.get("addressee_ids", [])), "place_ids": ";".join(d.get("place_ids", [])),
            "event_ids": ";".join(d.get("event_ids", [])), "demand": d["demand"], "quote": d["quote"],
            "quote_origin": d.get("quote_origin", "statement"), "notes": d.get("notes", ""),
        })
    return rows


def _appended(path: Path, rows: list[dict]) -> str:
    """The file's text with ``rows`` added at the end; existing lines are kept byte for byte."""
    text = path.read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    for row in rows:
        writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in header})
    if text and not text.endswith("\n"):
        text += "\n"
    return text + out.getvalue()


REFERENCE_IDS = ("geonames:", "wof:", "adm1:", "adm2:", "adm3:")  # gazetteer entries that are not curated rows yet
UNIT_WORD = {"district": "District", "subdistrict": "Subdistrict"}
UNIT_WORD_AR = {"district": "منطقة", "subdistrict": "ناحية"}
PRECISION = {"district": 3, "subdistrict": 3, "governorate": 3}  # their centre stands for an area


def _coord_source(place) -> str:
    if place.place_id.startswith("geonames:"):
        return f"GeoNames {place.geonames_id}"
    if place.place_id.startswith("wof:"):
        return f"Who's On First {place.place_id[4:]}"
    return f"OpenSyria centre of the OCHA unit {place.admin3_pcode or place.admin2_pcode or place.admin1_pcode}"


def adopt_gazetteer_places(draft: dict, data_dir: Path) -> dict:
    """Places the draft's mentions, demands and new events resolved to the reference gazetteer only
    ("geonames:ID", "wof:ID", "adm2:PCODE"...) become curated place rows, with their codes and the source of
    their coordinates; ids are rewritten."""
    from geo.admin import ADMIN1_BY_PCODE

    used = {m.get("place_id", "") for m in draft.get("mentions", [])} | \
           {pid for row in [*draft.get("demands", []), *draft.get("new_events", [])] for pid in _ids(row)}
    wanted = sorted(p for p in used if str(p).startswith(REFERENCE_IDS))
    if not wanted:
        return draft
    gazetteer = load_gazetteer(data_dir / "places.csv")
    taken = {r["place_id"] for r in read_rows(data_dir / "places.csv")} | {p["place_id"] for p in draft.get("new_places", [])}
    renamed, rows = {}, []
    for gid in wanted:
        place = gazetteer.entries.get(gid)
        if place is None or place.admin1_pcode not in ADMIN1_BY_PCODE:
            continue  # left as it is: the validator will say the id is unknown
        unit = UNIT_WORD.get(place.place_type, "")  # "Jableh District" beside the city of Jableh
        new_id = slug(f"{place.name} {unit}") or gid.replace(":", "-")
        while new_id in taken:
            new_id += "-2"
        taken.add(new_id)
        admin = ADMIN1_BY_PCODE[place.admin1_pcode]
        renamed[gid] = new_id
        rows.append({"place_id": new_id, "name": f"{place.name} {unit}".strip(),
                     "name_ar": (f"{UNIT_WORD_AR[place.place_type]} {place.name_ar}" if unit and place.name_ar
                                 else place.name_ar or f"{TODO}: Arabic name"),
                     "aliases": "", "place_type": place.place_type, "admin1": admin.name, "admin1_pcode": admin.pcode,
                     "admin2_pcode": place.admin2_pcode, "admin3_pcode": place.admin3_pcode,
                     "iso_3166_2": admin.iso_3166_2, "lat": place.lat, "lon": place.lon,
                     "geonames_id": place.geonames_id or "", "geo_precision": PRECISION.get(place.place_type, 1),
                     "coord_source": _coord_source(place), "notes": "Added by ingest from the gazetteer."})
    draft = json.loads(json.dumps(draft))
    draft["new_places"] = list(draft.get("new_places", [])) + rows
    for m in draft.get("mentions", []):
        m["place_id"] = renamed.get(m.get("place_id"), m.get("place_id", ""))
    for row in [*draft.get("demands", []), *draft.get("new_events", [])]:
        if row.get("place_ids"):
            row["place_ids"] = [renamed.get(p, p) for p in _ids(row)]
    return draft


def _ids(row: dict) -> list[str]:
    """A row's place ids, as a draft gives them: a list, or one string joined with ';'."""
    ids = row.get("place_ids") or []
    return [p for p in ids.split(";") if p] if isinstance(ids, str) else list(ids)


def apply_draft(draft: dict, data_dir: Path) -> tuple[list[Problem], dict[str, int]]:
    """Merge a reviewed draft into ``data_dir``. Returns (problems, rows added per table); on problems nothing changes."""
    rows = draft_rows(adopt_gazetteer_places(draft, data_dir))
    unreviewed = [Problem("draft", None, key, "still holds a TODO placeholder")
                  for key, value in draft["statement"].items() if str(value).startswith(TODO)]
    if unreviewed:
        return unreviewed, {}
    texts = {name: _appended(data_dir / f"{name}.csv", rows[name]) for name in WRITE_ORDER if rows[name]}
    problems = commit(data_dir, texts, WRITE_ORDER)  # referenced tables first: every intermediate state validates
    if problems:
        return problems, {}
    return [], {name: len(rows[name]) for name in WRITE_ORDER if rows[name]}


def load_draft(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))
