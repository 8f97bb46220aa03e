"""AppTest fixtures: every cache fresh for each test, on the frozen fixture dataset, and the bytes of downloads."""
from __future__ import annotations

import shutil

import pytest
import streamlit

from tests.helpers import FIXTURE, ROOT

ACLED_EXPORT = ROOT / "tests" / "fixtures" / "acled" / "export.csv"


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    from atlas.ui import _cached_choices, _cached_dataset, _cached_layer, _cached_rows

    caches = (_cached_dataset, _cached_choices, _cached_layer, _cached_rows)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(FIXTURE))
    for cache in caches:
        cache.clear()
    yield
    for cache in caches:
        cache.clear()


@pytest.fixture
def downloads(monkeypatch):
    """File name -> bytes of every download button rendered during the test.

    AppTest shows a download button's label but not its file, so this wraps Streamlit's public
    ``st.download_button`` (through which every page's downloads go, via ``atlas.ui.download_buttons``)
    and records what it is given; a file built on click is built here, as the click would.
    """
    captured: dict[str, bytes] = {}
    original = streamlit.download_button

    def record(label, data, file_name=None, *args, **kwargs):
        content = data() if callable(data) else data
        captured[file_name] = content if isinstance(content, bytes) else content.encode()
        return original(label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(streamlit, "download_button", record)
    return captured


@pytest.fixture
def layered(tmp_path, monkeypatch):
    """A copy of the fixture dataset with tests/fixtures/acled/export.csv imported as its ACLED layer."""
    from atlas.acled.importer import import_export

    data_dir = tmp_path / "data"
    shutil.copytree(FIXTURE, data_dir)
    import_export(ACLED_EXPORT, data_dir)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_dir))
    return data_dir
