"""The Threads page in a real browser, on the bundled record: the list, picking a thread, its shared address
and its small map, offline."""
from __future__ import annotations

import pytest

from atlas.dataset.loader import load_dataset
from atlas.filters import Filters, apply_filters
from atlas.views.threads import thread_list
from bench.server import Server
from tests.helpers import DATA, assert_no_error_shown, open_page, wait_until_settled

RECORD = load_dataset(DATA)


@pytest.fixture(scope="module")
def record_server(tmp_path_factory):
    srv = Server(DATA, tmp_path_factory.mktemp("record-server") / "streamlit.log")
    yield srv
    srv.stop()


def _title(thread_id: str) -> str:
    return RECORD.threads.set_index("thread_id").at[thread_id, "title"]


def test_picking_a_thread_in_the_list_opens_it_and_names_it_in_the_address(record_server, page):
    errors = open_page(page, record_server, "Threads")
    assert_no_error_shown(page)
    assert not errors and page.blocked_requests == []
    page.get_by_text("Addressee ledger").first.wait_for(timeout=30_000)
    picked = thread_list(RECORD, apply_filters(RECORD, Filters())).at[1, "thread_id"]
    assert f"thread={picked}" not in page.url  # the page opened on the first
    # the list's second row: a click on its checkbox cell selects it (the grid is a canvas)
    grid = page.locator('[data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 35 + 17)
    page.wait_for_function("(id) => new URLSearchParams(location.search).get('thread') === id", arg=picked,
                           timeout=30_000)
    wait_until_settled(page)
    page.get_by_role("heading", name=_title(picked)).wait_for(timeout=30_000)
    frame = page.locator('.atlas-map-box').first
    frame.locator("path.leaflet-interactive").first.wait_for(timeout=30_000)  # its map, with no internet
    assert page.blocked_requests == []

    page.reload(wait_until="domcontentloaded")  # the address keeps the thread
    wait_until_settled(page)
    page.get_by_role("heading", name=_title(picked)).wait_for(timeout=30_000)


def test_a_shared_link_opens_its_thread_under_its_filters(record_server, page):
    thread = RECORD.thread_updates.loc[RECORD.thread_updates["status"] != "raised", "thread_id"].iloc[-1]
    raised = int((RECORD.demands["thread_id"] == thread).sum())
    errors = open_page(page, record_server, f"Threads?thread={thread}&from=2011-01-01&to=2013-12-31")
    assert not errors
    page.get_by_role("heading", name=_title(thread)).wait_for(timeout=30_000)
    page.get_by_role("heading", name=f"Who raised it ({raised})").wait_for(timeout=30_000)  # whole, whatever the dates
    page.get_by_text("status as of 31 Dec 2013").first.wait_for(timeout=30_000)
    assert "from=2011-01-01" in page.url and f"thread={thread}" in page.url
