"""The ACLED layer's word index: built at import, searched by the app, split into words the same way both times.

The index maps each word of an event's notes, actors and location (lower-cased,
split at anything but letters and digits in any script, 2 to 30 characters) to
the sorted row numbers of the events holding it. Search matches the start of
words, every word of the query required, so "shel" finds "shelled" and
"shelling" and the notes are never scanned.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

TOKEN_SPLIT = r"[^\pL\pN]+"  # RE2: anything but letters and digits, in any script
MIN_TERM, MAX_TERM = 2, 30  # shorter words match too much; longer "words" are noise (URLs, hashes)
INDEXED = ("notes", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "location")


def index_terms(text: str) -> list[str]:
    """The words of ``text`` exactly as the index splits and folds them."""
    words = pc.split_pattern_regex(pc.utf8_lower(pa.array([text], type=pa.string())), TOKEN_SPLIT)
    return [w for w in words[0].as_py() if MIN_TERM <= len(w) <= MAX_TERM]


def build_word_index(table: pa.Table) -> pa.Table:
    """token -> sorted, distinct row numbers, over the INDEXED columns of ``table``."""
    text = pc.binary_join_element_wise(*(pc.cast(table[c], pa.string()) for c in INDEXED), " ")
    words = pc.split_pattern_regex(pc.utf8_lower(text), TOKEN_SPLIT)
    rows = pc.list_parent_indices(words).to_numpy().astype(np.int32)
    flat = pc.list_flatten(words)
    length = pc.utf8_length(flat)
    keep = pc.and_(pc.greater_equal(length, MIN_TERM), pc.less_equal(length, MAX_TERM))
    flat = pc.filter(flat, keep)
    rows = rows[keep.to_numpy(zero_copy_only=False)]
    encoded = pc.dictionary_encode(flat).combine_chunks() if isinstance(flat, pa.ChunkedArray) else pc.dictionary_encode(flat)
    vocab = np.array(encoded.dictionary.to_pylist(), dtype=object)
    order = np.argsort(vocab)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    n = max(len(table), 1)
    key = rank[encoded.indices.to_numpy()].astype(np.int64) * n + rows
    del rows
    key.sort()
    if len(key):
        key = key[np.concatenate(([True], key[1:] != key[:-1]))]  # a word twice in one event counts once
    codes, rows = key // n, (key % n).astype(np.int32)
    offsets = np.searchsorted(codes, np.arange(len(vocab) + 1)).astype(np.int32)
    return pa.table({"token": pa.array(vocab[order].tolist(), type=pa.string()),
                     "rows": pa.ListArray.from_arrays(pa.array(offsets), pa.array(rows))})


@dataclass(frozen=True, eq=False)
class WordIndex:
    """A stored word index, ready to search: sorted tokens and, per token, its rows."""
    vocab: np.ndarray  # sorted tokens
    offsets: np.ndarray  # rows of vocab[k] are postings[offsets[k]:offsets[k + 1]]
    postings: np.ndarray
    size: int  # number of events indexed

    @classmethod
    def from_table(cls, words: pa.Table, size: int) -> "WordIndex":
        lists = words["rows"].combine_chunks()
        return cls(vocab=np.array(words["token"].to_pylist(), dtype=str), offsets=lists.offsets.to_numpy(),
                   postings=lists.values.to_numpy(), size=size)

    def rows_starting(self, prefix: str) -> np.ndarray:
        """Rows holding a word that starts with ``prefix`` (sorted, distinct)."""
        lo = int(np.searchsorted(self.vocab, prefix, side="left"))
        hi = int(np.searchsorted(self.vocab, prefix + "\U0010ffff", side="left"))
        if hi - lo == 1:
            return self.postings[self.offsets[lo]:self.offsets[lo + 1]]
        if hi == lo:
            return np.zeros(0, dtype=np.int32)
        hits = np.zeros(self.size, dtype=bool)
        for k in range(lo, hi):
            hits[self.postings[self.offsets[k]:self.offsets[k + 1]]] = True
        return np.flatnonzero(hits).astype(np.int32)

    def search(self, query: str, lo: int, hi: int) -> np.ndarray | None:
        """Rows in ``lo..hi-1`` holding the start of every word of ``query``; None when it has no word."""
        rows: np.ndarray | None = None
        for term in index_terms(query):
            found = self.rows_starting(term)
            found = found[np.searchsorted(found, lo):np.searchsorted(found, hi)]
            rows = found if rows is None else np.intersect1d(rows, found, assume_unique=True)
        return rows
