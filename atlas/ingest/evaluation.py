"""How well the extractors read statements: precision and recall against hand labels, on two sets.

- *Our own set* (eval/dev, eval/heldout): statements written in the manner of real ones, each a
  ``<name>.txt`` with ``<name>.labels.json`` (the Syrian place names as written, with their place ids, and
  the demand sentences). It runs in CI.
- *The real set* (eval/real/dev, eval/real/heldout): real public statements. Only their address, a search
  query that finds them again, a hash of the text labelled, and our labels are committed (the places as
  written, with each one's governorate); the texts are not ours. Gather them into a folder, one
  ``<id>.txt`` each, and score them with ``python -m atlas eval --real FOLDER``.

A predicted place (resolved or ambiguous) counts when its span overlaps a labelled one; each label occurrence
is matched once (an occurrence inside a longer labelled name does not count on its own). A resolved place is
*right* when its id (own set) or its governorate (real set) agrees with the label. A predicted demand counts
when its quote overlaps a labelled fragment.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from atlas import settings
from atlas.ingest.extract import actor_patterns, find_demands
from atlas.ingest.textload import read_statement
from geo.gazetteer import Gazetteer
from geo.geoparse import find_places

EVAL_DIR = settings.EVAL_DIR
REAL_DIR = EVAL_DIR / "real"
SPLITS = ("dev", "heldout")
# The real set: dev (tuned on), heldout (never tuned on), and record: the dataset's own statements, their places
# labelled by the curators who researched them before the geoparser read them.
REAL_SPLITS = SPLITS + ("record",)


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    labelled: int = 0
    resolved_right: int = 0  # places: matched resolved mentions whose id or governorate agrees with the label
    resolved_checked: int = 0
    ambiguous: int = 0  # places reported as ambiguous (counted in predicted)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.labelled if self.labelled else 1.0

    def add(self, other: "Score") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Part:
    statements: int = 0
    places: Score = field(default_factory=Score)
    demands: Score | None = None
    by_language: dict[str, Score] = field(default_factory=dict)  # and by period: "2011-24", "2025-26"
    details: dict[str, dict] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # real set: labelled statements whose text was not found


def _gold_spans(text: str, surfaces: list[str]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
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


def score_places(text: str, gazetteer: Gazetteer, expected: dict[str, str], key: str) -> tuple[Score, dict, list]:
    """Places found in ``text`` against ``expected`` (surface -> the place id or governorate P-code it must
    have, '' when not checked); ``key`` says which: "place_id" or "admin1_pcode". Also returns the mentions."""
    found = find_places(text, gazetteer)
    predicted = [(m.start, m.end, m.surface, getattr(m.place, key)) for m in found.mentions] + \
        [(a.start, a.end, a.surface, None) for a in found.ambiguous]
    gold = _gold_spans(text, list(expected))
    pairs = _match([(a, b) for a, b, _, _ in predicted], [(a, b) for a, b, _ in gold])
    score = Score(len(pairs), len(predicted), len(gold), ambiguous=len(found.ambiguous))
    wrong = []
    for i, j in pairs:
        want, got = expected[gold[j][2]], predicted[i][3]
        if want and got is not None:
            score.resolved_checked += 1
            score.resolved_right += got == want
            if got != want:
                wrong.append(f"{predicted[i][2]}: {got}, labelled {want}")
    matched_p, matched_g = {i for i, _ in pairs}, {j for _, j in pairs}
    return score, {
        "false_places": [predicted[i][2] for i in range(len(predicted)) if i not in matched_p],
        "missed_places": [gold[j][2] for j in range(len(gold)) if j not in matched_g],
        "wrong_places": wrong,
        "ambiguous": [a.surface for a in found.ambiguous],
    }, found.mentions


def score_statement(text: str, labels: dict, gazetteer: Gazetteer, patterns) -> tuple[Score, Score, dict]:
    """One statement of our own set: places (checked by place id) and demand sentences."""
    places, details, mentions = score_places(text, gazetteer,
                                             {p["surface"]: p["place_id"] or "" for p in labels["places"]}, "place_id")
    demands = find_demands(text, mentions, patterns)
    gold_d = [(text.index(s), text.index(s) + len(s)) for s in labels["demands"]]
    pairs_d = _match([(d.start, d.end) for d in demands], gold_d)
    details["false_demands"] = [demands[i].quote[:80] for i in range(len(demands)) if i not in {p for p, _ in pairs_d}]
    details["missed_demands"] = [labels["demands"][j][:80] for j in range(len(gold_d)) if j not in {g for _, g in pairs_d}]
    return places, Score(len(pairs_d), len(demands), len(gold_d)), details


def evaluate(gazetteer: Gazetteer, actors_csv: Path, eval_dir: Path = EVAL_DIR) -> dict[str, Part]:
    """Our own set: places and demands, per split."""
    with actors_csv.open(encoding="utf-8", newline="") as handle:
        patterns = actor_patterns(list(csv.DictReader(handle)))
    report = {}
    for split in SPLITS:
        part = Part(demands=Score())
        for path in sorted((eval_dir / split).glob("*.txt")):
            labels = json.loads(path.with_suffix(".labels.json").read_text(encoding="utf-8"))
            text, _ = read_statement(path)
            places, demands, part.details[path.stem] = score_statement(text, labels, gazetteer, patterns)
            part.places.add(places)
            part.demands.add(demands)
            part.statements += 1
        report[split] = part
    return report


def real_labels(real_dir: Path = REAL_DIR) -> dict[str, list[dict]]:
    """The real set's labels, per split."""
    return {split: [json.loads(p.read_text(encoding="utf-8")) for p in sorted((real_dir / split).glob("*.json"))]
            for split in REAL_SPLITS if (real_dir / split).is_dir()}


def evaluate_real(gazetteer: Gazetteer, texts: Path, real_dir: Path = REAL_DIR) -> dict[str, Part]:
    """The real set, scored on the texts gathered in ``texts`` (``<id>.txt`` each), per split and language.
    A text whose hash differs from the one labelled is scored all the same, and named in the details."""
    report = {}
    for split, labelled in real_labels(real_dir).items():
        part = Part()
        for labels in labelled:
            path = Path(texts) / f"{labels['id']}.txt"
            if not path.is_file():
                part.missing.append(labels["id"])
                continue
            raw = path.read_bytes()
            text = raw.decode("utf-8")
            score, details, _ = score_places(text, gazetteer,
                                             {p["surface"]: p["admin1_pcode"] for p in labels["places"]}, "admin1_pcode")
            if hashlib.sha256(raw).hexdigest() != labels["text_sha256"]:
                details["note"] = "this copy of the text differs from the one labelled"
            part.places.add(score)
            part.by_language.setdefault(labels["language"], Score()).add(score)
            period = "2025-26" if int(labels.get("year") or 0) >= 2025 else "2011-24"
            part.by_language.setdefault(period, Score()).add(score)
            part.details[labels["id"]] = details
            part.statements += 1
        report[split] = part
    return report


def _cell(score: Score) -> str:
    return (f"{score.precision:.2f} ({score.true_positives}/{score.predicted}) | "
            f"{score.recall:.2f} ({score.true_positives}/{score.labelled})")


def format_report(report: dict[str, Part], verbose: bool = False) -> str:
    """Our own set's table."""
    lines = ["| part | statements | places P | places R | place ids right | ambiguous | demands P | demands R |",
             "|---|---|---|---|---|---|---|---|"]
    for split, part in report.items():
        p = part.places
        lines.append(f"| {split} | {part.statements} | {_cell(p)} | {p.resolved_right}/{p.resolved_checked} | "
                     f"{p.ambiguous} | {_cell(part.demands)} |")
    return "\n".join(lines + (_details(report) if verbose else []))


def format_real_report(report: dict[str, Part], verbose: bool = False) -> str:
    """The real set's table: all, then English and Arabic texts apart."""
    lines = ["| part | texts | places P | places R | governorate right | ambiguous |", "|---|---|---|---|---|---|"]
    for split, part in report.items():
        rows = [(split, part.statements, part.places)] + [
            (f"{split}, {lang}", "", score) for lang, score in sorted(part.by_language.items())]
        for name, count, p in rows:
            lines.append(f"| {name} | {count} | {_cell(p)} | {p.resolved_right}/{p.resolved_checked} | {p.ambiguous} |")
        if part.missing:
            lines.append(f"\n{split}: {len(part.missing)} text(s) not found and not scored: {', '.join(part.missing)}")
    return "\n".join(lines + (_details(report) if verbose else []))


def _details(report: dict[str, Part]) -> list[str]:
    return [f"{split}/{name}: " + json.dumps(detail, ensure_ascii=False)
            for split, part in report.items() for name, detail in part.details.items() if any(detail.values())]
