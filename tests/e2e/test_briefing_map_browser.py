"""The briefing map in real Chromium, offline: names without a hover, the map filling the window at three
screen sizes, markers that never hide each other, a click that opens a popup in presentation mode."""
from __future__ import annotations

import pytest

from tests.helpers import MAP, assert_no_error_shown, drawn_map, open_page

NEIGHBOURS = ["Turkey", "Iraq", "Jordan", "Lebanon", "Israel"]
SHOWN = "els => els.filter(e => getComputedStyle(e).visibility !== 'hidden').map(e => e.textContent)"
# The neighbours with land in view: over 2% of a grid of points across the map, away from its controls.
IN_VIEW = """box => {
  const map = box.atlasLeaflet;
  const frame = box.getBoundingClientRect(), controls = [...box.querySelectorAll('.leaflet-control')]
    .map(c => c.getBoundingClientRect());
  const inside = (lat, lon, g) => (g.type === 'MultiPolygon' ? g.coordinates : [g.coordinates]).some(p => {
    let hit = false; const ring = p[0];
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      if ((ring[i][1] > lat) !== (ring[j][1] > lat) &&
          lon < (ring[j][0] - ring[i][0]) * (lat - ring[i][1]) / (ring[j][1] - ring[i][1]) + ring[i][0]) hit = !hit; }
    return hit; });
  const points = [];
  for (let i = 1; i < 40; i++) for (let j = 1; j < 24; j++) {
    const x = frame.width * i / 40, y = frame.height * j / 24;
    if (!controls.some(c => x + frame.left >= c.left && x + frame.left <= c.right && y + frame.top >= c.top &&
                            y + frame.top <= c.bottom)) points.push(map.containerPointToLatLng([x, y]));
  }
  return window.ATLAS_SHAPES.neighbours.features.filter(f => f.properties.named &&
    points.filter(p => inside(p.lat, p.lng, f.geometry)).length > points.length * 0.02).map(f => f.properties.name);
}"""


def _resized(page, width, height):
    page.set_viewport_size({"width": width, "height": height})


@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080), (3840, 2160)])
def test_presentation_map_fills_the_window_and_names_the_region(server, page, width, height):
    _resized(page, width, height)
    errors = open_page(page, server, "Map?present=1")
    frame = drawn_map(page)
    frame.locator(".atlas-label span").first.wait_for()
    page.wait_for_timeout(1500)  # the map refits as the frame settles its size
    names = frame.locator(".atlas-label span").evaluate_all(SHOWN)
    in_view = frame.locator(".leaflet-container").evaluate(IN_VIEW)
    assert len(set(NEIGHBOURS) & set(in_view)) >= 2, in_view  # the map shows where Syria is
    assert set(in_view) <= set(names), (in_view, names)  # and names every neighbour it shows
    golan_in_view = frame.locator(".leaflet-container").evaluate(
        "box => box.atlasLeaflet"
        ".getBounds().pad(-0.02).contains([33.0, 35.77])")
    assert "Mediterranean Sea" in names and ("Golan (occupied by Israel)" in names or not golan_in_view)
    inside = frame.locator(".atlas-label-place span, .atlas-label-gov span").evaluate_all(SHOWN)
    assert "Aleppo" in inside and len(inside) >= 8, inside  # governorates and the most referred-to places
    box = page.locator(MAP).bounding_box()
    footer = page.get_by_text("dataset version").first.bounding_box()
    assert box["height"] >= height * 0.7, box  # the map takes the window's height
    assert footer["y"] + footer["height"] <= height  # and the version stays on screen
    assert page.get_by_text("Syria Statement Atlas").first.bounding_box()["y"] >= 0
    assert frame.locator(".atlas-legend").first.is_visible()
    assert frame.locator(".leaflet-control-layers-expanded").count() == 0  # the layer list is folded on a slide
    assert_no_error_shown(page)
    assert not errors and page.blocked_requests == []


def test_names_switch_to_arabic_and_never_overlap(server, page):
    _resized(page, 1920, 1080)
    open_page(page, server, "Map?present=1")
    frame = drawn_map(page)
    frame.locator(".atlas-label span").first.wait_for()
    frame.locator('.atlas-language a[data-lang="ar"]').click()
    names = frame.locator(".atlas-label span").evaluate_all(SHOWN)
    assert "تركيا" in names and "العراق" in names and "Turkey" not in names
    boxes = frame.locator(".atlas-label span").evaluate_all(
        "els => els.filter(e => getComputedStyle(e.parentElement).visibility !== 'hidden')"
        ".map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_a_link_can_open_the_names_in_arabic(server, page):
    open_page(page, server, "Map?labels=ar")
    frame = drawn_map(page)
    frame.locator(".atlas-label span").first.wait_for()
    assert "لبنان" in frame.locator(".atlas-label span").evaluate_all(SHOWN)


def test_no_marker_hides_another_on_the_crowded_record(bundled, page):
    _resized(page, 1920, 1080)
    open_page(page, bundled, "Map?present=1")
    frame = drawn_map(page)
    page.wait_for_timeout(1500)
    circles = frame.locator("path[data-place]").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return [r.left + r.width / 2, r.top + r.height / 2, r.width / 2]; })")
    assert len(circles) > 100
    for i, (x1, y1, r1) in enumerate(circles):
        for x2, y2, r2 in circles[i + 1:]:
            # each marker's stroke may touch its neighbour's; no centre lies under another marker
            assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= max(r1, r2), ((x1, y1, r1), (x2, y2, r2))


def test_a_click_in_presentation_mode_opens_the_popup_and_keeps_the_view(server, page):
    open_page(page, server, "Map?present=1")
    frame = drawn_map(page)
    before = page.url
    frame.locator('[data-place="al-waer"]').dispatch_event("click")
    frame.locator(".leaflet-popup-content").first.wait_for()
    assert "al-Waer" in frame.locator(".leaflet-popup-content").first.inner_text()
    page.wait_for_timeout(1500)
    assert page.url == before and "place=" not in page.url


@pytest.mark.parametrize("path", ["", "Timeline", "Map?present=0&gov=gov-aleppo"])
def test_the_navigation_names_the_first_page_overview_on_every_address(server, page, path):
    open_page(page, server, path)
    links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    assert links == ["Overview", "Map", "Timeline", "Demands", "Threads", "Briefing", "Statements", "Events", "About"]
