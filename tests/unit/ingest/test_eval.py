"""The extractors meet the quality targets on the labelled statements, the held-out part included."""
from __future__ import annotations

import json

from atlas.ingest.evaluation import EVAL_DIR, SPLITS, evaluate
from geo.gazetteer import load_gazetteer
from tests.helpers import DATA

REPORT = evaluate(load_gazetteer(DATA / "places.csv"), DATA / "actors.csv")


def test_the_evaluation_set_is_big_enough_and_labelled():
    assert REPORT["dev"]["statements"] + REPORT["heldout"]["statements"] >= 20
    assert REPORT["heldout"]["statements"] >= 6
    for split in SPLITS:
        for path in (EVAL_DIR / split).glob("*.txt"):
            labels = json.loads(path.with_suffix(".labels.json").read_text(encoding="utf-8"))
            text = path.read_text(encoding="utf-8")
            assert all(p["surface"] in text for p in labels["places"]) and all(d in text for d in labels["demands"])


def test_targets_hold_on_both_parts():
    for split in SPLITS:
        places, demands = REPORT[split]["places"], REPORT[split]["demands"]
        assert places.precision >= 0.9 and places.recall >= 0.9, (split, places)
        assert demands.precision >= 0.8 and demands.recall >= 0.8, (split, demands)
