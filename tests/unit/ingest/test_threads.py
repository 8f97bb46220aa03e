"""Ingest proposes threads: ranked by shared words and category, scored, never assigned."""
from __future__ import annotations

import csv
import json
import subprocess
import sys

from atlas.dataset.validate import validate
from atlas.ingest.draft import apply_draft, propose
from atlas.ingest.extract import category
from atlas.ingest.threads import CATEGORY_BONUS, evaluate_ranking, thread_index, words
from tests.helpers import ROOT, STATEMENT, code_threads, fill

THREADS = [
    {"thread_id": "sieges", "title": "Lift the sieges and let food in", "category": "end-sieges-displacement",
     "description": "Besieged towns opened to convoys."},
    {"thread_id": "transition", "title": "A political transition under resolution 2254",
     "category": "political-transition", "description": "A transitional governing body and elections."},
    {"thread_id": "detainees", "title": "Release the detainees", "category": "governance-rights",
     "description": "Prisons opened and the fate of the missing told."},
]
DEMANDS = [
    {"thread_id": "sieges", "demand": "End the siege of Madaya.", "quote": "the starvation siege of Madaya must end",
     "category": "end-sieges-displacement"},
    {"thread_id": "sieges", "demand": "Let aid convoys into Madaya.", "quote": "رفع الحصار عن مضايا",
     "category": "end-sieges-displacement"},
    {"thread_id": "transition", "demand": "Implement resolution 2254.",
     "quote": "a transition in line with resolution 2254", "category": "political-transition"},
    {"thread_id": "", "demand": "Unthreaded.", "quote": "something else entirely", "category": "ceasefire"},
]


def test_words_fold_case_arabic_article_and_plurals():
    assert words("The Sieges of MADAYA") == ["siege", "madaya"]
    assert words("الحصار") == words("حصار") == ["حصار"]
    assert "must" not in words("it must end")


def test_a_quote_ranks_the_thread_it_shares_words_with_first():
    index = thread_index(THREADS, DEMANDS)
    ranked = index.rank("We demand an end to the siege of Madaya so that food can enter", "humanitarian-aid")
    assert ranked[0].thread_id == "sieges" and ranked[0].score > 0
    assert [m.thread_id for m in ranked] == sorted([m.thread_id for m in ranked],
                                                  key=lambda t: -next(m.score for m in ranked if m.thread_id == t))
    arabic = index.rank("يجب رفع الحصار فورا", "")  # found through the Arabic quote already in it
    assert arabic[0].thread_id == "sieges"


def test_the_category_breaks_ties_and_alone_still_offers_its_threads():
    index = thread_index(THREADS, DEMANDS)
    ranked = index.rank("no shared vocabulary here", "governance-rights")
    assert [(m.thread_id, m.score) for m in ranked] == [("detainees", CATEGORY_BONUS)]
    assert index.rank("no shared vocabulary here", "ceasefire") == []
    assert thread_index([], DEMANDS).rank("siege of Madaya") == []


def test_leave_one_out_takes_the_demand_out_of_its_own_thread():
    # the only words linking this demand to its thread are its own: once left out, it cannot be found
    threads = [{"thread_id": "a", "title": "Alpha", "category": "ceasefire", "description": ""},
               {"thread_id": "b", "title": "Bravo", "category": "ceasefire", "description": ""}]
    demands = [{"thread_id": "a", "demand": "zebra", "quote": "zebra giraffe", "category": "ceasefire"},
               {"thread_id": "b", "demand": "bravo", "quote": "bravo words", "category": "ceasefire"}]
    score = evaluate_ranking(threads, demands, lambda quote: "")
    assert score.demands == 2
    assert score.first == 1  # "bravo" still finds thread b by its title; "zebra giraffe" finds nothing
    assert score.in_top == 1


def test_evaluation_counts_hits_on_a_coded_set():
    score = evaluate_ranking(THREADS, DEMANDS, category)
    assert score.demands == 3
    assert 0 <= score.first <= score.in_top <= score.demands
    assert score.first >= 2  # the Madaya siege and the 2254 quotes find their own threads


def test_a_draft_offers_ranked_threads_and_assigns_none(tmp_path, data_copy):
    text = tmp_path / "statement.txt"
    text.write_text(STATEMENT, encoding="utf-8")
    code_threads(data_copy, "thread_id,title,category,description,place_ids,addressee_ids\n"
                 "test-sieges,End the sieges of Madaya and al-Waer,end-sieges-displacement,"
                 "Besieged areas opened to humanitarian access.,madaya,\n", {}, [])
    draft = propose(text, data_copy)
    siege = draft["demands"][0]
    assert siege["thread_id"] == "" and siege["thread_candidates"][0]["thread_id"] == "test-sieges"
    assert 0 < siege["thread_candidates"][0]["score"] <= 1 + CATEGORY_BONUS

    fill(draft)
    draft["demands"][0]["thread_id"] = "no-such-thread"
    problems, _ = apply_draft(draft, data_copy)
    assert any("thread_id" in str(p) and "no-such-thread" in str(p) for p in problems)
    draft["demands"][0]["thread_id"] = "test-sieges"
    problems, _ = apply_draft(draft, data_copy)
    assert problems == [] and validate(data_copy) == []
    assert "test-sieges" in (data_copy / "demands.csv").read_text(encoding="utf-8")


def test_the_command_reports_the_ranking_and_refuses_a_folder_with_none(tmp_path, data_copy):
    code_threads(data_copy, "thread_id,title,category,description,place_ids,addressee_ids\n"
                 "test-sieges,Lift the sieges,end-sieges-displacement,Besieged areas opened.,,\n",
                 {"test-sieges": _siege_demands(data_copy)}, [])

    def run(folder):
        return subprocess.run([sys.executable, "-m", "atlas", "eval-threads", "--data-dir", str(folder)], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)

    result = run(data_copy)
    assert result.returncode == 0, result.stderr
    assert "leave-one-out over 3 hand-coded demands" in result.stdout and "ranked first" in result.stdout
    (data_copy / "threads.csv").unlink()
    refused = run(data_copy)
    assert refused.returncode == 2 and "threads.csv" in refused.stderr and "Traceback" not in refused.stderr


def _siege_demands(data_dir) -> list[str]:
    with (data_dir / "demands.csv").open(encoding="utf-8", newline="") as handle:
        return [r["demand_id"] for r in csv.DictReader(handle) if r["category"] == "end-sieges-displacement"][:3]


def test_json_proposal_names_the_candidates(tmp_path, data_copy):
    text = tmp_path / "statement.txt"
    text.write_text(STATEMENT, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "atlas", "ingest", str(text), "--json", "--data-dir", str(data_copy)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert all("thread_candidates" in d for d in json.loads(out.stdout)["demands"])
