"""What the map is built from, and how it is built."""
from __future__ import annotations

import json
import math
import re

from atlas.dataset.loader import load_dataset
from atlas.filters import Filters, apply_filters
from atlas.views.mapdata import governorate_counts, map_points, place_references
from geo.maps.labels import arabic
from geo.maps.view import PlacesLayer, build_map, marker_radius, safe_json
from geo.maps.offline import SHAPES, ensure_vendor, inline_assets, shapes_script
from tests.helpers import FIXTURE as DATA

DATASET = load_dataset(DATA)


def points_for(filters=Filters()):
    filtered = apply_filters(DATASET, filters)
    refs = place_references(DATASET, filtered)
    return refs, map_points(DATASET, filtered, refs)


def test_counts_per_place():
    refs, _ = points_for()
    row = refs.set_index("place_id").loc["al-waer"]
    assert (row["statements"], row["demands"], row["events"]) == (1, 2, 1)
    assert row["total"] == 4 and row["kind"] == "both"
    assert refs.set_index("place_id").loc["khan-shaykhun", "kind"] == "events"
    assert refs.set_index("place_id").loc["homs", "kind"] == "statements"


def test_governorates_and_roads_are_not_markers_but_are_counted():
    refs, points = points_for()
    ids = {p["id"] for p in points}
    assert "gov-idleb" not in ids and "m5-highway" not in ids and "aleppo" in ids
    counts = governorate_counts(refs)
    assert counts["SY04"] == refs[refs["admin1_pcode"] == "SY04"]["total"].sum()


def test_marker_area_is_proportional_to_references():
    big, small = marker_radius(16, 16), marker_radius(4, 16)
    assert math.isclose((big / small) ** 2, 4.0)
    assert marker_radius(0, 16) == 5.0


def test_popups_list_statements_demands_and_events():
    _, points = points_for()
    waer = next(p for p in points if p["id"] == "al-waer")
    headings = [s["heading"] for s in waer["sections"]]
    assert headings == ["Statements", "Demands", "Events"]
    statement = waer["sections"][0]["items"][0]
    assert statement["url"].startswith("https://syrianobserver.com") and "between 28 Aug and 18 Sep 2016" in statement["date"]
    assert "al-Waer" in waer["name"] and waer["name_ar"] == "الوعر"
    region = next(p for p in points if p["id"] == "northwest-syria")
    assert region["approx"].startswith("Approximate position")


def test_safe_json_cannot_close_the_script():
    text = safe_json({"x": "</script><script>alert(1)</script>", "y": "a & b"})
    assert "</script" not in text and "<" not in text and "&" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script>", "y": "a & b"}


def test_safe_json_keeps_arabic_as_text_and_escapes_line_separators():
    text = safe_json({"name": "حمص", "odd": "a\u2028b\u2029c"})
    assert "حمص" in text and "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"name": "حمص", "odd": "a\u2028b\u2029c"}


def test_the_outlines_come_once_from_the_shapes_script_not_with_every_map(tmp_path):
    refs, points = points_for()
    html = build_map(points, governorate_counts(refs)).get_root().render()
    first_ring = json.loads(shapes_script().split("=", 1)[1].rstrip(";\n"))["governorates"]["features"][0]
    corner = json.dumps(first_ring["geometry"]["coordinates"][0][0][:2])[1:-1]  # first vertex of the first shape
    assert corner.replace(" ", "") not in html.replace(" ", "")
    assert re.search(rf'/app/static/vendor/{SHAPES}\?v=[0-9a-f]{{10}}"', html)
    served = ensure_vendor(tmp_path) / SHAPES
    assert served.read_text(encoding="utf-8") == shapes_script()
    standalone = inline_assets(html)
    assert "window.ATLAS_SHAPES" in standalone and "/app/static/vendor" not in standalone
    # the shading travels with the map: one colour and count per governorate
    shades = json.loads(re.search(r'"kind":"governorates","shades":(\{[^}]*\})', html).group(1))
    assert len(shades) == 14 and shades["SY04"][0] == governorate_counts(refs).get("SY04", 0)


def test_popup_items_are_sent_once_however_many_places_share_them():
    _, points = points_for()
    layer = PlacesLayer(points)
    payload = json.loads(layer.payload)
    texts = [json.dumps(item, sort_keys=True) for item in payload["items"]]
    assert len(texts) == len(set(texts))
    shared = sum(len(section["items"]) for p in points for section in p["sections"])
    assert len(payload["items"]) < shared  # the fixture's statements name several places each
    for original, compact in zip(points, payload["points"]):  # indices give back every item, in order
        assert [[payload["items"][i] for i in section["items"]] for section in compact["sections"]] == \
            [section["items"] for section in original["sections"]]


def test_map_has_no_external_assets_and_fits_the_data():
    refs, points = points_for(Filters(places=("al-waer",)))
    fmap = build_map(points, governorate_counts(refs))
    html = fmap.get_root().render()
    external = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?:)?//', html)
    assert external == []
    assert "/app/static/vendor/leaflet/leaflet.js" in html
    standalone = inline_assets(html)
    assert "/app/static/vendor" not in standalone and "L.circleMarker" in standalone
    assert "fitBounds" in html and "atlas-fullscreen" in html


def test_online_tiles_only_when_configured():
    refs, points = points_for()
    assert "tileLayer" not in build_map(points, {}).get_root().render()
    html = build_map(points, {}, tiles_url="https://tiles.example/{z}/{x}/{y}.png", tiles_attribution="Example").get_root().render()
    assert "tiles.example" in html


def test_names_come_most_important_first_in_both_languages():
    from geo.maps.labels import load_neighbours, map_labels

    refs, points = points_for()
    labels = map_labels(points, {p["id"]: 5.0 for p in points}, count=3)
    kinds = [label["kind"] for label in labels]
    # neighbours and the sea, then the three most referred-to places, then the fourteen governorates
    assert kinds == sorted(kinds, key=["country", "sea", "golan", "place", "gov"].index)
    assert [label["name"] for label in labels if label["kind"] == "place"] == [p["name"] for p in points[:3]]
    assert kinds.count("gov") == 14
    named = {f["properties"]["name"]: f["properties"] for f in load_neighbours()["features"] if f["properties"]["named"]}
    assert {"Turkey", "Iraq", "Jordan", "Lebanon", "Israel"} <= set(named)
    assert all(p["name_ar"] and 30 < p["label_lat"] < 40 for p in named.values())
    assert all(label["name_ar"] for label in labels)
    assert "Syria" not in {f["properties"]["name"] for f in load_neighbours()["features"]}


def test_presentation_map_is_large_folds_its_layers_and_fills_the_window():
    refs, points = points_for()
    work = build_map(points, governorate_counts(refs)).get_root().render()
    slide = build_map(points, governorate_counts(refs), large=True, labels_lang="ar").get_root().render()
    assert '"collapsed": false' in work and '"collapsed": true' in slide
    fill = 'map.on("resize", fit)'  # the page sizes the map; it keeps the data framed
    assert fill in slide and fill not in work
    assert '"lang":"ar"' in slide and '"large":true' in slide and '"lang":"en"' in work


def test_a_compact_map_shows_the_whole_country_with_nothing_over_it():
    refs, points = points_for(Filters(places=("al-waer",)))
    work = build_map(points, governorate_counts(refs)).get_root().render()
    small = build_map(points, governorate_counts(refs), compact=True).get_root().render()
    assert "atlas-legend" in work and "atlas-legend" not in small
    assert "L.control.layers" in work and "L.control.layers" not in small
    assert "[[32.3, 35.6], [37.4, 42.4]]" in small.replace("\n", "")  # Syria's bounds, not al-Waer's
    assert '"al-waer"' in small


def test_each_governorate_is_spelt_as_the_dataset_spells_the_town_it_is_named_after():
    from atlas.views.mapdata import governorate_names

    names = governorate_names(DATASET)
    places = DATASET.places.set_index("place_id")
    assert len(names) == 14
    for town, pcode in [("daraa", "SY12"), ("idlib", "SY07"), ("suwayda", "SY13"), ("aleppo", "SY02")]:
        assert names[pcode] == [places.at[town, "name"], places.at[town, "name_ar"]], pcode
    # no town of that name: the curated governorate's own name, less the word
    assert names["SY03"] == ["Rural Damascus", "ريف دمشق"]
    assert not any("overnorate" in name or "محافظة" in name_ar for name, name_ar in names.values())


def test_the_map_writes_governorates_one_way_in_names_tooltips_and_the_picture(monkeypatch):
    from atlas.views.mapdata import briefing_map, governorate_names, map_picture_png
    from geo.maps import picture

    refs, points = points_for()
    html = briefing_map(DATASET, refs, points).get_root().render()
    spelt = governorate_names(DATASET)
    shapes = json.loads(re.search(r'"kind":"governorates",.*?"names":(\{[^}]*\})', html).group(1))
    assert shapes == spelt  # the shapes' tooltips
    labels = json.loads(re.search(r'\{"labels":(\[.*?\]),"lang"', html).group(1))
    assert "Daraa" in [label["t"][0] for label in labels if label["k"] == "gov"]
    assert not {"Dar'a", "Idleb", "As-Sweida"} & {label["t"][0] for label in labels}
    drawn = []
    monkeypatch.setattr(picture, "_names", lambda fig, ax, labels, *rest: drawn.extend(labels))
    map_picture_png(DATASET, refs, points, ["Title", "Filters"], "16:9")
    assert {label["name"] for label in drawn if label["kind"] == "gov"} == {name for name, _ in spelt.values()}


def test_regions_are_marked_as_areas_and_explained_in_the_legend():
    from geo.maps.view import REGION_LABEL, REGION_MIN_RADIUS

    refs, points = points_for()
    regions = {p["id"] for p in points if p["region"]}
    assert "northwest-syria" in regions and "aleppo" not in regions
    html = build_map(points, governorate_counts(refs)).get_root().render()
    payload = json.loads(re.search(r'var data = (\{"points".*?);\n', html).group(1))
    drawn = {p["id"]: p for p in payload["points"]}
    assert all(drawn[place]["region"] and drawn[place]["r"] >= REGION_MIN_RADIUS for place in regions)
    assert REGION_LABEL in legend_of(html)
    towns = [p for p in points if not p["region"]]
    assert REGION_LABEL not in legend_of(build_map(towns, governorate_counts(refs)).get_root().render())


def legend_of(html: str) -> str:
    return json.loads(re.search(r"div\.innerHTML = (\".*?\");", html).group(1))


def test_every_map_has_its_styles_and_a_legend_in_both_languages():
    refs, points = points_for()
    small = build_map(points, governorate_counts(refs), compact=True).get_root().render()
    assert "white-space: nowrap" in small  # a small map's names never wrap ("Deir-/ez-/Zor")
    work = build_map(points, governorate_counts(refs)).get_root().render()
    legend = legend_of(work)
    named_ar = arabic("Named in statements")  # the catalogue's Arabic
    assert named_ar != "Named in statements" and "\u0600" <= named_ar[0] <= "\u06ff"
    assert "Named in statements" in legend and named_ar in legend and 'dir="rtl"' in legend


def test_the_files_of_an_arabic_page_are_in_arabic_whenever_they_are_built():
    import io
    import threading

    from matplotlib import image

    from atlas import i18n
    from atlas.views.mapdata import map_downloads

    refs, points = points_for()
    with i18n.use("ar"):
        files = map_downloads(DATASET, refs, points, Filters(), i18n.gettext("No filters: the whole dataset."))
    assert all(f.lang == "ar" for f in files) and files[0].label != "Download map (HTML, works offline)"
    built = {}
    # a click is served outside the page's run: another thread, where no language is set
    worker = threading.Thread(target=lambda: built.update({f.file_name: f.build() for f in files}))
    worker.start()
    worker.join()
    html = built[files[0].file_name]
    assert arabic("Places referred to") in html and "أطلس" in html  # the caption's title in Arabic too
    for f in files[1:]:
        picture = image.imread(io.BytesIO(built[f.file_name]), format="png")
        assert picture.shape[0] > 500
    with i18n.use("en"):
        english = map_downloads(DATASET, refs, points, Filters(), "No filters: the whole dataset.")[0].build()
    assert "أطلس" not in english
