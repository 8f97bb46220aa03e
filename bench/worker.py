"""Measurements that need a fresh process (cold starts, peak memory). Prints one JSON object.

    python -m bench.worker import-ours CSV DATA_DIR
    python -m bench.worker import-naive CSV OUT
    python -m bench.worker app-ours DATA_DIR RERUNS [DATA_DIR_WITHOUT_LAYER]
    python -m bench.worker app-naive CSV RERUNS
    python -m bench.worker geoparse
    python -m bench.worker pack
"""
from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUR_PAGES = {"Map": "app_pages/1_Map.py", "Timeline": "app_pages/2_Timeline.py", "Events": "app_pages/6_Events.py"}
NO_LAYER = "Map without the layer"  # the same Map page on the same dataset with no ACLED layer imported


def peak_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: on Linux ru_maxrss survives exec, so a
    worker started by a large parent would report the parent's size."""
    try:
        status = Path("/proc/self/status").read_text()
        return round(int(next(l for l in status.splitlines() if l.startswith("VmHWM:")).split()[1]) / 1024, 1)
    except (OSError, StopIteration):
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _import_ours(csv_path: str, data_dir: str) -> dict:
    from atlas.acled.importer import import_export

    marks: dict[str, float] = {}

    def progress(_share: float, step: str = "") -> None:
        marks.setdefault(step, time.perf_counter())

    start = time.perf_counter()
    report = import_export(Path(csv_path), Path(data_dir), progress=progress)
    return {"seconds": time.perf_counter() - start, "events": report.kept, "linked": report.linked,
            "link_seconds": marks["writing"] - marks["linking places"]}  # the linking step, gazetteer included


def _import_naive(csv_path: str, out: str) -> dict:
    from bench import naive

    start = time.perf_counter()
    naive.load(csv_path).to_parquet(out)
    return {"seconds": time.perf_counter() - start}


def _date_changes(reruns: int) -> list[tuple[date, date]]:
    """Distinct date ranges, each keeping most of the record: every rerun is a cache miss over many events."""
    return [(date(2017, 1, 1) + timedelta(days=7 * (i + 1)), date(2025, 12, 31) - timedelta(days=3 * i))
            for i in range(reruns)]


def _app(reruns: int, pages: dict[str, str], data_dirs: dict[str, str] | None = None) -> dict:
    from streamlit.testing.v1 import AppTest

    sys.path.insert(0, str(ROOT))
    out: dict = {"warm": {}, "rerun": {}}
    first = True
    for name, page in pages.items():
        if data_dirs and name in data_dirs:
            os.environ["ATLAS_DATA_DIR"] = data_dirs[name]
        start = time.perf_counter()
        at = AppTest.from_file(str(ROOT / page), default_timeout=600).run()
        elapsed = time.perf_counter() - start
        if at.exception:
            raise SystemExit(f"{page}: {at.exception[0].value}")
        if first:
            out["cold"], first = elapsed, False
        start = time.perf_counter()
        at = AppTest.from_file(str(ROOT / page), default_timeout=600).run()  # a new session, caches warm
        out["warm"][name] = time.perf_counter() - start
        times = []
        for start_day, end_day in _date_changes(reruns):
            at.date_input(key="f_dates").set_value((start_day, end_day))
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
            if at.exception:
                raise SystemExit(f"{page}: {at.exception[0].value}")
        out["rerun"][name] = statistics.median(times)
    return out


def _geoparse() -> dict:
    """The full gazetteer loaded, and a statement of 3,000 characters read for places, in a fresh process:
    the first statement pays for the word-frequency lists too, and (its Kurmanji and Arabic names known only
    in other spellings) for the spelling-family index."""
    from geo.gazetteer import load_gazetteer
    from geo.geoparse import find_places

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "eval" / "dev").glob("*.txt"))]
    statement = ("Li gundê Til Hemîs û li Qamişloyê êrîş pêk hat; gundên Til Koçer û Çilaxa hatin valakirin.\n"
                 "قصفت القوات قرية ثعلة وتل السمان في ريف السويداء الغربي.\n\n")
    while len(statement) < 3000:
        statement += texts[len(statement) % len(texts)] + "\n\n"
    statement = statement[:3000]
    start = time.perf_counter()
    gazetteer = load_gazetteer(ROOT / "data" / "places.csv")
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    found = find_places(statement, gazetteer)
    cold = time.perf_counter() - start
    warm = []
    for _ in range(5):
        start = time.perf_counter()
        find_places(statement, gazetteer)
        warm.append(time.perf_counter() - start)
    return {"gazetteer_load_s": loaded, "statement_cold_s": cold, "statement_warm_s": statistics.median(warm),
            "chars": len(statement), "places_found": len(found.mentions), "entries": len(gazetteer.entries)}


def _pack() -> dict:
    """The briefing pack of the bundled record since the first day of its last year, with no filter, in a fresh
    process with the record loaded: 16:9 slides and A4, each with its map picture drawn."""
    from atlas.dataset.loader import load_dataset
    from atlas.filters import Filters, apply_filters
    from atlas.briefing.since import since_view
    from atlas.views.coverage import record_end
    from atlas.briefing.pack import pack_download

    dataset = load_dataset(ROOT / "data")
    end = record_end(dataset)
    since = date(end.year - 1, 12, 31)
    filters = Filters(since=since)
    scope, window = apply_filters(dataset, Filters()), apply_filters(dataset, Filters(date_from=since, date_to=end))
    out = {}
    for layout in ("slides", "a4"):
        start = time.perf_counter()
        view = since_view(dataset, window, scope, since, end)
        data = pack_download(dataset, filters, view, scope, window, layout, "No filters: the whole dataset.").build()
        out[f"pack_{layout}_s"], out[f"pack_{layout}_kb"] = time.perf_counter() - start, len(data) / 1024
    return out


def main(argv: list[str]) -> int:
    task, *args = argv
    if task == "import-ours":
        result = _import_ours(*args)
    elif task == "import-naive":
        result = _import_naive(*args)
    elif task == "app-ours":
        pages, dirs = dict(OUR_PAGES), {name: args[0] for name in OUR_PAGES}
        if len(args) > 2:
            pages[NO_LAYER], dirs[NO_LAYER] = OUR_PAGES["Map"], args[2]
        result = _app(int(args[1]), pages, dirs)
    elif task == "geoparse":
        result = _geoparse()
    elif task == "pack":
        result = _pack()
    elif task == "app-naive":
        os.environ["BENCH_CSV"] = args[0]
        result = _app(int(args[1]), {"Naive": "bench/naive_app.py"})
    else:
        raise SystemExit(f"unknown task {task}")
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
