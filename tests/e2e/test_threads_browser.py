"""The Threads page in a real browser, on the bundled record: the list, picking a thread, its shared address
and its small map, offline; what is still asked of an addressee, from a link or a name typed."""
from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from atlas.dataset.loader import actor_names, load_dataset
from atlas.filters import Filters, apply_filters
from atlas.views.ledger import addressee_ledger, asked_of
from atlas.views.threads import as_of_day, thread_list
from bench.server import Server
from tests.helpers import DATA, MAP, SETTLED, assert_no_error_shown, open_page, wait_until_settled

RECORD = load_dataset(DATA)
LISTED = thread_list(RECORD, apply_filters(RECORD, Filters()))
LEDGER = addressee_ledger(RECORD, LISTED["thread_id"], as_of_day(Filters(), RECORD))
SHORT = actor_names(RECORD, short=True)
TRANSITIONAL = "syrian-transitional-authorities"
ROW_HEIGHT = 70  # the list's rows, tall enough for a title to wrap


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
    page.get_by_text("Still open, by addressee").first.wait_for(timeout=30_000)
    picked = LISTED.at[1, "thread_id"]
    assert f"thread={picked}" not in page.url  # the page opened on the first
    # the list's second row: a click on its checkbox cell selects it (the grid is a canvas)
    grid = page.locator('.st-key-thread_list [data-testid="stDataFrame"]')
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 35 + ROW_HEIGHT + ROW_HEIGHT // 2)
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


def _stays_put(page, seconds: float = 5) -> None:
    """The address and the script state hold for ``seconds``: one choice, one rerun."""
    wait_until_settled(page)
    url, end = page.url, time.monotonic() + seconds
    while time.monotonic() < end:
        assert page.url == url
        assert page.locator(SETTLED).count() == 1, "the script ran again"
        page.wait_for_timeout(200)


def _pick(page, typed: str, short_name: str) -> None:
    """Type into the addressee picker and choose the option that begins with ``short_name``."""
    picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="Still open, asked of")
    picker.click()
    page.keyboard.type(typed)
    options = page.get_by_role("option")
    options.first.wait_for(timeout=10_000)
    names = [o.inner_text() for o in options.all()]
    assert all(typed.casefold() in n.casefold() for n in names)  # what was typed, in every name offered
    assert any(n.startswith(f"{short_name} —") for n in names), names
    if typed == "Syrian government":  # both governments go by it
        assert {SHORT["assad-government"], SHORT[TRANSITIONAL]} <= {n.split(" —")[0] for n in names}
    options.filter(has_text=f"{short_name} —").first.click()


@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080)])
def test_a_link_to_an_addressee_answers_at_a_glance_and_a_name_typed_finds_another(record_server, page, width,
                                                                                     height):
    page.set_viewport_size({"width": width, "height": height})
    errors = open_page(page, record_server, f"Threads?addressee={TRANSITIONAL}")
    assert not errors and page.blocked_requests == []
    assert_no_error_shown(page)
    mine = asked_of(LEDGER, TRANSITIONAL)
    answer = page.get_by_text(f"{len(mine)} asks of {SHORT[TRANSITIONAL]} still open on")
    expect(answer).to_be_in_viewport(timeout=30_000)  # on opening, with no scrolling
    expect(answer).to_contain_text(mine["thread"].iloc[0], timeout=30_000)  # which is open longest
    table = page.locator('[data-testid="stDataFrame"]').first
    expect(table).to_be_in_viewport(timeout=30_000)  # and the list of them starts
    page.locator(MAP).first.locator("path.leaflet-interactive").first.wait_for(timeout=60_000)
    _stays_put(page, 2)  # once the thread's small map has reported that it is drawn

    _pick(page, "Syrian government", SHORT["assad-government"])  # the words users use find both governments
    page.wait_for_function("() => new URLSearchParams(location.search).get('addressee') === 'assad-government'",
                           timeout=30_000)
    _stays_put(page)
    assert "addressee=assad-government" in page.url
    expect(page.get_by_text(f"of {SHORT['assad-government']} still open on").first).to_be_visible(timeout=30_000)

    _pick(page, "transitional authorities", SHORT[TRANSITIONAL])
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('addressee') === '{TRANSITIONAL}'",
                           timeout=30_000)
    _stays_put(page)
    page.reload(wait_until="domcontentloaded")  # the address keeps the choice
    wait_until_settled(page)
    again = page.get_by_text(f"{len(mine)} asks of {SHORT[TRANSITIONAL]} still open on")
    expect(again).to_be_in_viewport(timeout=30_000)


@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080)])
def test_a_thread_opened_here_filters_the_map_and_the_demands_until_cleared(record_server, page, width, height):
    page.set_viewport_size({"width": width, "height": height})
    thread = LISTED.at[0, "thread_id"]
    mine = RECORD.demands[RECORD.demands["thread_id"] == thread]
    errors = open_page(page, record_server, f"Threads?thread={thread}")
    assert not errors
    page.get_by_role("heading", name=_title(thread)).wait_for(timeout=30_000)
    page.get_by_role("link", name="Demands").first.click()
    page.wait_for_function("() => location.pathname.endsWith('/Demands')", timeout=30_000)
    wait_until_settled(page)
    page.get_by_text(f"{len(mine):,} demands from {mine['statement_id'].nunique():,} statements").wait_for(
        timeout=30_000)
    assert f"thread={thread}" in page.url
    _stays_put(page)
    page.get_by_role("link", name="Map").first.click()
    page.wait_for_function("() => location.pathname.endsWith('/Map')", timeout=30_000)
    wait_until_settled(page)
    page.locator(MAP).first.locator("path[data-place]").first.wait_for(timeout=30_000)
    assert f"thread={thread}" in page.url and page.blocked_requests == []
    page.get_by_role("button", name="Show every thread").click()
    page.wait_for_function("() => !location.search.includes('thread=')", timeout=30_000)
    _stays_put(page)
    assert_no_error_shown(page)
