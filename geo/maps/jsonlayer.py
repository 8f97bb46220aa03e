"""The map's layers built in the browser from one JSON payload, and the DOM helpers they share."""
from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from geo.maps.offline import safe_json

# Shared by the map's data layers: text reaches the page only as text nodes (el) or escaped (esc),
# and only http(s) addresses become links (safeUrl); the words come translated from Python, a sentence with
# {placeholders} filled in the browser (say).
DOM_HELPERS = """
          function el(tag, text, cls) {
            var node = document.createElement(tag);
            if (text !== undefined && text !== null) { node.textContent = String(text); }
            if (cls) { node.className = cls; }
            return node;
          }
          function safeUrl(url) { return /^https?:\\/\\//i.test(url || "") ? url : null; }
          function clicked(place) {  // the app's page sends a click on a place back; a saved map has no page
            if (typeof atlasMap !== "undefined" && atlasMap && atlasMap.clicked) { atlasMap.clicked(place); }
          }
          function say(template, values) {  // the catalogue's sentence (from Python) with its {names} filled
            return String(template).replace(/\\{(\\w+)\\}/g, function (all, key) {
              return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
            });
          }
          function esc(text) {
            return String(text).replace(/[&<>"'`]/g, function (c) {
              return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;"}[c];
            });
          }
"""


class JsonLayer(MacroElement):
    """Markers built in the browser from one JSON payload (``data``) into the parent group (``group``),
    by the subclass's ``body`` of JavaScript, with the DOM helpers at hand."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
          var group = {{ this._parent.get_name() }};
          var data = {{ this.payload }};
          """ + DOM_HELPERS + """
          {{ this.body }}
        })();
        {% endmacro %}
    """)
    body = ""

    def __init__(self, name: str, payload: dict):
        super().__init__()
        self._name = name
        self.payload = safe_json(payload)
