"""Many users at once: concurrent browser sessions against one local server, each changing filters.

    python -m bench.loadtest [--sessions 25] [--changes 20] [--events 100000] [--think 2] [--json PATH]

One Streamlit server on 127.0.0.1 serves the bundled dataset with an ACLED layer
of synthetic events; Debian's Chromium (through Playwright) opens SESSIONS
pages at once, spread over the Map, Timeline and Events pages, and each types
CHANGES different words into the search box, pausing about THINK seconds between
changes as a reader would. A change counts as settled when
the address bar carries the new filter and the script has stopped. Reported:
errors (must be zero), median and 95th percentile from a change to settled, and
the server's memory before the sessions (after a warm-up) and after they close.
Everything stops by itself after --deadline seconds. LOADTEST_SHOTS=1 saves a
screenshot of each failed session in .cache/loadtest/.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

from bench.server import LOCAL, Server

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "loadtest"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
PAGES = ["Events", "Timeline", "Map"]
SETTLED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
GROWTH_BOUND_MB = 8.0  # per session, after the sessions close
STEP_TIMEOUT_MS = 60_000  # one change, from typing to settled


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(l for l in status.splitlines() if l.startswith("VmRSS:")).split()[1]) / 1024


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def prepare(events: int) -> tuple[Path, list[str]]:
    """A dataset folder with the layer imported, and words that occur in its notes."""
    from atlas.acled.importer import import_export
    from atlas.acled.layer import load_layer
    from bench.synth import VERSION, write_csv

    csv_path = ROOT / ".cache" / "bench" / f"acled-{events}-v{VERSION}.csv"
    if not csv_path.exists():
        write_csv(events, csv_path)
    data_dir = CACHE / f"data-{events}"
    if not (data_dir / "acled" / "layer.json").exists():
        shutil.rmtree(data_dir, ignore_errors=True)
        shutil.copytree(ROOT / "data", data_dir, ignore=shutil.ignore_patterns("acled"))
        import_export(csv_path, data_dir)
    layer = load_layer(data_dir)
    words = [str(w) for w in layer.words.vocab if len(w) >= 5 and w.isalpha()]
    return data_dir, words


async def settle(page, word: str | None, timeout_ms: int) -> None:
    if word:
        await page.wait_for_function(f"() => new URLSearchParams(location.search).get('q') === {json.dumps(word)}",
                                     timeout=timeout_ms)
    await page.wait_for_selector(SETTLED, timeout=timeout_ms)
    await page.locator("text=/dataset version/").first.wait_for(timeout=timeout_ms)
    await page.wait_for_selector(SETTLED, timeout=timeout_ms)


async def session(browser, url: str, page_name: str, words: list[str], timings: list[float], errors: list[str],
                  timeout_ms: int, think: float, rng: random.Random) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 800})

    async def only_local(route):
        if route.request.url.startswith(LOCAL):
            await route.continue_()
        else:
            await route.abort()

    await context.route("**/*", only_local)
    page = await context.new_page()
    page.on("pageerror", lambda exc: errors.append(f"{page_name}: page error {exc}"))
    try:
        await page.goto(f"{url}/{page_name}", wait_until="domcontentloaded")
        await settle(page, None, timeout_ms)
        box = page.get_by_label("Search text")
        for word in words:
            await asyncio.sleep(think * (0.5 + rng.random()))  # a person reads before changing the filter
            start = time.perf_counter()
            await box.fill(word, timeout=timeout_ms)
            await box.press("Enter")
            await settle(page, word, timeout_ms)
            timings.append(time.perf_counter() - start)
            if await page.locator('[data-testid="stException"]').count():
                errors.append(f"{page_name}: an exception was shown after '{word}'")
    except Exception as exc:  # a timeout or a crash is an error of the run, not of the harness
        errors.append(f"{page_name}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
        if os.environ.get("LOADTEST_SHOTS"):
            await page.screenshot(path=str(CACHE / f"failed-{len(errors)}.png"))
    finally:
        await context.close()


async def run(url: str, sessions: int, changes: int, words: list[str], deadline: float,
              pages: list[str], think: float = 0.0) -> tuple[list, list]:
    from playwright.async_api import async_playwright

    timings: list[float] = []
    errors: list[str] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        jobs = [session(browser, url, pages[i % len(pages)], words[i * changes:(i + 1) * changes], timings, errors,
                        timeout_ms=STEP_TIMEOUT_MS, think=think, rng=random.Random(i))
                for i in range(sessions)]
        try:
            await asyncio.wait_for(asyncio.gather(*jobs), timeout=deadline)
        except asyncio.TimeoutError:
            errors.append(f"the run passed its deadline of {deadline:.0f} s")
        await browser.close()
    return timings, errors


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.loadtest", description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--deadline", type=float, default=480.0, help="seconds before everything is stopped")
    parser.add_argument("--pages", default=",".join(PAGES), help="pages the sessions are spread over")
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds a session waits between changes")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"error: the load test needs Chromium at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 2
    CACHE.mkdir(parents=True, exist_ok=True)
    data_dir, words = prepare(args.events)
    needed = args.sessions * args.changes
    words = (words * (needed // max(len(words), 1) + 1))[:needed]
    # the browsers share this machine with the server; like a server on its own host, it goes first
    server = Server(data_dir, CACHE / "streamlit.log", first_in_line=True)
    started = time.monotonic()
    try:
        pages = [p.strip() for p in args.pages.split(",") if p.strip()]
        asyncio.run(run(server.url, 1, 1, words[:1], 60, pages))  # warm-up: dataset and layer loaded once
        before = rss_mb(server.process.pid)
        cpu_before, run_started = cpu_seconds(server.process.pid), time.monotonic()
        timings, errors = asyncio.run(run(server.url, args.sessions, args.changes, words, args.deadline, pages,
                                          args.think))
        server_cpu = cpu_seconds(server.process.pid) - cpu_before
        run_seconds = time.monotonic() - run_started
        time.sleep(5)  # closed sessions are dropped by the server a moment after their sockets close
        after = rss_mb(server.process.pid)
    finally:
        server.stop()
    growth = (after - before) / args.sessions
    result = {
        "sessions": args.sessions, "changes_per_session": args.changes, "events": args.events,
        "think_s": args.think, "pages": pages,
        "changes_settled": len(timings), "errors": len(errors), "error_messages": errors[:20],
        "median_s": statistics.median(timings) if timings else None,
        "p95_s": percentile(timings, 0.95) if timings else None,
        "server_mb_before": round(before, 1), "server_mb_after": round(after, 1),
        "growth_mb_per_session": round(growth, 2), "growth_bound_mb_per_session": GROWTH_BOUND_MB,
        "wall_s": round(time.monotonic() - started, 1), "server_cpu_s": round(server_cpu, 1),
        "server_cpu_share": round(server_cpu / run_seconds, 2),
    }
    print(f"{args.sessions} sessions × {args.changes} filter changes ({args.think:g} s between them), "
          f"ACLED layer of {args.events:,} events, pages {', '.join(pages)}")
    print(f"  settled changes: {len(timings)} of {needed}; errors: {len(errors)}")
    for message in errors[:10]:
        print(f"    {message}")
    if timings:
        print(f"  change -> settled: median {result['median_s']:.2f} s, 95th percentile {result['p95_s']:.2f} s")
    print(f"  server memory: {before:.0f} MB before, {after:.0f} MB after "
          f"({growth:+.2f} MB per session; bound {GROWTH_BOUND_MB} MB)")
    print(f"  server CPU {server_cpu:.1f} s over {run_seconds:.0f} s of sessions "
          f"({result['server_cpu_share']:.0%} of one core; the browsers use the rest)")
    print(f"  wall time {result['wall_s']} s")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    ok = not errors and len(timings) == needed and growth <= GROWTH_BOUND_MB
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
