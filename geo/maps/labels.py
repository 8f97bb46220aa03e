"""The names on the map, drawn without a hover, and the map's fixed words in English and Arabic.

``map_labels`` says which names, most important first: the neighbouring countries, the sea and the Golan,
the most referred-to places, the governorates (spelt as the caller says: the dataset's curated names, not
the boundaries file's). ``LabelsLayer`` places them in the browser after every zoom, pan or resize: each
name takes the first free spot among a few around its point (beside its marker: right, left, above, below,
then the corners, then a step farther out with a thin line to its marker; over an area: centred, then a
little right, left, above, below, and for a country or the Golan wholly right or left of its point), where
it overlaps no name already placed, no marker, none of the map's controls (legend, attribution, buttons)
and stays inside the map; a name with no free spot is hidden. A neighbour whose label point is out of view
is named along the edge where its land shows. The EN / ع switch changes the names, the legend, the layer
list and the buttons' titles, and writes ``labels=ar`` into the page's address (removes it for English),
so a shared link opens in the language chosen. The map's fixed words are written in English and marked for
the message catalogue; their Arabic comes from it (``arabic``), whatever the page's language.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from atlas import i18n
from atlas.i18n import N_, _
from geo.boundaries import load_boundaries
from geo.maps.jsonlayer import JsonLayer

NEIGHBOURS_GEOJSON = Path(__file__).resolve().parent.parent / "data" / "neighbours.geojson"
# The occupied Golan's extent, generously: south, west, north, east.
GOLAN = [32.6, 35.6, 33.35, 35.95]
# Names on the map that no outline carries: the sea, and the Golan as the UN and most sources label it
# (Natural Earth's de facto lines put it inside Israel's outline). A name with an extent ("box") is written
# inside the part of it in view when its point is not.
FIXED_LABELS = [
    {"name": "Mediterranean Sea", "name_ar": "البحر الأبيض المتوسط", "lat": 34.3, "lon": 34.4, "kind": "sea"},
    {"name": "Golan (occupied by Israel)", "name_ar": "الجولان المحتل", "lat": 33.0, "lon": 35.77, "kind": "golan",
     "box": GOLAN},
]
PLACE_LABELS = 12  # the most referred-to places named without a hover
# Where a neighbour's name is never written, though its outline covers it: ISRAEL not over the occupied Golan.
NOT_NAMED_OVER = {"Israel": GOLAN}

# Leaflet's own buttons' titles, which the switch translates with the map's other fixed words.
LEAFLET_TITLES = [N_("Zoom in"), N_("Zoom out"), N_("Layers")]
# The switch's buttons: (language, its mark, its title). The Arabic one's title is in its own words, as the
# interface's language switch shows it; the English one's is translated with the page (``switch_options``).
SWITCH = [("en", "EN", N_("Names in English")), ("ar", "ع", "الأسماء بالعربية")]


def arabic(text: str) -> str:
    """The map's fixed word ``text`` (English, as written in the code) in Arabic, from the message catalogue
    whatever the page's language: the legend holds both, the switch shows one (as written if it lacks one)."""
    with i18n.use("ar"):
        return _(text)


def map_words(words) -> dict[str, str]:
    """English -> Arabic for the map's fixed words the switch changes (those with an Arabic)."""
    return {text: arabic(text) for text in dict.fromkeys(words) if arabic(text) != text}


def switch_options() -> list[list[str]]:
    """The switch's buttons for the browser: language, mark, title (the English one's in the page's language)."""
    return [[lang, mark, _(title) if lang == "en" else title] for lang, mark, title in SWITCH]


class LabelsLayer(JsonLayer):
    """Names shown without a hover, in English or Arabic (a switch on the map), most important first, each
    at the first free spot around its point or hidden (see the module's text)."""

    body = """
          var lang = data.lang, words = data.words;
          var labels = data.labels.map(function (l) {
            var icon = L.divIcon({className: "atlas-label atlas-label-" + l.k + (l.g ? " atlas-label-region" : ""),
                                  html: "", iconSize: null});
            var marker = L.marker([l.lat, l.lon], {icon: icon, interactive: false, keyboard: false});
            marker.atlasLabel = l;
            marker.addTo(group);
            return marker;
          });
          function overlaps(a, b, gap) {
            return a.left - gap < b.right && b.left - gap < a.right && a.top - gap < b.bottom && b.top - gap < a.bottom;
          }
          function meetsDisc(box, d) {  // a name's box and a marker's circle
            var x = Math.max(box.left, Math.min(d.x, box.right)), y = Math.max(box.top, Math.min(d.y, box.bottom));
            return (x - d.x) * (x - d.x) + (y - d.y) * (y - d.y) < d.r * d.r;
          }
          // Where a name's box may go, as its top-left corner from its point, best first.
          function spots(w, h, r, beside) {
            if (r) {  // beside its marker: right, left, above, below, then the four corners; then a step out
              var out = [];
              [0, 1, 2].forEach(function (k) {
                var g = r + 3 + k * h, c = r * 0.72 + 2 + k * h * 0.72;
                out.push([g, -h / 2, k], [-g - w, -h / 2, k], [-w / 2, -g - h, k], [-w / 2, g, k],
                         [c, -c - h, k], [c, c, k], [-c - w, -c - h, k], [-c - w, c, k]);
              });
              return out;
            }
            // over an area: centred, then a little right, left, above, below, then twice as far; a country or
            // the Golan then wholly right or left of its point (the sea and a governorate stay over their own)
            var around = [[0, 0], [1.5, 0], [-1.5, 0], [0, -1.15], [0, 1.15], [3, 0], [-3, 0], [0, -2.3], [0, 2.3]]
              .map(function (d) { return [d[0] * h - w / 2, d[1] * h - h / 2, 0]; });
            return !beside ? around : around.concat([0, 1.15, -1.15].reduce(function (out, dy) {
              return out.concat([[h, dy * h - h / 2, 0], [-h - w, dy * h - h / 2, 0]]);
            }, []));
          }
          // A neighbouring country (or the Golan) whose label point lies outside the view is named at the nearest
          // point of the view that is still inside it (TURKEY along the top edge), if there is one.
          var shapes = {};
          ((window.ATLAS_SHAPES || {}).neighbours || {features: []}).features.forEach(function (f) {
            shapes[f.properties.name] = f.geometry;
          });
          function inside(lat, lon, geometry) {
            var polygons = geometry.type === "MultiPolygon" ? geometry.coordinates : [geometry.coordinates];
            return polygons.some(function (polygon) {
              var ring = polygon[0], hit = false;
              for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
                if ((ring[i][1] > lat) !== (ring[j][1] > lat) &&
                    lon < (ring[j][0] - ring[i][0]) * (lat - ring[i][1]) / (ring[j][1] - ring[i][1]) + ring[i][0]) {
                  hit = !hit;
                }
              }
              return hit;
            });
          }
          // Its label point when that is in view; else points along the view's edge (inset by the name's half
          // size) that lie inside the country, nearest first.
          function areaPoints(map, l, at, w, h, o, edge) {
            var left = w / 2 + edge, top = h / 2 + edge;
            var right = o.width - w / 2 - edge, bottom = o.height - h / 2 - edge;
            if (at.x >= left && at.x <= right && at.y >= top && at.y <= bottom) { return [at]; }
            var shape = l.b ? {type: "Polygon", coordinates: [[[l.b[1], l.b[0]], [l.b[3], l.b[0]], [l.b[3], l.b[2]],
                                                               [l.b[1], l.b[2]], [l.b[1], l.b[0]]]]} : shapes[l.t[0]];
            var out = [];
            if (!shape || right < left || bottom < top) { return []; }
            var step = 16;
            for (var x = left; x <= right; x += step) { out.push(L.point(x, top), L.point(x, bottom)); }
            for (var y = top; y <= bottom; y += step) { out.push(L.point(left, y), L.point(right, y)); }
            return out.filter(function (p) {
              var ll = map.containerPointToLatLng(p);
              var not = data.notOver[l.t[0]];
              return inside(ll.lat, ll.lng, shape) &&
                !(not && ll.lat > not[0] && ll.lng > not[1] && ll.lat < not[2] && ll.lng < not[3]);
            }).sort(function (a, b) { return a.distanceTo(at) - b.distanceTo(at); }).slice(0, 12);
          }
          // What a name must keep clear of: the map's controls and every marker, in the map's pixels.
          function obstacles(map) {
            var frame = map.getContainer().getBoundingClientRect(), boxes = [], discs = [];
            Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-control"), function (c) {
              var r = c.getBoundingClientRect();
              if (r.width && r.height) {
                boxes.push({left: r.left - frame.left, top: r.top - frame.top, right: r.right - frame.left,
                            bottom: r.bottom - frame.top});
              }
            });
            (map.atlasMarkerList || []).forEach(function (m) {
              if (!m._map) { return; }  // its layer is switched off
              var p = map.latLngToContainerPoint(m.getLatLng());
              discs.push({x: p.x, y: p.y, r: m.getRadius() + (m.options.weight || 1) / 2 + 1});
            });
            return {boxes: boxes, discs: discs, width: frame.width, height: frame.height};
          }
          function draw() {
            var map = group._map;
            if (!map) { return; }
            var o = obstacles(map), kept = [], edge = 3;
            leaders.clearLayers();
            labels.forEach(function (marker) {
              var node = marker.getElement();
              if (!node) { return; }
              var l = marker.atlasLabel, arabic = lang === "ar" && l.t[1];
              var span = node.firstChild || node.appendChild(document.createElement("span"));
              span.textContent = arabic ? l.t[1] : l.t[0];
              span.dir = arabic ? "rtl" : "ltr";
              var own = l.id && map.atlasMarkers && map.atlasMarkers[l.id];
              var home = own ? own.getLatLng() : L.latLng(l.lat, l.lon);  // where its marker was spread to
              var r = own && own._map ? own.getRadius() + (own.options.weight || 1) / 2 : 0;
              var w = span.offsetWidth, h = span.offsetHeight, at = map.latLngToContainerPoint(home);
              var anchors = l.k === "country" || l.b ? areaPoints(map, l, at, w, h, o, edge) : [at];
              var spot = null, offsets = spots(w, h, r, l.k === "country" || l.k === "golan");
              anchors.some(function (a) { at = a; return offsets.some(function (d) {
                var box = {left: at.x + d[0], top: at.y + d[1], right: at.x + d[0] + w, bottom: at.y + d[1] + h};
                if (box.left < edge || box.top < edge || box.right > o.width - edge || box.bottom > o.height - edge ||
                    o.boxes.some(function (b) { return overlaps(box, b, 3); }) ||
                    kept.some(function (b) { return overlaps(box, b, 2); }) ||
                    o.discs.some(function (c) { return meetsDisc(box, c); })) { return false; }
                spot = d; kept.push(box);
                return true;
              }); });
              marker.setLatLng(map.containerPointToLatLng(at));
              if (spot) { span.style.transform = "translate(" + spot[0] + "px, " + spot[1] + "px)"; }
              if (spot && spot[2]) {  // a step away from its marker: a thin line says whose name it is
                var box = kept[kept.length - 1];
                var end = L.point(Math.max(box.left, Math.min(at.x, box.right)),
                                  Math.max(box.top, Math.min(at.y, box.bottom)));
                var from = at.add(end.subtract(at).multiplyBy(r / Math.max(end.distanceTo(at), 1)));
                L.polyline([map.containerPointToLatLng(from), map.containerPointToLatLng(end)],
                           {color: "#1f2933", weight: 1, opacity: 0.8, interactive: false}).addTo(leaders);
              }
              node.style.visibility = spot ? "visible" : "hidden";
            });
          }
          // The map's fixed words in the language chosen: the layer list, the buttons' titles; the legend
          // holds both languages and shows one (.atlas-ar).
          function translate(map) {
            var box = map.getContainer();
            (lang === "ar" ? L.DomUtil.addClass : L.DomUtil.removeClass)(box, "atlas-ar");
            var layers = box.querySelectorAll(".leaflet-control-layers label span > span");
            Array.prototype.forEach.call(layers, function (s) {
              if (!s.hasAttribute("data-en")) { s.setAttribute("data-en", s.textContent.trim()); }
              var en = s.getAttribute("data-en");
              s.textContent = " " + (lang === "ar" && words[en] ? words[en] : en);
            });
            Array.prototype.forEach.call(box.querySelectorAll(".leaflet-control [title]"), function (a) {
              if (!a.hasAttribute("data-en-title")) { a.setAttribute("data-en-title", a.title); }
              var en = a.getAttribute("data-en-title");
              a.title = lang === "ar" && words[en] ? words[en] : en;
              if (a.hasAttribute("aria-label")) { a.setAttribute("aria-label", a.title); }
            });
          }
          // A shared link keeps the language: labels=ar in the app page's address, nothing for English.
          // Replaced, not pushed: no new history entry, no rerun. A saved map (no app page) keeps its address.
          function remember() {
            if (typeof atlasMap === "undefined" || !atlasMap) { return; }
            var params = new URLSearchParams(window.location.search);
            if (lang === "ar") { params.set("labels", "ar"); } else { params.delete("labels"); }
            var query = params.toString();
            window.history.replaceState(window.history.state, "", window.location.pathname +
                                        (query ? "?" + query : "") + window.location.hash);
          }
          var leaders = L.layerGroup().addTo(group);
          group.on("add", function () {  // the group joins the map after this script has run
            var map = group._map;
            map.whenReady(function () { setTimeout(function () { translate(map); draw(); }, 0); });
            if (map.atlasLanguage) { return; }
            map.on("moveend resize atlas:spread", draw);
            map.atlasLanguage = L.control({position: "topleft"});
            map.atlasLanguage.onAdd = function () {
              var bar = L.DomUtil.create("div", "leaflet-bar leaflet-control atlas-language");
              L.DomEvent.disableClickPropagation(bar);  // a press on it must not start dragging the map
              data.switch.forEach(function (option) {
                var link = L.DomUtil.create("a", option[0] === lang ? "atlas-on" : "", bar);
                link.href = "#"; link.textContent = option[1]; link.title = option[2];
                link.setAttribute("role", "button"); link.setAttribute("data-lang", option[0]);
                L.DomEvent.on(link, "click", function (event) {
                  L.DomEvent.preventDefault(event); L.DomEvent.stopPropagation(event);
                  lang = option[0];
                  Array.prototype.forEach.call(bar.children, function (a) {
                    a.className = a.getAttribute("data-lang") === lang ? "atlas-on" : "";
                  });
                  translate(map); draw(); remember();
                });
              });
              return bar;
            };
            map.atlasLanguage.addTo(map);
          });
    """

    def __init__(self, labels: list[dict], lang: str = "en", words: list[str] = ()):
        """``words``: the map's fixed words (English, marked for the catalogue) the switch puts into Arabic, in
        the layer list and the buttons' titles; Leaflet's buttons' titles and the switch's own go with them."""
        words = map_words([*words, *LEAFLET_TITLES, SWITCH[0][2]])
        super().__init__("LabelsLayer", {"labels": [
            {"t": [label["name"], label.get("name_ar") or ""], "lat": label["lat"], "lon": label["lon"],
             "k": label["kind"], "id": label.get("id", ""), "g": bool(label.get("region")), "b": label.get("box")}
            for label in labels],
            "lang": lang, "words": words, "notOver": NOT_NAMED_OVER, "switch": switch_options()})


@lru_cache(maxsize=1)
def load_neighbours() -> dict:
    return json.loads(NEIGHBOURS_GEOJSON.read_text(encoding="utf-8"))


def map_labels(points: list[dict], radii: dict[str, float], count: int = PLACE_LABELS,
               governorates: dict[str, list[str]] | None = None) -> list[dict]:
    """The names drawn without a hover, most important first: neighbours, the sea and the Golan, then the
    ``count`` most referred-to places (``points`` come sorted so; a region says so), then the governorates,
    named by ``governorates`` (pcode -> [name, Arabic name]) where given, else as the boundaries file has them."""
    labels = [{"name": f["properties"]["name"], "name_ar": f["properties"]["name_ar"], "kind": "country",
               "lat": f["properties"]["label_lat"], "lon": f["properties"]["label_lon"]}
              for f in load_neighbours()["features"] if "label_lat" in f["properties"]]
    labels += FIXED_LABELS
    labels += [{"name": p["name"], "name_ar": p["name_ar"], "lat": p["lat"], "lon": p["lon"], "kind": "place",
                "r": radii.get(p["id"], 0), "id": p["id"], "region": bool(p.get("region"))} for p in points[:count]]
    names = governorates or {}
    return labels + [{**label, **dict(zip(("name", "name_ar"), names.get(label["pcode"], ())))}
                     for label in _governorate_labels()]


@lru_cache(maxsize=1)
def _governorate_labels() -> list[dict]:
    """Each governorate's name at a point inside it (computed once: the shapes do not change)."""
    boundaries = load_boundaries()
    labels = []
    for feature in boundaries.geojson["features"]:
        props = feature["properties"]
        if props["admin1_pcode"]:
            lat, lon = boundaries.representative_point(props["admin1_pcode"])
            labels.append({"name": props["name"], "name_ar": props["name_ar"], "lat": lat, "lon": lon, "kind": "gov",
                           "pcode": props["admin1_pcode"]})
    return labels
