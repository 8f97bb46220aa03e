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
from pathlib import Path

import folium
from branca.element import MacroElement
from jinja2 import Template

from geo.boundaries import load_boundaries
from geo.maps.offline import URL_BASE, css_links, js_links

M5_GEOJSON = Path(__file__).resolve().parent.parent / "data" / "m5.geojson"
SYRIA_BOUNDS = [[32.3, 35.6], [37.4, 42.4]]
# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
COLOURS = {"statements": "#0072B2", "events": "#E69F00", "both": "#009E73"}
KIND_LABELS = {"statements": "named in statements or demands", "events": "site of events",
               "both": "named in statements and site of events"}
EVENTS_COLOUR = "#CC79A7"  # Okabe-Ito reddish purple: apart from the curated markers' colours
SHADES = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]


def safe_json(value) -> str:
    """JSON that can sit inside a <script> element whatever the strings hold."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# Shared by the map's data layers: text reaches the page only as text nodes (el) or escaped (esc),
# and only http(s) addresses become links (safeUrl).
DOM_HELPERS = """
          function el(tag, text, cls) {
            var node = document.createElement(tag);
            if (text !== undefined && text !== null) { node.textContent = String(text); }
            if (cls) { node.className = cls; }
            return node;
          }
          function safeUrl(url) { return /^https?:\\/\\//i.test(url || "") ? url : null; }
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


class PlacesLayer(JsonLayer):
    """Circle markers for every place."""

    body = """
          function popup(p) {
            var box = el("div", null, "atlas-popup");
            box.appendChild(el("h4", p.name));
            var ar = el("div", p.name_ar); ar.dir = "rtl"; box.appendChild(ar);
            if (p.approx) { box.appendChild(el("div", p.approx, "atlas-approx")); }
            p.sections.forEach(function (section) {
              box.appendChild(el("h5", section.heading));
              var list = el("ul");
              section.items.forEach(function (item) {
                var li = el("li");
                if (item.date) { li.appendChild(el("span", item.date + " · ", "atlas-date")); }
                li.appendChild(el("span", item.text));
                var href = safeUrl(item.url);
                if (href) {
                  li.appendChild(document.createTextNode(" "));
                  var a = el("a", "source"); a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
                  li.appendChild(a);
                }
                list.appendChild(li);
              });
              if (section.more) { list.appendChild(el("li", section.more)); }
              box.appendChild(list);
            });
            return box;
          }
          data.points.forEach(function (p) {
            var marker = L.circleMarker([p.lat, p.lon], {
              radius: p.r, color: "#1f2933", weight: p.approx ? 2 : 1, dashArray: p.approx ? "4 3" : null,
              fillColor: p.c, fillOpacity: 0.85
            });
            // A string (escaped here) rather than a node: the map component reads its text on click.
            marker.bindTooltip("<strong>" + esc(p.name) + "</strong><div dir='rtl'>" + esc(p.name_ar) +
                               "</div><div>" + esc(p.summary) + "</div>", {sticky: true});
            marker.bindPopup(function () { return popup(p); }, {maxWidth: 380, maxHeight: 340});
            marker.atlasPlaceId = p.id;
            marker.on("add", function () {  // name the drawn path: for screen readers and for tests
              if (marker._path) {
                marker._path.setAttribute("data-place", p.id);
                marker._path.setAttribute("aria-label", p.name + " / " + p.name_ar + ": " + p.summary);
              }
            });
            marker.addTo(group);
          });
    """

    def __init__(self, points: list[dict]):
        super().__init__("PlacesLayer", {"points": points})


class Legend(MacroElement):
    """A legend drawn as a Leaflet control inside the map, plus the map's own styles."""

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>
          .leaflet-container { background: #eef2f5; }
          .atlas-legend { background: rgba(255,255,255,.94); padding: 8px 10px; border-radius: 6px;
            font: 12px/1.3 system-ui, sans-serif; color: #1f2933; box-shadow: 0 1px 4px rgba(0,0,0,.3); max-width: 210px; }
          .atlas-legend .sw { display: inline-block; width: 12px; height: 12px; border-radius: 50%;
            margin-right: 6px; vertical-align: -1px; border: 1px solid #1f2933; }
          .atlas-legend .title { font-weight: 600; margin-bottom: 4px; }
          .atlas-popup h4 { margin: 0 0 2px; font-size: 15px; } .atlas-popup h5 { margin: 8px 0 2px; font-size: 13px; }
          .atlas-popup ul { margin: 0; padding-left: 16px; } .atlas-popup .atlas-date { color: #52606d; }
          .atlas-popup .atlas-approx { color: #8a4b00; font-size: 12px; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
          var legend = L.control({position: "bottomleft"});
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
        super().__init__()
        self._name = "Legend"
        rows = [f'<div class="title">{html.escape(title)}</div>']
        rows += [f'<div><span class="sw" style="background:{colour}"></span>{html.escape(label)}</div>'
                 for colour, label in entries]
        rows += [f"<div>{html.escape(note)}</div>" for note in notes]
        self.body = safe_json("".join(rows))  # our own fixed text, escaped, as a JS string


class Caption(MacroElement):
    """Title lines drawn on the map itself, so a saved or projected map says what it shows."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
          var caption = L.control({position: "topright"});
          caption.onAdd = function () {
            var div = L.DomUtil.create("div", "atlas-legend atlas-caption");
            {{ this.lines }}.forEach(function (line, i) {
              var p = document.createElement(i === 0 ? "strong" : "div");
              p.textContent = line;
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
            link.href = "#"; link.title = "Full screen"; link.setAttribute("role", "button");
            link.setAttribute("aria-label", "Full screen");
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

    def __init__(self):
        super().__init__()
        self._name = "FullScreen"


class EventSitesLayer(JsonLayer):
    """The imported ACLED events, one marker per site."""

    body = """
          data.sites.forEach(function (a) {  // arrays, not objects: a thousand sites stay small
            var s = {name: a[0], name_ar: a[1], lat: a[2], lon: a[3], n: a[4], f: a[5], linked: a[6], r: a[7],
                     types: a[8]};
            var marker = L.circleMarker([s.lat, s.lon], {
              radius: s.r, color: "#6b2c57", weight: 1, fillColor: data.colour, fillOpacity: 0.55
            });
            var line = s.n.toLocaleString("en") + " ACLED event(s), " + s.f.toLocaleString("en") + " fatalities";
            marker.bindTooltip("<strong>" + esc(s.name) + "</strong>" +
                               (s.name_ar ? "<div dir='rtl'>" + esc(s.name_ar) + "</div>" : "") +
                               "<div>" + esc(line) + "</div>", {sticky: true});
            marker.bindPopup(function () {
              var box = el("div", null, "atlas-popup");
              box.appendChild(el("h4", s.name));
              if (s.name_ar) { var ar = el("div", s.name_ar); ar.dir = "rtl"; box.appendChild(ar); }
              box.appendChild(el("div", line));
              var list = el("ul");
              data.types.forEach(function (t, i) { if (s.types[i]) { list.appendChild(el("li", t + ": " + s.types[i].toLocaleString("en"))); } });
              box.appendChild(list);
              box.appendChild(el("div", s.linked ? "Counted at this gazetteer place (events within " + data.radius + " km)."
                                                 : "ACLED's own location: no gazetteer place within " + data.radius + " km."));
              return box;
            }, {maxWidth: 320});
            marker.on("add", function () {
              if (marker._path) { marker._path.setAttribute("data-acled-site", s.name); }
            });
            marker.addTo(group);
          });
    """

    def __init__(self, sites: list[dict], types: list[str], radius_km: float):
        largest = max((s["n"] for s in sites), default=0)
        super().__init__("EventSitesLayer", {
            "types": types, "colour": EVENTS_COLOUR, "radius": f"{radius_km:g}",
            "sites": [[s["name"], s["name_ar"], s["lat"], s["lon"], s["n"], s["f"], int(s["linked"]),
                       marker_radius(s["n"], largest, max_radius=18.0, min_radius=3.0), s["types"]] for s in sites]})


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
              event_types: list[str] | None = None, link_radius_km: float | None = None) -> folium.Map:
    """The folium map for ``points`` (dicts with id, name, name_ar, lat, lon, total, kind, approx, sections).

    ``event_sites`` (dicts with name, name_ar, lat, lon, n, f, linked, types) adds the imported ACLED
    events as their own layer, under the curated places and switchable in the layer control;
    ``link_radius_km`` is the distance within which the import counted an event at a place.
    """
    fmap = folium.Map(location=[35.0, 38.5], zoom_start=6, tiles=None, min_zoom=5, max_zoom=14,
                      control_scale=True, height=height, prefer_canvas=False)
    fmap.default_js = js_links(asset_base)
    fmap.default_css = css_links(asset_base)
    if tiles_url:
        folium.TileLayer(tiles=tiles_url, attr=tiles_attribution or "Map tiles", name="Online tiles",
                         max_zoom=14).add_to(fmap)

    boundaries = load_boundaries()
    largest_gov = max(governorate_counts.values(), default=0)
    shaded = folium.FeatureGroup(name="Governorates (shaded by references)", show=True)
    features = []
    for feature in boundaries.geojson["features"]:
        props = dict(feature["properties"])
        count = governorate_counts.get(props["admin1_pcode"], 0)
        props["references"] = count
        props["label"] = f"{props['name']} · {props['name_ar']}" if props["admin1_pcode"] else props["name"]
        features.append({"type": "Feature", "properties": props, "geometry": feature["geometry"]})
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        style_function=lambda f: {"fillColor": _shade(f["properties"]["references"], largest_gov),
                                  "color": "#52606d", "weight": 1, "fillOpacity": 0.75},
        highlight_function=lambda f: {"weight": 2, "color": "#1f2933"},
        tooltip=folium.GeoJsonTooltip(fields=["label", "references"], aliases=["Governorate", "References"]),
    ).add_to(shaded)
    shaded.add_to(fmap)

    road = json.loads(M5_GEOJSON.read_text(encoding="utf-8"))["features"][0]
    m5_refs = (road_counts or {}).get(road["properties"]["place_id"], 0)
    roads = folium.FeatureGroup(name="M5 highway (approximate line)", show=True)
    folium.PolyLine(
        [(lat, lon) for lon, lat in road["geometry"]["coordinates"]], color="#3e4c59", weight=4, dash_array="8 6",
        tooltip=html.escape(f"M5 highway · {road['properties']['name_ar']} — approximate course; "
                            f"{m5_refs} reference(s)"),
    ).add_to(roads)
    roads.add_to(fmap)

    if event_sites is not None:
        acled = folium.FeatureGroup(name="ACLED events (per place)", show=True)
        EventSitesLayer(event_sites, event_types or [], link_radius_km).add_to(acled)
        acled.add_to(fmap)

    largest = max((p["total"] for p in points), default=0)
    places = folium.FeatureGroup(name="Places referred to", show=True)
    payload = [{
        "id": p["id"], "name": p["name"], "name_ar": p["name_ar"], "lat": p["lat"], "lon": p["lon"],
        "r": marker_radius(p["total"], largest), "c": COLOURS[p["kind"]], "summary": p["summary"],
        "approx": p.get("approx") or "", "sections": p["sections"],
    } for p in points]
    PlacesLayer(payload).add_to(places)
    places.add_to(fmap)

    entries = [(COLOURS[k], KIND_LABELS[k]) for k in ("statements", "events", "both")]
    if event_sites is not None:
        entries.append((EVENTS_COLOUR, "ACLED events (area: number of events)"))
    Legend("Places", entries, ["Marker area: number of references.", "Dashed outline: approximate position.",
                               "Darker governorate: more references.",
                               "Dashed line: M5 highway (approximate)."]).add_to(fmap)
    FullScreen().add_to(fmap)
    if caption:
        Caption(caption).add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    located = points or event_sites or []
    if located:
        lats = [p["lat"] for p in located]
        lons = [p["lon"] for p in located]
        pad = 0.3
        fmap.fit_bounds([[min(lats) - pad, min(lons) - pad], [max(lats) + pad, max(lons) + pad]])
    else:
        fmap.fit_bounds(SYRIA_BOUNDS)
    return fmap
