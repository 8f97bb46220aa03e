"""The Overview page in a real browser, served by the real server, with the internet blocked."""
from __future__ import annotations

from atlas.dataset.loader import load_dataset
from tests.helpers import FIXTURE as DATA
from tests.helpers import wait_until_settled


def test_overview_renders_offline(server, page):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server.url, wait_until="domcontentloaded")
    wait_until_settled(page)
    page.get_by_text("Syria Statement Atlas", exact=True).first.wait_for()
    dataset = load_dataset(DATA)
    body = page.locator('[data-testid="stApp"]').inner_text()
    assert "Statements" in body and "Demands" in body
    assert f"dataset version {dataset.version}" in body
    page.locator('[data-testid="stMetricValue"]').nth(2).wait_for()  # all three drawn, not just the first
    metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert metrics[:3] == [str(len(dataset.statements)), str(len(dataset.demands)), str(len(dataset.events))]
    assert not errors
    assert not page.get_by_text("Traceback").count()
    # the compact map renders offline too
    frame = page.locator('.atlas-map-box').first
    frame.locator("path[data-place]").first.wait_for(timeout=30_000)


def test_static_serving_is_on(server, page):
    # the offline map assets will be served from ./static: check it answers with the right content type
    response = page.request.get(f"{server.url}/app/static/.keep")
    assert response.status == 200 and "text/html" not in response.headers.get("content-type", "")
