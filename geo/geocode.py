"""The geocoder chain: the gazetteer (curated places, then every Syrian locality and area) through the
context resolver, then (opt-in) an online geocoder.

Curation calls this; pages never do. A name is *resolved* only when the best
candidate is clearly ahead of the rest; otherwise it is *ambiguous* (with the
candidates) or *unresolved*. Nothing is silently guessed.

The online step uses geopy's Nominatim client. It is off unless the settings
turn it on (the caller reads them; ``atlas.settings`` does from the environment),
keeps at most one request per second, caches answers on disk (never failures),
and after the first network failure stops trying for the rest of the run, so an
offline curator loses one timeout at most.
"""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from geo.admin import ADMIN1_BY_PCODE
from geo.boundaries import load_boundaries
from geo.files import write_atomic
from geo.gazetteer import Candidate, Gazetteer
from geo.normalize import normalize
from geo.resolver import Context, Resolution, resolve

ONLINE_SCORE = 0.75
USER_AGENT = "syria-statement-atlas/1.0 (curation geocoder)"


@dataclass(frozen=True)
class GeocoderSettings:
    """How the online step behaves; off by default. ``cache_path`` None keeps answers in memory only."""
    online: bool = False
    domain: str = "nominatim.openstreetmap.org"
    scheme: str = "https"
    timeout: float = 3.0
    min_delay: float = 1.0
    cache_path: Path | None = None


class OnlineGeocoder:
    """Nominatim through geopy, with a disk cache, a rate limit and a circuit breaker."""

    def __init__(self, settings: GeocoderSettings):
        from geopy.adapters import RequestsAdapter
        from geopy.geocoders import Nominatim

        def no_retries(proxies=None, ssl_context=None):
            # urllib3 would otherwise retry a timed-out request twice more.
            return RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)

        self.settings = settings
        self._client = Nominatim(user_agent=USER_AGENT, domain=settings.domain, scheme=settings.scheme,
                                 timeout=settings.timeout, adapter_factory=no_retries)
        self._lock = threading.Lock()
        self._last_call = 0.0
        self.disabled_reason: str | None = None
        self.calls = 0
        self._cache = self._read_cache()

    def _read_cache(self) -> dict:
        if self.settings.cache_path is None:
            return {}
        try:
            data = json.loads(self.settings.cache_path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}  # a missing or unreadable cache is an empty one

    def lookup(self, name: str) -> list[dict] | None:
        """Raw hits as dicts, or None when the service could not be asked."""
        from geopy.exc import GeopyError

        key = normalize(name)
        if key in self._cache:
            return self._cache[key]
        if self.disabled_reason:
            return None
        with self._lock:
            wait = self.settings.min_delay - (time.monotonic() - self._last_call)
            if wait > 0:
                time.sleep(wait)
            self._last_call = time.monotonic()
            self.calls += 1
            try:
                found = self._client.geocode(name, exactly_one=False, limit=5,
                                             country_codes="sy", language="en")
            except (GeopyError, OSError, ValueError) as exc:
                self.disabled_reason = f"online geocoder unavailable ({type(exc).__name__}); using the offline gazetteer"
                return None
        hits = [{"name": loc.address.split(",")[0].strip() if loc.address else name,
                 "address": loc.address or "", "lat": float(loc.latitude), "lon": float(loc.longitude)}
                for loc in (found or [])]
        self._cache[key] = hits
        if self.settings.cache_path is not None:
            write_atomic(self.settings.cache_path, json.dumps(self._cache, ensure_ascii=False, indent=1))
        return hits


class Geocoder:
    def __init__(self, gazetteer: Gazetteer, settings: GeocoderSettings):
        self.gazetteer = gazetteer
        self.settings = settings
        self.online = OnlineGeocoder(self.settings) if self.settings.online else None

    def geocode(self, name: str, context: Context | None = None) -> Resolution:
        """The gazetteer's answer for ``name`` in ``context``; the online geocoder's, always ambiguous, when the
        gazetteer knows nothing of it."""
        result = resolve(self.gazetteer, name, context)
        if result.status == "unresolved" and self.online:
            candidates, notes = self._online_candidates(name)
            # online answers always need a curator's eye
            return Resolution(name, "ambiguous" if candidates else "unresolved", candidates, notes)
        return result

    def _online_candidates(self, name: str) -> tuple[list[Candidate], list[str]]:
        hits = self.online.lookup(name)
        if hits is None:
            return [], [self.online.disabled_reason or "online geocoder unavailable"]
        boundaries = load_boundaries()
        out, notes = [], []
        for i, hit in enumerate(hits):
            if not boundaries.in_syria(hit["lat"], hit["lon"]):
                notes.append(f"refused an online result outside Syria: {hit['address']} ({hit['lat']:.4f}, {hit['lon']:.4f})")
                continue
            govs = boundaries.governorates_at(hit["lat"], hit["lon"])
            admin = ADMIN1_BY_PCODE.get(govs[0]) if govs else None
            out.append(Candidate(
                place_id=f"online:{hit['lat']:.4f},{hit['lon']:.4f}", name=hit["name"], name_ar="",
                lat=hit["lat"], lon=hit["lon"], admin1_pcode=admin.pcode if admin else None,
                governorate=admin.name if admin else None, place_type="unknown", source="online",
                score=round(ONLINE_SCORE - 0.05 * i, 3), matched=hit["address"],
            ))
        return out, notes
