"""Governorate boundaries: which governorate a point lies in, and whether it is in Syria.

The committed GeoJSON is Natural Earth's admin-1 layer (see geo/build_boundaries.py).
Its lines are generalised, so membership tests allow a small tolerance.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from shapely.geometry import Point, shape
from shapely.ops import unary_union
from shapely.prepared import prep

GEOJSON = Path(__file__).parent / "data" / "governorates.geojson"
# About 5 km at Syria's latitude: the generalised boundary can be this far off.
DEFAULT_TOLERANCE_DEG = 0.05


@dataclass(frozen=True)
class Boundaries:
    geojson: dict
    shapes: dict  # admin1_pcode (None for the UNDOF zone) -> shapely geometry
    country: object

    def governorates_at(self, lat: float, lon: float, tolerance: float = DEFAULT_TOLERANCE_DEG) -> list[str]:
        """P-codes of the governorates within ``tolerance`` degrees of the point, nearest first."""
        point = Point(lon, lat)
        hits = [(geom.distance(point), pcode) for pcode, geom in self.shapes.items()
                if pcode and geom.distance(point) <= tolerance]
        return [pcode for _, pcode in sorted(hits)]

    def in_syria(self, lat: float, lon: float, tolerance: float = DEFAULT_TOLERANCE_DEG) -> bool:
        return self.country.distance(Point(lon, lat)) <= tolerance

    def representative_point(self, pcode: str) -> tuple[float, float]:
        point = self.shapes[pcode].representative_point()
        return round(point.y, 4), round(point.x, 4)


@lru_cache(maxsize=1)
def load_boundaries() -> Boundaries:
    geojson = json.loads(GEOJSON.read_text(encoding="utf-8"))
    shapes = {f["properties"]["admin1_pcode"]: shape(f["geometry"]) for f in geojson["features"]}
    country = unary_union(list(shapes.values()))
    prep(country)
    return Boundaries(geojson=geojson, shapes=shapes, country=country)
