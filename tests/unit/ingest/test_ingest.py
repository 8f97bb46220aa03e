"""The ingest command end to end: propose, review, apply; a failed apply changes nothing."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from atlas.dataset.loader import load_dataset
from atlas.dataset.validate import validate
from atlas.ingest.draft import apply_draft, draft_rows, propose
from geo import files
from tests.helpers import ROOT, SEEDS, STATEMENT, fill


def run(*args, cwd=ROOT, env_dir=None):
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    if env_dir:
        env["ATLAS_DATA_DIR"] = str(env_dir)
    return subprocess.run([sys.executable, "-m", "atlas", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def statement_file(tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    return path


def test_json_proposal_has_the_contracted_fields(statement_file, data_copy):
    result = run("ingest", str(statement_file), "--json", env_dir=data_copy)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["statement"]["date"] == "2015-12-04" and out["statement"]["issuer_ids"] == ["snc", "fsa"]
    assert out["statement"]["date_locale"].startswith("en-GB")
    assert {m["place_id"] for m in out["mentions"]} == {"madaya", "al-waer", "homs", "douma"}
    for m in out["mentions"]:
        assert STATEMENT[m["start"]:m["end"]] == m["surface"]
        assert {"name", "lat", "lon", "confidence"} <= set(m)
    acts = [d["speech_act"] for d in out["demands"]]
    assert acts == ["demand", "appeal", "condemnation"]
    assert all({"quote", "category", "addressee_ids", "place_ids"} <= set(d) for d in out["demands"])
    assert out["demands"][1]["addressee_ids"] == ["issg"]
    assert "Syria" not in [m["surface"] for m in out["mentions"]]


def test_an_ambiguous_mention_is_listed_with_its_candidates_and_no_position(tmp_path, data_copy):
    path = tmp_path / "ambiguous.txt"
    path.write_text("Shelling hit the village of Rumaylan on Monday, the council said.", encoding="utf-8")
    result = run("ingest", str(path), "--json", env_dir=data_copy)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    [mention] = json.loads(result.stdout)["mentions"]
    assert mention["status"] == "ambiguous" and mention["place_id"] is None and mention["surface"] == "Rumaylan"
    assert "lat" not in mention and len(mention["candidates"]) > 1
    assert all(c["place_id"] and c["governorate"] for c in mention["candidates"])


EVAL_TEXTS = sorted((ROOT / "eval").glob("*/*.txt")) + sorted((ROOT / ".cache" / "real-eval").glob("*.txt"))


def test_every_evaluation_text_goes_through_ingest_json(data_copy, monkeypatch, capsys):
    """Our own evaluation set always, and the real statements where their texts have been gathered
    (.cache/real-eval): each gives a JSON proposal, never a traceback."""
    from atlas.__main__ import main

    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_copy))
    assert len(EVAL_TEXTS) >= 24
    for path in EVAL_TEXTS:
        assert main(["ingest", str(path), "--json"]) == 0, path.name
        out = json.loads(capsys.readouterr().out)
        text = path.read_text(encoding="utf-8")
        for m in out["mentions"]:
            assert m["status"] in {"resolved", "ambiguous"} and text[m["start"]:m["end"]] == m["surface"], path.name


def test_html_input(tmp_path, data_copy):
    path = tmp_path / "page.html"
    path.write_text("<html><head><title>Statement on Aleppo</title><script>var x='Homs';</script></head>"
                    "<body><p>We urge all parties to protect civilians in <b>Aleppo</b>.</p></body></html>",
                    encoding="utf-8")
    out = json.loads(run("ingest", str(path), "--json", env_dir=data_copy).stdout)
    assert out["statement"]["title"] == "Statement on Aleppo"
    assert [m["surface"] for m in out["mentions"]] == ["Aleppo"]  # nothing from the script


def test_bad_input_is_reported(tmp_path, data_copy):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Statement from Ma\xe2arat".encode("latin-1"))
    result = run("ingest", str(bad), env_dir=data_copy)
    assert result.returncode == 2 and "is not UTF-8" in result.stderr
    assert run("ingest", str(tmp_path / "missing.txt"), env_dir=data_copy).returncode == 2


def test_review_and_apply_end_to_end(statement_file, data_copy, tmp_path):
    draft_path = tmp_path / "draft.json"
    result = run("ingest", str(statement_file), "--out", str(draft_path), env_dir=data_copy)
    assert result.returncode == 0 and "draft written" in result.stdout
    before = {p.name: p.read_bytes() for p in data_copy.glob("*.csv")}

    # unreviewed: refused, nothing written
    refused = run("ingest", "--apply", str(draft_path), env_dir=data_copy)
    assert refused.returncode == 1 and "TODO" in refused.stdout and "nothing was changed" in refused.stderr
    assert {p.name: p.read_bytes() for p in data_copy.glob("*.csv")} == before

    draft_path.write_text(json.dumps(fill(json.loads(draft_path.read_text()))), encoding="utf-8")
    applied = run("ingest", "--apply", str(draft_path), env_dir=data_copy)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    after = {p.name: p.read_bytes() for p in data_copy.glob("*.csv")}
    for name, old in before.items():
        assert after[name].startswith(old)  # nothing already there lost or reordered
    dataset = load_dataset(data_copy)
    new = dataset.statements.set_index("statement_id").loc["snc-fsa-2015-12-04"]
    assert new["issuer_ids"] == ("snc", "fsa")
    assert len(dataset.demands.query("statement_id == 'snc-fsa-2015-12-04'")) == 3
    places = set(dataset.mentions.query("statement_id == 'snc-fsa-2015-12-04'")["place_id"])
    assert places == {"madaya", "al-waer", "homs", "douma"}

    again = run("ingest", "--apply", str(draft_path), env_dir=data_copy)  # ids must stay unique
    assert again.returncode == 1 and "duplicate id" in again.stdout


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed texts not present")
def test_seed_statement_undated_is_flagged(data_copy):
    draft = propose(SEEDS / "002_330b1004dd305c60.txt", data_copy)
    assert draft["statement"]["date"] == "" and draft["statement"]["notes"].startswith("TODO")
    assert draft["statement"]["issuer_ids"] == ["snc", "fsa", "rebel-groups"]


def test_places_known_only_to_geonames_become_curated_rows(tmp_path, data_copy):
    path = tmp_path / "qaryatayn.txt"
    path.write_text("Statement, 3 March 2017\n\nThe Syrian National Coalition said that shelling of al-Qaryatayn must "
                    "stop immediately.\n", encoding="utf-8")
    draft = fill(propose(path, data_copy))
    assert [m["place_id"] for m in draft["mentions"]] == ["geonames:173361"]
    problems, added = apply_draft(draft, data_copy)
    assert problems == [] and added["places"] == 1
    dataset = load_dataset(data_copy)
    row = dataset.places.set_index("place_id").loc["al-qaryatayn"]
    assert row["geonames_id"] == 173361 and row["admin1_pcode"] == "SY04" and row["coord_source"] == "GeoNames 173361"
    assert row["admin2_pcode"] == "SY0401" and row["place_type"] == "town"  # Homs district, from the gazetteer
    assert set(dataset.mentions.query("statement_id == 'snc-2017-03-03'")["place_id"]) == {"al-qaryatayn"}


def test_a_new_event_at_a_gazetteer_place_adopts_it_once(tmp_path, data_copy):
    path = tmp_path / "qaryatayn.txt"
    path.write_text("Statement, 3 March 2017\n\nThe Syrian National Coalition said that shelling of al-Qaryatayn must "
                    "stop immediately.\n", encoding="utf-8")
    draft = fill(propose(path, data_copy))
    draft["new_events"] = [{"event_id": "qaryatayn-shelling-2017", "title": "Shelling of al-Qaryatayn", "event_type":
                            "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
                            "date": "2017-03-02", "date_end": "", "time_precision": 1,
                            "place_ids": ["geonames:173361"], "actor_ids": [], "description": "Shelling.",
                            "source_ids": ["src-wikipedia-1970-coup"], "notes": ""}]
    problems, added = apply_draft(draft, data_copy)
    assert problems == [] and added["places"] == 1
    dataset = load_dataset(data_copy)
    assert dataset.events.set_index("event_id").loc["qaryatayn-shelling-2017", "place_ids"] == ("al-qaryatayn",)


def test_an_ambiguous_place_waits_for_the_curator(tmp_path, data_copy):
    path = tmp_path / "rumaylan.txt"
    path.write_text("Statement, 3 March 2017\n\nThe Syrian National Coalition said that the shelling of the village "
                    "of Rumaylan must stop.\n", encoding="utf-8")
    draft = fill(propose(path, data_copy))
    [mention] = [m for m in draft["mentions"] if m["surface"] == "Rumaylan"]
    assert mention["place_id"].startswith("TODO: choose one of geonames:")
    assert len(mention["candidates"]) >= 3 and all(c["admin2_pcode"] for c in mention["candidates"])
    problems, _ = apply_draft(draft, data_copy)
    assert any(p.field == "place_id" and "placeholder" in p.message for p in problems)
    mention["place_id"] = mention["candidates"][0]["place_id"]  # the curator chooses
    problems, added = apply_draft(draft, data_copy)
    assert problems == [] and added["places"] == 1


def test_mentions_group_by_surface_and_place_with_counts_and_notes():
    draft = {"statement": {"statement_id": "x-2020-01-01", "issuer_ids": ["snc"]},
             "mentions": [{"surface": "Homs", "place_id": "homs"}, {"surface": "Homs", "place_id": "homs"},
                          {"surface": "al-Khalidiya", "place_id": "homs", "count": 3, "notes": "a neighbourhood"},
                          {"surface": "Homs", "place_id": "gov-homs", "skip": True}]}
    rows = draft_rows(draft)["mentions"]
    assert [(r["surface"], r["place_id"], r["count"], r["notes"]) for r in rows] == \
        [("Homs", "homs", 2, ""), ("al-Khalidiya", "homs", 3, "a neighbourhood")]
    assert [r["mention_id"] for r in rows] == ["x-2020-01-01-m01", "x-2020-01-01-m02"]


def test_an_adopted_district_is_named_as_one(tmp_path):
    import shutil

    from atlas.ingest.draft import adopt_gazetteer_places
    from tests.helpers import FIXTURE

    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    draft = {"statement": {"statement_id": "x"}, "mentions": [{"surface": "Jableh", "place_id": "adm2:SY0602"}]}
    adopted = adopt_gazetteer_places(draft, data)
    row = adopted["new_places"][0]
    assert (row["place_id"], row["name"], row["name_ar"]) == ("jableh-district", "Jableh District", "منطقة جبلة")
    assert adopted["mentions"][0]["place_id"] == "jableh-district"
