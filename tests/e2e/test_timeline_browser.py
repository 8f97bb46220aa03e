"""The Timeline in a real browser: a span drawn narrows the dates once and stays, a double click undoes it once,
and a click on a mark shows that record with its source; at the smallest briefing screen and the largest."""
from __future__ import annotations

import pytest

from tests.helpers import assert_no_error_shown, changes_while_watching, open_page, wait_until_settled

SIZES = [(1280, 720), (1920, 1080)]
CHART = ".st-key-timeline"


def _drag(page, start: float, end: float) -> None:
    """Drag across the chart from the mark at the share ``start`` of the marks (in date order) to the one at
    ``end``, a few pixels beyond each, so the span holds marks."""
    xs = sorted(box["x"] + box["width"] / 2 for box in
                (mark.bounding_box() for mark in page.locator(f"{CHART} .scatterlayer .point").all()))
    area = page.locator(f"{CHART} .nsewdrag").first.bounding_box()
    left = max(area["x"] + 2, xs[int(start * (len(xs) - 1))] - 6)
    right = min(area["x"] + area["width"] - 2, xs[int(end * (len(xs) - 1))] + 6)
    y = area["y"] + area["height"] - 4
    page.mouse.move(left, y)
    page.mouse.down()
    page.mouse.move((left + right) / 2, y, steps=8)
    page.mouse.move(right, y, steps=8)
    page.mouse.up()


def _open_timeline(page, server, size, path="Timeline"):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_page(page, server, path)
    page.locator(f"{CHART} .nsewdrag").first.wait_for(timeout=30_000)
    page.wait_for_function("() => window.atlasChartClicks === true", timeout=30_000)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_span_drawn_narrows_the_dates_once_and_a_double_click_undoes_it_once(server, page, size):
    _open_timeline(page, server, size)
    _drag(page, 0.55, 0.9)
    page.wait_for_function("() => location.search.includes('from=') && location.search.includes('to=')",
                           timeout=30_000)
    wait_until_settled(page)
    narrowed = page.url
    assert changes_while_watching(page, 10) == []  # one selection, one rerun: the address stays put
    assert page.url == narrowed
    page.get_by_role("button", name="Undo the span drawn").wait_for()
    assert_no_error_shown(page)

    box = page.locator(f"{CHART} .nsewdrag").first.bounding_box()
    page.mouse.dblclick(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.97)
    page.wait_for_function("() => !location.search.includes('from=')", timeout=30_000)
    wait_until_settled(page)
    assert changes_while_watching(page, 5) == []
    assert page.get_by_role("button", name="Undo the span drawn").count() == 0


def test_a_second_span_drawn_inside_the_first_undoes_to_the_dates_before_both(server, page):
    _open_timeline(page, server, (1366, 768), "Timeline?from=2015-01-01")
    _drag(page, 0.3, 0.95)
    page.wait_for_function("() => location.search.includes('to=')", timeout=30_000)
    wait_until_settled(page)
    first = page.url
    _drag(page, 0.2, 0.6)
    page.wait_for_function(f"() => location.href !== {first!r}", timeout=30_000)
    wait_until_settled(page)
    assert changes_while_watching(page, 5) == []
    page.get_by_role("button", name="Undo the span drawn").click()
    page.wait_for_function("() => location.search === '?from=2015-01-01'", timeout=30_000)
    wait_until_settled(page)
    assert changes_while_watching(page, 5) == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_clicking_a_mark_shows_its_record_and_source(server, page, size):
    _open_timeline(page, server, size)
    area = page.locator(f"{CHART} .nsewdrag").first.bounding_box()
    centres = []  # marks in view, each at least 25 px from those taken before
    for mark in page.locator(f"{CHART} .scatterlayer .point").all():
        box = mark.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        inside = area["x"] < x < area["x"] + area["width"] and area["y"] < y < area["y"] + area["height"]
        if inside and all(abs(x - a) + abs(y - b) >= 25 for a, b in centres):
            centres.append((x, y))
    assert len(centres) >= 4
    card = page.locator(".st-key-clicked_timeline_0")
    shown = []
    for x, y in centres[:4]:
        before = page.url
        previous = card.inner_text() if card.count() else ""
        page.mouse.click(x, y)
        page.wait_for_function("previous => { const card = document.querySelector('.st-key-clicked_timeline_0');"
                               " return card && card.innerText !== previous; }", arg=previous, timeout=30_000)
        wait_until_settled(page)
        assert changes_while_watching(page, 3) == []
        assert page.url == before  # a click shows; it filters nothing
        shown.append(card.inner_text())
        assert card.get_by_role("link").count() >= 1  # its source, or the statement's page
    assert len(set(shown)) == 4  # each mark, its own record
    assert_no_error_shown(page)
