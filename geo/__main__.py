"""Command line: ``python -m geo resolve NAME [NAME ...] [--json]``."""
from __future__ import annotations

import argparse
import json
import sys

from geo.geocode import Geocoder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo", description="Syrian place names to coordinates.")
    sub = parser.add_subparsers(dest="command", required=True)
    resolve = sub.add_parser("resolve", help="list the candidates for one or more place names")
    resolve.add_argument("names", nargs="+", metavar="NAME")
    resolve.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)

    geocoder = Geocoder()
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
                      f"{c.lat:.4f}, {c.lon:.4f} | {c.governorate or '-'} | {c.source}")
    return 0 if all(r.status == "resolved" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
