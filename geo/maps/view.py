"""The briefing map: one data layer of places, governorates shaded, the M5 as a line.

Places arrive as plain dicts and reach the browser as one JSON payload; the
page's script builds markers, tooltips and popups from it with DOM text nodes,
so no text from the dataset is ever parsed as HTML. Only http(s) links become
links. No tiles are loaded unless a tile URL is configured: the governorate
polygons are the base map, which is what makes the map work offline.
"""
from __future__ import annotations

import html
import json
import math
from functools import lru_cache
from pathlib import Path

import folium
from branca.element import MacroElement
from jinja2 import Template

from atlas.i18n import N_, _, ngettext
from geo.boundaries import load_boundaries
from geo.maps.jsonlayer import JsonLayer
from geo.maps.labels import LabelsLayer, arabic, map_labels
from geo.maps.offline import URL_BASE, css_links, js_links, safe_json
from geo.maps.styles import MapStyles

M5_GEOJSON = Path(__file__).resolve().parent.parent / "data" / "m5.geojson"
# The map's ink, shared by the interactive map and the picture for slides (geo/maps/picture.py).
SEA, LAND, LAND_EDGE = "#cfe2ee", "#f2f0eb", "#a39e93"
INK, ROAD, GOV_EDGE = "#1f2933", "#3e4c59", "#52606d"
# The map's words, marked for the catalogue here and translated where shown (``_``, or ``labels.arabic`` for
# the Arabic half of what the map's switch changes).
LEGEND_NOTES = [N_("Area: references · dashed ring: approximate place"), N_("Darker governorate: more references"),
                N_("- - - M5 highway (approximate)")]
ATTRIBUTION = N_("Boundaries: Natural Earth (public domain) · places: Who's On First, GeoNames (CC BY 4.0) · "
                 "P-codes: OCHA COD-AB via OpenSyria")
SYRIA_BOUNDS = [[32.3, 35.6], [37.4, 42.4]]
# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
COLOURS = {"statements": "#0072B2", "events": "#E69F00", "both": "#009E73"}
KIND_LABELS = {"statements": N_("Named in statements"), "events": N_("Site of events"), "both": N_("Both")}
EVENTS_COLOUR = "#CC79A7"  # Okabe-Ito reddish purple: apart from the curated markers' colours
CANVAS_SITES = 2000  # more event sites than this are drawn on a canvas: thousands of SVG paths make panning slow
# A region is an area, not a town: a hatched disc with a dashed rim, its name in italics.
REGION_LABEL = N_("Hatched disc, name in italics: a region, not a town")
REGION_SWATCH = f"background:repeating-linear-gradient(45deg,{INK} 0 2px,#fff 2px 5px);border:1.5px dashed {INK}"
REGION_MIN_RADIUS = 9.0
# The layer list's names (English in the markup; the map's switch puts them into Arabic).
LAYER_NAMES = [N_("Online tiles"), N_("Governorates (shaded by references)"), N_("M5 highway (approximate line)"),
               N_("ACLED events (per place)"), N_("Places referred to"),
               N_("Names (countries, governorates, most referred-to places)")]
SHADES = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]


class PlacesLayer(JsonLayer):
    """Circle markers for every place."""

    body = """
          function popup(p) {
            var box = el("div", null, "atlas-popup");
            box.appendChild(el("h4", p.name));
            var ar = el("div", p.name_ar); ar.dir = "rtl"; box.appendChild(ar);
            if (p.region) { box.appendChild(el("div", data.words.region_note, "atlas-region")); }
            if (p.approx) { box.appendChild(el("div", p.approx, "atlas-approx")); }
            p.sections.forEach(function (section) {
              box.appendChild(el("h5", section.heading));
              var list = el("ul");
              section.items.forEach(function (index) {
                var item = data.items[index];
                var li = el("li");
                if (item.date) { li.appendChild(el("span", item.date + " · ", "atlas-date")); }
                li.appendChild(el("span", item.text));
                if (item.acled) { li.appendChild(el("div", item.acled, "atlas-acled")); }
                var href = safeUrl(item.url);
                if (href) {
                  li.appendChild(document.createTextNode(" "));
                  var a = el("a", data.words.source); a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
                  li.appendChild(a);
                }
                list.appendChild(li);
              });
              if (section.more) { list.appendChild(el("li", section.more)); }
              box.appendChild(list);
            });
            return box;
          }
          // A region (Northwest Syria) is an area, not a town: a hatched disc with a dashed rim in its colour.
          function hatch(colour) {
            var id = "atlas-hatch-" + colour.replace(/[^0-9a-z]/gi, ""), ns = "http://www.w3.org/2000/svg";
            if (!document.getElementById(id)) {
              var holder = document.getElementById("atlas-patterns");
              if (!holder) {
                holder = document.createElementNS(ns, "svg");
                holder.id = "atlas-patterns"; holder.setAttribute("width", "0"); holder.setAttribute("height", "0");
                holder.style.position = "absolute";
                holder.appendChild(document.createElementNS(ns, "defs"));
                document.body.appendChild(holder);
              }
              var pattern = document.createElementNS(ns, "pattern");
              [["id", id], ["patternUnits", "userSpaceOnUse"], ["width", "6"], ["height", "6"],
               ["patternTransform", "rotate(45)"]].forEach(function (a) { pattern.setAttribute(a[0], a[1]); });
              [["#ffffff", "6", "0.6"], [colour, "2.5", "0.9"]].forEach(function (stripe) {
                var rect = document.createElementNS(ns, "rect");
                rect.setAttribute("width", stripe[1]); rect.setAttribute("height", "6");
                rect.setAttribute("fill", stripe[0]); rect.setAttribute("fill-opacity", stripe[2]);
                pattern.appendChild(rect);
              });
              holder.firstChild.appendChild(pattern);
            }
            return "url(#" + id + ")";
          }
          var markers = [];
          // on a wall-sized screen the markers grow with it, as the names do
          var scale = data.large ? Math.max(1, window.innerWidth / 1800) : 1;
          data.points.forEach(function (p) {
            var marker = L.circleMarker([p.lat, p.lon], p.region ? {
              radius: p.r * scale, color: p.c, weight: 2, dashArray: "5 4", fillColor: hatch(p.c), fillOpacity: 1
            } : {
              radius: p.r * scale, color: "#1f2933", weight: p.approx ? 2 : 1, dashArray: p.approx ? "4 3" : null,
              fillColor: p.c, fillOpacity: 0.85
            });
            // A string (escaped here) rather than a node: the map component reads its text on click.
            marker.bindTooltip("<strong>" + esc(p.name) + "</strong><div dir='rtl'>" + esc(p.name_ar) + "</div>" +
                               (p.region ? "<div><em>" + esc(data.words.region) + "</em></div>" : "") +
                               "<div>" + esc(p.summary) + "</div>",
                               {sticky: true});
            marker.bindPopup(function () { return popup(p); }, {maxWidth: 380, maxHeight: 340});
            marker.atlasPlaceId = p.id;
            marker.on("click", function () { clicked(p.id); });
            marker.on("add", function () {  // name the drawn path: for screen readers and for tests
              if (marker._path) {
                marker._path.setAttribute("data-place", p.id);
                if (p.region) { marker._path.setAttribute("data-region", "1"); }
                marker._path.setAttribute("aria-label", p.name + " / " + p.name_ar + ": " + p.summary);
              }
            });
            marker.atlasHome = L.latLng(p.lat, p.lon);
            markers.push(marker);
            marker.addTo(group);
          });
          // Markers that overlap on screen are pushed apart (the larger moving less) until none touches another,
          // each tied to its true position by a thin line; zooming in brings them home. The names are placed
          // after (atlas:spread).
          var leaders = L.layerGroup();
          function spread() {
            var map = group._map;
            if (!map) { return; }
            var pts = markers.map(function (m) {
              var home = map.latLngToLayerPoint(m.atlasHome);
              return {m: m, x: home.x, y: home.y, hx: home.x, hy: home.y, r: m.getRadius() + m.options.weight / 2};
            });
            for (var round = 0; round < 400; round++) {
              var moved = false;
              for (var i = 0; i < pts.length; i++) {
                for (var j = i + 1; j < pts.length; j++) {
                  var a = pts[i], b = pts[j], dx = b.x - a.x, dy = b.y - a.y;
                  var need = a.r + b.r + 1;
                  if (Math.abs(dx) >= need || Math.abs(dy) >= need) { continue; }
                  var d = Math.sqrt(dx * dx + dy * dy);
                  if (d >= need) { continue; }
                  var ux = d > 0.01 ? dx / d : Math.cos(i * 2.4), uy = d > 0.01 ? dy / d : Math.sin(i * 2.4);
                  var wa = b.r * b.r / (a.r * a.r + b.r * b.r), push = need - d + 0.25;
                  a.x -= ux * push * wa; a.y -= uy * push * wa;
                  b.x += ux * push * (1 - wa); b.y += uy * push * (1 - wa);
                  moved = true;
                }
              }
              if (!moved) { break; }
            }
            leaders.clearLayers();
            pts.forEach(function (p) {
              var at = map.layerPointToLatLng([p.x, p.y]);
              p.m.setLatLng(at);
              if (Math.abs(p.x - p.hx) + Math.abs(p.y - p.hy) > 3) {
                L.polyline([p.m.atlasHome, at], {color: "#1f2933", weight: 1, opacity: 0.7, interactive: false})
                  .addTo(leaders);
                L.circleMarker(p.m.atlasHome, {radius: 1.5, stroke: false, fillColor: "#1f2933", fillOpacity: 1,
                                               interactive: false}).addTo(leaders);
              }
            });
            pts.forEach(function (p) { p.m.bringToFront(); });  // above the lines, the smallest on top
            map.fire("atlas:spread");
          }
          group.on("add", function () {  // the group joins the map after this script has run
            var map = group._map;
            map.atlasMarkers = {};
            map.atlasMarkerList = markers;  // what the names keep clear of
            markers.forEach(function (m) { map.atlasMarkers[m.atlasPlaceId] = m; });
            leaders.addTo(group);
            map.on("zoomend", spread);
            map.whenReady(function () { setTimeout(spread, 0); });
          });
    """

    def __init__(self, points: list[dict], large: bool = False):
        # A statement named at ten places is sent once: sections hold indices into one list of items.
        items: dict[str, int] = {}
        compact = []
        for point in points:
            sections = [{**section, "items": [items.setdefault(json.dumps(item, sort_keys=True), len(items))
                                              for item in section["items"]]} for section in point["sections"]]
            compact.append({**point, "sections": sections})
        super().__init__("PlacesLayer", {"points": compact, "items": [json.loads(item) for item in items],
                                         "large": large, "words": {
                                             "region_note": _("A region, named as a whole: not a town."),
                                             "source": _("source"), "region": _("Region")}})


class ShapesLayer(JsonLayer):
    """The outlines from the shapes script (geo/maps/offline.py), fetched once by the browser: the
    neighbouring countries as plain land, or the governorates shaded by ``shades`` (pcode -> [references,
    colour]) with a tooltip each, named by ``names`` (pcode -> [name, Arabic name]) where given."""

    body = """
          var shapes = window.ATLAS_SHAPES;
          if (!shapes) { return; }
          if (data.kind === "neighbours") {
            L.geoJSON(shapes.neighbours, {interactive: false, style: function () {
              return {fillColor: data.fill, color: data.edge, weight: 1, fillOpacity: 1};
            }}).addTo(group);
            return;
          }
          function style(feature) {
            var shade = data.shades[feature.properties.admin1_pcode] || [0, data.fill];
            return {fillColor: shade[1], color: data.edge, weight: 1, fillOpacity: 0.75};
          }
          var layer = L.geoJSON(shapes.governorates, {style: style, onEachFeature: function (feature, shape) {
            var props = feature.properties, shade = data.shades[props.admin1_pcode] || [0, data.fill];
            var named = data.names[props.admin1_pcode] || [props.name, props.name_ar];  // the map's one spelling
            var label = props.admin1_pcode ? named[0] + " · " + named[1] : props.name;
            // "Governorate" first: a click on a shape must never read as a click on a place of that name
            var name = "<strong>" + esc(label) + "</strong>";
            shape.bindTooltip("<div>" + say(esc(data.words.governorate), {name: name}) + "</div><div>" +
                              esc(say(data.words.references, {n: shade[0]})) + "</div>", {sticky: true});
            shape.on("mouseover", function () { shape.setStyle({weight: 2, color: data.ink}); });
            shape.on("mouseout", function () { layer.resetStyle(shape); });
          }});
          layer.addTo(group);
    """

    def __init__(self, kind: str, shades: dict[str, list] | None = None, names: dict[str, list[str]] | None = None):
        land = shades is None
        super().__init__("ShapesLayer", {"kind": kind, "shades": shades or {}, "names": names or {},
                                         "fill": LAND if land else SHADES[0],
                                         "edge": LAND_EDGE if land else GOV_EDGE, "ink": INK,
                                         "words": {} if land else {"governorate": _("Governorate: {name}"),
                                                                   "references": _("References: {n}")}})


@lru_cache(maxsize=1)
def load_road() -> dict:
    """The M5's GeoJSON feature (an approximate line)."""
    return json.loads(M5_GEOJSON.read_text(encoding="utf-8"))["features"][0]


class Legend(MacroElement):
    """A legend drawn as a Leaflet control inside the map, in English and in Arabic: the map's language
    switch shows one (``.atlas-ar`` on the map)."""

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>
          .atlas-large .atlas-legend { font-size: clamp(13px, 1vw, 34px); max-width: none; padding: .6em .8em; }
          .atlas-large .atlas-legend .sw { width: 1em; height: 1em; }
          .atlas-legend { background: rgba(255,255,255,.94); padding: 8px 10px; border-radius: 6px;
            font: 12px/1.3 system-ui, sans-serif; color: #1f2933; box-shadow: 0 1px 4px rgba(0,0,0,.3); max-width: 210px; }
          .atlas-legend .sw { display: inline-block; width: 12px; height: 12px; border-radius: 50%;
            margin-inline-end: 6px; vertical-align: -1px; border: 1px solid #1f2933; box-sizing: border-box; }
          .atlas-legend .title { font-weight: 600; margin-bottom: 4px; }
          .atlas-ar .atlas-legend .atlas-en, .atlas-legend .atlas-ar-text { display: none; }
          .atlas-ar .atlas-legend .atlas-ar-text { display: block; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
          var legend = L.control({position: "bottomright"});  // over the desert, not the crowded west
          legend.onAdd = function () {
            var div = L.DomUtil.create("div", "atlas-legend");
            div.innerHTML = {{ this.body }};
            return div;
          };
          legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, title: str, entries: list[tuple[str, str]], notes: list[str]):
        """``title``, ``notes`` and the labels of ``entries`` (the swatch's CSS, label) in English, as marked for
        the catalogue: the legend holds them in English and in Arabic (``labels.arabic``), for the map's switch."""
        super().__init__()
        self._name = "Legend"

        def rows(say) -> str:
            out = [f'<div class="title">{html.escape(say(title))}</div>']
            out += [f'<div><span class="sw" style="{swatch}"></span>{html.escape(say(label))}</div>'
                    for swatch, label in entries]
            return "".join(out + [f"<div>{html.escape(say(note))}</div>" for note in notes])

        body = (f'<div class="atlas-en">{rows(str)}</div>'
                f'<div class="atlas-ar-text" dir="rtl" lang="ar">{rows(arabic)}</div>')
        self.body = safe_json(body)  # our own fixed text, escaped, as a JS string


class Caption(MacroElement):
    """Title lines drawn on the map itself, so a saved or projected map says what it shows."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
          var caption = L.control({position: "topright"});
          caption.onAdd = function () {
            var div = L.DomUtil.create("div", "atlas-legend atlas-caption");
            div.style.maxWidth = "min(520px, 60vw)";
            {{ this.lines }}.forEach(function (line, i) {
              var p = document.createElement(i === 0 ? "strong" : "div");
              p.textContent = line;
              p.style.display = "block";
              p.style.overflowWrap = "normal"; p.style.wordBreak = "keep-all";  // versions never break mid-string
              div.appendChild(p);
            });
            return div;
          };
          caption.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, lines: list[str]):
        super().__init__()
        self._name = "Caption"
        self.lines = safe_json([line for line in lines if line])


class FullScreen(MacroElement):
    """A full-screen button using the browser's Fullscreen API (no plugin to download)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
          var map = {{ this._parent.get_name() }};
          var box = map.getContainer();
          if (!box.requestFullscreen) { return; }
          var control = L.control({position: "topleft"});
          control.onAdd = function () {
            var bar = L.DomUtil.create("div", "leaflet-bar leaflet-control");
            var link = L.DomUtil.create("a", "atlas-fullscreen", bar);
            link.href = "#"; link.title = {{ this.title }}; link.setAttribute("role", "button");
            link.setAttribute("aria-label", {{ this.title }});
            link.innerHTML = '<svg width="16" height="16" viewBox="0 0 16 16" style="margin-top:7px" aria-hidden="true">' +
              '<path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" fill="none" stroke="#1f2933" stroke-width="2"/></svg>';
            L.DomEvent.on(link, "click", function (event) {
              L.DomEvent.preventDefault(event);
              if (document.fullscreenElement) { document.exitFullscreen(); } else { box.requestFullscreen(); }
            });
            return bar;
          };
          control.addTo(map);
          document.addEventListener("fullscreenchange", function () { map.invalidateSize(); });
        })();
        {% endmacro %}
    """)

    TITLE = N_("Full screen")  # in English: the map's switch puts it into Arabic (``labels.arabic``)

    def __init__(self):
        super().__init__()
        self._name = "FullScreen"
        self.title = safe_json(self.TITLE)


class Attribution(MacroElement):
    """The sources of the shapes, in the map's corner (our fixed text, escaped)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text }});
        {% endmacro %}
    """)

    def __init__(self, text: str):
        super().__init__()
        self._name = "Attribution"
        self.text = safe_json(html.escape(text))


class FillWindow(MacroElement):
    """Presentation mode: the map keeps the data framed as the page sizes it (the page's styles give it what
    the title and footer leave of the window) and when the window changes, and its names and legend take the
    larger sizes of ``.atlas-large``."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
          var map = {{ this._parent.get_name() }};
          var bounds = {{ this.bounds }};
          L.DomUtil.addClass(map.getContainer(), "atlas-large");
          var touched = false;  // once someone pans or zooms, the view is theirs
          ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (kind) {
            map.getContainer().addEventListener(kind, function () { touched = true; }, {passive: true});
          });
          function fit() { if (!touched) { map.fitBounds(bounds, {animate: false}); } }
          map.on("resize", fit);  // the page sizes the map as it lays out, and again when the window changes
          map.whenReady(fit);
        })();
        {% endmacro %}
    """)

    def __init__(self, bounds: list[list[float]]):
        super().__init__()
        self._name = "FillWindow"
        self.bounds = safe_json(bounds)


class EventSitesLayer(JsonLayer):
    """The imported ACLED events, one marker per site, every site drawn. Names and positions come from the
    layer's site script (fetched once per import); the payload holds, per site, its code (as the step from
    the previous one), events and fatalities, and counts per type for the busiest (their positions as steps
    too). Past CANVAS_SITES
    markers, a canvas draws them."""

    body = """
          var table = (window.ATLAS_SITES || {})[data.key] || [];
          var typed = {}, at = -1, largest = 0;
          data.ti.forEach(function (step, k) { at += step; typed[at] = data.t[k]; });
          function total(counts) { return counts.reduce(function (a, b) { return a + b; }, 0); }
          data.t.concat(data.n).forEach(function (n) {
            var value = typeof n === "number" ? n : total(n);
            if (value > largest) { largest = value; }
          });
          var renderer = data.canvas ? L.canvas({padding: 0.3}) : undefined;
          var code = 0, drawn = 0, untyped = 0;
          function line(s) {
            return say(data.words.line, {events: s.n.toLocaleString("en"), fatalities: s.f.toLocaleString("en")});
          }
          function count() {  // how many it drew, on the map's element: for screen readers and tests
            if (group._map) { group._map.getContainer().setAttribute("data-acled-sites", drawn); }
          }
          function draw() {  // once: the group may be switched off and on again
            if (drawn) { count(); return; }
            data.c.forEach(function (step, i) {
              code += step;
              var types = typed[i] || null, n = types ? total(types) : data.n[untyped++];
              var row = table[code];
              if (!row) { return; }
              var s = {name: row[0], name_ar: row[1], lat: row[2], lon: row[3], linked: row[4], n: n,
                       f: data.f[i], types: types};
              var radius = Math.round(Math.max(3, 18 * Math.sqrt(s.n / Math.max(largest, 1))) * 100) / 100;
              var marker = L.circleMarker([s.lat, s.lon], {
                radius: radius, color: "#6b2c57", weight: 1, fillColor: data.colour, fillOpacity: 0.55,
                renderer: renderer
              });
              marker.atlasSite = s;
              if (!renderer) {  // drawn as a path: named, for screen readers and tests
                marker.on("add", function () { marker._path.setAttribute("data-acled-site", s.name); });
              }
              marker.addTo(group);
              drawn += 1;
            });
            count();
          }
          // Thousands of sites go on a canvas, below the curated places' paths, once those are drawn: the
          // places a briefing is about show first. A few hundred are paths, drawn at once under the places.
          if (renderer) {
            group.on("add", function () { setTimeout(draw, 0); });
          } else {
            draw();
            group.on("add", count);
          }
          // One tooltip, one popup and one click handler for the whole layer, each reading the site of the
          // marker under the pointer: thousands of sites draw without thousands of bound objects.
          group.bindTooltip(function (marker) {
            var s = marker.atlasSite;
            return "<strong>" + esc(s.name) + "</strong>" +
                   (s.name_ar ? "<div dir='rtl'>" + esc(s.name_ar) + "</div>" : "") + "<div>" + esc(line(s)) + "</div>";
          }, {sticky: true});
          group.bindPopup(function (marker) {
            var s = marker.atlasSite;
            var box = el("div", null, "atlas-popup");
            box.appendChild(el("h4", s.name));
            if (s.name_ar) { var ar = el("div", s.name_ar); ar.dir = "rtl"; box.appendChild(ar); }
            box.appendChild(el("div", line(s)));
            if (s.types) {
              var list = el("ul");
              data.types.forEach(function (t, k) { if (s.types[k]) { list.appendChild(el("li", t + ": " + s.types[k].toLocaleString("en"))); } });
              box.appendChild(list);
            } else {
              box.appendChild(el("div", data.words.by_type));
            }
            box.appendChild(el("div", s.linked ? say(data.words.linked, {radius: data.radius}) : data.words.unlinked));
            return box;
          }, {maxWidth: 320});
          group.on("click", function (event) {
            var s = event.layer && event.layer.atlasSite;
            if (s && s.linked) { clicked(s.linked); }
          });
    """

    def __init__(self, sites: dict, types: list[str], radius_km: float, key: str):
        codes, busiest = sites["code"], sorted(sites["types"])
        steps = [code - previous for previous, code in zip([0, *codes[:-1]], codes)]
        super().__init__("EventSitesLayer", {
            "types": types, "colour": EVENTS_COLOUR, "radius": f"{radius_km:g}", "key": key, "words": {
                # the counts are the browser's: one form for any number
                "line": _("{events} ACLED event(s), {fatalities} fatalities"),
                "by_type": _("Counts by type: on the Events page, filtered to this place."),
                "linked": _("Counted at this gazetteer place (events within {radius} km, farther for approximate "
                            "ones)."),
                "unlinked": _("ACLED's own location: no gazetteer place near enough.")},
            "canvas": len(codes) > CANVAS_SITES, "f": sites["f"], "c": steps,
            # the busiest sites' counts per type (their positions as steps, then the counts, in that order); the
            # others' events (the busiest's are the sums of their counts)
            "ti": [i - previous for previous, i in zip([-1, *busiest[:-1]], busiest)],
            "t": [sites["types"][i] for i in busiest],
            "n": [n for i, n in enumerate(sites["n"]) if i not in sites["types"]]})


def data_bounds(located: list[dict], pad: float = 0.3) -> list[list[float]]:
    """[[south, west], [north, east]] around the points, ``pad`` degrees out; Syria's when there are none."""
    if not located:
        return SYRIA_BOUNDS
    lats, lons = [p["lat"] for p in located], [p["lon"] for p in located]
    return [[min(lats) - pad, min(lons) - pad], [max(lats) + pad, max(lons) + pad]]


def place_radius(point: dict, largest: int) -> float:
    """A place's marker radius; a region's disc is never smaller than REGION_MIN_RADIUS, so its hatching shows."""
    radius = marker_radius(point["total"], largest)
    return max(radius, REGION_MIN_RADIUS) if point.get("region") else radius


def marker_radius(total: int, largest: int, max_radius: float = 22.0, min_radius: float = 5.0) -> float:
    """Radius so that marker *area* is proportional to the number of references."""
    if total <= 0 or largest <= 0:
        return min_radius
    return round(max(min_radius, max_radius * math.sqrt(total / largest)), 2)


def _shade(count: int, largest: int) -> str:
    if count <= 0 or largest <= 0:
        return SHADES[0]
    return SHADES[1 + min(len(SHADES) - 2, int((len(SHADES) - 2) * count / largest))]


def build_map(points: list[dict], governorate_counts: dict[str, int], *, road_counts: dict[str, int] | None = None,
              asset_base: str = URL_BASE, tiles_url: str | None = None, tiles_attribution: str = "",
              height: int | str = 620, caption: list[str] | None = None, event_sites: list[dict] | None = None,
              event_types: list[str] | None = None, link_radius_km: float | None = None,
              sites_script: tuple[str, str] | None = None,
              labels_lang: str = "en", large: bool = False, compact: bool = False,
              governorate_names: dict[str, list[str]] | None = None) -> folium.Map:
    """The folium map for ``points`` (dicts with id, name, name_ar, lat, lon, total, kind, approx, sections, and
    region: true for an area such as Northwest Syria, drawn as one).

    ``event_sites`` (``atlas.acled.layer.map_sites``: columns of site codes and counts) adds the imported
    ACLED events as their own layer, under the curated places and switchable in the layer control;
    ``link_radius_km`` is the distance within which the import counted an event at a place;
    ``sites_script`` (file name, text) holds the layer's site names and positions, served once as a static
    file (``fmap.atlas_generated`` names it for ``show_map`` and ``inline_assets``).
    ``labels_lang`` ("en" or "ar") is the language the names open in; ``large`` is the presentation
    mode's: bigger names and legend, the layer list folded. ``compact`` is a small map beside other
    things: the whole country, with no legend or layer list to cover it. ``governorate_names`` (pcode ->
    [name, Arabic name]) spells the governorates' names and tooltips as the dataset does.
    """
    fmap = folium.Map(location=[35.0, 38.5], zoom_start=6, tiles=None, min_zoom=5, max_zoom=14,
                      control_scale=True, height=height, prefer_canvas=False,
                      zoomSnap=0.25)  # a quarter step: the country fills the window at any size
    fmap.default_js = js_links(asset_base)
    Attribution(_(ATTRIBUTION)).add_to(fmap)
    fmap.default_css = css_links(asset_base)
    MapStyles(SEA).add_to(fmap)
    if tiles_url:
        folium.TileLayer(tiles=tiles_url, attr=tiles_attribution or _("Map tiles"), name=N_("Online tiles"),
                         max_zoom=14).add_to(fmap)
    else:  # the land around Syria, on a sea-blue background: where the map is, at a glance
        land = folium.FeatureGroup(name=N_("Neighbouring countries"), control=False)
        ShapesLayer("neighbours").add_to(land)
        land.add_to(fmap)

    largest_gov = max(governorate_counts.values(), default=0)
    # The layer list's names stay in English in the markup: the map's switch puts them into Arabic (``words``).
    shaded = folium.FeatureGroup(name=N_("Governorates (shaded by references)"), show=True)
    pcodes = sorted(f["properties"]["admin1_pcode"] for f in load_boundaries().geojson["features"]
                    if f["properties"]["admin1_pcode"])  # not the UNDOF zone, drawn unshaded
    counts = {pcode: governorate_counts.get(pcode, 0) for pcode in pcodes}
    ShapesLayer("governorates", {pcode: [n, _shade(n, largest_gov)] for pcode, n in counts.items()},
                governorate_names).add_to(shaded)
    shaded.add_to(fmap)

    road = load_road()
    m5_refs = (road_counts or {}).get(road["properties"]["place_id"], 0)
    roads = folium.FeatureGroup(name=N_("M5 highway (approximate line)"), show=True)
    folium.PolyLine(
        [(lat, lon) for lon, lat in road["geometry"]["coordinates"]], color=ROAD, weight=4, dash_array="8 6",
        tooltip=html.escape(ngettext("M5 highway · {name_ar} — approximate course; {n} reference(s)",
                                     "M5 highway · {name_ar} — approximate course; {n} reference(s)",
                                     m5_refs).format(name_ar=road["properties"]["name_ar"], n=m5_refs)),
    ).add_to(roads)
    roads.add_to(fmap)

    fmap.atlas_generated = {}
    if event_sites is not None:
        name, text = sites_script
        fmap.atlas_generated[name] = text
        fmap.default_js = fmap.default_js + [("atlas_sites", f"{asset_base}/{name}")]
        acled = folium.FeatureGroup(name=N_("ACLED events (per place)"), show=True)
        EventSitesLayer(event_sites, event_types or [], link_radius_km, name).add_to(acled)
        acled.add_to(fmap)

    largest = max((p["total"] for p in points), default=0)
    places = folium.FeatureGroup(name=N_("Places referred to"), show=True)
    payload = [{
        "id": p["id"], "name": p["name"], "name_ar": p["name_ar"], "lat": p["lat"], "lon": p["lon"],
        "r": place_radius(p, largest), "c": COLOURS[p["kind"]], "summary": p["summary"],
        "approx": p.get("approx") or "", "region": bool(p.get("region")), "sections": p["sections"],
    } for p in points]
    PlacesLayer(payload, large=large).add_to(places)
    places.add_to(fmap)
    names = folium.FeatureGroup(name=N_("Names (countries, governorates, most referred-to places)"), show=True)
    LabelsLayer(map_labels(points, {p["id"]: p["r"] for p in payload}, governorates=governorate_names),
                lang=labels_lang, words=[*LAYER_NAMES, FullScreen.TITLE]).add_to(names)
    names.add_to(fmap)

    entries = [(f"background:{COLOURS[k]}", KIND_LABELS[k]) for k in ("statements", "events", "both")]
    if any(p["region"] for p in payload):
        entries.append((REGION_SWATCH, REGION_LABEL))
    if event_sites is not None:
        entries.append((f"background:{EVENTS_COLOUR}", N_("ACLED events (area: number of events)")))
    if not compact:
        Legend(N_("Places"), entries, LEGEND_NOTES).add_to(fmap)
    FullScreen().add_to(fmap)
    if caption:
        Caption(caption).add_to(fmap)
    if not compact:
        folium.LayerControl(collapsed=large).add_to(fmap)  # folded on a slide, open for work
    site_corners = [{"lat": lat, "lon": lon} for lat, lon in (event_sites or {}).get("bounds") or []]
    bounds = SYRIA_BOUNDS if compact else data_bounds(points or site_corners)
    # a saved map's caption sits top right: keep the data out from under it
    fmap.fit_bounds(bounds, padding_top_left=(10, 120 if caption else 10), padding_bottom_right=(10, 10))
    if large:
        FillWindow(bounds).add_to(fmap)
    return fmap
