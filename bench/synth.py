"""Synthetic events in ACLED's export format, for the benchmark and for load tests.

    python -m bench.synth --events 100000 --out .cache/bench/acled-100000.csv [--seed 7]

Places come from the whole gazetteer (about 10,000 localities) with a
heavy-tailed popularity (a few cities carry most events, as in the real
record), plus a fixed set of unnamed villages a few kilometres off any gazetteer
place, which an import cannot link. As in ACLED's files, a share of locations
is spelled otherwise than the gazetteer spells them, in the ways real exports do
(acled_spelling: Ein for `Ayn, -eh for -ah, "Western X" for X al-Gharbiyah...),
and geo_precision varies: 2 puts
the point at ACLED's own coordinates for the named town (a few kilometres from
the gazetteer's, the same for every event there), 3 names the district and puts
the point at its centre.
Dates fall in 2017-2025, types follow ACLED's typology, a few hundred actors
are used with a heavy tail, notes are about 200 characters. The same seed
always gives the same file. Nothing here is real: it only has the shape of
real data.
"""
from __future__ import annotations

import argparse
import csv
import math
import re
import sys
from datetime import date
from pathlib import Path

import numpy as np

from atlas.acled.export import COLUMNS
from atlas.dataset.schema import load_schema
from atlas.settings import DEFAULT_DATA_DIR
from geo.admin import ADMIN1_BY_PCODE
from geo.gazetteer import load_gazetteer

EVENT_TYPES = load_schema(DEFAULT_DATA_DIR).acled_event_types

START, END = date(2017, 1, 1), date(2025, 12, 31)
# Rough shares of event types in Syria's record: remote violence dominates.
TYPE_SHARE = {"Explosions/Remote violence": 0.46, "Battles": 0.24, "Strategic developments": 0.14,
              "Violence against civilians": 0.09, "Protests": 0.06, "Riots": 0.01}
DISORDER = {"Protests": "Demonstrations", "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}
VERBS = {"Battles": "clashed with", "Explosions/Remote violence": "shelled positions of",
         "Violence against civilians": "attacked", "Protests": "demonstrated against",
         "Riots": "rioted against", "Strategic developments": "reached an arrangement with"}
SOURCES = ["Syrian Observatory for Human Rights", "SANA", "Enab Baladi", "North Press Agency", "Step News Agency",
           "Deir Ezzor 24", "Horan Free League", "Suwayda 24", "Smart News Agency", "Reuters", "AFP", "Al Jazeera"]
SCALES = ["National", "Subnational", "Local partner-Other", "New media", "International", "National-Regional"]
ACTOR_STEMS = ["Military Forces of Syria", "Police Forces of Syria", "Military Forces of Russia",
               "Military Forces of Turkey", "Military Forces of Israel", "Military Forces of Iran",
               "Military Forces of the United States", "Hayat Tahrir al-Sham", "Syrian Democratic Forces",
               "Islamic State (Syria)", "Syrian National Army", "Unidentified Armed Group (Syria)",
               "Civilians (Syria)", "Protesters (Syria)", "Rioters (Syria)", "National Defence Forces"]
MILITIA_KINDS = ["Brigade", "Battalion", "Regiment", "Legion", "Division", "Front", "Clan Militia", "Tribal Militia"]
SYLLABLES = ["al", "ba", "dar", "fa", "ha", "jab", "kar", "lu", "ma", "nab", "qa", "ras", "sa", "tal", "um", "wa",
             "zar", "shi", "kha", "mir", "dun", "bir", "sul", "hus", "ain"]


def _word(rng: np.random.Generator, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES, size=parts))


def _actors(rng: np.random.Generator, count: int = 300) -> list[str]:
    names = list(ACTOR_STEMS)
    while len(names) < count:
        name = f"{_word(rng, 2).capitalize()} {rng.choice(MILITIA_KINDS)}"
        if name not in names:
            names.append(name)
    return names


VERSION = 4  # of what this file writes: the benchmark's cached exports carry it in their names
SPELLING_SHARE = 0.3  # of events whose location is spelled otherwise than the gazetteer's name
GEO_PRECISION_SHARE = [0.8, 0.15, 0.05]  # geo_precision 1, 2, 3

# How ACLED's real exports spell names the gazetteer writes otherwise, as found linking four of them (2018,
# 2020, 2023; eval/acled): the article dropped or glued ("Elsafira"), `Ayn as Ein, Dayr as Deir, Khirbat as
# Kherbet, Ma`arrat as Maaret, Hawsh as Hosh, Tall as Tal, Jubb as Jeb, -iyah and -ah as -iyeh and -eh (Fatirah,
# Ftireh), ay as ei, aw as o, a final q as gh (Minaq, Menagh), and the Arabic qualifier after a name put in
# English before it (al-Ghariyah al-Gharbiyah, Western Ghariyeh; Khuwayn al-Kabir, Big Khwein).
WORD_SPELLINGS = [("`Ayn ", "Ein "), ("Ayn ", "Ein "), ("Dayr ", "Deir "), ("Khirbat ", "Kherbet "),
                  ("Ma`arrat ", "Maaret "), ("Ma`arat ", "Maaret "), ("Hawsh ", "Hosh "), ("Tall ", "Tal "),
                  ("Jubb ", "Jeb "), ("Shaykh ", "Sheikh "), ("Qal`at ", "Qalaat ")]
QUALIFIERS_EN = {"ash Sharqiyah": "Eastern", "ash Sharqi": "Eastern", "al Gharbiyah": "Western", "al Gharbi": "Western",
                 "Fawqani": "Upper", "Tahtani": "Lower", "al Kabir": "Big", "al Kabirah": "Big", "as Saghir": "Little",
                 "as Saghirah": "Little", "ash Shamaliyah": "Northern", "al Janubiyah": "Southern"}


def acled_spelling(name: str, rng: np.random.Generator) -> str:
    """The name as ACLED's exports might write it: the same place, other letters (WORD_SPELLINGS)."""
    out = name
    for qualifier, english in QUALIFIERS_EN.items():
        if out.endswith(" " + qualifier) and rng.random() < 0.6:
            out = f"{english} {out[:-len(qualifier) - 1]}"
    for old, new in WORD_SPELLINGS:
        if old in out and rng.random() < 0.7:
            out = out.replace(old, new)
    for old, new in (("Al-", ""), ("al-", ""), ("Al ", ""), ("-", " "), ("'", ""), ("`", ""), ("ʿ", ""),
                     ("ou", "u"), ("ay", "ei"), ("aw", "o")):
        if old in out and rng.random() < 0.5:
            out = out.replace(old, new)
    if rng.random() < 0.4:
        out = re.sub(r"iyah\b", "iyeh", out)
        out = re.sub(r"([^i])ah\b", r"\1eh", out)
    if out.endswith("q") and rng.random() < 0.3:
        out = out[:-1] + "gh"
    if rng.random() < 0.1:  # the article glued to a later word: "Um Elamad"
        out = re.sub(r" (?:al|el|as|ash|ad|ar|at|az|an) (?=\w)", " El", out, count=1)
    return " ".join(out.split()) or name


def _districts() -> dict[str, dict]:
    gazetteer = load_gazetteer(DEFAULT_DATA_DIR / "places.csv")
    return {e.place_id.removeprefix("adm2:"): {"name": e.name, "lat": e.lat, "lon": e.lon}
            for e in gazetteer.entries.values() if e.place_type == "district"}


def _places(rng: np.random.Generator, villages: int) -> list[dict]:
    """Gazetteer places with coordinates, then villages placed 8-20 km from a random one."""
    gazetteer = load_gazetteer(DEFAULT_DATA_DIR / "places.csv")
    places = [{"name": e.name, "lat": e.lat, "lon": e.lon, "pcode": e.admin1_pcode, "district": e.admin2_pcode}
              for e in gazetteer.entries.values()
              if e.admin1_pcode and e.place_type not in {"governorate", "region", "road", "district", "subdistrict"}]
    places.sort(key=lambda p: p["name"])
    for _ in range(villages):
        base = places[int(rng.integers(len(places)))]
        angle, km = rng.uniform(0, 2 * math.pi), rng.uniform(8, 20)
        places.append({"name": f"{_word(rng, 2).capitalize()} {rng.choice(['', 'al-', 'Tall '])}{_word(rng, 1)}".strip(),
                       "lat": round(base["lat"] + km / 111 * math.sin(angle), 4),
                       "lon": round(base["lon"] + km / 92 * math.cos(angle), 4), "pcode": base["pcode"],
                       "district": ""})
    return places


def _heavy_tail(rng: np.random.Generator, n: int, exponent: float) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1) ** exponent
    rng.shuffle(weights)
    return weights / weights.sum()


def synth_rows(events: int, seed: int = 7):
    """Yield ACLED-format rows (dicts keyed by COLUMNS)."""
    rng = np.random.default_rng(seed)
    places = _places(rng, villages=400)
    actors = _actors(rng)
    vocabulary = sorted({_word(rng, int(rng.integers(2, 4))) for _ in range(3000)})
    place_p = _heavy_tail(rng, len(places), 1.1)
    actor_p = _heavy_tail(rng, len(actors), 1.2)
    types = list(TYPE_SHARE)
    span = (END - START).days + 1
    place_idx = rng.choice(len(places), size=events, p=place_p)
    actor1 = rng.choice(len(actors), size=events, p=actor_p)
    actor2 = rng.choice(len(actors), size=events, p=actor_p)
    has_actor2 = rng.random(events) < 0.7
    type_idx = rng.choice(len(types), size=events, p=list(TYPE_SHARE.values()))
    # More events in the war years than after: a declining intensity over the span.
    days = np.minimum((rng.power(0.8, size=events) * span).astype(int), span - 1)
    fatalities = np.where(rng.random(events) < 0.6, 0, np.minimum(rng.zipf(2.2, size=events), 400))
    precision = rng.choice([1, 2, 3], size=events, p=[0.85, 0.12, 0.03])
    geo = rng.choice([1, 2, 3], size=events, p=GEO_PRECISION_SHARE)
    respelled = rng.random(events) < SPELLING_SHARE
    # ACLED writes a precision-2 event at the named town's coordinates, its own: a few km from ours, the same
    # for every event there
    offset_angle, offset_km = rng.uniform(0, 2 * math.pi, size=len(places)), rng.uniform(2, 12, size=len(places))
    districts = _districts()
    filler = rng.choice(len(vocabulary), size=(events, 16))
    start_ordinal = START.toordinal()
    for i in range(events):
        place = places[place_idx[i]]
        event_type = types[type_idx[i]]
        subs = EVENT_TYPES[event_type]
        sub = subs[(i * 7 + int(place_idx[i])) % len(subs)]
        day = date.fromordinal(start_ordinal + int(days[i]))
        a1 = actors[actor1[i]]
        a2 = actors[actor2[i]] if has_actor2[i] and actor2[i] != actor1[i] else ""
        inter1, inter2 = 1 + int(actor1[i]) % 8, (1 + int(actor2[i]) % 8) if a2 else 0
        admin1 = ADMIN1_BY_PCODE[place["pcode"]].name
        location, lat, lon, level = place["name"], place["lat"], place["lon"], int(geo[i])
        if level == 3 and place["district"] in districts:  # only the district is known: its name and centre
            district = districts[place["district"]]
            location, lat, lon = district["name"], district["lat"], district["lon"]
        elif level >= 2:  # near the named town: at ACLED's coordinates for it, a few kilometres off ours
            level, k = 2, int(place_idx[i])
            lat += offset_km[k] / 111 * math.sin(offset_angle[k])
            lon += offset_km[k] / 92 * math.cos(offset_angle[k])
        if respelled[i]:
            location = acled_spelling(location, rng)
        note = (f"On {day.day} {day:%B %Y}, {a1} {VERBS[event_type]} {a2 or 'unknown parties'} in "
                f"{place['name']} ({admin1}). " + " ".join(vocabulary[w] for w in filler[i]) + ". ")
        note += f"[{'no' if fatalities[i] == 0 else int(fatalities[i])} fatalities reported]"
        yield {
            "event_id_cnty": f"SYR{i + 1}", "event_date": day.isoformat(), "year": day.year,
            "time_precision": int(precision[i]),
            "disorder_type": DISORDER.get(event_type, "Political violence"),
            "event_type": event_type, "sub_event_type": sub,
            "actor1": a1, "assoc_actor_1": "", "inter1": inter1,
            "actor2": a2, "assoc_actor_2": "", "inter2": inter2,
            # ACLED's interaction: both actor types, lower first; one actor alone is its type times ten
            "interaction": int(f"{min(inter1, inter2)}{max(inter1, inter2)}") if inter2 else inter1 * 10,
            "civilian_targeting": "Civilian targeting" if event_type == "Violence against civilians" else "",
            "iso": 760, "region": "Middle East", "country": "Syria",
            "admin1": admin1, "admin2": admin1, "admin3": "", "location": location,
            "latitude": f"{lat:.4f}", "longitude": f"{lon:.4f}", "geo_precision": level,
            "source": SOURCES[(i * 3 + int(place_idx[i])) % len(SOURCES)], "source_scale": SCALES[i % len(SCALES)],
            "notes": note, "fatalities": int(fatalities[i]), "tags": "",
            "timestamp": 1_700_000_000 + i,
        }


def write_csv(events: int, out: Path, seed: int = 7) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(synth_rows(events, seed))
    tmp.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    write_csv(args.events, args.out, args.seed)
    print(f"Wrote {args.events:,} synthetic events to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
