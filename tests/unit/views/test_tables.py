"""Tables and downloads as people read them: vocabulary names, never codes; each demand's statement and thread
linked to their pages with the filters kept; Arabic quotes whole in every file."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from urllib.parse import parse_qs, unquote, urlsplit

import openpyxl
import pandas as pd
import pytest

from atlas.dataset.loader import load_dataset
from atlas.filters import Filters, apply_filters, build_choices, to_query
from atlas.views.coverage import by_year_headers, statements_by_year
from atlas.views.exports import demand_downloads, thread_downloads
from atlas.views.statement import statement_view
from atlas.views.tables import (
    LINK_TEXT,
    QUOTE_FROM,
    demands_on_screen,
    demands_table,
    sources_table,
    statements_table,
    thread_updates_table,
    threads_table,
)
from atlas.views.threads import thread_list
from tests.helpers import DATA

RECORD = load_dataset(DATA)  # the bundled record: it codes threads, and quotes in Arabic
ALL = apply_filters(RECORD, Filters())
# column -> the vocabulary whose names it holds, in every table and download that has it
VOCABULARY_COLUMNS = {"category": "category", "speech_act": "speech_act", "speech act": "speech_act",
                      "cameo_root": "cameo_root", "status": "thread_status", "kind": "source_kind",
                      "time_precision": "time_precision"}


def names_not_codes(frame: pd.DataFrame) -> dict[str, set]:
    """The cells of ``frame``'s vocabulary columns that are not a name of their vocabulary (codes, say)."""
    wrong = {}
    for column, vocabulary in VOCABULARY_COLUMNS.items():
        if column in frame.columns:
            names = {RECORD.schema.term(vocabulary, code) for code in RECORD.schema.vocabularies[vocabulary]}
            cells = set(frame[column].dropna().astype(str)) - names
            if cells:
                wrong[column] = cells
    for column in ("quote_origin", "words_of", "words of"):
        if column in frame.columns and not set(frame[column]) <= set(QUOTE_FROM.values()):
            wrong[column] = set(frame[column]) - set(QUOTE_FROM.values())
    return wrong


def test_schema_terms_are_names():
    term = RECORD.schema.term
    assert term("category", "humanitarian-aid") == "Humanitarian aid and access"
    assert (term("speech_act", "appeal"), term("thread_status", "partly-met")) == ("Appeal", "Partly met")
    assert (term("source_kind", "un-document"), term("time_precision", "2")) == ("UN document", "Week")
    assert term("actor_kind", "armed-opposition") == "Armed opposition"
    for vocabulary, codes in RECORD.schema.vocabularies.items():
        names = [term(vocabulary, code) for code in codes]
        assert len(set(names)) == len(names) and all(len(n) <= 60 for n in names), vocabulary


def test_tables_show_names_not_codes():
    thread_ids = set(RECORD.threads["thread_id"])
    table = demands_table(RECORD, ALL)
    frames = {"demands": table, "on screen": demands_on_screen(table), "statements": statements_table(RECORD, ALL),
              "sources": sources_table(RECORD, ALL), "threads": threads_table(RECORD, thread_ids),
              "status changes": thread_updates_table(RECORD, thread_ids), "thread list": thread_list(RECORD, ALL)}
    for statement_id in RECORD.demands["statement_id"].unique():
        frames[statement_id] = statement_view(RECORD, statement_id).demands
    assert {name: wrong for name, frame in frames.items() if (wrong := names_not_codes(frame))} == {}


def test_the_kinds_of_issuer_by_year_are_headed_by_their_names():
    table = statements_by_year(RECORD)
    headers = by_year_headers(RECORD, table)
    kinds = set(RECORD.actors["kind"].astype(str)) & set(table.columns)
    assert kinds and kinds <= set(headers)
    assert all(headers[k] == RECORD.schema.term("actor_kind", k) != k for k in kinds)
    # the other columns are headed in words too: the count and each language
    assert set(headers) - kinds == {"statements", "in ar", "in en"} & set(table.columns)
    assert headers["in ar"] == "in Arabic"


def downloaded(downloads) -> dict[str, bytes]:
    return {d.file_name.rsplit(".", 1)[1]: d.data() if callable(d.data) else d.data for d in downloads}


@pytest.fixture(scope="module")
def demand_files():
    table = demands_table(RECORD, ALL)
    return table, downloaded(demand_downloads(RECORD, ALL, table, build_choices(RECORD)))


@pytest.fixture(scope="module")
def thread_files():
    return downloaded(thread_downloads(RECORD, ALL, thread_list(RECORD, ALL), build_choices(RECORD), date(2026, 1, 1)))


def sheets(raw: bytes) -> dict[str, pd.DataFrame]:
    book = openpyxl.load_workbook(io.BytesIO(raw))
    out = {}
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        out[sheet.title] = pd.DataFrame(rows[1:], columns=rows[0])
    return out


def test_downloads_show_names_not_codes(demand_files, thread_files):
    _, files = demand_files
    frames = {f"demands.xlsx {name}": frame for name, frame in sheets(files["xlsx"]).items()}
    frames.update({f"threads.xlsx {name}": frame for name, frame in sheets(thread_files["xlsx"]).items()})
    frames["demands.csv"] = pd.read_csv(io.BytesIO(files["csv"]), dtype=str, keep_default_na=False)
    frames["threads.csv"] = pd.read_csv(io.BytesIO(thread_files["csv"]), dtype=str, keep_default_na=False)
    frames.update({f"{n}.json": pd.DataFrame(rows) for n, rows in json.loads(thread_files["json"]).items()
                   if n != "meta"})
    frames["demands.json"] = pd.DataFrame(json.loads(files["json"])["demands"])
    assert len(frames["demands.xlsx threads"]) and len(frames["threads.xlsx status changes"])
    assert {name: wrong for name, frame in frames.items() if (wrong := names_not_codes(frame))} == {}


def test_downloads_keep_arabic_quotes_whole(demand_files):
    table, files = demand_files
    screen = demands_on_screen(table)
    in_arabic = screen["quote_ar"] != ""
    arabic = dict(zip(table.loc[in_arabic, "demand_id"], screen.loc[in_arabic, "quote_ar"]))
    assert arabic, "the record has Arabic quotes"
    rows = csv.DictReader(io.StringIO(files["csv"].decode("utf-8-sig", errors="strict")))
    in_csv = {r["demand_id"]: r["quote"] for r in rows}
    in_excel = dict(zip(*(sheets(files["xlsx"])["demands"][c] for c in ("demand_id", "quote"))))
    in_json = {r["demand_id"]: r["quote"] for r in json.loads(files["json"].decode("utf-8"))["demands"]}
    for name, quotes in {"csv": in_csv, "xlsx": in_excel, "json": in_json}.items():
        assert {d: quotes.get(d) for d in arabic} == arabic, name


def test_a_demands_statement_and_thread_open_their_pages_with_the_filters():
    filters = Filters(date_from=date(2011, 3, 1), categories=("end-sieges-displacement", "humanitarian-aid"))
    table = demands_table(RECORD, apply_filters(RECORD, filters))
    screen = demands_on_screen(table, filters)
    assert (table["thread_id"] != "").any() and (table["thread_id"] == "").any()
    for column, page, ids, titles in [("statement", "Statements", table["statement_id"], table["statement"]),
                                      ("thread", "Threads", table["thread_id"], table["thread"])]:
        for link, record_id, title in zip(screen[column], ids, titles):
            if not record_id:
                assert pd.isna(link)
                continue
            parts = urlsplit(link)
            assert (parts.scheme, parts.netloc, parts.path) == ("", "", page)  # relative: the app's own page
            assert {k: v[0] for k, v in parse_qs(parts.query).items()} == {**to_query(filters), column: record_id}
            # what the table shows: the link's text, as LinkColumn draws it (the capture, URL-decoded)
            assert unquote(re.search(LINK_TEXT, link, re.S).group(1)) == title


def test_the_statement_pages_threads_keep_the_filters():
    filters = Filters(issuers=("snc",), q="siege")
    threaded = RECORD.demands[RECORD.demands["thread_id"] != ""].iloc[0]
    view = statement_view(RECORD, threaded["statement_id"], filters)
    links = [urlsplit(link) for link in view.demands["thread_link"].dropna()]
    assert links and all(p.path == "Threads" for p in links)
    assert {k: v[0] for k, v in parse_qs(links[0].query).items() if k != "thread"} == to_query(filters)
