"""AppTest helpers: a fresh cache per test and the bytes behind download buttons."""
from __future__ import annotations

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from tests.conftest import FIXTURE, ROOT

PAGES = {"Overview": "dashboard.py", "Map": "pages/1_Map.py", "Timeline": "pages/2_Timeline.py",
         "Demands": "pages/3_Demands.py", "Statements": "pages/4_Statements.py", "Events": "pages/5_Events.py", "About": "pages/6_About.py"}


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
    """File name -> bytes of every download button rendered during the test."""
    captured: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, (bytes, str)):
            captured[filename] = path_or_data if isinstance(path_or_data, bytes) else path_or_data.encode()
        return original(self, path_or_data, mimetype, kind, filename)

    def record_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        # Buttons that build their file on click: build it now, as the click would.
        data = data_callable()
        captured[file_name] = data if isinstance(data, bytes) else data.encode()
        return original_deferred(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    original_deferred = MediaFileManager.add_deferred
    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    return captured


def app(page: str = "Overview", **params) -> AppTest:
    """An AppTest on the entry script, switched to ``page``, with URL parameters set."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    if page != "Overview":
        at.switch_page(PAGES[page])
    for key, value in params.items():
        at.query_params[key] = value
    return at
