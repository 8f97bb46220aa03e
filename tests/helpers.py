"""What tests share: paths, editing a CSV row, a sample statement, AppTest and browser helpers.

Fixtures live in the conftest.py files (``data_copy`` in tests/, fresh caches and
``downloads`` in tests/app/, the server and browser in tests/e2e/); the plain
helpers they and the tests use live here, so no test module imports another.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"  # the live dataset: assert properties of it, never counts that grow with the record
# A frozen copy of data/ with the first statements: for tests that expect exact counts.
FIXTURE = ROOT / "tests" / "fixtures" / "seed_dataset"
SEEDS = ROOT.parent / "shared" / "seeds"
# The curated places as of release 2026.11, frozen: for tests that expect particular place ids, which new curated
# rows (claiming gazetteer entries as the record grows) would otherwise rename.
FROZEN_PLACES = ROOT / "tests" / "fixtures" / "places_2026-11.csv"


# -- editing dataset files ------------------------------------------------------------------------
def stored_events(layer):
    """Every event of an ACLED layer, in its stored (date) order, notes included, as the downloads give them."""
    import numpy as np

    from atlas.acled.layer import event_rows

    return event_rows(layer, np.arange(len(layer)), limit=None).iloc[::-1].reset_index(drop=True)


def site_totals(payload: dict) -> list[int]:
    """Events per site of the map's ACLED payload: the busiest sites' are the sums of their counts per type
    (positions in ``ti`` as steps, counts in ``t``), the others' are in ``n``, in order."""
    at, busy = -1, {}
    for step, counts in zip(payload["ti"], payload["t"]):
        at += step
        busy[at] = counts
    others = iter(payload["n"])
    totals = [sum(busy[i]) if i in busy else next(others) for i in range(len(payload["c"]))]
    assert next(others, None) is None, "more totals than sites"
    return totals


def synthetic_layer(folder: Path, events: int, seed: int) -> Path:
    """A copy of the fixture dataset in ``folder`` with ``events`` synthetic ACLED events (bench.synth)
    imported as its layer; returns the dataset folder."""
    import shutil

    from atlas.acled.importer import import_export
    from bench.synth import write_csv

    data_dir = folder / "data"
    shutil.copytree(FIXTURE, data_dir)
    import_export(write_csv(events, folder / "synthetic.csv", seed=seed), data_dir)
    return data_dir


def rewrite(path: Path, row_id: str, **changes) -> int:
    """Change fields of the row whose first column is ``row_id``; return its line number."""
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    line_of = _line_numbers(text)
    for index, row in enumerate(rows[1:], start=1):
        if row[0] == row_id:
            for key, value in changes.items():
                row[header.index(key)] = value
            _write(path, rows)
            return line_of[index]
    raise KeyError(row_id)


def _line_numbers(text: str) -> list[int]:
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, start = [], 1
    for _ in reader:
        starts.append(start)
        start = reader.line_num + 1
    return starts


def _write(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def code_threads(data_dir: Path, threads: str, picks: dict[str, list[str]], updates: list[str]) -> None:
    """Replace the folder's threads with ``threads`` (the CSV text), its updates with ``updates``, and set demands'
    threads. The corrections and second readings of the threads replaced go with them."""
    (data_dir / "threads.csv").write_text(threads, encoding="utf-8")
    header = (data_dir / "thread_updates.csv").read_text(encoding="utf-8").splitlines()[0]
    (data_dir / "thread_updates.csv").write_text("\n".join([header, *updates]) + "\n", encoding="utf-8")
    gone: set[str] = set()  # the corrections of the updates replaced
    for name, column in (("corrections.csv", "table"), ("checks.csv", "table")):
        if (data_dir / name).exists():
            with (data_dir / name).open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                rows = list(reader)
                kept = [r for r in rows if r[column] not in ("threads", "thread_updates")]
                gone |= {r["correction_id"] for r in rows if r not in kept and "correction_id" in r}
                for r in kept:  # a check of another row that also led to an update's correction
                    if r.get("correction_ids"):
                        r["correction_ids"] = ";".join(c for c in r["correction_ids"].split(";") if c not in gone)
                fields = reader.fieldnames or []
            with (data_dir / name).open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
                writer.writeheader()
                writer.writerows(kept)
    with (data_dir / "demands.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    chosen = {d: t for t, ids in picks.items() for d in ids}
    for row in rows:
        row["thread_id"] = chosen.get(row["demand_id"], "")
    with (data_dir / "demands.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# -- a statement to ingest -----------------------------------------------------------------------
STATEMENT = """Joint statement, 4 December 2015

The Syrian National Coalition and the Free Syrian Army said on Friday that the regime's siege of Madaya and the
Waer district in Homs must end. We call on the International Syria Support Group to guarantee humanitarian access to
every besieged area. We condemn the bombardment of Douma. Talks in Vienna cannot succeed while civilians starve.
"""
STATEMENT_ID = "snc-fsa-2015-12-04"  # what ingest names it


def fill(draft: dict) -> dict:
    """What a curator does: write the summary and each demand, drop what is not a demand."""
    draft["statement"]["title"] = "Joint statement on sieges"
    draft["statement"]["summary"] = "The opposition demands an end to sieges and condemns the bombing of Douma."
    draft["statement"]["source_url"] = "https://example.org/statement"
    for i, demand in enumerate(draft["demands"]):
        demand["demand"] = f"Curated demand number {i + 1}."
        demand["addressee_ids"] = demand["addressee_ids"] or ["assad-government"]
    return draft


# -- AppTest ---------------------------------------------------------------------------------------
PAGES = {"Overview": "app_pages/0_Overview.py", "Map": "app_pages/1_Map.py", "Timeline": "app_pages/2_Timeline.py",
         "Demands": "app_pages/3_Demands.py", "Threads": "app_pages/4_Threads.py",
         "Statements": "app_pages/5_Statements.py", "Events": "app_pages/6_Events.py", "About": "app_pages/7_About.py",
         "Briefing": "app_pages/8_Briefing.py"}


def map_data(at, index: int = 0) -> dict:
    """What an AppTest run's map sends the page (geo.maps.embed.map_parts): its script, styles, element."""
    import json

    return json.loads(at.get("bidi_component")[index].proto.json)


def app(page: str = "Overview", **params):
    """An AppTest on the entry script, switched to ``page``, with URL parameters set."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    if page != "Overview":
        at.switch_page(PAGES[page])
    for key, value in params.items():
        at.query_params[key] = value
    return at


# -- a real browser ----------------------------------------------------------------------------------
MAP = '.atlas-map-box'  # the map, drawn in the page (geo/maps/embed.js)
SETTLED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# How every page ends: the dataset version (2026-07-04.ab12cd34), a dataset's problems, or Streamlit's error.
ENDS = r"\d{4}-\d{2}-\d{2}\.[0-9a-f]{8}|empty\.[0-9a-f]{8}|problem|مشكل|encountered an error"


def wait_until_settled(page, timeout=30_000):
    """Wait until the script has run and stopped; every page ends with the dataset version (in either language:
    its value, a day and a fingerprint) or an error."""
    page.wait_for_selector(SETTLED, timeout=timeout)
    page.locator(f"text=/{ENDS}/").first.wait_for(timeout=timeout)
    page.wait_for_selector(SETTLED, timeout=timeout)


def open_page(page, server, path: str) -> list[str]:
    """Go to ``path`` on the server and wait until it has settled; returns the page's script errors, as they come."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{server.url}/{path}", wait_until="domcontentloaded")
    wait_until_settled(page)
    return errors


def changes_while_watching(page, seconds: float = 10.0) -> list[tuple[str, str]]:
    """Watch the address and the script state for ``seconds``; every change seen (empty when they stay put).
    A browser test calls it after an interaction: a selection that reruns itself in a loop passes a test that
    looks once."""
    import time

    def now():
        return page.url, page.get_attribute('[data-testid="stApp"]', "data-test-script-state")

    first, seen = now(), []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = now()
        if state != (seen[-1] if seen else first):
            seen.append(state)
        page.wait_for_timeout(100)
    return seen


def assert_no_error_shown(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("This app has encountered an error").count() == 0


def drawn_map(page):
    """The map drawn in the page, once a place marker is drawn in it."""
    page.wait_for_selector(MAP, timeout=30_000)
    drawn = page.locator(MAP).first
    drawn.locator("path[data-place]").first.wait_for(timeout=30_000)
    return drawn
