"""Command line: ``python -m atlas validate [DIR]``, ``resolve``, ``ingest``, ``correct``, ``verify-quotes``,
``import-acled``, ``eval``, ``eval-threads``, ``catalogue`` and ``docs``.

DIR defaults to ``ATLAS_DATA_DIR`` or the bundled data/ folder. Exit status 0
when the dataset is valid, 1 when it has problems, 2 on a usage error.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atlas import settings
from atlas.dataset.validate import check as check_dataset


def _validate(args: argparse.Namespace) -> int:
    data_dir = Path(args.dir) if args.dir else settings.data_dir()
    if not data_dir.is_dir():
        print(f"error: {data_dir} is not a folder", file=sys.stderr)
        return 2
    problems, readings = check_dataset(data_dir)
    for problem in problems:
        print(f"{data_dir / problem.file}{str(problem)[len(problem.file):]}")
    if problems:
        print(f"{len(problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    print(f"{data_dir}: valid")
    if readings:
        print("second-read against an independent source: " + ", ".join(
            f"{len(r.read):,} of {len(r.ids):,} {r.label} ({len(r.read) / len(r.ids):.0%}"
            + (f"; {len(r.tried - r.read):,} more looked at, no independent source found)" if r.tried - r.read
               else ")") for r in readings if r.ids))
    return 0


def _refused(problems: list, data_dir: Path) -> int:
    """A change that would break the dataset: every problem, and the promise that nothing was written."""
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s): nothing was changed in {data_dir}", file=sys.stderr)
    return 1


def _resolve(args: argparse.Namespace) -> int:
    import json

    from geo.gazetteer import load_gazetteer
    from geo.geocode import Geocoder

    data_dir = Path(args.data_dir) if args.data_dir else settings.data_dir()
    geocoder = Geocoder(load_gazetteer(data_dir / "places.csv"), settings.geocoder_settings())
    results = [geocoder.geocode(name) for name in args.names]
    if args.json:
        print(json.dumps([{"query": r.query, "status": r.status, "notes": r.notes,
                           "candidates": [c.as_dict() for c in r.candidates]} for r in results],
                         ensure_ascii=False, indent=2))
    else:
        for result in results:
            print(f"{result.query}: {result.status}")
            for note in result.notes:
                print(f"  note: {note}")
            for c in result.candidates:
                print(f"  {c.score:.2f}  {c.place_id:<22} {c.name} | {c.name_ar} | "
                      f"{c.lat:.4f}, {c.lon:.4f} | {c.governorate or '-'} {c.admin2_pcode or ''} | {c.place_type} | {c.source}")
    return 0 if all(r.status == "resolved" for r in results) else 1


def _import_acled(args: argparse.Namespace) -> int:
    from atlas.acled.importer import AcledImportError, import_export

    data_dir = Path(args.data_dir) if args.data_dir else settings.data_dir()
    if not data_dir.is_dir():
        print(f"error: {data_dir} is not a folder", file=sys.stderr)
        return 2
    tty = sys.stderr.isatty()
    shown = {"tenth": -1}

    def progress(fraction: float, step: str) -> None:
        if tty:
            print(f"\r{fraction:4.0%} {step:<24}", end="\n" if fraction >= 1 else "", file=sys.stderr, flush=True)
        elif int(fraction * 10) > shown["tenth"]:  # a log file gets a line per tenth
            shown["tenth"] = int(fraction * 10)
            print(f"{fraction:4.0%} {step}", file=sys.stderr, flush=True)

    try:
        report = import_export(Path(args.file), data_dir, skip_bad_rows=args.skip_bad_rows,
                               date_order=args.date_order, progress=progress if tty or args.progress else None)
    except AcledImportError as exc:
        print(file=sys.stderr)
        for line in exc.summary:
            print(line)
        if exc.problems_file:
            print(f"every problem, one per line: {exc.problems_file}")
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if report.problem_count:
        print(f"skipped {report.problem_count:,} problem(s):")
        for line in report.summary:
            print(line)
        print(f"every problem, one per line: {report.problems_file}")
    for line in report.lines():
        print(line)
    print(f"layer stored in {data_dir / 'acled'}")
    return 0


def _docs(args: argparse.Namespace) -> int:
    from atlas.dataset.datadoc import update_readme
    from atlas.dataset.schema import load_schema

    data_dir = settings.data_dir()
    try:
        changed = update_readme(data_dir / "README.md", load_schema(data_dir))
    except (OSError, ValueError) as exc:
        print(f"python -m atlas docs: {exc}", file=sys.stderr)
        return 1
    print(f"{data_dir / 'README.md'}: {'updated' if changed else 'already up to date'}")
    return 0


def _ingest(args: argparse.Namespace) -> int:
    import json
    from datetime import date

    from atlas.ingest.draft import apply_draft, load_draft, propose, summary_json

    data_dir = Path(args.data_dir) if args.data_dir else settings.data_dir()
    if args.apply:
        try:
            draft = load_draft(Path(args.apply))
        except (OSError, ValueError) as exc:
            print(f"error: cannot read draft {args.apply}: {exc}", file=sys.stderr)
            return 2
        problems, added = apply_draft(draft, data_dir)
        if problems:
            return _refused(problems, data_dir)
        print(f"merged into {data_dir}: " + ", ".join(f"{n} {table}" for table, n in added.items()))
        return 0
    if not args.file:
        print("error: give a statement FILE, or --apply DRAFT", file=sys.stderr)
        return 2
    try:
        issued = date.fromisoformat(args.date) if args.date else None
    except ValueError:
        print(f"error: --date {args.date!r} is not YYYY-MM-DD", file=sys.stderr)
        return 2
    try:
        proposal = propose(Path(args.file), data_dir, url=args.url or "", issuer_ids=tuple(args.issuer or ()),
                           issued=issued, day_first=not args.month_first)
    except FileNotFoundError:
        print(f"error: no such file: {args.file}", file=sys.stderr)
        return 2
    except UnicodeDecodeError as exc:
        print(f"error: {args.file} is not UTF-8 text ({exc.reason} at byte {exc.start})", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(summary_json(proposal), ensure_ascii=False, indent=1))
        return 0
    out = Path(args.out) if args.out else Path("drafts") / f"{proposal['statement']['statement_id']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(proposal, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"draft written to {out}: {len(proposal['mentions'])} place mention(s), "
          f"{len(proposal['unresolved'])} unresolved name(s), {len(proposal['demands'])} candidate demand(s).")
    offered = sum(bool(d["thread_candidates"]) for d in proposal["demands"])
    if offered:
        print(f"{offered} demand(s) come with thread candidates, best first: copy one into thread_id, "
              "or leave it empty when none fits.")
    print(f"Review it (replace every TODO, drop rows with \"skip\": true), then: python -m atlas ingest --apply {out}")
    return 0


def _eval(args: argparse.Namespace) -> int:
    from atlas.ingest.evaluation import evaluate, evaluate_real, format_real_report, format_report
    from geo.gazetteer import load_gazetteer

    data_dir = settings.data_dir()
    places = Path(args.places) if args.places else data_dir / "places.csv"
    if not places.is_file():
        print(f"error: no curated places file {places}", file=sys.stderr)
        return 2
    gazetteer = load_gazetteer(places)
    if args.real:
        texts = Path(args.real)
        if not texts.is_dir():
            print(f"error: {texts} is not a folder of texts (one <id>.txt per statement in eval/real)", file=sys.stderr)
            return 2
        report = evaluate_real(gazetteer, texts)
        render = format_real_report
    else:
        report = evaluate(gazetteer, data_dir / "actors.csv")
        render = format_report
    if args.split != "all":
        if args.split not in report:
            print(f"error: no split '{args.split}' in this set", file=sys.stderr)
            return 2
        report = {args.split: report[args.split]}
    print(render(report, verbose=args.verbose))
    return 0


def _eval_threads(args: argparse.Namespace) -> int:
    from atlas.ingest.draft import read_rows
    from atlas.ingest.extract import category
    from atlas.ingest.threads import evaluate_ranking, format_ranking

    data_dir = Path(args.data_dir) if args.data_dir else settings.data_dir()
    paths = [data_dir / "threads.csv", data_dir / "demands.csv"]
    for path in paths:
        if not path.is_file():
            print(f"error: no {path}: this dataset keeps no threads", file=sys.stderr)
            return 2
    score = evaluate_ranking(*(read_rows(path) for path in paths), category)
    if not score.demands:
        print(f"error: no demand in {data_dir / 'demands.csv'} has a thread to rank", file=sys.stderr)
        return 2
    print(format_ranking(score))
    return 0


def _eval_acled(args: argparse.Namespace) -> int:
    from atlas.acled.evaluation import evaluate_exports, format_scores

    folder = Path(args.exports)
    if not folder.is_dir():
        print(f"error: {folder} is not a folder of exports (one <name>.csv per eval/acled/<name>.json)", file=sys.stderr)
        return 2
    places = (Path(args.data_dir) if args.data_dir else settings.data_dir()) / "places.csv"
    scores, missing = evaluate_exports(folder, places, sample=args.sample)
    if not scores:
        print(f"error: none of the exports named in eval/acled/ is in {folder}", file=sys.stderr)
        return 2
    print(format_scores(scores, missing))
    return 0


def _correct(args: argparse.Namespace) -> int:
    from atlas.dataset.edit import correct, read_changes

    data_dir = Path(args.data_dir) if args.data_dir else settings.data_dir()
    changes, problems = read_changes(Path(args.changes))
    if not problems:
        problems = correct(data_dir, changes, source_name=args.changes)
    if problems:
        return _refused(problems, data_dir)
    print(f"{len(changes)} correction(s) applied to {data_dir} and recorded in corrections.csv")
    return 0


def _verify_quotes(args: argparse.Namespace) -> int:
    from atlas.ingest.quotes import verify_quotes

    texts = Path(args.texts)
    if not texts.is_dir():
        print(f"error: {texts} is not a folder of statement texts (<statement_id>.txt each)", file=sys.stderr)
        return 2
    data_dir = Path(args.data_dir) if args.data_dir else settings.data_dir()
    report = verify_quotes(data_dir, texts)
    for line in report.lines():
        print(line)
    return 1 if report.not_found else 0


def _catalogue(args: argparse.Namespace) -> int:
    from atlas.catalogue import TEMPLATE, update

    missing = update()
    print(f"extracted the interface's words into {TEMPLATE}")
    for lang, words in missing.items():
        print(f"{lang}: {len(words)} word(s) without a translation" + "".join(f"\n  {w}" for w in words))
    return 1 if any(missing.values()) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas", description="Syria Statement Atlas tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check a dataset folder and list every problem")
    check.add_argument("dir", nargs="?", help="dataset folder (default: $ATLAS_DATA_DIR or data/)")
    check.set_defaults(run=_validate)
    resolve = sub.add_parser("resolve", help="ranked place candidates for names (curated places, then GeoNames)")
    resolve.add_argument("names", nargs="+", metavar="NAME")
    resolve.add_argument("--json", action="store_true", help="print JSON instead of a table")
    resolve.add_argument("--data-dir", help="dataset folder whose places.csv to use (default: $ATLAS_DATA_DIR or data/)")
    resolve.set_defaults(run=_resolve)
    acled = sub.add_parser("import-acled", help="store an ACLED export (CSV) as the dataset's event layer")
    acled.add_argument("file", help="a CSV in ACLED's standard export format")
    acled.add_argument("--data-dir", help="dataset folder (default: $ATLAS_DATA_DIR or data/)")
    acled.add_argument("--skip-bad-rows", action="store_true",
                       help="leave out rows that fail the checks (listed) instead of refusing the file")
    acled.add_argument("--progress", action="store_true", help="show progress even when not on a terminal")
    acled.add_argument("--date-order", choices=["dmy", "mdy"],
                       help="read numeric dates (05/09/2020) day-first or month-first when the file does not say")
    acled.set_defaults(run=_import_acled)
    ingest = sub.add_parser("ingest", help="propose rows from a statement's text, or merge a reviewed draft")
    ingest.add_argument("file", nargs="?", help="statement as .txt, .md or .html (UTF-8)")
    ingest.add_argument("--url", help="where the statement was published")
    ingest.add_argument("--issuer", action="append", metavar="ID", help="issuer actor id (repeatable)")
    ingest.add_argument("--date", help="issue date, YYYY-MM-DD, when the text does not say")
    ingest.add_argument("--month-first", action="store_true", help="read 4/12/2015 as April 12 (en-US); default day first")
    ingest.add_argument("--json", action="store_true", help="print the proposal as JSON instead of writing a draft")
    ingest.add_argument("--out", help="draft file to write (default drafts/<statement_id>.json)")
    ingest.add_argument("--apply", metavar="DRAFT", help="validate a reviewed draft and merge it into the dataset")
    ingest.add_argument("--data-dir", help="dataset folder (default: $ATLAS_DATA_DIR or data/)")
    ingest.set_defaults(run=_ingest)
    evaluation = sub.add_parser("eval", help="precision and recall of ingest on the labelled statements in eval/")
    evaluation.add_argument("--split", choices=["dev", "heldout", "record", "all"], default="all",
                            help="record: the statements of the dataset itself, labelled as curated (real set only)")
    evaluation.add_argument("--places", metavar="CSV", help="curated places to resolve against (default: the dataset's; "
                            "tests/fixtures/places_2026-11.csv is the gazetteer before the record was curated)")
    evaluation.add_argument("--verbose", action="store_true", help="list every miss and false hit (dev only, please)")
    evaluation.add_argument("--real", metavar="TEXTS", help="score the real statements of eval/real on the texts "
                            "gathered in this folder (one <id>.txt each) instead of our own set")
    evaluation.set_defaults(run=_eval)
    ranking = sub.add_parser("eval-threads", help="how often ingest ranks a hand-coded demand's own thread first")
    ranking.add_argument("--data-dir", help="dataset folder (default: $ATLAS_DATA_DIR or data/)")
    ranking.set_defaults(run=_eval_threads)
    linking = sub.add_parser("eval-acled", help="how many of real ACLED exports' Syrian events the linker ties to a "
                             "gazetteer place (copies gathered locally: ACLED's rows are not shared)")
    linking.add_argument("exports", metavar="DIR", help="one <name>.csv per export named in eval/acled/")
    linking.add_argument("--sample", type=int, default=0, help="also list this many links, at random, to check by hand")
    linking.add_argument("--data-dir", help="dataset folder (default: $ATLAS_DATA_DIR or data/)")
    linking.set_defaults(run=_eval_acled)
    fix = sub.add_parser("correct", help="apply corrections listed in a CSV and record each under the newest release")
    fix.add_argument("changes", metavar="CSV", help="columns table,record_id,field,new_value,reason,source; "
                     "field '*' removes the row")
    fix.add_argument("--data-dir", help="dataset folder (default: $ATLAS_DATA_DIR or data/)")
    fix.set_defaults(run=_correct)
    quotes = sub.add_parser("verify-quotes", help="check every quote against the statement texts saved in a folder")
    quotes.add_argument("texts", metavar="DIR", help="one <statement_id>.txt (.md, .html) per statement curated from")
    quotes.add_argument("--data-dir", help="dataset folder (default: $ATLAS_DATA_DIR or data/)")
    quotes.set_defaults(run=_verify_quotes)
    words = sub.add_parser("catalogue", help="extract the interface's words into locale/ and list those each "
                           "language's catalogue lacks")
    words.set_defaults(run=_catalogue)
    docs = sub.add_parser("docs", help="regenerate the data dictionary in data/README.md from datapackage.json")
    docs.set_defaults(run=_docs)
    args = parser.parse_args(argv)
    from geo.gazetteer import GazetteerError

    try:
        return args.run(args)
    except GazetteerError as exc:  # a gazetteer file missing or corrupt: say which, and how to rebuild it
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader of the output went away (`| head`): stop quietly, as Unix tools do
        sys.stderr.close()
        return 1


if __name__ == "__main__":
    sys.exit(main())
