"""The dashboard in a real browser: every page, the offline map, click-to-filter, shared URLs, downloads."""
from __future__ import annotations

import csv
import io

import pytest

from atlas.dataset.loader import load_dataset
from tests.helpers import FIXTURE as DATA
from tests.helpers import assert_no_error_shown, drawn_map, open_page, wait_until_settled

DATASET = load_dataset(DATA)
PAGES = ["", "Map", "Timeline", "Demands", "Threads", "Briefing", "Statements", "Events", "About"]


@pytest.mark.parametrize("path", PAGES, ids=[p or "Overview" for p in PAGES])
def test_page_loads_offline_without_errors(server, page, path):
    errors = open_page(page, server, path)
    page.get_by_text(f"dataset version {DATASET.version}").first.wait_for()
    assert_no_error_shown(page)
    assert not errors
    assert page.blocked_requests == []  # nothing tried to leave the machine


def test_map_shows_markers_and_governorates_with_no_internet(server, page):
    open_page(page, server, "Map")
    frame = drawn_map(page)
    shapes = frame.locator("path.leaflet-interactive")
    # 15 governorate polygons (with the UNDOF zone), the M5 line, and the place markers
    assert shapes.count() >= 15 + 1 + 10
    assert frame.locator(".atlas-legend").count() == 1
    assert frame.locator(".leaflet-control-layers").count() == 1
    assert page.blocked_requests == []


def test_clicking_a_marker_filters_the_demands(server, page):
    open_page(page, server, "Map")
    marker = drawn_map(page).locator('[data-place="al-waer"]')
    assert marker.count() == 1, "al-Waer marker not on the map"
    # a DOM click on the marker's own path: the Homs marker overlaps it on screen at this zoom
    marker.dispatch_event("click")
    # the URL changes without a navigation (history API), so poll it
    page.wait_for_function("() => location.search.includes('place=al-waer')", timeout=30_000)
    wait_until_settled(page)
    page.get_by_role("link", name="Demands").first.click()
    page.wait_for_function("() => location.pathname.endsWith('/Demands')", timeout=30_000)
    wait_until_settled(page)
    page.get_by_text("2 demands from 1 statements").wait_for(timeout=30_000)
    assert "place=al-waer" in page.url


def test_a_filtered_url_reproduces_its_view_after_reload(server, page):
    open_page(page, server, "Demands?gov=gov-aleppo&from=2024-12-01&to=2024-12-31")
    page.get_by_text("3 demands from 1 statements").wait_for(timeout=30_000)
    page.reload(wait_until="domcontentloaded")
    wait_until_settled(page)
    page.get_by_text("3 demands from 1 statements").wait_for(timeout=30_000)
    assert "gov=gov-aleppo" in page.url and "from=2024-12-01" in page.url


def type_date(page, field: str, digits: str) -> None:
    """Type a date into one of the Dates fields, segment by segment, and wait until the field shows it."""
    page.get_by_role("spinbutton", name=f"year, Dates {field} date").click()
    page.keyboard.type(digits, delay=30)  # year, month and day: each segment moves on to the next
    year, month, day = digits[:4], digits[4:6], digits[6:]
    page.wait_for_function(
        """([field, want]) => [...document.querySelectorAll('[role=spinbutton]')]
             .filter(s => (s.getAttribute('aria-label') || '').endsWith(`Dates ${field} date`))
             .map(s => s.getAttribute('aria-valuenow')).join('-') === want""",
        arg=[field, f"{int(year)}-{int(month)}-{int(day)}"], timeout=30_000)


@pytest.mark.parametrize("key", ["Enter", "Tab"])
def test_a_typed_date_applies_on_enter_and_tab(server, page, key):
    open_page(page, server, "Demands")
    # the key script is the sidebar's last element: it may run a moment after the page has settled
    page.wait_for_function("() => window.atlasDateKeys === true", timeout=30_000)
    counted = page.get_by_text("demands from").first.text_content()
    type_date(page, "start", "20241201")
    page.keyboard.press(key)
    page.wait_for_function("() => location.search.includes('from=2024-12-01')", timeout=30_000)
    wait_until_settled(page)
    assert page.get_by_text("demands from").first.text_content() != counted
    type_date(page, "end", "20241231")
    page.keyboard.press(key)
    page.wait_for_function("() => location.search.includes('to=2024-12-31')", timeout=30_000)
    assert "from=2024-12-01" in page.url


def test_bad_url_shows_a_notice_not_a_traceback(server, page):
    open_page(page, server, "Demands?place=atlantis&from=garbage")
    page.get_by_text("Ignored unknown place value(s): atlantis.").wait_for(timeout=30_000)
    assert_no_error_shown(page)


def test_csv_download_arrives_and_parses(server, page):
    open_page(page, server, "Demands?place=al-waer")
    page.get_by_text("2 demands from 1 statements").wait_for(timeout=30_000)
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="CSV (UTF-8)").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv") and "al-waer" in download.suggested_filename
    raw = open(download.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 2


def test_presentation_mode_hides_the_sidebar(server, page):
    open_page(page, server, "Map?present=1&place=aleppo")
    drawn_map(page)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    page.get_by_text("Syria Statement Atlas").first.wait_for()
    page.get_by_text(f"dataset version {DATASET.version}").first.wait_for()
    assert page.get_by_role("button", name="Download map (HTML, works offline)").count() == 0

