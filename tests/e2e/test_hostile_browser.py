"""Hostile text in a real browser: open every page, popups, tooltips and hovers; no script may run."""
from __future__ import annotations

import pytest

from atlas.acled.importer import import_export
from atlas.dataset.loader import load_dataset
from bench.server import Server
from tests import hostile
from tests.helpers import MAP, drawn_map, open_page, wait_until_settled

PAGES = ["", "Map", "Timeline", "Demands", "Threads", "Briefing", "Statements", "Events", "About"]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-server")
    data_dir = hostile.build(folder / "data")
    import_export(hostile.acled_export(folder / "acled.csv"), data_dir)
    srv = Server(data_dir, folder / "streamlit.log")
    srv.data_dir = data_dir
    yield srv
    srv.stop()


@pytest.fixture
def watched(page):
    """The page, with every dialog recorded (and dismissed)."""
    dialogs: list[str] = []

    def record(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    page.dialogs = dialogs
    return page


def assert_nothing_ran(page):
    assert page.dialogs == []
    for frame in page.frames:
        assert frame.evaluate("() => window.__pwned === undefined"), f"script ran in {frame.url}"
    assert page.blocked_requests == []  # no payload fetched anything either


def open_marker(marker):
    """Hover and click a marker through its own events: markers outside the view are drawn empty."""
    marker.dispatch_event("mouseover")
    marker.dispatch_event("click")


@pytest.mark.parametrize("path", PAGES, ids=[p or "Overview" for p in PAGES])
def test_pages_stay_inert(hostile_server, watched, path):
    errors = open_page(watched, hostile_server, path)
    assert watched.get_by_text("This app has encountered an error").count() == 0
    assert not [e for e in errors if "__pwned" in e]
    assert_nothing_ran(watched)


def test_statement_pages_stay_inert(hostile_server, watched):
    for statement_id in load_dataset(hostile_server.data_dir).statements["statement_id"]:
        open_page(watched, hostile_server, f"Statements?statement={statement_id}")
    assert_nothing_ran(watched)


def test_map_popups_and_tooltips_stay_inert(hostile_server, watched):
    # presentation mode: a click opens the popup and nothing else, so no rerun redraws the map under the test
    open_page(watched, hostile_server, "Map?present=1")
    watched.wait_for_selector(MAP, timeout=30_000)
    frame = watched.locator(MAP).first
    frame.locator("path[data-place]").first.wait_for(timeout=30_000)
    markers = frame.locator("path[data-place], path[data-acled-site]")
    assert markers.count() > 10
    for i in range(markers.count()):
        open_marker(markers.nth(i))
        popup = frame.locator(".leaflet-popup-content")
        assert popup.first.inner_text(timeout=10_000) != ""  # the text is there, as text
    assert frame.locator(".leaflet-tooltip").count() >= 1
    assert_nothing_ran(watched)


def test_timeline_hovers_stay_inert(hostile_server, watched):
    open_page(watched, hostile_server, "Timeline")
    chart = watched.locator(".js-plotly-plot").first
    chart.wait_for(timeout=30_000)
    for point in chart.locator("path.point").all()[:40]:
        point.hover(force=True)
    assert watched.locator(".hoverlayer").count() >= 1
    assert_nothing_ran(watched)


def test_thread_hovers_and_map_stay_inert(hostile_server, watched):
    open_page(watched, hostile_server, "Threads?thread=hostile-thread")
    chart = watched.locator(".js-plotly-plot").first
    chart.wait_for(timeout=30_000)
    points = chart.locator("path.point").all()
    assert len(points) >= 3  # raised, the event, the status change
    for point in points[:40]:
        point.hover(force=True)
    assert watched.locator(".hoverlayer").count() >= 1
    drawn_map(watched)  # the thread's small map, its places' popups built from hostile names
    assert_nothing_ran(watched)


def test_saved_map_opens_inert(hostile_server, watched, tmp_path):
    open_page(watched, hostile_server, "Map")
    drawn_map(watched)  # the map component reports back once drawn, which reruns the page:
    wait_until_settled(watched)  # click after that rerun, or the button's file is a stale one
    with watched.expect_download(timeout=60_000) as info:
        watched.get_by_role("button", name="Download map (HTML, works offline)").click()
    saved = tmp_path / "map.html"
    info.value.save_as(saved)
    watched.goto(saved.as_uri())
    watched.locator("path[data-place]").first.wait_for(timeout=30_000)
    markers = watched.locator("path[data-place], path[data-acled-site]").all()
    assert len(markers) > 10
    for marker in markers:
        open_marker(marker)
    assert watched.locator(".leaflet-popup-content").count() >= 1
    assert_nothing_ran(watched)
