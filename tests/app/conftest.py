"""AppTest fixtures: every cache fresh for each test, on the frozen fixture dataset, and the bytes of downloads."""
from __future__ import annotations

import pytest
import streamlit

from tests.helpers import FIXTURE


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
