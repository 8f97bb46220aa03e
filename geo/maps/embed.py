"""A folium map as the parts the app's page draws it from (``embed.js``): no frame, no page of its own.

The map's styles, its element and its script are taken from folium's rendering; the page-wide styles
folium writes for a page of its own (``html, body`` at full height) are left out, as are the script and
style links, which the page loads once (``js``, ``css``). folium names every element with a random id;
they are numbered in order instead, so the same map gives the same parts and a rerun that changes
nothing redraws nothing.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import folium

from atlas.i18n import N_, _

EMBED_JS = Path(__file__).resolve().parent / "embed.js"
MAP_NAME = "atlas_map_element"  # the page gives each drawing its own id in its place
FAILED = N_("The map could not load its scripts from this server. Reload the page to try again.")
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_PAGE_WIDE = ("html,", "#map {", "#map{")  # folium's styles for a page that is all map


def _element_names(element) -> set[str]:
    """The names folium gave ``element`` and everything inside it (``map_<random hex>`` and the like)."""
    names = {element.get_name()} if getattr(element, "_id", None) else set()
    for child in getattr(element, "_children", {}).values():
        names |= _element_names(child)
    return names


@lru_cache(maxsize=1)
def embed_script() -> str:
    """The page's side of the map: an ES module for Streamlit's components (v2)."""
    return EMBED_JS.read_text(encoding="utf-8")


def map_parts(fmap: folium.Map, clickable: bool = False) -> dict:
    """What the page needs to draw ``fmap``: ``name`` (the map's element id and script variable), ``header``
    (its styles), ``html`` (its element), ``script``, the ``js`` and ``css`` it loads first, whether a click
    on a place is sent back (``clickable``), and the words shown if its scripts cannot be loaded."""
    figure = fmap.get_root()
    figure.render()
    styles = [body for body in _STYLE.findall(figure.header.render()) if not body.strip().startswith(_PAGE_WIDE)]
    parts = {"name": fmap.get_name(), "header": "".join(f"<style>{body}</style>" for body in styles),
             "html": figure.html.render().strip(), "script": figure.script.render().strip()}
    script = parts["script"]
    names = sorted(_element_names(figure), key=lambda name: (script.find(name) < 0, script.find(name), name))
    numbered = {name: f"{name.rsplit('_', 1)[0]}_{n}" for n, name in enumerate(names, start=1)}
    numbered[fmap.get_name()] = MAP_NAME
    if names:  # longest first, so that no name is taken for the start of a longer one
        pattern = re.compile("|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)))
        parts = {key: pattern.sub(lambda match: numbered[match.group(0)], text) for key, text in parts.items()}
    return {**parts, "js": [src for _, src in fmap.default_js], "css": [href for _, href in fmap.default_css],
            "clickable": clickable, "failed": _(FAILED)}
