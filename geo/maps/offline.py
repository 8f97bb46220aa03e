"""Leaflet and jQuery served by the app itself, so maps render with no internet.

The files come from the xstatic packages (PyPI) and are copied into the app's
static folder, under ``vendor/`` (Streamlit serves ``static/`` at ``/app/static/``).
A map saved for download gets the same files inlined, so it opens offline anywhere.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from geo.files import write_atomic

URL_BASE = "/app/static/vendor"


def _sources() -> dict[str, Path]:
    import xstatic.pkg.jquery as jquery
    import xstatic.pkg.leaflet as leaflet

    leaflet_dir = Path(leaflet.BASE_DIR)
    files = {"leaflet/leaflet.js": leaflet_dir / "leaflet.js", "leaflet/leaflet.css": leaflet_dir / "leaflet.css",
             "jquery/jquery.min.js": Path(jquery.BASE_DIR) / "jquery.min.js"}
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
    return target


def js_links(base: str = URL_BASE) -> list[tuple[str, str]]:
    return [("leaflet", f"{base}/leaflet/leaflet.js"), ("jquery", f"{base}/jquery/jquery.min.js")]


def css_links(base: str = URL_BASE) -> list[tuple[str, str]]:
    return [("leaflet_css", f"{base}/leaflet/leaflet.css")]


def inline_assets(html: str, base: str = URL_BASE) -> str:
    """Replace the links to our vendored files with their contents: one self-contained page."""
    sources = _sources()

    def script(match: re.Match) -> str:
        path = sources[match.group(1)]
        body = path.read_text(encoding="utf-8").replace("</script", "<\\/script")
        return f"<script>{body}</script>"

    def style(match: re.Match) -> str:
        return f"<style>{sources[match.group(1)].read_text(encoding='utf-8')}</style>"

    html = re.sub(rf'<script src="{re.escape(base)}/([^"]+)"></script>', script, html)
    html = re.sub(rf'<link rel="stylesheet" href="{re.escape(base)}/([^"]+)"\s*/?>', style, html)
    return html
