"""Leaflet and the map's shapes served by the app itself, so maps render with no internet.

The libraries come from the xstatic packages (PyPI) and are copied into the app's
static folder, under ``vendor/`` (Streamlit serves ``static/`` at ``/app/static/``).
The shapes (governorates and neighbouring countries) are written there as one
script, ``atlas/shapes.js``: the browser fetches them once instead of with every
rerun's map. A map saved for download gets the same files inlined, so it opens
offline anywhere.
"""
from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

from geo.files import write_atomic

URL_BASE = "/app/static/vendor"
DATA = Path(__file__).resolve().parent.parent / "data"
SHAPES = "atlas/shapes.js"


def safe_json(value) -> str:
    """JSON that can sit inside a <script> element whatever the strings hold."""
    # UTF-8 as it is (Arabic costs a third of its \\u escapes); only what could end the script is escaped
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


@lru_cache(maxsize=1)
def shapes_script() -> str:
    """``window.ATLAS_SHAPES = {governorates, neighbours}``: the outlines as GeoJSON, their provenance
    left in the files they come from."""
    shapes = {}
    for key, name in (("governorates", "governorates.geojson"), ("neighbours", "neighbours.geojson")):
        collection = json.loads((DATA / name).read_text(encoding="utf-8"))
        shapes[key] = {"type": "FeatureCollection", "features": collection["features"]}
    return "window.ATLAS_SHAPES = " + safe_json(shapes) + ";\n"


@lru_cache(maxsize=1)
def _shapes_digest() -> str:
    return hashlib.sha256(shapes_script().encode()).hexdigest()[:10]


def _generated() -> dict[str, str]:
    return {SHAPES: shapes_script()}


def _sources() -> dict[str, Path]:
    import xstatic.pkg.leaflet as leaflet

    leaflet_dir = Path(leaflet.BASE_DIR)
    files = {"leaflet/leaflet.js": leaflet_dir / "leaflet.js", "leaflet/leaflet.css": leaflet_dir / "leaflet.css"}
    for image in (leaflet_dir / "images").iterdir():
        files[f"leaflet/images/{image.name}"] = image
    return files


@lru_cache(maxsize=4)
def ensure_vendor(static_dir: Path) -> Path:
    """Copy the map libraries under ``static_dir/vendor`` unless they are already there (checked once per process)."""
    target = Path(static_dir) / "vendor"
    for relative, source in _sources().items():
        dest = target / relative
        if not dest.exists() or dest.stat().st_size != source.stat().st_size:
            write_atomic(dest, source.read_bytes())
    for relative, text in _generated().items():
        dest = target / relative
        if not dest.exists() or dest.read_text(encoding="utf-8") != text:
            write_atomic(dest, text)
    return target


def ensure_generated(static_dir: Path, files: dict[str, str]) -> None:
    """Write a map's own scripts (``fmap.atlas_generated``: name -> text) under ``static_dir/vendor`` once:
    their names carry their content's version, so a file already there is the same."""
    for relative, text in files.items():
        dest = Path(static_dir) / "vendor" / relative
        if not dest.exists():
            write_atomic(dest, text)


def js_links(base: str = URL_BASE) -> list[tuple[str, str]]:
    # the shapes' address carries their digest: a browser never draws shapes older than the page's data
    return [("leaflet", f"{base}/leaflet/leaflet.js"),
            ("atlas_shapes", f"{base}/{SHAPES}?v={_shapes_digest()}")]


def css_links(base: str = URL_BASE) -> list[tuple[str, str]]:
    return [("leaflet_css", f"{base}/leaflet/leaflet.css")]


def inline_assets(html: str, base: str = URL_BASE, extra: dict[str, str] | None = None) -> str:
    """Replace the links to our vendored files (and to ``extra``, a map's own scripts) with their contents:
    one self-contained page."""
    sources, generated = _sources(), {**_generated(), **(extra or {})}

    def script(match: re.Match) -> str:
        relative = match.group(1)
        body = generated[relative] if relative in generated else sources[relative].read_text(encoding="utf-8")
        return "<script>" + body.replace("</script", "<\\/script") + "</script>"

    def style(match: re.Match) -> str:
        return f"<style>{sources[match.group(1)].read_text(encoding='utf-8')}</style>"

    html = re.sub(rf'<script src="{re.escape(base)}/([^"?]+)(?:\?[^"]*)?"></script>', script, html)
    html = re.sub(rf'<link rel="stylesheet" href="{re.escape(base)}/([^"]+)"\s*/?>', style, html)
    return html
