"""The word index: one way of splitting words, at import and in search."""
from __future__ import annotations

from unittest.mock import patch

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from atlas.acled.wordindex import INDEXED, build_word_index, index_terms


def test_terms_fold_case_and_split_on_anything_but_letters():
    assert index_terms("HTS-led Shelling, al-Bab; 2019!") == ["hts", "led", "shelling", "al", "bab", "2019"]
    assert index_terms("قصف مدفعي على حلب") == ["قصف", "مدفعي", "على", "حلب"]


WORDS = ["shelling", "idlib", "قصف", "حلب", "drone", "al", "bab", "x"]


def _table(texts: list[str]) -> pa.Table:
    empty = [""] * len(texts)
    return pa.table({"notes": texts, **{c: empty for c in INDEXED if c != "notes"}})


def _postings(index: pa.Table) -> dict[str, list[int]]:
    return dict(zip(index["token"].to_pylist(), index["rows"].to_pylist()))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join), max_size=40), st.randoms())
def test_an_index_built_before_sorting_equals_one_built_after(texts, rnd):
    """Rows renumbered (some left out, the rest shuffled) index exactly as the sorted table would, across
    batches."""
    kept = [i for i in range(len(texts)) if rnd.random() < 0.8]
    rnd.shuffle(kept)
    row_of = np.full(len(texts), -1)
    row_of[kept] = np.arange(len(kept))
    with patch("atlas.acled.wordindex.BATCH", 7):
        early = build_word_index(_table(texts), row_of)
        late = build_word_index(_table([texts[i] for i in kept]))
    assert _postings(early) == _postings(late)
    expected = {}
    for row, i in enumerate(kept):
        for word in sorted(set(index_terms(texts[i]))):
            expected.setdefault(word, []).append(row)
    assert _postings(early) == {w: sorted(r) for w, r in expected.items()}
    assert early["token"].to_pylist() == sorted(expected)
