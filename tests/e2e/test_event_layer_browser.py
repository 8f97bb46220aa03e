"""The imported ACLED layer in a real browser: drawn offline, with tooltips, and switchable."""
from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from atlas.acled.importer import import_export
from bench.server import Server
from tests.helpers import (
    FIXTURE,
    MAP,
    ROOT,
    assert_no_error_shown,
    open_page,
    synthetic_layer,
    wait_until_settled,
)

LAYER_NAME = "ACLED events (per place)"


EXPORT = ROOT / "tests" / "fixtures" / "acled" / "export.csv"


def _layered(tmp_path_factory, name: str, env: dict | None = None):
    folder = tmp_path_factory.mktemp(name)
    data_dir = folder / "data"
    shutil.copytree(FIXTURE, data_dir)
    import_export(EXPORT, data_dir)
    return Server(data_dir, folder / "streamlit.log", env=env)


@pytest.fixture(scope="module")
def layered_server(tmp_path_factory):
    srv = _layered(tmp_path_factory, "layered")
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def public_server(tmp_path_factory):
    srv = _layered(tmp_path_factory, "public", env={"ATLAS_PUBLIC": "1"})
    yield srv
    srv.stop()


def test_layer_is_drawn_offline_and_can_be_switched_off(layered_server, page):
    errors = open_page(page, layered_server, "Map")
    page.wait_for_selector(MAP, timeout=30_000)
    frame = page.locator(MAP).first
    sites = frame.locator("path[data-acled-site]")
    sites.first.wait_for(timeout=30_000)
    assert sites.count() == 8  # nine events, two of them at Idlib
    wait_until_settled(page)  # nothing above the map moves it any more
    frame.locator('path[data-acled-site="Badiya desert point"]').hover(force=True)
    tooltip = frame.locator(".leaflet-tooltip", has_text="Badiya desert point")
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


def test_a_public_deployment_shows_counts_and_no_acled_row(public_server, page):
    notes = [line.split(",")[0] for line in EXPORT.read_text(encoding="utf-8").splitlines()[1:] if line[:3] == "SYR"]
    errors = open_page(page, public_server, "Events")
    page.get_by_text("Events by place").wait_for(timeout=30_000)
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Counts by place (CSV)").click()
    counted = open(info.value.path(), encoding="utf-8-sig").read()
    assert "Idlib" in counted and [n for n in notes if n in counted] == []
    body = page.locator("body").inner_text()
    assert "This deployment is public" in body and "Notes (ACLED)" not in body
    assert [n for n in notes if n in body] == []  # no ACLED event id on the page
    open_page(page, public_server, "Map")
    frame = page.locator(MAP).first
    site = frame.locator('path[data-acled-site="Idlib"]')
    site.wait_for(timeout=30_000)
    site.dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "2 ACLED event(s)" in popup.inner_text() and "Clashes between" not in popup.inner_text()
    assert_no_error_shown(page)
    assert not errors and page.blocked_requests == []


@pytest.fixture(scope="module")
def crowded_server(tmp_path_factory):
    """A layer of 20,000 synthetic events over thousands of sites: more than the SVG renderer is given."""
    folder = tmp_path_factory.mktemp("crowded")
    data_dir = synthetic_layer(folder, 20_000, seed=11)
    srv = Server(data_dir, folder / "streamlit.log")
    srv.data_dir = data_dir
    yield srv
    srv.stop()


def test_thousands_of_sites_are_all_drawn_on_a_canvas(crowded_server, page):
    from atlas.acled.layer import load_layer, map_sites, select
    from atlas.filters import Filters
    from geo.maps.view import CANVAS_SITES

    layer = load_layer(crowded_server.data_dir)
    expected = len(map_sites(layer, select(layer, Filters()))["code"])
    assert expected > CANVAS_SITES
    errors = open_page(page, crowded_server, "Map")
    page.wait_for_selector(MAP, timeout=30_000)
    frame = page.locator(MAP).first
    frame.locator(f'.leaflet-container[data-acled-sites="{expected}"]').wait_for(timeout=30_000)
    assert frame.locator(".leaflet-overlay-pane canvas").count() >= 1
    assert frame.locator("path[data-acled-site]").count() == 0  # none as an SVG path
    assert_no_error_shown(page)
    assert not errors and page.blocked_requests == []


@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080)])
def test_the_briefing_sets_acled_events_beside_what_was_said_and_packs_it(layered_server, page, width, height):
    import io

    from pypdf import PdfReader

    from tests.helpers import changes_while_watching

    page.set_viewport_size({"width": width, "height": height})
    errors = open_page(page, layered_server, "Briefing?since=2016-01-01")
    assert not errors and page.blocked_requests == []
    page.get_by_text("ACLED events at the places the new statements name").first.wait_for(timeout=30_000)
    assert changes_while_watching(page, 5) == []
    page.get_by_text("A4 pages").click()
    wait_until_settled(page)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Download the briefing pack (PDF, A4 pages)").click()
    reader = PdfReader(io.BytesIO(open(info.value.path(), "rb").read()))
    words = "\n".join(p.extract_text() for p in reader.pages)
    assert "ACLED events at the places the new statements name" in words and "Who has met what" in words
    assert float(reader.pages[0].mediabox.height) > float(reader.pages[0].mediabox.width)  # A4, upright
    assert changes_while_watching(page, 5) == []
    assert_no_error_shown(page)


@pytest.fixture(scope="module")
def bundled_layered(tmp_path_factory):
    """The bundled record (its threads, deadlines and ceased addressees) with synthetic ACLED events imported."""
    from bench.synth import write_csv
    from tests.helpers import DATA

    folder = tmp_path_factory.mktemp("bundled-layered")
    data_dir = folder / "data"
    shutil.copytree(DATA, data_dir)
    import_export(write_csv(20_000, folder / "synthetic.csv", seed=11), data_dir)
    srv = Server(data_dir, folder / "streamlit.log")
    yield srv
    srv.stop()


def test_a_thread_filters_the_map_and_the_briefing_keeps_its_scorecard_with_a_layer(bundled_layered, page):
    from atlas.dataset.loader import load_dataset
    from tests.helpers import DATA, changes_while_watching

    record = load_dataset(DATA)
    thread = record.thread_updates.loc[record.thread_updates["status"] == "partly-met", "thread_id"].iloc[-1]
    page.set_viewport_size({"width": 1280, "height": 720})
    errors = open_page(page, bundled_layered, f"Map?thread={thread}")
    assert not errors and page.blocked_requests == []
    frame = page.locator(MAP).first
    frame.locator("path[data-place]").first.wait_for(timeout=30_000)
    assert f"thread={thread}" in page.url
    assert changes_while_watching(page, 5) == []
    page.get_by_role("link", name="Briefing").first.click()
    page.wait_for_function("() => location.pathname.endsWith('/Briefing')", timeout=30_000)
    wait_until_settled(page)
    assert f"thread={thread}" in page.url
    page.get_by_text("ACLED events at the places the new statements name").first.wait_for(timeout=30_000)
    page.get_by_text("Who has met what").first.wait_for(timeout=30_000)
    page.get_by_text("Overdue asks").first.wait_for(timeout=30_000)
    assert changes_while_watching(page, 5) == []
    assert_no_error_shown(page)


@pytest.mark.parametrize("path", ["Events", "Map", "Timeline", "Statements", "Briefing"])
@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=["1920x1080", "1280x720"])
def test_with_a_layer_the_pages_read_in_arabic(layered_server, page, path, size):
    from tests.e2e.test_arabic_browser import english_left, open_arabic

    shown, errors = open_arabic(page, layered_server, path, size)
    assert_no_error_shown(page)
    assert not errors and shown["direction"] == "rtl"
    assert shown["wide"] <= shown["window"] + 1
    assert english_left(shown) == []


@pytest.mark.parametrize("path", ["Events", "Map"])
def test_a_public_deployment_reads_in_arabic(public_server, page, path):
    from tests.e2e.test_arabic_browser import english_left, open_arabic

    shown, errors = open_arabic(page, public_server, path, (1280, 720))
    assert_no_error_shown(page)
    assert not errors and english_left(shown) == []
