"""Downloads: no live formulas, numbers stay numbers, Arabic survives, names say what they hold."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import openpyxl
import pandas as pd
import pytest

from atlas.dataset.loader import load_dataset
from atlas.filters import Filters
from atlas.views.exports import file_stem, neutralise, to_csv, to_excel, to_json
from atlas.views.provenance import provenance

HOSTILE = pd.DataFrame({
    "text": ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "plain", "حلب"],
    "number": [-5, 3, -1.5, 0, 1, 2, 7, 8],
})
META = provenance(Filters(places=("aleppo",)), "2024-12-01.abcdef12", ["place: Aleppo"])


@pytest.mark.parametrize("value,expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("x=1", "x=1"), ("", ""), (-1, -1), (2.5, 2.5), (None, None),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_csv_has_bom_no_formulas_and_the_version():
    raw = to_csv(HOSTILE, META)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["text"][0] for r in rows[:6]] == ["'"] * 6
    assert rows[7]["text"] == "حلب"
    assert float(rows[0]["number"]) == -5 and rows[2]["number"] == "-1.5"  # negative numbers stay numbers
    assert b",-1.5," in raw and b"'-1.5" not in raw  # unquoted, no apostrophe
    assert {r["dataset_version"] for r in rows} == {"2024-12-01.abcdef12"}


def test_excel_cells_are_text_not_formulas_and_numbers_stay_numbers():
    book = openpyxl.load_workbook(io.BytesIO(to_excel({"demands": HOSTILE}, META)))
    sheet = book["demands"]
    cells = [sheet.cell(row=r, column=1) for r in range(2, 10)]
    assert all(c.data_type == "s" for c in cells)  # strings, never formulas ("f")
    assert cells[0].value.startswith("'=")
    assert sheet.cell(row=2, column=2).value == -5 and sheet.cell(row=2, column=2).data_type == "n"
    about = {r[0]: r[1] for r in book["filters and version"].iter_rows(values_only=True)}
    assert about["dataset version"] == "2024-12-01.abcdef12" and about["filters"] == "place: Aleppo"


def test_every_excel_sheet_has_a_frozen_header_a_filter_and_wrapped_long_text():
    long = pd.DataFrame({"demand": ["word " * 60, "short"], "n": [1, 2]})
    book = openpyxl.load_workbook(io.BytesIO(to_excel({"demands": long, "places": HOSTILE}, META)))
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1"), sheet.title
    demands = book["demands"]
    assert demands.cell(row=2, column=1).alignment.wrap_text  # long text wraps
    assert not demands.cell(row=2, column=2).alignment.wrap_text
    assert 10 <= demands.column_dimensions["A"].width <= 61


def test_json_carries_meta_and_plain_values():
    frame = pd.DataFrame({"when": [pd.Timestamp("2024-12-01")], "ids": [("a", "b")], "n": [pd.NA]})
    payload = json.loads(to_json({"demands": frame}, META))
    assert payload["meta"]["dataset_version"] == "2024-12-01.abcdef12"
    assert payload["demands"] == [{"when": "2024-12-01", "ids": ["a", "b"], "n": None}]


@pytest.mark.parametrize("filters,expected", [
    (Filters(), "syria-atlas_demands_all_v2024-12-01.abcdef12"),
    (Filters(date(2024, 12, 1), date(2024, 12, 31), places=("aleppo",)),
     "syria-atlas_demands_2024-12-01-to-2024-12-31_aleppo_v2024-12-01.abcdef12"),
    (Filters(places=("aleppo", "al-waer"), q="../../etc/passwd"),
     "syria-atlas_demands_aleppo+al-waer_q-.-.-etc-passwd_v2024-12-01.abcdef12"),
])
def test_file_names_say_what_they_hold(filters, expected):
    assert file_stem("demands", filters, "2024-12-01.abcdef12") == expected


def test_the_screen_table_puts_arabic_quotes_apart_and_marks_paraphrase(data_copy):
    from atlas.filters import Filters, apply_filters
    from atlas.views.tables import demands_on_screen, demands_table
    from tests.helpers import rewrite

    rewrite(data_copy / "demands.csv", "sbc-acs-2024-12-01-d01", quote_origin="report")
    dataset = load_dataset(data_copy)
    table = demands_table(dataset, apply_filters(dataset, Filters()))
    screen = demands_on_screen(table)
    assert len(screen) == len(table)
    arabic = screen[screen["quote_ar"] != ""]
    assert len(arabic) and (arabic["quote"] == "").all()
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in q) for q in arabic["quote_ar"])
    row = screen[table["demand_id"] == "sbc-acs-2024-12-01-d01"].iloc[0]
    assert row["words_of"] == "outlet's paraphrase" and row["quote"]
    assert set(screen["words_of"]) <= {"issuer", "outlet's paraphrase"}
    assert not any("-" in c and c == c.lower() for c in screen["category"])  # labels, not slugs


# -- the Arabic header option ------------------------------------------------------------------------------
DEMANDS = pd.DataFrame({"demand_id": ["x-d01"], "issuer": ["الدفاع المدني السوري"], "date_from": ["2025-01-06"],
                        "quote": ["=SUM(1)"]})


def test_files_keep_their_english_column_names_unless_asked_for_arabic():
    english = list(csv.reader(io.StringIO(to_csv(DEMANDS, META).decode("utf-8-sig"))))[0]
    assert english == ["demand_id", "issuer", "date_from", "quote", "dataset_version"]
    arabic = list(csv.reader(io.StringIO(to_csv(DEMANDS, META, headers="ar").decode("utf-8-sig"))))
    assert arabic[0][0] != "demand_id" and all(any("\u0600" <= ch <= "\u06ff" for ch in h) for h in arabic[0])
    assert arabic[1][:3] == ["x-d01", "الدفاع المدني السوري", "2025-01-06"] and arabic[1][3] == "'=SUM(1)"
    payload = json.loads(to_json({"demands": DEMANDS}, META, headers="ar"))
    assert set(payload["demands"][0]) == set(arabic[0][:4]) and "dataset_version" in payload["meta"]


def test_an_arabic_workbook_reads_right_to_left(tmp_path):
    for headers, rtl in (("en", False), ("ar", True)):
        path = tmp_path / f"{headers}.xlsx"
        path.write_bytes(to_excel({"demands": DEMANDS}, META, headers=headers))
        book = openpyxl.load_workbook(path)
        assert len(book.sheetnames) == 2
        for sheet in book.worksheets:
            assert bool(sheet.sheet_view.rightToLeft) is rtl
        first = book.worksheets[0]
        assert (first.title == "demands") is (not rtl)
        assert (first.cell(1, 1).value == "demand_id") is (not rtl)
        assert first.cell(2, 4).value == "'=SUM(1)"  # still no formula
    # from an Arabic page, English column ids (for scripts), but the sheets read right to left
    from atlas import i18n
    with i18n.use("ar"):
        (tmp_path / "page.xlsx").write_bytes(to_excel({"demands": DEMANDS}, META))
    book = openpyxl.load_workbook(tmp_path / "page.xlsx")
    assert book.worksheets[0].cell(1, 1).value == "demand_id" and book.worksheets[0].sheet_view.rightToLeft
