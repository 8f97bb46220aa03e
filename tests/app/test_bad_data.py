"""A broken dataset folder gets a page that says what is wrong and how to check it: never a traceback,
never a partial dataset."""
from __future__ import annotations

import pytest

from tests.helpers import PAGES, app, rewrite


def drop_table(folder):
    (folder / "mentions.csv").unlink()


def latin1(folder):
    path = folder / "actors.csv"
    path.write_bytes(path.read_bytes().replace(b"UK-based", "Königreich-based".encode("latin-1")))


def broken_quotes(folder):
    path = folder / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8") + 'x,"unterminated,2024-01-01\n', encoding="utf-8")


def wrong_type(folder):
    rewrite(folder / "places.csv", "homs", lat="north")


def dangling(folder):
    rewrite(folder / "demands.csv", next(iter_ids(folder / "demands.csv")), statement_id="no-such-statement")


def duplicate(folder):
    path = folder / "actors.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")


def outside_syria(folder):
    rewrite(folder / "places.csv", "aleppo", lat="48.85", lon="2.35")


def iter_ids(path):
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        yield line.split(",", 1)[0]


BREAKAGES = {"missing table": (drop_table, "mentions.csv"), "not UTF-8": (latin1, "actors.csv"),
             "broken quoting": (broken_quotes, "sources.csv"), "wrong type": (wrong_type, "places.csv"),
             "dangling reference": (dangling, "demands.csv"), "duplicate id": (duplicate, "actors.csv"),
             "outside Syria": (outside_syria, "places.csv")}


@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_every_page_explains_a_broken_dataset(monkeypatch, data_copy, breakage):
    breaks, file = BREAKAGES[breakage]
    breaks(data_copy)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_copy))
    for page in PAGES:
        at = app(page).run()
        assert not at.exception, (page, at.exception)
        assert " problem" in at.error[0].value and str(data_copy) in at.error[0].value
        assert any(f"python -m atlas validate {data_copy}" in c.value for c in at.code)
        listed = at.dataframe[0].value
        assert file in set(listed["file"]), listed
        assert not at.metric and not at.get("plotly_chart") and not at.get("bidi_component")  # nothing partial
