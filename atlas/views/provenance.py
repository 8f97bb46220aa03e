"""How the atlas and the imported ACLED layer are cited and credited: the citation, the provenance
block every download carries, and the source line under ACLED's events."""
from __future__ import annotations

from datetime import datetime

from atlas.filters import Filters, to_query

TOOL = "Syria Statement Atlas"
LICENCE = "CC BY 4.0"


def citation(version: str, release: str = "") -> str:
    """How to cite the dataset at this version (and release)."""
    return f"{TOOL}, {f'release {release}, ' if release else ''}dataset version {version}. {LICENCE}."


def version_line(version: str, release: str = "") -> str:
    """The tool, dataset version and release, as every page's foot and every saved map show it."""
    return f"{TOOL} · dataset version {version}" + (f" · release {release}" if release else "")


def provenance(filters: Filters, version: str, described: list[str], release: str = "") -> dict:
    """What a download of the curated dataset carries: version and release, filters, licence, how to cite it."""
    return {
        "dataset": TOOL,
        "dataset_version": version,
        "release": release,
        "exported_at": datetime.now().isoformat(timespec="seconds"),
        "filters": to_query(filters),
        "filters_in_words": described or ["none"],
        "licence": f"{LICENCE} (dataset); quotes remain their authors'",
        "cite_as": citation(version, release),
    }


def acled_provenance(filters: Filters, manifest: dict, described: list[str]) -> dict:
    """Provenance for downloads of the imported ACLED layer: which export, when imported, how to credit it."""
    return {
        "dataset": f"ACLED events (imported layer of {TOOL})",
        "dataset_version": f"{manifest['source_file']} sha256:{manifest['source_sha256'][:12]}",
        "exported_at": datetime.now().isoformat(timespec="seconds"),
        "imported_at": manifest["imported_at"],
        "filters": to_query(filters),
        "filters_in_words": described or ["none"],
        "licence": "ACLED's terms of use: credit ACLED; check them before sharing these rows",
        "cite_as": manifest["attribution"],
    }


def acled_source_line(manifest: dict) -> str:
    """Which export the layer is, in words (plain text: the page escapes it)."""
    return (f"Export {manifest['source_file']} (sha256 {manifest['source_sha256'][:12]}), imported "
            f"{manifest['imported_at']}; events {manifest['date_min']} to {manifest['date_max']}.")
