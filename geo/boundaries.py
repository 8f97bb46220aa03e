"""Boundaries: which governorate and district a point lies in, and whether it is in Syria.

Governorates are Natural Earth's admin-1 layer (see geo/build/boundaries.py); districts are Who's On
First's outlines matched to OCHA P-codes (geo/build/gazetteer.py). Both are generalised, so membership
tests allow a small tolerance.
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
DISTRICTS = Path(__file__).parent / "data" / "districts.geojson"
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


@dataclass(frozen=True)
class Districts:
    shapes: list  # (admin2 P-codes the outline stands for, shapely geometry)

    def districts_at(self, lat: float, lon: float, tolerance: float = DEFAULT_TOLERANCE_DEG) -> set[str]:
        """P-codes of the districts whose outline lies within ``tolerance`` degrees of the point."""
        point = Point(lon, lat)
        return {p for pcodes, geom in self.shapes if geom.distance(point) <= tolerance for p in pcodes}


@lru_cache(maxsize=1)
def load_districts() -> Districts:
    geojson = json.loads(DISTRICTS.read_text(encoding="utf-8"))
    return Districts([(tuple(f["properties"]["admin2_pcodes"]), shape(f["geometry"])) for f in geojson["features"]])
