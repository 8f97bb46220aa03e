"""The briefing view on the screens a briefing uses, in both languages: the title, the map and the footer fill
the window exactly; no name overlaps another, lies under a marker or a control, or leaves the map; no marker
overlaps another; one spelling per place; regions drawn as areas; the language kept in the address."""
from __future__ import annotations

import pytest

from atlas.dataset.loader import load_dataset
from atlas.filters import Filters, apply_filters
from atlas.views.mapdata import map_points, place_references
from tests.helpers import DATA, MAP, SETTLED, drawn_map, open_page, wait_until_settled

SCREENS = [(1280, 720), (1366, 768), (1920, 1080)]
LANGUAGES = ["en", "ar"]

# Everything drawn on the map, in the page's pixels: the names shown, the markers, the controls.
GEOMETRY = """map => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const names = [...map.querySelectorAll('.atlas-label span')]
    .filter(e => e.textContent && getComputedStyle(e).visibility !== 'hidden')
    .map(e => ({text: e.textContent, box: box(e), kind: e.parentElement.className,
                lines: Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight))}));
  const markers = [...map.querySelectorAll('path[data-place]')].map(e => {
    const r = e.getBoundingClientRect(), stroke = parseFloat(getComputedStyle(e).strokeWidth) || 1;
    return {id: e.getAttribute('data-place'), x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2,
            r: (r.width - stroke) / 2};
  });
  const controls = [...map.querySelectorAll('.leaflet-control')].map(e => ({kind: e.className, box: box(e)}))
    .filter(c => c.box[2] > c.box[0]);
  return {frame: box(map.querySelector('.leaflet-container')), names, markers, controls};
}"""


def _meets(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _under_disc(box, marker) -> bool:
    x = min(max(marker["x"], box[0]), box[2])
    y = min(max(marker["y"], box[1]), box[3])
    return (x - marker["x"]) ** 2 + (y - marker["y"]) ** 2 < (marker["r"] - 0.5) ** 2


def collisions(drawn: dict) -> list[tuple]:
    """Every name that overlaps another name, a marker or a control, or leaves the map; every marker that
    overlaps another (their rims may touch)."""
    found = []
    names, frame = drawn["names"], drawn["frame"]
    for i, name in enumerate(names):
        found += [("name over name", name["text"], other["text"]) for other in names[i + 1:]
                  if _meets(name["box"], other["box"])]
        box = name["box"]
        if box[0] < frame[0] or box[1] < frame[1] or box[2] > frame[2] or box[3] > frame[3]:
            found.append(("name outside the map", name["text"], box, frame))
        found += [("name under a control", name["text"], c["kind"]) for c in drawn["controls"] if _meets(box, c["box"])]
        found += [("name under a marker", name["text"], m["id"]) for m in drawn["markers"] if _under_disc(box, m)]
    markers = drawn["markers"]
    for i, a in enumerate(markers):
        for b in markers[i + 1:]:
            gap = ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5 - a["r"] - b["r"]
            if gap < -1:
                found.append(("marker over marker", a["id"], b["id"], round(gap, 1)))
    return found


def _open(page, server, path: str, size: tuple[int, int], lang: str):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    errors = open_page(page, server, path + ("&labels=ar" if lang == "ar" else ""))
    frame = drawn_map(page)
    frame.locator(".atlas-label span:visible").first.wait_for()
    page.wait_for_timeout(1500)  # the map refits as the frame settles its size, then places the names
    return frame, errors


def _drawn(page) -> dict:
    return page.locator(MAP).first.evaluate(GEOMETRY)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("size", SCREENS + [(3840, 2160)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_title_map_and_footer_fill_the_window_exactly(server, page, size, lang):
    width, height = size
    _, errors = _open(page, server, "Map?present=1", size, lang)
    title = page.locator(".atlas-present-head").bounding_box()
    words = page.locator(".atlas-present-head .f").bounding_box()
    frame = page.locator(MAP).bounding_box()
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
    inner = page.locator(MAP).locator(".leaflet-container").bounding_box()
    assert abs(inner["height"] - frame["height"]) <= 2, (inner, frame)  # the map fills its frame
    assert page.evaluate("document.scrollingElement.scrollHeight <= window.innerHeight")  # no page scroll
    assert not errors and page.blocked_requests == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_name_overlaps_a_name_a_marker_or_a_control_on_the_crowded_record(bundled, page, size, lang):
    _open(page, bundled, "Map?present=1", size, lang)
    drawn = _drawn(page)
    assert len(drawn["markers"]) > 100 and len(drawn["names"]) >= 15, (len(drawn["markers"]), len(drawn["names"]))
    assert collisions(drawn) == []
    record = load_dataset(DATA)
    filtered = apply_filters(record, Filters())
    first = map_points(record, filtered, place_references(record, filtered))[0]  # the most referred-to place
    assert (first["name_ar"] if lang == "ar" else first["name"]) in [n["text"] for n in drawn["names"]]


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_name_overlaps_on_the_seed_record_either(server, page, size):
    _open(page, server, "Map?present=1", size, "en")
    drawn = _drawn(page)
    assert len(drawn["names"]) >= 15 and collisions(drawn) == []


def test_one_spelling_per_place_in_names_and_tooltips(bundled, page):
    frame, _ = _open(page, bundled, "Map?present=1", (1920, 1080), "en")
    labels = [(n["text"], n["kind"]) for n in _drawn(page)["names"]]
    english = frame.locator(".atlas-label span").evaluate_all("els => els.map(e => e.textContent)")
    frame.locator('.atlas-language a[data-lang="ar"]').click()
    arabic = frame.locator(".atlas-label span").evaluate_all("els => els.map(e => e.textContent)")
    # a governorate and the town it is named after are one name in Arabic: they must be one in English too
    spelt = {}
    for en, ar in zip(english, arabic):
        spelt.setdefault(ar.removeprefix("محافظة "), set()).add(en)
    assert {ar: names for ar, names in spelt.items() if len(names) > 1} == {}
    assert any("atlas-label-gov" in kind for _, kind in labels)
    tooltips = frame.locator(".leaflet-container").evaluate("""box => {
      const map = box.atlasLeaflet, out = [];
      map.eachLayer(l => { const t = l.getTooltip && l.getTooltip();
        if (t && typeof t.getContent() === 'string' && t.getContent().startsWith('<div>Governorate:')) {
          out.push(t.getContent()); } });
      return out;
    }""")
    tooltips = [t for t in tooltips if " · " in t]  # the fourteen governorates (the UNDOF zone has no Arabic)
    assert len(tooltips) == 14
    for tooltip in tooltips:
        name, ar = tooltip.split("<strong>")[1].split("</strong>")[0].split(" · ")
        assert spelt.get(ar, {name}) == {name}, (tooltip, spelt.get(ar))


def test_regions_are_drawn_as_areas_not_towns(server, page):
    frame, _ = _open(page, server, "Map?present=1", (1366, 768), "en")
    region = frame.locator('path[data-place="northwest-syria"]')
    town = frame.locator('path[data-place="aleppo"]')
    assert region.get_attribute("data-region") == "1" and town.get_attribute("data-region") is None
    assert region.get_attribute("fill").startswith("url(#atlas-hatch") and region.get_attribute("stroke-dasharray")
    assert not town.get_attribute("fill").startswith("url(")
    name = frame.locator(".atlas-label-region span", has_text="Northwest Syria")
    assert name.evaluate("e => getComputedStyle(e).fontStyle") == "italic"
    assert frame.locator(".atlas-label-place span", has_text="Aleppo").first.evaluate(
        "e => getComputedStyle(e).fontStyle") == "normal"
    legend = frame.locator(".atlas-legend").first.inner_text()
    assert "region, not a town" in legend


def _watch(page, seconds: float) -> set:
    """The address and the script state, every half second for ``seconds``."""
    seen = set()
    for _ in range(int(seconds * 2)):
        seen.add((page.url, page.locator('[data-testid="stApp"]').get_attribute("data-test-script-state")))
        page.wait_for_timeout(500)
    return seen


@pytest.mark.parametrize("path", ["Map?present=1", "Map?gov=gov-homs"])
def test_the_language_switch_is_kept_in_the_address_and_turns_the_legend(server, page, path):
    frame, errors = _open(page, server, path, (1280, 720), "en")
    assert "labels=" not in page.url
    frame.locator('.atlas-language a[data-lang="ar"]').click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('labels') === 'ar'", timeout=5_000)
    address = page.url
    assert _watch(page, 5) == {(address, "notRunning")}  # the switch causes no rerun and the address stays
    legend = frame.locator(".atlas-legend").first
    assert "الأماكن" in legend.inner_text() and "Named in statements" not in legend.inner_text()
    assert legend.locator("[dir=rtl]").count() == 1
    if "present" not in path:  # the layer list, open for work, names its layers in Arabic
        layers = frame.locator(".leaflet-control-layers-overlays").inner_text()
        assert "الأماكن المشار إليها" in layers and "Places referred to" not in layers
    page.reload(wait_until="domcontentloaded")  # a reload, or the shared link, opens in Arabic
    wait_until_settled(page)
    frame = drawn_map(page)
    frame.locator(".atlas-language a.atlas-on").wait_for()
    assert frame.locator(".atlas-language a.atlas-on").get_attribute("data-lang") == "ar"
    assert "الأماكن" in frame.locator(".atlas-legend").first.inner_text()
    frame.locator('.atlas-language a[data-lang="en"]').click()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('labels')", timeout=5_000)
    assert page.url == address.replace("&labels=ar", "")
    page.wait_for_selector(SETTLED)
    assert not errors


def test_the_threads_small_map_names_places_on_one_line_without_overlaps(bundled, page):
    record = load_dataset(DATA)
    places = record.demands.explode("place_ids").dropna(subset=["place_ids", "thread_id"])
    thread = places[places["thread_id"] != ""].groupby("thread_id")["place_ids"].nunique().idxmax()
    for size in [(1280, 720), (1920, 1080)]:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        open_page(page, bundled, f"Threads?thread={thread}")
        page.locator(MAP).first.locator("path[data-place]").first.wait_for(timeout=30_000)
        page.wait_for_timeout(1500)
        drawn = _drawn(page)
        assert len(drawn["names"]) >= 8, drawn["names"]
        assert [n["text"] for n in drawn["names"] if n["lines"] != 1] == []  # no "Deir-/ez-/Zor"
        assert collisions(drawn) == []
