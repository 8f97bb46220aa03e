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


BATCH = 50_000  # events split into words at a time: the words of a million events at once take gigabytes


def _batch_postings(part: pa.Table, first_row: int, vocab: dict[str, int], n: int) -> tuple[np.ndarray, np.ndarray]:
    """(word code, row) of every distinct word of each event in ``part``, sorted by code then row; new words
    join ``vocab`` (word -> code, in order of first appearance)."""
    text = pc.binary_join_element_wise(*(pc.cast(part[c], pa.string()) for c in INDEXED), " ")
    words = pc.split_pattern_regex(pc.utf8_lower(text), TOKEN_SPLIT)
    rows = pc.list_parent_indices(words).to_numpy().astype(np.int64) + first_row
    flat = pc.list_flatten(words)
    length = pc.utf8_length(flat)
    keep = pc.and_(pc.greater_equal(length, MIN_TERM), pc.less_equal(length, MAX_TERM))
    flat = pc.filter(flat, keep)
    rows = rows[keep.to_numpy(zero_copy_only=False)]
    encoded = pc.dictionary_encode(flat)
    encoded = encoded.combine_chunks() if isinstance(encoded, pa.ChunkedArray) else encoded
    codes = np.array([vocab.setdefault(w, len(vocab)) for w in encoded.dictionary.to_pylist()], dtype=np.int64)
    key = codes[encoded.indices.to_numpy()] * n + rows
    key.sort()
    if len(key):
        key = key[np.concatenate(([True], key[1:] != key[:-1]))]  # a word twice in one event counts once
    return (key // n).astype(np.int32), (key % n).astype(np.int32)


def build_word_index(table: pa.Table) -> pa.Table:
    """token -> sorted, distinct row numbers, over the INDEXED columns of ``table``, built BATCH events at a
    time: the postings are counted per word, then each batch's are placed at their word's offset."""
    n = max(len(table), 1)
    vocab: dict[str, int] = {}
    parts = [_batch_postings(table.slice(start, BATCH), start, vocab, n) for start in range(0, len(table), BATCH)]
    words = np.array(list(vocab), dtype=object)
    order = np.argsort(words) if len(words) else np.zeros(0, dtype=np.int64)
    rank = np.empty(len(words), dtype=np.int32)
    rank[order] = np.arange(len(words), dtype=np.int32)
    counts = np.zeros(len(words), dtype=np.int64)
    for codes, _ in parts:
        counts += np.bincount(rank[codes], minlength=len(words))
    offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    postings = np.empty(int(offsets[-1]), dtype=np.int32)
    filled = offsets[:-1].copy()
    while parts:  # batches in row order: each word's rows stay ascending
        codes, rows = parts.pop(0)
        ranks = rank[codes]
        by_rank = np.argsort(ranks, kind="stable")
        ranks, rows = ranks[by_rank], rows[by_rank]
        within = np.arange(len(ranks)) - np.searchsorted(ranks, ranks, side="left")
        postings[filled[ranks] + within] = rows
        filled += np.bincount(ranks, minlength=len(words))
    return pa.table({"token": pa.array(words[order].tolist(), type=pa.string()),
                     "rows": pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32)), pa.array(postings))})


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
