"""Precision and recall of the ingest extractors against hand-labelled statements (eval/).

Each eval/<split>/<name>.txt has a <name>.labels.json listing the Syrian place
names as written (every occurrence counts, except inside a longer labelled
name) and the demand sentences (a fragment of each). A predicted place counts
when its span overlaps a labelled one; a predicted demand when its quote
overlaps a labelled fragment. Each label is matched at most once.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from atlas import settings
from atlas.ingest.extract import actor_patterns, find_demands
from atlas.ingest.textload import read_statement
from geo.gazetteer import Gazetteer
from geo.geoparse import find_places

EVAL_DIR = settings.EVAL_DIR
SPLITS = ("dev", "heldout")


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    labelled: int = 0
    resolved_right: int = 0  # places: matched mentions whose place id agrees with the label (when labelled)
    resolved_checked: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.labelled if self.labelled else 1.0

    def add(self, other: "Score") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _gold_spans(text: str, surfaces: list[str]) -> list[tuple[int, int, str]]:
    spans = []
    for surface in sorted(set(surfaces), key=len, reverse=True):
        for m in re.finditer(re.escape(surface), text):
            if not any(a <= m.start() and m.end() <= b for a, b, _ in spans):
                spans.append((m.start(), m.end(), surface))
    return spans


def _match(predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pairs (predicted index, gold index) of overlapping spans, each used once."""
    pairs, used = [], set()
    for i, (a, b) in enumerate(predicted):
        for j, (c, d) in enumerate(gold):
            if j not in used and a < d and c < b:
                pairs.append((i, j))
                used.add(j)
                break
    return pairs


def score_statement(text: str, labels: dict, gazetteer: Gazetteer, patterns) -> tuple[Score, Score, dict]:
    found = find_places(text, gazetteer)
    mentions = found.mentions
    place_ids = {p["surface"]: p["place_id"] for p in labels["places"]}
    gold = _gold_spans(text, list(place_ids))
    pairs = _match([(m.start, m.end) for m in mentions], [(a, b) for a, b, _ in gold])
    places = Score(len(pairs), len(mentions), len(gold))
    for i, j in pairs:
        expected = place_ids[gold[j][2]]
        if expected:
            places.resolved_checked += 1
            places.resolved_right += mentions[i].place_id == expected
    demands = find_demands(text, mentions, patterns)
    gold_d = [(text.index(s), text.index(s) + len(s)) for s in labels["demands"]]
    pairs_d = _match([(d.start, d.end) for d in demands], gold_d)
    demand_score = Score(len(pairs_d), len(demands), len(gold_d))
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    details = {
        "false_places": [mentions[i].surface for i in range(len(mentions)) if i not in matched_p],
        "missed_places": [gold[j][2] for j in range(len(gold)) if j not in matched_g],
        "false_demands": [demands[i].quote[:80] for i in range(len(demands)) if i not in {p for p, _ in pairs_d}],
        "missed_demands": [labels["demands"][j][:80] for j in range(len(gold_d)) if j not in {g for _, g in pairs_d}],
    }
    return places, demand_score, details


def evaluate(gazetteer: Gazetteer, actors_csv: Path, eval_dir: Path = EVAL_DIR) -> dict:
    with actors_csv.open(encoding="utf-8", newline="") as handle:
        patterns = actor_patterns(list(csv.DictReader(handle)))
    report = {}
    for split in SPLITS:
        places, demands, details = Score(), Score(), {}
        files = sorted((eval_dir / split).glob("*.txt"))
        for path in files:
            labels = json.loads(path.with_suffix(".labels.json").read_text(encoding="utf-8"))
            text, _ = read_statement(path)
            p, d, detail = score_statement(text, labels, gazetteer, patterns)
            places.add(p)
            demands.add(d)
            details[path.stem] = detail
        report[split] = {"statements": len(files), "places": places, "demands": demands, "details": details}
    return report


def format_report(report: dict, verbose: bool = False) -> str:
    lines = ["| part | statements | places P | places R | place ids right | demands P | demands R |",
             "|---|---|---|---|---|---|---|"]
    for split, part in report.items():
        p, d = part["places"], part["demands"]
        ids = f"{p.resolved_right}/{p.resolved_checked}"
        lines.append(f"| {split} | {part['statements']} | {p.precision:.2f} ({p.true_positives}/{p.predicted}) | "
                     f"{p.recall:.2f} ({p.true_positives}/{p.labelled}) | {ids} | "
                     f"{d.precision:.2f} ({d.true_positives}/{d.predicted}) | {d.recall:.2f} ({d.true_positives}/{d.labelled}) |")
    if verbose:
        for split, part in report.items():
            for name, detail in part["details"].items():
                if any(detail.values()):
                    lines.append(f"{split}/{name}: " + json.dumps(detail, ensure_ascii=False))
    return "\n".join(lines)
