"""Derive the committed neighbouring countries (geo/data/neighbours.geojson) from Natural Earth.

Source: Natural Earth 1:50m admin-0 countries, version 4.1.0 (public domain), as
TopoJSON in the npm package world-atlas@2.0.2 (file countries-50m.json). The
medium scale is enough around a country drawn at zoom 5-9 and keeps the file
small; Syria itself is left out (its governorates are drawn instead). Run once,
commit the output (``make neighbours`` fetches the package and runs this):

    python -m geo.build.neighbours path/to/countries-50m.json
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from shapely.geometry import box, mapping, shape

from geo.files import write_atomic

OUT = Path(__file__).resolve().parent.parent / "data" / "neighbours.geojson"
# What a map of Syria shows at its widest (a 4K screen at zoom 6): the land in it is drawn, the rest is sea.
FRAME = (25.0, 26.0, 53.0, 45.0)  # west, south, east, north
SIMPLIFY_DEG = 0.01  # about 1 km: below a pixel at the zooms the map opens on
SYRIA = "760"
# A country's label goes in the part of it near Syria, where a map of Syria shows it.
NEAR_SYRIA = (33.5, 30.5, 45.0, 39.0)
# Names to show, in English and Arabic, for the countries that border Syria or face it across the sea;
# the others in the frame are drawn unnamed.
NAMED = {
    "792": ("Turkey", "تركيا"), "368": ("Iraq", "العراق"), "400": ("Jordan", "الأردن"),
    "422": ("Lebanon", "لبنان"), "376": ("Israel", "إسرائيل"), "196": ("Cyprus", "قبرص"),
    "682": ("Saudi Arabia", "السعودية"), "364": ("Iran", "إيران"), "818": ("Egypt", "مصر"),
}
PROVENANCE = {
    "source": "Natural Earth 1:50m admin-0 countries, version 4.1.0",
    "licence": "Public domain (Natural Earth terms of use)",
    "distribution": "npm package world-atlas@2.0.2 (ISC), file countries-50m.json",
    "derivation": (
        "TopoJSON arcs decoded; countries other than Syria clipped to lon 25-53, lat 26-45, simplified "
        f"to {SIMPLIFY_DEG} degrees, coordinates rounded to 3 decimals; English and Arabic names added "
        "for the named neighbours, each labelled at a representative point of its part within lon 33.5-45, "
        "lat 30.5-39. Natural Earth draws de facto lines: the Golan is inside Israel's polygon, "
        "and the map labels it separately as occupied."
    ),
}


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Each arc in degrees (TopoJSON stores them quantised and delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]  # a negative index is the reversed arc ~i
        points.extend(arc if not points else arc[1:])
    return points


def _geometry(geom: dict, arcs) -> dict | None:
    if geom["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [_ring(r, arcs) for r in geom["arcs"]]}
    if geom["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [[_ring(r, arcs) for r in p] for p in geom["arcs"]]}
    return None


def _round(coords):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], 3), round(coords[1], 3)]
    return [_round(c) for c in coords]


def derive(topology: dict) -> dict:
    arcs = _arcs(topology)
    frame = box(*FRAME)
    features = []
    for geom in topology["objects"]["countries"]["geometries"]:
        if geom.get("id") == SYRIA:
            continue
        raw = _geometry(geom, arcs)
        if raw is None:
            continue
        clipped = shape(raw).buffer(0).intersection(frame).simplify(SIMPLIFY_DEG, preserve_topology=True)
        if clipped.is_empty or clipped.area < 0.01:
            continue
        name, name_ar = NAMED.get(geom.get("id"), (geom["properties"]["name"], ""))
        props = {"iso_n3": geom.get("id"), "name": name, "name_ar": name_ar, "named": geom.get("id") in NAMED}
        near = clipped.intersection(box(*NEAR_SYRIA))
        if props["named"] and not near.is_empty:
            point = near.representative_point()
            props["label_lat"], props["label_lon"] = round(point.y, 2), round(point.x, 2)
        features.append({"type": "Feature", "properties": props,
                         "geometry": _round_geometry(mapping(clipped))})
    features.sort(key=lambda f: f["properties"]["name"])
    return {"type": "FeatureCollection", "metadata": PROVENANCE, "features": features}


def _round_geometry(geometry: dict) -> dict:
    if geometry["type"] == "GeometryCollection":  # a clip can leave slivers of lines: keep the areas
        polygons = [g for g in geometry["geometries"] if g["type"] in ("Polygon", "MultiPolygon")]
        parts = [p for g in polygons for p in (g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]])]
        geometry = {"type": "MultiPolygon", "coordinates": parts}
    return {"type": geometry["type"], "coordinates": _round(json.loads(json.dumps(geometry["coordinates"])))}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    derived = derive(json.loads(Path(argv[0]).read_text(encoding="utf-8")))
    missing = set(NAMED) - {f["properties"]["iso_n3"] for f in derived["features"]}
    if missing:
        print(f"error: no outline for the neighbours {sorted(missing)}", file=sys.stderr)
        return 1
    write_atomic(OUT, json.dumps(derived, ensure_ascii=False, separators=(",", ":")))
    print(f"wrote {OUT} ({len(derived['features'])} countries, {OUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
