"""Command line: ``python -m atlas validate [DIR]`` and ``python -m atlas docs``.

DIR defaults to ``ATLAS_DATA_DIR`` or the bundled data/ folder. Exit status 0
when the dataset is valid, 1 when it has problems, 2 on a usage error.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atlas.dataset import data_dir_from_env
from atlas.validate import validate


def _validate(args: argparse.Namespace) -> int:
    data_dir = Path(args.dir) if args.dir else data_dir_from_env()
    if not data_dir.is_dir():
        print(f"error: {data_dir} is not a folder", file=sys.stderr)
        return 2
    problems = validate(data_dir)
    for problem in problems:
        print(f"{data_dir / problem.file}{str(problem)[len(problem.file):]}")
    if problems:
        print(f"{len(problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    print(f"{data_dir}: valid")
    return 0


def _docs(args: argparse.Namespace) -> int:
    from atlas.datadoc import update_readme
    from atlas.schema import load_schema

    data_dir = data_dir_from_env()
    changed = update_readme(data_dir / "README.md", load_schema(data_dir))
    print(f"{data_dir / 'README.md'}: {'updated' if changed else 'already up to date'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas", description="Syria Statement Atlas tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check a dataset folder and list every problem")
    check.add_argument("dir", nargs="?", help="dataset folder (default: $ATLAS_DATA_DIR or data/)")
    check.set_defaults(run=_validate)
    docs = sub.add_parser("docs", help="regenerate the data dictionary in data/README.md from datapackage.json")
    docs.set_defaults(run=_docs)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
