"""The geocoder chain with the online step on, against local fake services on 127.0.0.1.

Real geopy code paths talk to these servers; nothing leaves the machine. The
place names asked for are made up, so that only the online step can answer them.
"""
from __future__ import annotations

import json
import os
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from atlas.settings import geocoder_settings
from geo import files
from geo.gazetteer import load_gazetteer
from geo.geocode import Geocoder, GeocoderSettings
from tests.helpers import DATA

GAZETTEER = load_gazetteer(DATA / "places.csv")
FARM = [{"place_id": 1, "lat": "36.4728", "lon": "37.0964", "display_name": "Mazraat al-Tajriba, Azaz, Aleppo, Syria",
                "class": "place", "type": "town", "importance": 0.5, "boundingbox": ["36.4", "36.5", "37.0", "37.1"]}]
PARIS = [{"place_id": 2, "lat": "48.8566", "lon": "2.3522", "display_name": "Paris, France",
          "class": "place", "type": "city", "importance": 0.9, "boundingbox": ["48", "49", "2", "3"]}]


class FakeNominatim:
    """A /search endpoint answering with a fixed status and body; records request times."""

    def __init__(self, status=200, body=FARM):
        self.status, self.body, self.requests = status, body, []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                outer.requests.append((time.monotonic(), self.path))
                payload = self_body = outer.body if isinstance(outer.body, bytes) else json.dumps(outer.body).encode()
                self.send_response(outer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(self_body)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.domain = f"127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake():
    servers = []

    def make(**kwargs):
        servers.append(FakeNominatim(**kwargs))
        return servers[-1]

    yield make
    for server in servers:
        server.close()


@pytest.fixture
def hanging_domain():
    """Accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    held, stop = [], threading.Event()

    def accept():
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(sock.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"127.0.0.1:{sock.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    sock.close()


@pytest.fixture
def refused_domain():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    return f"127.0.0.1:{port}"


def geocoder(tmp_path, domain, timeout=0.5, min_delay=0.0):
    settings = GeocoderSettings(online=True, domain=domain, scheme="http", timeout=timeout,
                                min_delay=min_delay, cache_path=tmp_path / "cache" / "geocode.json")
    return Geocoder(GAZETTEER, settings)


def test_online_step_is_off_unless_configured():
    assert geocoder_settings({}).online is False
    assert geocoder_settings({"ATLAS_GEOCODER_ONLINE": "1"}).online is True
    assert Geocoder(GAZETTEER, geocoder_settings({})).online is None


def test_curated_names_never_touch_the_network(tmp_path, hanging_domain):
    coder = geocoder(tmp_path, hanging_domain)
    assert coder.geocode("Aleppo").best.place_id == "aleppo"
    assert coder.online.calls == 0


def test_hanging_service_costs_one_timeout_then_offline(tmp_path, hanging_domain):
    coder = geocoder(tmp_path, hanging_domain, timeout=0.5)
    started = time.monotonic()
    results = [coder.geocode(name) for name in ("Mazraat al-Tajriba", "Qaryat al-Mithal", "Tell al-Namudhaj")]
    elapsed = time.monotonic() - started
    assert [r.status for r in results] == ["unresolved"] * 3
    assert coder.online.calls == 1  # the breaker opened after the first failure
    assert all("unavailable" in r.notes[0] for r in results)
    assert elapsed < 0.5 * 3 + 1.5  # one timeout, not geopy's retries with 5 s waits
    assert not (tmp_path / "cache" / "geocode.json").exists()  # a failure is never cached


def test_unreachable_service_fails_at_once(tmp_path, refused_domain):
    coder = geocoder(tmp_path, refused_domain, timeout=5)
    started = time.monotonic()
    result = coder.geocode("Mazraat al-Tajriba")
    assert result.status == "unresolved" and "unavailable" in result.notes[0]
    assert time.monotonic() - started < 5  # refused, not waited out


@pytest.mark.parametrize("status,body", [(500, {"error": "boom"}), (429, {"error": "slow down"}),
                                         (200, b"<html>not json</html>")])
def test_errors_and_nonsense_are_not_cached(tmp_path, fake, status, body):
    server = fake(status=status, body=body)
    coder = geocoder(tmp_path, server.domain)
    result = coder.geocode("Mazraat al-Tajriba")
    assert result.status == "unresolved" and result.notes
    assert len(server.requests) == 1
    assert not (tmp_path / "cache" / "geocode.json").exists()


def test_online_answer_needs_review_and_is_cached(tmp_path, fake, refused_domain):
    server = fake()
    result = geocoder(tmp_path, server.domain).geocode("Mazraat al-Tajriba")
    assert result.status == "ambiguous"  # online answers are never taken silently
    top = result.candidates[0]
    assert (top.source, top.admin1_pcode, round(top.lat, 3)) == ("online", "SY02", 36.473)
    assert "countrycodes=sy" in server.requests[0][1]
    cache = json.loads((tmp_path / "cache" / "geocode.json").read_text(encoding="utf-8"))
    assert "mazraat tajriba" in cache
    # a new run reads the cache and needs no network at all
    again = geocoder(tmp_path, refused_domain)
    assert again.geocode("Mazraat al-Tajriba").candidates[0].lat == top.lat
    assert again.online.calls == 0


def test_online_results_outside_syria_are_dropped(tmp_path, fake):
    server = fake(body=PARIS)
    result = geocoder(tmp_path, server.domain).geocode("Mazraat al-Tajriba")
    assert result.status == "unresolved"
    assert any("outside Syria" in note and "48.8566, 2.3522" in note for note in result.notes)


def test_requests_are_spaced_by_the_rate_limit(tmp_path, fake):
    server = fake()
    coder = geocoder(tmp_path, server.domain, min_delay=0.4)
    coder.geocode("Mazraat al-Tajriba")
    coder.geocode("Qaryat al-Mithal")
    (first, _), (second, _) = server.requests
    assert second - first >= 0.39


def test_unreadable_cache_is_treated_as_empty(tmp_path, fake):
    path = tmp_path / "cache" / "geocode.json"
    path.parent.mkdir()
    path.write_text("{ half a file", encoding="utf-8")
    server = fake()
    assert geocoder(tmp_path, server.domain).geocode("Mazraat al-Tajriba").candidates
    assert json.loads(path.read_text(encoding="utf-8"))  # rewritten whole


def test_cache_survives_a_crash_mid_write(tmp_path, monkeypatch):
    path = tmp_path / "geocode.json"
    files.write_atomic(path, '{"old": []}')

    def crash(*args):
        raise KeyboardInterrupt("killed mid-write")

    monkeypatch.setattr(files.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomic(path, '{"new": [')
    assert json.loads(path.read_text(encoding="utf-8")) == {"old": []}
    assert os.listdir(tmp_path) == ["geocode.json"]  # no temporary file left behind
