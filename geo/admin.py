"""Syria's administrative units and the codes that identify them in each source.

Governorates (admin1): OCHA P-codes (SY01 Damascus ... SY14 Quneitra), which agree one for one with
OpenSyria's OCHA-derived list (checked when the gazetteer is built), ISO 3166-2 codes (checked against
pycountry in the tests), HASC codes (Natural Earth) and GeoNames admin1 codes, which follow the old FIPS
order (01 is Al-Hasakah) and are mapped here by name.

Districts (admin2, SYxxyy) and sub-districts (admin3, SYxxyyzz): OCHA P-codes with English and Arabic
names, from OpenSyria (geo/data/admin_units.csv, built by ``make gazetteer``).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_CSV = Path(__file__).parent / "data" / "admin1.csv"
_UNITS = Path(__file__).parent / "data" / "admin_units.csv"


@dataclass(frozen=True)
class Admin1:
    pcode: str
    name: str
    name_ar: str
    iso_3166_2: str
    hasc: str
    geonames_admin1: str


def _load() -> tuple[Admin1, ...]:
    with _CSV.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Admin1(
                pcode=row["admin1_pcode"], name=row["name"], name_ar=row["name_ar"],
                iso_3166_2=row["iso_3166_2"], hasc=row["hasc"],
                geonames_admin1=row["geonames_admin1"],
            )
            for row in csv.DictReader(handle)
        )


ADMIN1: tuple[Admin1, ...] = _load()
ADMIN1_BY_PCODE = {a.pcode: a for a in ADMIN1}
ADMIN1_BY_HASC = {a.hasc: a for a in ADMIN1}
ADMIN1_BY_GEONAMES = {a.geonames_admin1: a for a in ADMIN1}


@dataclass(frozen=True)
class AdminUnit:
    level: int
    pcode: str
    name: str
    name_ar: str
    parent_pcode: str


@lru_cache(maxsize=1)
def admin_units() -> dict[str, AdminUnit]:
    """Districts and sub-districts by P-code (governorates are ADMIN1)."""
    with _UNITS.open(encoding="utf-8", newline="") as handle:
        return {row["pcode"]: AdminUnit(int(row["level"]), row["pcode"], row["name"], row["name_ar"], row["parent_pcode"])
                for row in csv.DictReader(handle) if row["level"] in ("2", "3")}
