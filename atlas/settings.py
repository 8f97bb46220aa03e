"""Where the atlas keeps its files, and the settings it reads: the only module that reads the environment.

Paths are built from this file's place in the project, never from the working
directory. Every setting is optional:

- ``ATLAS_DATA_DIR``: the dataset folder the app and the command line use (default ``data/``);
- ``ATLAS_MAP_TILES`` and ``ATLAS_MAP_TILES_ATTRIBUTION``: an online tile layer under the map (a URL
  template and its credit line); without them the map draws its own offline base;
- ``ATLAS_PUBLIC=1`` marks a deployment open to the public: ACLED's terms do not let it hand out ACLED's
  rows, so its pages and downloads carry counts of the imported events only (by place, week or month and
  type), never an event's row or notes;
- ``ATLAS_GEOCODER_ONLINE=1`` turns on the online geocoder used in curation (Nominatim, through
  geopy), with ``ATLAS_NOMINATIM_DOMAIN``, ``ATLAS_NOMINATIM_SCHEME``, ``ATLAS_GEOCODER_TIMEOUT``
  (seconds, default 3), ``ATLAS_GEOCODER_MIN_DELAY`` (seconds between requests, default 1) and
  ``ATLAS_GEOCODER_CACHE`` (default ``.cache/geocode.json``).

May import: ``geo``.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from geo.geocode import GeocoderSettings

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = ROOT / "data"
STATIC_DIR = ROOT / "static"  # served by Streamlit at /app/static/
EVAL_DIR = ROOT / "eval"
GEOCODE_CACHE = ROOT / ".cache" / "geocode.json"


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """The dataset folder: ``ATLAS_DATA_DIR`` if set, else the bundled data/."""
    value = (os.environ if env is None else env).get("ATLAS_DATA_DIR")
    return Path(value) if value else DEFAULT_DATA_DIR


def public_mode(env: Mapping[str, str] | None = None) -> bool:
    """Whether this deployment is open to the public (``ATLAS_PUBLIC``): ACLED's events as counts only."""
    return (os.environ if env is None else env).get("ATLAS_PUBLIC", "0").strip().lower() in {"1", "true", "yes"}


def map_tiles(env: Mapping[str, str] | None = None) -> tuple[str | None, str]:
    """(tile URL template or None, attribution) for an online layer under the map."""
    env = os.environ if env is None else env
    return env.get("ATLAS_MAP_TILES") or None, env.get("ATLAS_MAP_TILES_ATTRIBUTION", "")


def geocoder_settings(env: Mapping[str, str] | None = None) -> "GeocoderSettings":
    """The online geocoder's settings, with safe defaults: off, one request a second, a 3 s timeout."""
    from geo.geocode import GeocoderSettings  # here, not at the top: the app never loads the geocoder

    env = os.environ if env is None else env
    default = GeocoderSettings()
    return GeocoderSettings(
        online=env.get("ATLAS_GEOCODER_ONLINE", "0").lower() in {"1", "true", "yes"},
        domain=env.get("ATLAS_NOMINATIM_DOMAIN", default.domain),
        scheme=env.get("ATLAS_NOMINATIM_SCHEME", default.scheme),
        timeout=float(env.get("ATLAS_GEOCODER_TIMEOUT", default.timeout)),
        min_delay=float(env.get("ATLAS_GEOCODER_MIN_DELAY", default.min_delay)),
        cache_path=Path(env.get("ATLAS_GEOCODER_CACHE", GEOCODE_CACHE)),
    )
