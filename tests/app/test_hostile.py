"""Hostile text in every field stays inert: on every page, in the map, the timeline and every download."""
from __future__ import annotations

import csv
import io
import json
import re

import openpyxl
import pytest

from atlas.acled.importer import import_export
from atlas.dataset.loader import load_dataset
from tests import hostile
from tests.helpers import PAGES, app, map_data

# What would be live if it reached a browser unescaped: raw tags, or a Markdown link to javascript:.
LIVE_HTML = re.compile(r"<(script|img|svg|a)\b", re.IGNORECASE)
LIVE_MARKDOWN_LINK = re.compile(r"(?<!\\)\]\(javascript:", re.IGNORECASE)
FORMULA = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    data_dir = hostile.build(folder / "data")
    import_export(hostile.acled_export(folder / "acled.csv"), data_dir)
    return data_dir


@pytest.fixture
def on_hostile(hostile_dir, monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(hostile_dir))
    return load_dataset(hostile_dir)


def rendered_text(at) -> list[tuple[str, bool]]:
    """Every Markdown-rendered string on the page, and whether it may hold raw HTML."""
    out = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success"):
        for element in at.get(kind):
            proto = element.proto
            body = getattr(proto, "body", None) or getattr(proto, "value", None) or str(element.value)
            out.append((str(body), bool(getattr(proto, "allow_html", False))))
    return out


def assert_inert(at):
    assert not at.exception, at.exception
    for body, allows_html in rendered_text(at):
        assert not LIVE_MARKDOWN_LINK.search(body), body[:300]
        if allows_html:  # only our own style blocks may carry HTML, and never dataset text
            assert hostile.PWN not in body and "W" * 50 not in body


def test_the_hostile_dataset_is_valid_and_hostile(on_hostile):
    titles = " ".join(on_hostile.statements["title"])
    assert "<script>" in titles or "onerror" in titles or "javascript:" in titles
    assert any(str(v).startswith(("=", "+", "@")) for v in on_hostile.demands["quote"])


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_renders_hostile_text_inert(on_hostile, page):
    assert_inert(app(page).run())


def test_every_statement_page_renders_hostile_text_inert(on_hostile):
    for statement_id in on_hostile.statements["statement_id"]:
        assert_inert(app("Statements", statement=statement_id).run())


def test_map_payload_never_carries_raw_markup(on_hostile):
    at = app("Map").run()
    script = map_data(at)["script"]
    assert hostile.PWN in script  # the payloads are there, as data
    assert not re.search(r"<(script|img|svg)\b[^>]*(onerror|onload|__pwned)", script, re.IGNORECASE)
    assert "\\u003cscript\\u003e" in script  # escaped inside the JSON payload



def test_the_served_site_names_of_the_acled_layer_cannot_end_their_script(hostile_dir):
    from atlas.acled.layer import load_layer, sites_script

    layer = load_layer(hostile_dir)
    name, text = sites_script(layer)
    table = json.loads(text.split(" = ", 2)[-1].rstrip(";\n"))
    assert [row[0] for row in table] == layer.sites["name"].tolist()  # every name there, as data
    assert any("<" in row[0] for row in table)  # and some hostile: markup, escaped in the script
    assert "<" not in text and ">" not in text and "&" not in text


def test_timeline_hovers_are_escaped(on_hostile):
    at = app("Timeline").run()
    for chart in at.get("plotly_chart"):
        spec = chart.proto.spec
        assert not LIVE_HTML.search(spec.replace("\\u003c", "<").replace("<br>", "").replace("<b>", "")
                                    .replace("</b>", "").replace("<extra>", "").replace("</extra>", "")), \
            "raw markup in a plotly hover"


def cells(table_bytes: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(table_bytes.decode("utf-8-sig"))))


def test_downloads_never_hold_a_live_formula(on_hostile, downloads):
    app("Demands").run()
    app("Events").run()
    app("Map").run()
    names = sorted(downloads)
    assert any("demands" in n and n.endswith(".csv") for n in names)
    assert any("acled-events" in n and n.endswith(".csv") for n in names)
    for name in names:
        data = downloads[name]
        if name.endswith(".csv"):
            for row in cells(data):
                for key, value in row.items():
                    assert not value.startswith(FORMULA), (name, key, value[:40])
        elif name.endswith(".xlsx"):
            book = openpyxl.load_workbook(io.BytesIO(data))
            for sheet in book.worksheets:
                for row in sheet.iter_rows():
                    for cell in row:
                        assert cell.data_type != "f", (name, sheet.title, cell.coordinate, cell.value)
                        if isinstance(cell.value, str):
                            assert not cell.value.startswith(FORMULA), (name, cell.coordinate, cell.value[:40])
        elif name.endswith(".html"):
            assert not re.search(r"<(img|svg)\b[^>]*(onerror|onload)", data.decode(), re.IGNORECASE)
            assert f"<script>{hostile.PWN}" not in data.decode()
