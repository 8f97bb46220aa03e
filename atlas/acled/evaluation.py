"""How well the linker ties real ACLED exports' Syrian events to gazetteer places.

ACLED's terms forbid sharing its rows, so ``eval/acled/<name>.json`` keeps only where each real export came
from (repository, path, commit, sha256); the copy itself is gathered into a local folder (``<name>.csv``).
Some are ACLED's rows as other projects kept them, without columns the importer needs (a benchmark that
dropped ``event_id_cnty``): the linker is measured on their location, position and geo_precision alone,
through ``link_places``, the importer's own step.

    python -m atlas eval-acled .cache/acled-real [--sample 50]
"""
from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from atlas import settings
from atlas.acled.importer import LINK_RADII_KM, LINK_RADIUS_KM, link_places

PROVENANCE = settings.EVAL_DIR / "acled"
COLUMNS = ["country", "location", "latitude", "longitude", "geo_precision", "admin1", "admin2", "admin3"]


@dataclass
class LinkScore:
    name: str
    events: int = 0
    linked: int = 0
    by_precision: dict[int, list[int]] = field(default_factory=dict)  # precision -> [linked, events]
    beyond_radius: int = 0  # links farther than their precision allows: must stay 0
    hash_differs: bool = False
    sample: list[dict] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.linked / self.events if self.events else 0.0


def _syrian_rows(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, encoding="utf-8-sig", usecols=lambda c: c in COLUMNS, dtype=str, keep_default_na=False)
    frame = frame[frame["country"].str.strip() == "Syria"]
    frame = frame.assign(latitude=pd.to_numeric(frame["latitude"], errors="coerce"),
                         longitude=pd.to_numeric(frame["longitude"], errors="coerce"),
                         geo_precision=pd.to_numeric(frame["geo_precision"], errors="coerce").fillna(1).astype(int))
    return frame.dropna(subset=["latitude", "longitude"]).reset_index(drop=True)


def score_export(path: Path, places_csv: Path, provenance: dict, sample: int = 0, seed: int = 1) -> LinkScore:
    """One export: the share of its Syrian events linked, by geo_precision, and a random sample of links."""
    frame = _syrian_rows(path)
    score = LinkScore(provenance["name"], events=len(frame))
    score.hash_differs = hashlib.sha256(path.read_bytes()).hexdigest() != provenance.get("sha256")
    place, dist, _ = link_places(frame["location"].to_numpy(dtype=object), frame["latitude"].to_numpy(),
                                 frame["longitude"].to_numpy(), places_csv, frame["geo_precision"].to_numpy())
    linked = place != ""
    score.linked = int(linked.sum())
    for level in sorted(frame["geo_precision"].unique()):
        rows = frame["geo_precision"].to_numpy() == level
        score.by_precision[int(level)] = [int((rows & linked).sum()), int(rows.sum())]
    radius = frame["geo_precision"].map(lambda p: LINK_RADII_KM.get(int(p), LINK_RADIUS_KM)).to_numpy()
    score.beyond_radius = int((linked & (np.nan_to_num(dist.astype(float)) > radius)).sum())
    if sample:
        from geo.gazetteer import load_gazetteer

        gazetteer = load_gazetteer(places_csv)
        distinct = pd.DataFrame({"location": frame["location"], "place": place, "km": dist}).loc[linked]
        distinct = distinct.drop_duplicates(["location", "place"])
        picked = random.Random(seed).sample(range(len(distinct)), min(sample, len(distinct)))
        for _, row in distinct.iloc[sorted(picked)].iterrows():
            entry = gazetteer.get(row["place"])
            score.sample.append({"location": row["location"], "place_id": row["place"], "name": entry.name,
                                 "name_ar": entry.name_ar, "km": round(float(row["km"]), 2)})
    return score


def evaluate_exports(folder: Path, places_csv: Path, provenance_dir: Path = PROVENANCE,
                     sample: int = 0) -> tuple[list[LinkScore], list[str]]:
    """Every export named in ``provenance_dir`` whose copy is in ``folder``; and the names of those missing."""
    scores, missing = [], []
    for meta in sorted(provenance_dir.glob("*.json")):
        provenance = json.loads(meta.read_text(encoding="utf-8"))
        path = Path(folder) / f"{provenance['name']}.csv"
        if not path.is_file():
            missing.append(provenance["name"])
            continue
        scores.append(score_export(path, places_csv, provenance, sample))
    return scores, missing


def format_scores(scores: list[LinkScore], missing: list[str]) -> str:
    lines = ["| export | Syrian events | linked | precision 1 | precision 2 | precision 3 | beyond radius |",
             "|---|---|---|---|---|---|---|"]
    for s in scores:
        cells = [f"{s.by_precision[p][0] / s.by_precision[p][1]:.0%} of {s.by_precision[p][1]:,}"
                 if p in s.by_precision else "—" for p in (1, 2, 3)]
        note = " (copy differs from the one recorded)" if s.hash_differs else ""
        lines.append(f"| {s.name}{note} | {s.events:,} | {s.share:.1%} ({s.linked:,}) | " + " | ".join(cells)
                     + f" | {s.beyond_radius} |")
    if missing:
        lines.append(f"\nnot found in the folder, not scored: {', '.join(missing)}")
    for s in scores:
        if s.sample:
            lines.append(f"\n{s.name}: {len(s.sample)} links to check by hand (location -> place, km)")
            lines += [f"  {x['location']} -> {x['name']} / {x['name_ar']} ({x['place_id']}), {x['km']} km"
                      for x in s.sample]
    return "\n".join(lines)
