"""Downloads: exactly the filtered rows as CSV, Excel and JSON, with provenance.

No cell can become a live spreadsheet formula: text that starts with = + - @,
a tab or a carriage return gets a leading apostrophe, the convention Excel and
LibreOffice show as plain text. Numbers stay numbers (a negative number is not
text). The CSV carries a UTF-8 byte-order mark so Excel shows Arabic correctly.

``demand_downloads``, ``event_downloads`` and ``event_count_downloads`` (a public
deployment's: counts, never ACLED's rows) say what each page offers; the
page draws them with ``atlas.ui.download_buttons``.

Column names stay the stable English ids machines read (``demand_id``,
``date_from``...). With ``headers="ar"`` the curated tables' columns are
headed in Arabic instead (``COLUMN_HEADERS``, through the catalogue), the
sheets named in Arabic and laid out right to left. ACLED's rows keep ACLED's
own field names, as its codebook defines them.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Callable

import numpy as np
import pandas as pd

from atlas import i18n
from atlas.acled.layer import EventLayer, event_rows
from atlas.dataset.loader import Dataset
from atlas.filters import LIST_PARAMS, Choices, Filtered, Filters, describe, to_query
from atlas.i18n import N_, _
from atlas.views.provenance import acled_provenance, provenance
from atlas.views.tables import demands_table, sources_table, statements_table, thread_updates_table, threads_table

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The curated tables' columns as people read them: the Arabic header option's words (English ids otherwise).
COLUMN_HEADERS = {
    "accessed": N_("address read on"), "addressees": N_("addressed to"), "cameo_root": N_("CAMEO root"),
    "category": N_("category"), "date": N_("date"), "date_from": N_("from"), "date_to": N_("to"),
    "demand": N_("demand (our words)"), "demand_id": N_("demand id"), "description": N_("description"),
    "evidence_event_ids": N_("evidence: events"), "evidence_source_ids": N_("evidence: sources"),
    "evidence_statement_ids": N_("evidence: statements"), "issuer": N_("issuer"), "issuers": N_("issuers"),
    "judged_by": N_("judged by"), "kind": N_("kind"), "note": N_("note"), "notes": N_("notes"),
    "original": N_("original address"), "places": N_("places"), "publisher": N_("publisher"), "quote": N_("quote"),
    "quote_origin": N_("words of"), "source_id": N_("source id"), "source_url": N_("source"),
    "speech_act": N_("speech act"), "statement": N_("statement"), "statement_id": N_("statement id"),
    "status": N_("status"), "status_since": N_("status since"), "summary": N_("summary"), "thread": N_("thread"),
    "thread_id": N_("thread id"), "time_precision": N_("date precision"), "title": N_("title"),
    "update_id": N_("status change id"), "url": N_("address"), "times_raised": N_("times raised"),
    "first_raised": N_("first raised"), "last_raised": N_("last raised"), "dataset_version": N_("dataset version"),
}
SHEET_NAMES = {"demands": N_("demands"), "threads": N_("threads"), "statements": N_("statements"),
               "sources": N_("sources"), "status changes": N_("status changes"),
               "filters and version": N_("filters and version"), "by_place": N_("by place"),
               "by_week": N_("by week"), "by_month": N_("by month")}
ABOUT_FIELDS = [N_("dataset"), N_("dataset version"), N_("release"), N_("exported at"), N_("filters"),
                N_("filters (URL)"), N_("licence"), N_("cite as")]


def headed(frame: pd.DataFrame, headers: str) -> pd.DataFrame:
    """``frame`` with its columns headed in ``headers``' language: the English ids as they are, or their Arabic
    names (a column without one keeps its id)."""
    if headers == i18n.DEFAULT:
        return frame
    with i18n.use(headers):
        return frame.rename(columns={c: _(COLUMN_HEADERS[c]) for c in frame.columns if c in COLUMN_HEADERS})


def _sheet(name: str, headers: str) -> str:
    if headers == i18n.DEFAULT or name not in SHEET_NAMES:
        return name
    with i18n.use(headers):
        return _(SHEET_NAMES[name])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Download:
    """One download button: its label, its bytes (or a function that builds them when clicked), file and type.
    A file built when clicked is built in the language in force when the button was made (``build``): the
    click is served outside the page's run, where no language is set."""
    label: str
    data: bytes | Callable[[], bytes]
    file_name: str
    mime: str
    lang: str = field(default_factory=i18n.current)

    def build(self) -> bytes:
        if not callable(self.data):
            return self.data
        with i18n.use(self.lang):
            return self.data()


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if isinstance(values.dtype, pd.StringDtype):  # vectorised: a million rows take well under a second
            risky = values.str.startswith(FORMULA_START).fillna(False)
            out[column] = values.where(~risky, "'" + values)
        elif values.dtype == object:
            out[column] = values.map(neutralise)
    return out


def file_stem(kind: str, filters: Filters, version: str) -> str:
    """A file name that says what it holds: 'syria-atlas_demands_aleppo_2024-12-01-to-2024-12-31_v2024-12-01.ab12cd34'."""
    parts = ["syria-atlas", kind]
    query = to_query(filters)
    if "from" in query or "to" in query:
        parts.append(f"{query.get('from', 'start')}-to-{query.get('to', 'end')}")
    for key in LIST_PARAMS:
        if key in query:
            parts.append(query[key].replace(",", "+"))
    if filters.q:
        parts.append("q-" + filters.q)
    if len(parts) == 2:
        parts.append("all")
    parts.append(f"v{version}")
    stem = "_".join(parts)
    stem = re.sub(r"[^A-Za-z0-9._+-]+", "-", stem)
    return re.sub(r"\.{2,}", ".", stem)[:150]


def to_csv(frame: pd.DataFrame, meta: dict, headers: str = "en") -> bytes:
    """CSV with a byte-order mark; every row carries the dataset version it came from. ``headers``: the
    language of the column names (``headed``)."""
    out = safe_frame(frame)
    out["dataset_version"] = meta["dataset_version"]
    out = headed(out, headers)
    # every text cell quoted, so line breaks inside a cell cannot split the row
    text = out.to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    return ("\ufeff" + text).encode("utf-8")


def to_excel(sheets: dict[str, pd.DataFrame], meta: dict, headers: str = "en") -> bytes:
    """One sheet per table, each with a frozen header row, an autofilter, long text wrapped in columns of a
    readable width; and a last sheet with the filters, version and citation. With Arabic ``headers`` the
    sheets and columns are named in Arabic; with them, or from an Arabic page, every sheet reads right to left."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        book = writer.book
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        top = book.add_format({"valign": "top"})
        with i18n.use(headers):
            fields = [_(f) for f in ABOUT_FIELDS]
        about = pd.DataFrame({
            "field": fields,
            "value": [meta["dataset"], meta["dataset_version"], meta.get("release", ""), meta["exported_at"],
                      "; ".join(meta["filters_in_words"]), json.dumps(meta["filters"], ensure_ascii=False),
                      meta["licence"], meta["cite_as"]],
        })
        for name, frame in [*sheets.items(), ("filters and version", about)]:
            out = headed(safe_frame(frame), headers) if name != "filters and version" else frame
            title = _sheet(name, headers)[:31]
            out.to_excel(writer, sheet_name=title, index=False)
            sheet = writer.sheets[title]
            if i18n.direction(headers) == "rtl" or i18n.direction() == "rtl":  # Arabic headers, or an Arabic page
                sheet.right_to_left()
            sheet.freeze_panes(1, 0)
            sheet.autofilter(0, 0, max(len(out), 1), max(len(out.columns) - 1, 0))
            for i, column in enumerate(out.columns):
                lengths = out[column].astype(str).str.len() if len(out) else pd.Series([10])
                typical, longest = int(lengths.quantile(0.9)), int(lengths.max())
                width = min(60, max(10, len(str(column)) + 2, typical + 2))
                sheet.set_column(i, i, width, wrap if longest > width else top)
    return buffer.getvalue()


def _jsonable(value):
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return value.isoformat()[:10]
    if isinstance(value, tuple):
        return list(value)
    if value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def to_json(records: dict[str, pd.DataFrame], meta: dict, headers: str = "en") -> bytes:
    """The tables as lists of records under their names, beside ``meta`` (whose keys stay English); with
    Arabic ``headers``, the records' keys in Arabic."""
    payload = {"meta": meta}
    for name, frame in records.items():
        payload[name] = [{k: _jsonable(v) for k, v in row.items()}
                         for row in headed(frame, headers).to_dict(orient="records")]
    return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")


def demand_downloads(dataset: Dataset, filtered: Filtered, table: pd.DataFrame, choices: Choices,
                     headers: str = "en") -> list[Download]:
    """The Demands page's files: ``table`` (``demands_table``'s rows) as CSV, Excel (with the threads, statements
    and sources behind it) and JSON, each carrying the dataset version and the filters; columns headed in
    ``headers``' language."""
    filters = filtered.filters
    meta = provenance(filters, dataset.version, describe(filters, choices), dataset.release)
    stem = file_stem("demands", filters, dataset.version)
    export = table.drop(columns=["issuer_short"])
    sheets = {"demands": export, "threads": threads_table(dataset, set(export["thread_id"])),
              "statements": statements_table(dataset, filtered), "sources": sources_table(dataset, filtered)}
    stem += "_ar" if headers == "ar" else ""
    return [Download(_("CSV (UTF-8)"), to_csv(export, meta, headers), f"{stem}.csv", "text/csv"),
            Download(_("Excel"), to_excel(sheets, meta, headers), f"{stem}.xlsx", XLSX),
            Download(_("JSON"), to_json({"demands": export}, meta, headers), f"{stem}.json", "application/json")]


def thread_downloads(dataset: Dataset, filtered: Filtered, listed: pd.DataFrame, choices: Choices, as_of: date,
                     headers: str = "en") -> list[Download]:
    """The Threads page's files: the listed threads (``atlas.views.threads.thread_list``) with their counts
    under the filters and their status as of ``as_of``, as CSV; with their status changes up to that day and
    the filtered demands in them (``demands_table``'s rows), as Excel and JSON, built when clicked."""
    filters = filtered.filters
    meta = {**provenance(filters, dataset.version, describe(filters, choices), dataset.release),
            "status_as_of": as_of.isoformat(),
            "judgements": "a thread's status is the curators' judgement on the evidence each change cites"}
    stem = file_stem("threads", filters, dataset.version)
    ids = set(listed["thread_id"])
    counts = listed[["thread_id", "demands", "issuers", "first", "last"]].rename(
        columns={"demands": "times_raised", "first": "first_raised", "last": "last_raised"})
    threads = threads_table(dataset, ids, as_of).merge(counts, on="thread_id", how="left")

    def tables() -> dict[str, pd.DataFrame]:
        demands = demands_table(dataset, filtered)
        return {"threads": threads, "status changes": thread_updates_table(dataset, ids, as_of),
                "demands": demands[demands["thread_id"].isin(ids)].drop(columns=["issuer_short"])}

    stem += "_ar" if headers == "ar" else ""
    return [Download(_("CSV (UTF-8)"), to_csv(threads, meta, headers), f"{stem}.csv", "text/csv"),
            Download(_("Excel"), lambda: to_excel(tables(), meta, headers), f"{stem}.xlsx", XLSX),
            Download(_("JSON"), lambda: to_json({k.replace(" ", "_"): v for k, v in tables().items()}, meta, headers),
                     f"{stem}.json", "application/json")]


def event_downloads(layer: EventLayer, rows: np.ndarray, filters: Filters, choices: Choices) -> list[Download]:
    """The Events page's files: every event at ``rows`` as CSV and JSON, with the export they came from.
    Built only when clicked: a million rows take seconds, which no rerun should pay."""
    meta = acled_provenance(filters, layer.manifest, describe(filters, choices))
    stem = file_stem("acled-events", filters, layer.manifest["source_sha256"][:8])
    return [Download(_("CSV (UTF-8)"), lambda: to_csv(event_rows(layer, rows, limit=None), meta), f"{stem}.csv",
                     "text/csv"),
            Download(_("JSON"), lambda: to_json({"events": event_rows(layer, rows, limit=None)}, meta),
                     f"{stem}.json", "application/json")]


def event_count_downloads(layer: EventLayer, unit: str, tables: dict[str, pd.DataFrame], filters: Filters,
                          choices: Choices) -> list[Download]:
    """A public deployment's files of the ACLED layer: ``tables`` (``atlas.acled.layer.count_tables``), counts
    per place and per ``unit`` and type, never an event's row or notes (ACLED's terms), each with ACLED's
    attribution."""
    meta = {**acled_provenance(filters, layer.manifest, describe(filters, choices)),
            "licence": "ACLED's terms of use: counts of ACLED's events, credit ACLED",
            "contents": "aggregates only: this deployment is public, so no ACLED row leaves it"}
    stem = file_stem("acled-counts", filters, layer.manifest["source_sha256"][:8])
    by_unit = _("Counts by week and type (CSV)") if unit == "week" else _("Counts by month and type (CSV)")
    return [Download(_("Counts by place (CSV)"), lambda: to_csv(tables["by_place"], meta), f"{stem}_by-place.csv",
                     "text/csv"),
            Download(by_unit, lambda: to_csv(tables[f"by_{unit}"], meta), f"{stem}_by-{unit}.csv", "text/csv"),
            Download(_("Excel (both)"), lambda: to_excel(tables, meta), f"{stem}.xlsx", XLSX),
            Download(_("JSON (both)"), lambda: to_json(tables, meta), f"{stem}.json", "application/json")]
