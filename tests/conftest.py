"""Shared fixtures: paths to the bundled data and a writable copy of it."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# A frozen copy of data/ with the two seed statements: for tests that expect exact counts.
FIXTURE = ROOT / "tests" / "fixtures" / "seed_dataset"
SEEDS = ROOT.parent / "shared" / "seeds"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
