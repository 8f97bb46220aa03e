"""A process killed at any moment of an import or an ingest leaves the previous data whole and valid."""
from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from atlas.acled import import_export, read_manifest
from atlas.eventlayer import load_layer
from atlas.validate import validate
from bench.synth import write_csv
from tests.conftest import FIXTURE, ROOT


@pytest.fixture(scope="module")
def big_export(tmp_path_factory):
    return write_csv(40_000, tmp_path_factory.mktemp("crash") / "big.csv", seed=5)


def test_killed_imports_leave_the_previous_layer(tmp_path, big_export):
    data_dir = tmp_path / "data"
    shutil.copytree(FIXTURE, data_dir)
    import_export(ROOT / "tests" / "fixtures" / "acled" / "export.csv", data_dir)
    command = [sys.executable, "-m", "atlas", "import-acled", str(big_export), "--data-dir", str(data_dir)]
    start = time.monotonic()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)  # how long a whole import takes
    duration = time.monotonic() - start
    finished = read_manifest(data_dir)["events"]
    import_export(ROOT / "tests" / "fixtures" / "acled" / "export.csv", data_dir)  # back to the small layer
    rng = random.Random(11)
    outcomes = set()
    for attempt in range(8):
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * (0.4 + 0.6 * rng.random()))  # past the start-up, into reading, indexing, writing
        process.send_signal(signal.SIGKILL)
        process.wait()
        layer = load_layer(data_dir)  # never torn: the old layer or, if the kill came late, the new one
        assert len(layer) in (9, 40_000)
        outcomes.add(len(layer))
        assert validate(data_dir) == []
        if len(layer) == 40_000:
            import_export(ROOT / "tests" / "fixtures" / "acled" / "export.csv", data_dir)
    assert 9 in outcomes, "no kill landed before the import finished"
    assert finished  # the uninterrupted import did finish


def test_killed_ingests_leave_a_valid_dataset(tmp_path, data_copy):
    """`ingest --apply` killed at random moments: the dataset stays valid, with the statement wholly or not at all."""
    from atlas.dataset import load_dataset
    from atlas.ingest import propose
    from tests.unit.test_ingest import STATEMENT, fill

    source = tmp_path / "statement.txt"
    source.write_text(STATEMENT, encoding="utf-8")
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps(fill(propose(source, data_copy))), encoding="utf-8")
    pristine = {p.name: p.read_bytes() for p in data_copy.glob("*.csv")}
    command = [sys.executable, "-m", "atlas", "ingest", "--apply", str(draft), "--data-dir", str(data_copy)]
    start = time.monotonic()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    duration = time.monotonic() - start
    rng = random.Random(5)
    for attempt in range(10):
        for name, content in pristine.items():
            (data_copy / name).write_bytes(content)
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * (0.5 + 0.5 * rng.random()))  # validation, then the writes
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert validate(data_copy) == [], attempt
        dataset = load_dataset(data_copy)
        demands = dataset.demands.query("statement_id == 'snc-fsa-2015-12-04'")
        assert len(demands) in (0, 3)  # a statement's demands arrive together or not at all
