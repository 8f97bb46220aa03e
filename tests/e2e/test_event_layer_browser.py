"""The imported ACLED layer in a real browser: drawn offline, with tooltips, and switchable."""
from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from atlas.acled.importer import import_export
from bench.server import Server
from tests.helpers import FIXTURE, MAP_FRAME, ROOT, assert_no_error_shown, open_page

LAYER_NAME = "ACLED events (per place)"


@pytest.fixture(scope="module")
def layered_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layered")
    data_dir = folder / "data"
    shutil.copytree(FIXTURE, data_dir)
    import_export(ROOT / "tests" / "fixtures" / "acled" / "export.csv", data_dir)
    srv = Server(data_dir, folder / "streamlit.log")
    yield srv
    srv.stop()


def test_layer_is_drawn_offline_and_can_be_switched_off(layered_server, page):
    errors = open_page(page, layered_server, "Map")
    page.wait_for_selector(MAP_FRAME, timeout=30_000)
    frame = page.frame_locator(MAP_FRAME).first
    sites = frame.locator("path[data-acled-site]")
    sites.first.wait_for(timeout=30_000)
    assert sites.count() == 8  # nine events, two of them at Idlib
    frame.locator('path[data-acled-site="Badiya desert point"]').hover(force=True)
    tooltip = frame.locator(".leaflet-tooltip").last
    tooltip.wait_for()
    assert "Badiya desert point" in tooltip.inner_text() and "1 ACLED event(s), 4 fatalities" in tooltip.inner_text()
    frame.locator(".leaflet-control-layers label", has_text=LAYER_NAME).locator("input").uncheck()
    assert sites.count() == 0
    assert frame.locator("path[data-place]").count() > 0  # the curated places stay
    assert_no_error_shown(page)
    assert not errors and page.blocked_requests == []


def test_events_page_lists_the_layer(layered_server, page):
    open_page(page, layered_server, "Events?gov=gov-idleb")
    page.get_by_text("Reported fatalities").wait_for()
    # the page may still be drawing its first run; the count must settle on Idlib's three events
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("3", timeout=15_000)
    assert "gov=gov-idleb" in page.url  # the link keeps its filter
    page.get_by_role("button", name="CSV (UTF-8)").wait_for()
    assert_no_error_shown(page)
