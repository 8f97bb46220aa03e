"""One catalogue for every word: the interface's words are extracted from the code, each has its Arabic, the
Arabic keeps every value the English puts in, and no page hands Streamlit an English word that bypasses the
catalogue."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from atlas import i18n
from atlas.catalogue import extract, read, untranslated
from tests.helpers import ROOT

CATALOGUE = extract()
ARABIC = read("ar")


def _ids(catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def test_the_code_has_words_to_translate():
    # the extraction itself works: the pages' and the sidebar's words are found
    found = _ids(CATALOGUE)
    assert {"Filters", "Reset filters", "Overview", "Statements through {last_month} (from {first_month}); "
            "durations are counted to the record's last day, {last_day}, not to today."} <= found


def test_every_word_of_the_interface_has_its_arabic():
    assert untranslated(ARABIC) == []
    missing = sorted(_ids(CATALOGUE) - _ids(ARABIC))
    assert missing == [], f"run `python -m atlas catalogue` and translate: {missing[:20]}"


def test_the_catalogue_holds_no_word_the_code_dropped():
    stale = sorted(_ids(ARABIC) - _ids(CATALOGUE))
    assert stale == [], f"run `python -m atlas catalogue`: {stale[:20]}"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_translation_keeps_the_values_the_english_puts_in():
    # a placeholder dropped or misspelt in Arabic would fail when the page formats it
    wrong = []
    for message in ARABIC:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(_fields(i) for i in ids))
        for text in strings:
            if text and _fields(text) != wanted:
                wrong.append((ids[0], text))
    assert wrong == []


def test_arabic_plurals_follow_the_catalogue():
    with i18n.use("ar"):
        forms = {n: i18n.ngettext("{n} correction", "{n} corrections", n) for n in (0, 1, 2, 3, 11, 100)}
    assert len(set(forms.values())) >= 4  # Arabic has six plural forms; the catalogue gives them
    with i18n.use("en"):
        assert i18n.ngettext("{n} correction", "{n} corrections", 1) == "{n} correction"


# -- no word bypasses the catalogue -------------------------------------------------------------------------
# The Streamlit calls whose text a user reads, and the keywords that carry it.
SHOWN = {"title", "header", "subheader", "caption", "markdown", "write", "info", "warning", "error", "success",
         "toast", "button", "download_button", "link_button", "page_link", "selectbox", "multiselect",
         "text_input", "date_input", "radio", "toggle", "checkbox", "metric", "expander", "tabs", "spinner",
         "segmented_control", "number_input", "slider", "select_slider", "set_page_config", "Page", "TextColumn",
         "LinkColumn", "NumberColumn", "DateColumn", "BarChartColumn", "ListColumn", "ProgressColumn"}
WORD_KEYWORDS = {"label", "help", "placeholder", "page_title", "title", "body", "text", "caption"}
TRANSLATED = {"_", "ngettext", "gettext"}
ENGLISH = re.compile(r"[A-Za-z]{2,}")
FILES = [ROOT / "dashboard.py", ROOT / "atlas" / "ui.py", *sorted((ROOT / "app_pages").glob("*.py"))]


def _english_literal(node: ast.AST) -> str | None:
    """An English word written straight into ``node`` (a string, an f-string or a sum of them), not through the
    catalogue; None when there is none."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in TRANSLATED:
        return None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _english_literal(node.func.value)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        # markup is no word: addresses, icons, tags (whole, or cut by an f-string's values) and their attributes
        text = re.sub(r"https?://\S+|:material/\w+:|<[^>]*>?|[\w-]+=\"[^\"]*\"|\{[^}]*\}", "", node.value)
        return node.value if ENGLISH.search(text) else None
    if isinstance(node, ast.JoinedStr):
        for part in node.values:
            found = _english_literal(part.value if isinstance(part, ast.FormattedValue) else part)
            if found:
                return found
    if isinstance(node, ast.BinOp):
        return _english_literal(node.left) or _english_literal(node.right)
    if isinstance(node, ast.IfExp):
        return _english_literal(node.body) or _english_literal(node.orelse)
    return None


def bypasses(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        carried = []
        if name in SHOWN:
            first = [] if name in {"page_link", "Page"} else node.args[:1]  # those open with a script's path
            carried += first + [k.value for k in node.keywords if k.arg in WORD_KEYWORDS]
        for keyword in node.keywords:  # a table's headers: {"date": "Issued"} or {"date": TextColumn(...)}
            if keyword.arg == "column_config" and isinstance(keyword.value, ast.Dict):
                carried += [v for v in keyword.value.values if isinstance(v, (ast.Constant, ast.JoinedStr))]
        for value in carried:
            literal = _english_literal(value)
            if literal:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {literal[:60]!r}")
    return found


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_no_page_shows_a_word_outside_the_catalogue(path):
    assert bypasses(path) == []


def words_in_fstrings(path: Path) -> list[int]:
    """Lines where a word is translated inside an f-string: extraction cannot see it, so the catalogue never
    holds it."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr):
            found += [inner.lineno for inner in ast.walk(node) if isinstance(inner, ast.Call)
                      and isinstance(inner.func, ast.Name) and inner.func.id in TRANSLATED]
    return found


CODE = [ROOT / "dashboard.py", *sorted(p for room in ("app_pages", "atlas", "geo") for p in (ROOT / room).rglob("*.py"))]


def test_no_word_is_translated_inside_an_f_string():
    assert {str(p.relative_to(ROOT)): lines for p in CODE if (lines := words_in_fstrings(p))} == {}


def test_the_bypass_check_can_fail(tmp_path):
    page = tmp_path / "page.py"
    page.write_text('import streamlit as st\nst.title("Threads")\nst.caption(f"{n} open")\n'
                    'st.metric(_("Statements"), 3)\nst.dataframe(x, column_config={"date": "Issued"})\n'
                    'st.subheader(_("Who raised it ({n})").format(n=3))\nst.markdown("**" + x + "**")\n',
                    encoding="utf-8")
    found = [line.split(": ", 1)[1] for line in bypasses_at(page)]
    assert found == ["'Threads'", "' open'", "'Issued'"]


def bypasses_at(path: Path) -> list[str]:
    """``bypasses`` for a file outside the project (its name shown as given)."""
    saved = globals()["ROOT"]
    try:
        globals()["ROOT"] = path.parent
        return bypasses(path)
    finally:
        globals()["ROOT"] = saved
