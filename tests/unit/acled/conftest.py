"""Fixtures of the ACLED tests: a fresh copy of the fixture dataset to import into."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXTURE


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target
