"""The briefing pack: one PDF with the map as a picture, what changed, the scorecard, the overdue asks and every
source; Arabic shaped and right to left; 16:9 slides or A4."""
from __future__ import annotations

import io
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader

from atlas.dataset.loader import load_dataset
from atlas.filters import Filters, apply_filters
from atlas.briefing.since import since_sources, since_view
from atlas.views.coverage import record_end
from atlas.briefing.pack import LAYOUTS, pack_download
from tests.helpers import DATA

RECORD = load_dataset(DATA)
END = record_end(RECORD)
SINCE = date(2026, 1, 1)
SCOPE = apply_filters(RECORD, Filters())
WINDOW = apply_filters(RECORD, Filters(date_from=date(2026, 1, 2), date_to=END))
VIEW = since_view(RECORD, WINDOW, SCOPE, SINCE, END)


@pytest.fixture(scope="module", params=list(LAYOUTS))
def pack(request):
    download = pack_download(RECORD, Filters(since=SINCE), VIEW, SCOPE, WINDOW, request.param, "No filters.")
    return request.param, download, PdfReader(io.BytesIO(download.build()))


def text(reader) -> str:
    return unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages))


def test_the_pack_holds_its_pages_in_order(pack):
    layout, _, reader = pack
    words = text(reader)
    order = [words.index(h) for h in ("What changed since 1 January 2026", "Where the record speaks", "What changed\n",
                                      "Who has met what", "Overdue asks", "Sources")]
    assert order == sorted(order)
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (width > height) == (layout == "slides")  # 16:9 landscape, or A4 portrait
    if layout == "slides":
        assert round(width / height, 2) == round(16 / 9, 2)


def test_the_pack_says_what_changed_in_english_and_arabic(pack):
    _, _, reader = pack
    words = text(reader)
    for title in VIEW.new_statements["title"].head(3):
        assert " ".join(title.split()[:4]) in " ".join(words.split())
    arabic = [q for q in VIEW.new_asks["quote"] if any("\u0600" <= ch <= "\u06ff" for ch in q)]
    assert arabic and " ".join(arabic[0].split()[:3]) in " ".join(words.split())  # shaped glyphs map back to letters


def test_the_map_is_a_picture_and_every_source_is_listed(pack):
    _, download, reader = pack
    assert sum(len(page.images) for page in reader.pages[:3]) >= 1
    words = " ".join(text(reader).split())
    sources = since_sources(RECORD, VIEW)
    assert sources and all(url[:40] in words.replace(" ", "") or url[:40] in words for url in sources[:5])
    assert RECORD.version in words


def test_the_file_name_says_the_day_the_filters_and_the_version(pack):
    layout, download, _ = pack
    assert download.file_name.startswith("syria-atlas_briefing-since-2026-01-01_")
    assert RECORD.version in download.file_name and download.file_name.endswith(".pdf")
    assert ("16x9" in download.file_name) == (layout == "slides")
