"""The Briefing page in a real browser, on the bundled record, as a briefer uses it: choose the day of the last
briefing, read what changed, open a line, download the pack; at 1280x720 and 1920x1080, the address and the
page staying put after each step."""
from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from atlas.dataset.loader import load_dataset
from atlas.views.coverage import record_end
from tests.helpers import assert_no_error_shown, changes_while_watching, open_page, wait_until_settled

RECORD = load_dataset("data")
END = record_end(RECORD)


def statements_between(first: str, last: str) -> int:
    s = RECORD.statements
    return int(((s["date"] > first) & (s["date"] <= last)).sum())


def type_since(page, digits: str) -> None:
    """Type a day into the since field, segment by segment, and apply it with Enter."""
    page.get_by_role("spinbutton", name=re.compile(r"^year, Changes since")).click()
    page.keyboard.type(digits, delay=30)
    page.keyboard.press("Enter")


@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080)])
def test_a_briefer_picks_the_day_reads_what_changed_and_opens_a_line(bundled, page, width, height):
    page.set_viewport_size({"width": width, "height": height})
    errors = open_page(page, bundled, "Briefing?since=2026-01-01")
    assert not errors and page.blocked_requests == []
    assert_no_error_shown(page)
    n = statements_between("2026-01-01", END.isoformat())
    page.get_by_role("heading", name=f"New statements, by issuer ({n})").wait_for(timeout=30_000)
    assert changes_while_watching(page, 5) == []

    page.wait_for_function("() => window.atlasDateKeys === true", timeout=30_000)
    type_since(page, "20260301")
    page.wait_for_function("() => location.search.includes('since=2026-03-01')", timeout=30_000)
    wait_until_settled(page)
    n = statements_between("2026-03-01", END.isoformat())
    page.get_by_role("heading", name=f"New statements, by issuer ({n})").wait_for(timeout=30_000)
    assert changes_while_watching(page, 5) == []
    assert_no_error_shown(page)

    # a line of the list opens its statement in a tab of its own (the briefing stays), the day going with it
    first = page.locator('[data-testid="stMarkdownContainer"] a[href*="statement="]').first
    statement_id = re.search(r"statement=([^&#]+)", first.get_attribute("href")).group(1)
    with page.context.expect_page(timeout=30_000) as opened:
        first.click()
    record = opened.value
    record.wait_for_load_state("domcontentloaded")
    wait_until_settled(record)
    title = RECORD.statements.set_index("statement_id").at[statement_id, "title"]
    record.get_by_role("heading", name=title).first.wait_for(timeout=30_000)
    assert f"statement={statement_id}" in record.url and "since=2026-03-01" in record.url
    assert changes_while_watching(record, 5) == [] and changes_while_watching(page, 3) == []
    assert "since=2026-03-01" in page.url


def test_the_pack_downloads_with_its_pages_its_words_and_its_map(bundled, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, bundled, "Briefing?since=2026-01-01")
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Download the briefing pack (PDF, 16:9 slides)").click()
    download = info.value
    assert download.suggested_filename.startswith("syria-atlas_briefing-since-2026-01-01_")
    reader = PdfReader(io.BytesIO(open(download.path(), "rb").read()))
    words = unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages))
    for heading in ("What changed since 1 January 2026", "Who has met what", "Overdue asks", "Sources"):
        assert heading in words
    assert any("\u0600" <= ch <= "\u06ff" for ch in words)  # the Arabic quotes, as letters
    assert sum(len(p.images) for p in reader.pages) >= 1  # the map, as a picture
    assert changes_while_watching(page, 5) == []
    assert_no_error_shown(page)
