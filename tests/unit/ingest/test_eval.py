"""The extractors meet the quality targets on our own labelled statements; the real set's labels are sound
and its scorer counts as promised (its texts are not in the repository: `make eval-real` scores them)."""
from __future__ import annotations

import hashlib
import json
import re

from atlas.ingest.evaluation import EVAL_DIR, SPLITS, evaluate, evaluate_real, real_labels
from geo.admin import ADMIN1_BY_PCODE
from geo.gazetteer import load_gazetteer
from tests.helpers import DATA

GAZETTEER = load_gazetteer(DATA / "places.csv")
REPORT = evaluate(GAZETTEER, DATA / "actors.csv")


def test_the_evaluation_set_is_big_enough_and_labelled():
    assert REPORT["dev"].statements + REPORT["heldout"].statements >= 20
    assert REPORT["heldout"].statements >= 6
    for split in SPLITS:
        for path in (EVAL_DIR / split).glob("*.txt"):
            labels = json.loads(path.with_suffix(".labels.json").read_text(encoding="utf-8"))
            text = path.read_text(encoding="utf-8")
            assert all(p["surface"] in text for p in labels["places"]) and all(d in text for d in labels["demands"])


def test_targets_hold_on_both_parts():
    for split in SPLITS:
        places, demands = REPORT[split].places, REPORT[split].demands
        assert places.precision >= 0.9 and places.recall >= 0.9, (split, places)
        assert demands.precision >= 0.8 and demands.recall >= 0.8, (split, demands)


def test_the_real_set_keeps_addresses_queries_and_labels_only():
    labelled = real_labels()
    assert len(labelled["dev"]) + len(labelled["heldout"]) >= 20 and len(labelled["heldout"]) >= 8
    languages = [lab["language"] for part in labelled.values() for lab in part]
    assert languages.count("ar") >= 10
    for part in labelled.values():
        for lab in part:
            assert lab["url"].startswith("http") and lab["query"] and re.fullmatch(r"[0-9a-f]{64}", lab["text_sha256"])
            assert set(lab) <= {"id", "url", "query", "language", "year", "issuer", "kind", "text_sha256", "places",
                                "not_places"}
            for place in lab["places"]:
                assert place["surface"] and place["count"] >= 1
                assert place["admin1_pcode"] in ADMIN1_BY_PCODE or place["admin1_pcode"] == ""
                assert len(place["surface"]) <= 60  # a name, not a passage


def test_the_real_scorer_counts_spans_governorates_and_missing_texts(tmp_path):
    text = "Shelling hit Idlib and the village of Nowhereville. Aid reached Hama."
    (tmp_path / "r99.txt").write_text(text, encoding="utf-8")
    real = tmp_path / "real"
    (real / "dev").mkdir(parents=True)
    (real / "heldout").mkdir()
    label = {"id": "r99", "url": "https://example.org", "query": "q", "language": "en", "year": 2020, "issuer": "x",
             "kind": "news", "text_sha256": hashlib.sha256(text.encode()).hexdigest(), "not_places": [],
             "places": [{"surface": "Idlib", "count": 1, "name": "Idlib", "kind": "city", "admin1_pcode": "SY07"},
                        {"surface": "Hama", "count": 1, "name": "Hama", "kind": "city", "admin1_pcode": "SY04"},
                        {"surface": "Nowhereville", "count": 1, "name": "?", "kind": "village", "admin1_pcode": ""}]}
    (real / "dev" / "r99.json").write_text(json.dumps(label), encoding="utf-8")
    (real / "dev" / "r98.json").write_text(json.dumps({**label, "id": "r98"}), encoding="utf-8")
    part = evaluate_real(GAZETTEER, tmp_path, real)["dev"]
    assert part.statements == 1 and part.missing == ["r98"]
    assert (part.places.true_positives, part.places.predicted, part.places.labelled) == (2, 2, 3)
    # Hama is in SY05, not the SY04 this label says: counted as a wrong governorate
    assert (part.places.resolved_right, part.places.resolved_checked) == (1, 2)
    assert part.details["r99"]["missed_places"] == ["Nowhereville"]


def test_the_record_split_labels_statements_of_the_dataset():
    from atlas.dataset.loader import load_dataset
    from tests.helpers import DATA

    dataset = load_dataset(DATA)
    statements = dataset.statements.set_index("statement_id")
    corrections = dataset.corrections
    moved = corrections[(corrections["table"] == "statements") & (corrections["field"] == "source_url")]
    was = {(r, old) for r, old in zip(moved["record_id"], moved["old_value"])}  # the address it was read at, since corrected
    record = real_labels()["record"]
    assert len(record) >= 100
    for lab in record:
        assert lab["id"] in statements.index
        assert lab["url"] == statements.loc[lab["id"], "source_url"] or (lab["id"], lab["url"]) in was
