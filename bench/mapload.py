"""The map on every load: time from navigation to the first drawn marker, over many fresh loads, with the
server idle and with load-test sessions beside it.

    python -m bench.mapload [--loads 50] [--sessions 5,10] [--events 100000] [--path "Map?present=1"] [--json PATH]

One Streamlit server on 127.0.0.1 serves the bundled dataset with an ACLED layer of synthetic events (as
``make loadtest``). Each load opens the page anew (a new page, a new session), every non-local request
blocked, and waits for the first place marker drawn on the map; a load with none after TIMEOUT seconds is a
failure. Loads are measured twice: in a browser that has shown the app before (warm: the briefing screen's
case, its cache holding Streamlit's 3 MB of scripts), and in a new browser context each (cold: a first visit). First with nothing else running, then while each number of
SESSIONS load-test sessions (bench.loadtest) change filters on the same server from another browser on the
same machine. Reported: failures, median, 95th percentile and slowest, per condition. Targets: no failure
anywhere; 95th percentile of warm loads at most TARGET_P95 seconds beside the first number of sessions (the
rest is reported, to show where this machine's two cores give out).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
from pathlib import Path

from bench.loadtest import ARGS, CACHE, CHROMIUM, STEP_TIMEOUT_MS, percentile, prepare, session
from bench.server import LOCAL, Server

TIMEOUT = 30.0
TARGET_P95 = 5.0
MARKER = ".atlas-map-box path[data-place]"


async def fresh_loads(browser, url: str, loads: int, warm: bool, timings: list[float], failures: list[str]) -> None:
    """``loads`` fresh loads of ``url``, one after another, each a new page and a new session: in a browser that
    has shown the app before (``warm``: its cache holds the app's scripts, as a briefing screen's does), or in
    a new browser context each time (nothing cached)."""
    async def only_local(route):
        await (route.continue_() if route.request.url.startswith(LOCAL) else route.abort())

    async def context():
        made = await browser.new_context(viewport={"width": 1280, "height": 720})
        await made.route("**/*", only_local)
        return made

    shared = await context() if warm else None
    if shared:  # the app shown once before
        page = await shared.new_page()
        await page.goto(url, wait_until="commit")
        await page.locator(MARKER).first.wait_for(timeout=TIMEOUT * 1000)
        await page.close()
    for n in range(loads):
        own = shared or await context()
        page = await own.new_page()
        start = time.perf_counter()
        try:
            await page.goto(url, wait_until="commit")
            await page.locator(MARKER).first.wait_for(timeout=TIMEOUT * 1000)
            timings.append(time.perf_counter() - start)
        except Exception as exc:  # a load with no map is the failure measured, not a crash of the harness
            failures.append(f"load {n + 1}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
        finally:
            await (page.close() if shared else own.close())
    if shared:
        await shared.close()


async def measure(url: str, loads: int, sessions: int, words: list[str], think: float, warm: bool) -> dict:
    """Fresh loads of ``url``, beside ``sessions`` load-test sessions on the same server (none: idle)."""
    from playwright.async_api import async_playwright

    timings: list[float] = []
    failures: list[str] = []
    async with async_playwright() as pw:
        loader = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        crowd = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True) if sessions else None
        base = url.split("/", 3)
        server_url = "/".join(base[:3])
        busy: list = []
        if crowd:
            errors: list[str] = []
            pages = ["Events", "Timeline", "Map"]
            per = max(1, len(words) // sessions)
            busy = [asyncio.create_task(session(crowd, server_url, pages[i % len(pages)], words[i * per:(i + 1) * per],
                                                [], errors, STEP_TIMEOUT_MS, think, random.Random(i)))
                    for i in range(sessions)]
            await asyncio.sleep(10)  # the sessions open their pages first
        await fresh_loads(loader, url, loads, warm, timings, failures)
        for task in busy:
            task.cancel()
        await asyncio.gather(*busy, return_exceptions=True)
        if crowd:
            await crowd.close()
        await loader.close()
    return {"loads": loads, "failures": len(failures), "failure_messages": failures[:10],
            "median_s": round(statistics.median(timings), 2) if timings else None,
            "p95_s": round(percentile(timings, 0.95), 2) if timings else None,
            "max_s": round(max(timings), 2) if timings else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.mapload", description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=50, help="fresh loads per condition")
    parser.add_argument("--sessions", default="5,10", help="numbers of load-test sessions beside the loads")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--path", default="Map?present=1", help="the page loaded (the briefing view)")
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds a session waits between changes")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"error: the map-load bench needs Chromium at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 2
    CACHE.mkdir(parents=True, exist_ok=True)
    data_dir, words = prepare(args.events)
    crowds = [int(n) for n in args.sessions.split(",") if n.strip()]
    words = (words * 50)[:max(crowds + [1]) * 400]
    server = Server(data_dir, CACHE / "mapload-streamlit.log", first_in_line=True)
    results = {}
    try:
        url = f"{server.url}/{args.path}"
        asyncio.run(measure(url, 2, 0, [], 0, False))  # warm-up: the dataset and layer loaded once by the server
        for warm in (True, False):
            for sessions in [0, *crowds]:
                name = f"{'warm' if warm else 'cold'}, " + (f"{sessions} sessions beside" if sessions else "idle")
                results[name] = {**asyncio.run(measure(url, args.loads, sessions, words, args.think, warm)),
                                 "sessions_beside": sessions, "cache": "warm" if warm else "cold"}
    finally:
        server.stop()
    print(f"/{args.path}: {args.loads} fresh loads per condition, navigation to the first drawn marker "
          f"(ACLED layer of {args.events:,} events)")
    for name, r in results.items():
        print(f"  {name}: failures {r['failures']}; median {r['median_s']} s, 95th percentile "
              f"{r['p95_s']} s, slowest {r['max_s']} s")
        for message in r["failure_messages"]:
            print(f"    {message}")
    checks = [{"metric": "failures", "value": sum(r["failures"] for r in results.values()), "limit": 0}]
    if crowds:
        loaded = results[f"warm, {crowds[0]} sessions beside"]
        checks.append({"metric": f"p95_s beside {crowds[0]} sessions, warm cache", "value": loaded["p95_s"],
                       "limit": TARGET_P95})
    for c in checks:
        c["ok"] = c["value"] is not None and c["value"] <= c["limit"]
        print(f"{'ok  ' if c['ok'] else 'MISS'} {c['metric']}: {c['value']} (target ≤ {c['limit']})")
    if args.json:
        args.json.write_text(json.dumps({"path": args.path, "events": args.events, "results": results,
                                         "targets": checks}, indent=1))
    return 0 if all(c["ok"] for c in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
