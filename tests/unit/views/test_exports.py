"""Downloads: no live formulas, numbers stay numbers, Arabic survives, names say what they hold."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import openpyxl
import pandas as pd
import pytest

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
