"""Checking that every quote is the source's own words: each demand's quote against the text of its statement.

The texts are not in the repository (they are not ours): a curator keeps the ones curated from in a folder,
one file per statement named for its id (``<statement_id>.txt``, ``.md`` or ``.html``). A quote counts as found
when it appears in the text once whitespace and quotation marks are made uniform.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from atlas.ingest.textload import read_statement

QUOTE_MARKS = str.maketrans({c: '"' for c in "“”„‟«»″＂"} | {c: "'" for c in "‘’‚‛′`´"})
SUFFIXES = (".txt", ".md", ".html", ".htm")


def uniform(text: str) -> str:
    """Text with one kind of quotation mark, single spaces and no Arabic tatweel, for comparing."""
    text = unicodedata.normalize("NFC", text).translate(QUOTE_MARKS).replace("\u0640", "")
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class QuoteReport:
    checked: int = 0
    found: int = 0
    not_found: list[tuple[str, str, str]] = field(default_factory=list)  # (demand_id, statement_id, quote)
    no_text: list[str] = field(default_factory=list)  # statements whose text is not in the folder

    def lines(self) -> list[str]:
        out = [f"{self.found} of {self.checked} quotes found verbatim in their statement's text"]
        out += [f"not found: {demand_id} ({statement_id}): {quote}" for demand_id, statement_id, quote in self.not_found]
        if self.no_text:
            out.append(f"{len(self.no_text)} statement(s) with no text in the folder, not checked: "
                       + ", ".join(self.no_text))
        return out


def _text(texts: Path, statement_id: str) -> str | None:
    for suffix in SUFFIXES:
        path = texts / f"{statement_id}{suffix}"
        if path.is_file():
            return read_statement(path)[0]
    return None


def verify_quotes(data_dir: Path, texts: Path) -> QuoteReport:
    report = QuoteReport()
    with (Path(data_dir) / "demands.csv").open(encoding="utf-8", newline="") as handle:
        demands = list(csv.DictReader(handle))
    cache: dict[str, str | None] = {}
    for demand in demands:
        sid = demand["statement_id"]
        if sid not in cache:
            text = _text(Path(texts), sid)
            cache[sid] = uniform(text) if text is not None else None
            if text is None:
                report.no_text.append(sid)
        if cache[sid] is None:
            continue
        report.checked += 1
        if uniform(demand["quote"]) in cache[sid]:
            report.found += 1
        else:
            report.not_found.append((demand["demand_id"], sid, demand["quote"]))
    return report
