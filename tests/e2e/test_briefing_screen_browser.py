"""The briefing view on the screens a briefing uses, in both languages: the title, the map and the footer fill
the window exactly."""
from __future__ import annotations

import pytest

from tests.helpers import MAP_FRAME, map_frame, open_page

SCREENS = [(1280, 720), (1366, 768), (1920, 1080)]
LANGUAGES = ["en", "ar"]


def _open(page, server, path: str, size: tuple[int, int], lang: str):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    errors = open_page(page, server, path + ("&labels=ar" if lang == "ar" else ""))
    frame = map_frame(page)
    frame.locator(".atlas-label span:visible").first.wait_for()
    page.wait_for_timeout(1500)  # the map refits as the frame settles its size, then places the names
    return frame, errors


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("size", SCREENS + [(3840, 2160)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_title_map_and_footer_fill_the_window_exactly(server, page, size, lang):
    width, height = size
    _, errors = _open(page, server, "Map?present=1", size, lang)
    title = page.locator(".atlas-present-head").bounding_box()
    words = page.locator(".atlas-present-head .f").bounding_box()
    frame = page.locator(MAP_FRAME).bounding_box()
    foot = page.locator(".atlas-present-foot").bounding_box()
    # the title and the filters line whole, on screen, and nothing of the map over them
    assert title["y"] >= 0 and title["x"] >= 0 and title["x"] + title["width"] <= width, title
    assert words["y"] + words["height"] <= frame["y"] + 0.5, (words, frame)
    for box in (title, words):
        on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('.atlas-present-head') !== null",
                               [box["x"] + 4, box["y"] + box["height"] / 2])
        assert on_top, box
    # the map fills the rest: below it only the footer, on screen, with no band left blank
    assert foot["y"] >= frame["y"] + frame["height"] - 0.5, (foot, frame)
    assert foot["y"] - (frame["y"] + frame["height"]) <= 10, (foot, frame)
    assert 0 <= height - (foot["y"] + foot["height"]) <= 12, (foot, height)
    assert frame["height"] >= height * 0.75, frame
    inner = page.frame_locator(MAP_FRAME).locator(".leaflet-container").bounding_box()
    assert abs(inner["height"] - frame["height"]) <= 2, (inner, frame)  # the map fills its frame
    assert page.evaluate("document.scrollingElement.scrollHeight <= window.innerHeight")  # no page scroll
    assert not errors and page.blocked_requests == []
