"""What `ingest --apply` promises if it dies mid-way: the dataset still validates, each table the draft adds
to is whole or untouched, and the tables arrive in write order (referenced tables first), so a statement
may lack some of its rows but no row ever points at one that is not there."""
from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from atlas.dataset.validate import validate
from atlas.ingest.draft import WRITE_ORDER, apply_draft, propose
from geo import files
from tests.helpers import ROOT, STATEMENT, fill


@pytest.fixture
def draft(tmp_path, data_copy) -> dict:
    source = tmp_path / "statement.txt"
    source.write_text(STATEMENT, encoding="utf-8")
    reviewed = fill(propose(source, data_copy))
    reviewed["new_actors"] = [{"actor_id": "relief-network", "name": "Relief Network", "kind": "humanitarian"}]
    return reviewed


def _tables(data_dir: Path) -> dict[str, bytes]:
    return {name: (data_dir / f"{name}.csv").read_bytes() for name in WRITE_ORDER}


def _arrived(data_dir: Path, before: dict[str, bytes], after: dict[str, bytes], changed: list[str]) -> list[bool]:
    """For each table the draft adds to, in write order: did its new rows arrive? Each is whole or absent."""
    now = _tables(data_dir)
    for name in changed:
        assert now[name] in (before[name], after[name]), f"{name}.csv is torn"
    return [now[name] == after[name] for name in changed]


def _applied_once(draft: dict, data_dir: Path) -> tuple[dict, dict, list[str]]:
    """The tables before and after a whole apply, the ones it changes; then the dataset is put back."""
    before = _tables(data_dir)
    assert apply_draft(draft, data_dir)[0] == []
    after = _tables(data_dir)
    for name, content in before.items():
        (data_dir / f"{name}.csv").write_bytes(content)
    return before, after, [name for name in WRITE_ORDER if after[name] != before[name]]


@pytest.mark.parametrize("crash_at", [1, 2, 3, 4])
def test_a_crash_at_any_write_leaves_the_tables_before_it(draft, data_copy, tmp_path, monkeypatch, crash_at):
    before, after, changed = _applied_once(draft, data_copy)
    assert changed == ["actors", "statements", "mentions", "demands"]
    calls = []
    real = files.write_atomic

    def crash(path, text):
        calls.append(Path(path).name)
        if len(calls) == crash_at:
            raise KeyboardInterrupt("killed mid-apply")
        real(path, text)

    monkeypatch.setattr("atlas.dataset.edit.write_atomic", crash)
    with pytest.raises(KeyboardInterrupt):
        apply_draft(draft, data_copy)
    assert calls == [f"{name}.csv" for name in changed[:crash_at]]  # referenced tables go first
    assert validate(data_copy) == []
    assert _arrived(data_copy, before, after, changed) == [True] * (crash_at - 1) + [False] * (5 - crash_at)


def test_killed_ingests_leave_a_valid_dataset(draft, data_copy, tmp_path):
    """Real processes killed at random moments: always valid, and the draft's tables arrive in write order."""
    before, after, changed = _applied_once(draft, data_copy)
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(draft), encoding="utf-8")
    command = [sys.executable, "-m", "atlas", "ingest", "--apply", str(path), "--data-dir", str(data_copy)]
    start = time.monotonic()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    duration = time.monotonic() - start
    rng = random.Random(5)
    for attempt in range(10):
        for name, content in before.items():
            (data_copy / f"{name}.csv").write_bytes(content)
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * (0.5 + 0.5 * rng.random()))  # validation, then the writes
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert validate(data_copy) == [], attempt
        arrived = _arrived(data_copy, before, after, changed)
        assert arrived == sorted(arrived, reverse=True), (attempt, arrived)  # a prefix of the write order
