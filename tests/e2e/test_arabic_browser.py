"""The dashboard in Arabic, in a real browser, on the bundled record: every page at 1920x1080 and 1280x720
laid out right to left (the sidebar on the right), no English interface word shown, nothing wider than the
window, no exception; the language kept from page to page and in a shared link, and the switch."""
from __future__ import annotations

import re

import pytest

from atlas import i18n
from atlas.catalogue import extract
from tests.helpers import assert_no_error_shown, changes_while_watching, open_page, wait_until_settled

PAGES = ["", "Map", "Timeline", "Demands", "Threads", "Briefing", "Statements", "Events", "About"]
SCREENS = [(1920, 1080), (1280, 720)]
SIDEBAR = '[data-testid="stSidebar"]'
# Latin letters an Arabic interface keeps: names of formats, tools and typologies, and the dataset's version.
KEPT = {"ACLED", "CAMEO", "CSV", "JSON", "Excel", "PDF", "PNG", "HTML", "UTF", "EN", "OCHA", "GeoNames", "CC",
        "BY", "Leaflet",
        "English"}  # the language switch names each language in its own words

# The visible words of the page, outside what is marked as data in English (lang="en"), code and the map;
# and, apart, the interface's own furniture: headings, labels, buttons, tabs, the navigation, metric labels.
TEXTS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const skip = 'pre, code, .leaflet-container, .js-plotly-plot, [data-testid="stDataFrame"], iframe';
  // words marked as English data inside the app (the page itself says which language it is in)
  const english = e => { const m = e.closest('[lang]'); return m && app.contains(m) && m.lang === 'en'; };
  const lines = [];
  const walker = document.createTreeWalker(app, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || el.closest(skip) || english(el) || !node.textContent.trim()) continue;
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    lines.push(node.textContent.trim());
  }
  const chrome = [...app.querySelectorAll('h1, h2, h3, button, label, summary, [role="tab"], ' +
      '[data-testid="stSidebarNav"] a, [data-testid="stMetricLabel"], [data-testid="stWidgetLabel"]')]
    .filter(e => !e.closest(skip) && !english(e) && e.checkVisibility()).map(e => e.innerText.trim())
    .filter(Boolean);
  const main = document.querySelector('[data-testid="stMain"]').getBoundingClientRect();
  const side = document.querySelector('[data-testid="stSidebar"]');
  const sideBox = side && side.checkVisibility() ? side.getBoundingClientRect() : null;
  return {lines, chrome, lang: document.documentElement.lang, direction: getComputedStyle(document.querySelector('[data-testid="stMain"]')).direction,
          main: [main.left, main.right], side: sideBox && sideBox.width > 0 ? [sideBox.left, sideBox.right] : null,
          wide: document.documentElement.scrollWidth, window: window.innerWidth};
}"""


def _interface_messages() -> tuple[set[str], list[str]]:
    """The interface's English words: whole one-word labels, and the literal runs of longer messages."""
    words, runs = set(), []
    for message in extract():
        for text in (message.id if isinstance(message.id, tuple) else (message.id,)):
            if not text:
                continue
            for run in re.split(r"\{[^}]*\}|\*\*|`|\n", text):
                run = run.strip(" .,:;()–-")
                if " " not in run and re.fullmatch(r"[A-Za-z][A-Za-z ']+", run or "-") and run not in KEPT:
                    words.add(run)
                elif len(run) >= 18 and re.search(r"[A-Za-z]{3}", run):
                    runs.append(run)
    return words, runs


WORDS, RUNS = _interface_messages()
# Our words not yet written in Arabic are shown in English with this mark: data marked as English, not interface.
with i18n.use("ar"):
    NOT_YET = i18n.gettext("{text} [in English: no Arabic version yet]").format(text="").strip()


def english_left(shown: dict) -> list[str]:
    """The interface's English found on the page: a line that is an interface word, a line holding a run of an
    interface message, or a Latin word in the interface's furniture."""
    found = [line for line in shown["lines"] if line.strip(" .:") in WORDS]
    found += [run for run in RUNS if any(run in line for line in shown["lines"])]
    for item in shown["chrome"]:
        if NOT_YET in item:
            continue
        item = re.sub(r"\b[a-z]+(?:_[a-z]+)+\b", "", item)  # an icon's ligature (keyboard_arrow_down)
        latin = [w for w in re.findall(r"[A-Za-z]{2,}", item) if w not in KEPT]
        if latin:
            found.append(item)
    return found


def open_arabic(page, server, path: str, size: tuple[int, int]) -> tuple[dict, list[str]]:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    joiner = "&" if "?" in path else "?"
    errors = open_page(page, server, f"{path}{joiner}lang=ar")
    page.wait_for_timeout(1500)  # tables and charts draw after the script settles
    return page.evaluate(TEXTS), errors


@pytest.mark.parametrize("size", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
@pytest.mark.parametrize("path", PAGES, ids=[p or "Overview" for p in PAGES])
def test_every_page_reads_in_arabic_right_to_left(bundled, page, path, size):
    shown, errors = open_arabic(page, bundled, path, size)
    assert_no_error_shown(page)
    assert not errors
    assert shown["direction"] == "rtl" and shown["lang"] == "ar"
    if shown["side"]:  # the sidebar mirrored: on the right of the page
        assert shown["side"][0] >= shown["main"][0]
    assert shown["wide"] <= shown["window"] + 1, "something is wider than the window"
    assert english_left(shown) == []
    assert "lang=ar" in page.url
    assert changes_while_watching(page, 5) == []


def test_the_checks_can_fail(bundled, page):
    # the same page in English is all English: the checks find it
    open_page(page, bundled, "Demands")
    page.wait_for_timeout(1500)
    shown = page.evaluate(TEXTS)
    assert shown["direction"] == "ltr"
    assert {"Demands", "Filters"} <= set(english_left(shown))


def test_the_language_stays_from_page_to_page_and_in_a_shared_link(bundled, page):
    shown, _ = open_arabic(page, bundled, "Demands?gov=gov-aleppo", (1280, 720))
    assert "gov=gov-aleppo" in page.url and "lang=ar" in page.url
    page.locator('[data-testid="stSidebarNav"] a[href$="/Threads"]').first.click()
    page.wait_for_function("() => location.pathname.endsWith('/Threads')", timeout=30_000)
    wait_until_settled(page)
    assert "lang=ar" in page.url and "gov=gov-aleppo" in page.url
    page.get_by_role("heading", name="المسارات").first.wait_for(timeout=30_000)
    assert changes_while_watching(page, 5) == []
    # the address, opened afresh (a colleague's browser), opens the same page in Arabic
    shared = page.url
    page.context.clear_cookies()
    page.goto("about:blank")
    page.goto(shared, wait_until="domcontentloaded")
    wait_until_settled(page)
    page.get_by_role("heading", name="المسارات").first.wait_for(timeout=30_000)
    assert english_left(page.evaluate(TEXTS)) == []


def test_the_switch_turns_the_page_into_arabic_and_back(bundled, page):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, bundled, "Demands")
    page.get_by_role("heading", name="Demands").first.wait_for()
    page.locator(SIDEBAR).get_by_text("العربية", exact=True).click()
    page.wait_for_function("() => location.search.includes('lang=ar')", timeout=30_000)
    wait_until_settled(page)
    page.get_by_role("heading", name="المطالب").first.wait_for(timeout=30_000)
    assert changes_while_watching(page, 5) == []
    page.locator(SIDEBAR).get_by_text("English", exact=True).click()
    page.wait_for_function("() => !location.search.includes('lang=ar')", timeout=30_000)
    wait_until_settled(page)
    page.get_by_role("heading", name="Demands").first.wait_for(timeout=30_000)
    assert changes_while_watching(page, 5) == []
