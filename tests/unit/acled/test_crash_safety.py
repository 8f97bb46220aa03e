"""An import-acled process killed at any moment leaves the previous layer whole and the dataset valid."""
from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from atlas.acled.importer import import_export
from atlas.acled.layer import load_layer
from atlas.acled.store import read_manifest
from atlas.dataset.validate import validate
from bench.synth import write_csv
from tests.helpers import FIXTURE, ROOT


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
