"""The sidebar's lists in a real browser, on the bundled record: a place or issuer is found by any of its
names, as typed into the list's own search (Streamlit's, in the browser)."""
from __future__ import annotations

import pytest

from bench.server import Server
from tests.helpers import DATA, assert_no_error_shown, open_page, wait_until_settled


@pytest.fixture(scope="module")
def record_server(tmp_path_factory):
    srv = Server(DATA, tmp_path_factory.mktemp("search-server") / "streamlit.log")
    yield srv
    srv.stop()


@pytest.mark.parametrize("box,typed,option", [
    ("Places", "north-east", "Northeast Syria"), ("Places", "north east", "Northeast Syria"),
    ("Places", "Sweida", "As-Suwayda"), ("Places", "ادلب", "Idlib"),
    ("Governorates", "Suwayda", "As-Sweida"),
    ("Issuers", "Türkiye", "Republic of Turkey"), ("Issuers", "Turkiye", "Republic of Turkey"),
    ("Issuers", "transitional authorities", "Government of the Syrian Arab Republic"),
])
def test_a_list_finds_an_option_by_any_of_its_names(record_server, page, box, typed, option):
    errors = open_page(page, record_server, "Demands")
    assert not errors and page.blocked_requests == []
    sidebar = page.locator('[data-testid="stSidebar"]')
    field = sidebar.locator('[data-testid="stMultiSelect"]').filter(has_text=box).first
    field.locator("input").first.click()
    page.keyboard.type(typed, delay=20)
    choice = page.get_by_role("option").filter(has_text=option).first
    choice.wait_for(timeout=15_000)
    assert page.get_by_text("No results").count() == 0
    choice.click()
    wait_until_settled(page)
    page.get_by_text(f"{box.lower()}: {option}").first.wait_for(timeout=30_000)  # the caption names the filter
    assert_no_error_shown(page)
