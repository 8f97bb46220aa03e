"""The word index: one way of splitting words, at import and in search."""
from __future__ import annotations

from atlas.acled.wordindex import index_terms


def test_terms_fold_case_and_split_on_anything_but_letters():
    assert index_terms("HTS-led Shelling, al-Bab; 2019!") == ["hts", "led", "shelling", "al", "bab", "2019"]
    assert index_terms("قصف مدفعي على حلب") == ["قصف", "مدفعي", "على", "حلب"]
