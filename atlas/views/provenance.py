"""How the atlas and the imported ACLED layer are cited and credited: the citation, the provenance
block every download carries, and the source line under ACLED's events."""
from __future__ import annotations

from datetime import datetime

from atlas import i18n
from atlas.filters import Filters, to_query
from atlas.i18n import _

TOOL = "Syria Statement Atlas"  # the name machines and citations use, in every language
LICENCE = "CC BY 4.0"


def citation(version: str, release: str = "") -> str:
    """How to cite the dataset at this version (and release), in the language in force."""
    if release:
        return _("{tool}, release {release}, dataset version {version}. {licence}.").format(
            tool=_(TOOL), release=i18n.isolate(release), version=i18n.isolate(version), licence=i18n.isolate(LICENCE))
    return _("{tool}, dataset version {version}. {licence}.").format(tool=_(TOOL), version=i18n.isolate(version),
                                                                    licence=i18n.isolate(LICENCE))


def version_line(version: str, release: str = "") -> str:
    """The tool, dataset version and release, as every page's foot and every saved map show it."""
    if release:
        return _("{tool} · dataset version {version} · release {release}").format(
            tool=_(TOOL), version=i18n.isolate(version), release=i18n.isolate(release))
    return _("{tool} · dataset version {version}").format(tool=_(TOOL), version=i18n.isolate(version))


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
        "cite_as": _english(citation, version, release),  # a download's provenance is for machines too
    }


def _english(function, *args):
    with i18n.use("en"):
        return function(*args)


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
