"""The map draws on every load: in the page itself (no component frame and no ready handshake to lose), with
its scripts retried when a request fails, through reruns while it mounts; and says so when it cannot."""
from __future__ import annotations

import pytest

from bench.server import LOCAL
from tests.helpers import (
    MAP,
    assert_no_error_shown,
    changes_while_watching,
    drawn_map,
    open_page,
    wait_until_settled,
)

LEAFLET = "**/app/static/vendor/leaflet/leaflet.js"


def _failing(page, times: int | None) -> list[str]:
    """Make the first ``times`` requests for Leaflet fail (every one, for None); the requests seen."""
    seen: list[str] = []

    def answer(route):
        seen.append(route.request.url)
        if times is None or len(seen) <= times:
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route(LEAFLET, answer)
    return seen


@pytest.mark.parametrize("path", ["Map", "Map?present=1", ""], ids=["Map", "presentation", "Overview"])
def test_the_map_draws_when_its_scripts_fail_at_first(server, page, path):
    seen = _failing(page, 2)
    open_page(page, server, path)
    drawn = drawn_map(page)
    assert drawn.locator("path[data-place]").count() > 3
    assert len(seen) == 3  # two failures, then the retry that worked
    assert page.locator('iframe[title="streamlit_folium.st_folium"]').count() == 0  # no frame to hand-shake with
    assert_no_error_shown(page)


def test_the_map_says_so_when_its_scripts_never_arrive(server, page):
    seen = _failing(page, None)
    open_page(page, server, "Map")
    failed = page.locator(f'{MAP}[data-atlas-map="failed"]')
    failed.wait_for(timeout=60_000)
    assert "could not load its scripts" in failed.inner_text() and "Reload the page" in failed.inner_text()
    assert len(seen) == 6  # the first request and five retries, further apart each time


def test_the_map_draws_on_every_fresh_load_with_reruns_while_it_mounts(server, browser):
    for attempt in range(6):
        context = browser.new_context(viewport={"width": 1280, "height": 720})  # a fresh load: nothing cached
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(LOCAL) else route.abort())
        page = context.new_page()
        try:
            page.goto(f"{server.url}/Map?present=1", wait_until="commit")
            page.wait_for_selector(MAP, state="attached", timeout=60_000)
            for _ in range(attempt % 3 + 1):  # the script reruns while the map mounts ("r" reruns the app)
                page.keyboard.press("r")
                page.wait_for_timeout(150)
            drawn = drawn_map(page)
            wait_until_settled(page)
            assert drawn.get_attribute("data-atlas-map") == "drawn"
            assert changes_while_watching(page, 3) == []
            assert page.locator(f"{MAP} path[data-place]").count() > 3  # still drawn after the reruns
        finally:
            context.close()
