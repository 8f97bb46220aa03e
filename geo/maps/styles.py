"""The map's own styles, on every map (a small one without a legend too): the sea, the fonts Leaflet sizes
in rem, the names, the language switch, regions and popups."""
from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template


class MapStyles(MacroElement):
    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>
          .leaflet-container { background: {{ this.sea }}; }
          /* leaflet.css sizes these in rem, which the app's frame inflates: fixed, so the attribution
             stays one line and the layer list stays small */
          .leaflet-control-layers, .leaflet-control-attribution, .leaflet-tooltip {
            font: 12px/1.4 system-ui, sans-serif; }
          .leaflet-control-attribution { font-size: 11px; }
          /* a name's span is placed by the names' script (geo/maps/labels.py), never wrapped */
          .atlas-label span { position: absolute; left: 0; top: 0; white-space: nowrap; word-break: keep-all;
            font: 600 12px/1.15 system-ui, sans-serif; color: #1f2933; pointer-events: none;
            text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }
          .atlas-label-country span { font-size: 14px; font-weight: 500; color: #6b6459; letter-spacing: .14em;
            text-transform: uppercase; text-shadow: 0 0 3px #f2f0eb, 0 0 3px #f2f0eb; }
          .atlas-label-sea span { font-size: 14px; font-style: italic; font-weight: 500; color: #2f6388;
            letter-spacing: .08em; text-shadow: none; }
          .atlas-label-golan span { font-size: 11px; font-style: italic; font-weight: 500; color: #6b6459; }
          .atlas-label-gov span { font-size: 11px; font-weight: 500; color: #52606d; letter-spacing: .06em;
            text-transform: uppercase; }
          .atlas-label-region span { font-style: italic; font-weight: 500; letter-spacing: .04em; }
          .atlas-label span[dir="rtl"] { letter-spacing: 0; font-style: normal; }
          /* presentation mode: sizes follow the screen, so a 4K wall and a laptop read alike */
          .atlas-large .atlas-label span { font-size: clamp(13px, 1vw, 34px); }
          .atlas-large .atlas-label-country span, .atlas-large .atlas-label-sea span { font-size: clamp(14px, 1.1vw, 38px); }
          .atlas-large .atlas-label-gov span, .atlas-large .atlas-label-golan span { font-size: clamp(11px, .75vw, 26px); }
          .atlas-language a { font: 600 13px/30px system-ui, sans-serif; color: #1f2933; }
          .atlas-language a.atlas-on { background: #1f2933; color: #fff; }
          .atlas-popup h4 { margin: 0 0 2px; font-size: 15px; } .atlas-popup h5 { margin: 8px 0 2px; font-size: 13px; }
          .atlas-popup ul { margin: 0; padding-left: 16px; } .atlas-popup .atlas-date { color: #52606d; }
          .atlas-popup .atlas-approx { color: #8a4b00; font-size: 12px; }
          .atlas-popup .atlas-acled { color: #6b2c57; font-size: 12px; }
          .atlas-popup .atlas-region { font-style: italic; color: #52606d; font-size: 12px; }
        </style>
        {% endmacro %}
    """)

    def __init__(self, sea: str):
        super().__init__()
        self._name = "MapStyles"
        self.sea = sea
