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


BATCH = 20_000  # events split into words at a time: their words take some 20 times their size while split


def _batch_postings(part: pa.Table, rows: np.ndarray, vocab: dict[str, int], n: int) -> tuple[np.ndarray, np.ndarray]:
    """(word code, row) of every distinct word of each event in ``part``, sorted by code then row; ``rows``
    numbers its events (-1: left out). New words join ``vocab`` (word -> code, in order of first appearance)."""
    text = pc.binary_join_element_wise(*(pc.cast(part[c], pa.string()) for c in INDEXED), " ")
    words = pc.split_pattern_regex(pc.utf8_lower(text), TOKEN_SPLIT)
    rows = rows[pc.list_parent_indices(words).to_numpy()].astype(np.int64)
    flat = pc.list_flatten(words)
    length = pc.utf8_length(flat)
    keep = pc.and_(pc.greater_equal(length, MIN_TERM), pc.less_equal(length, MAX_TERM)).to_numpy(zero_copy_only=False)
    keep &= rows >= 0
    flat = pc.filter(flat, pa.array(keep))
    rows = rows[keep]
    encoded = pc.dictionary_encode(flat)
    encoded = encoded.combine_chunks() if isinstance(encoded, pa.ChunkedArray) else encoded
    codes = np.array([vocab.setdefault(w, len(vocab)) for w in encoded.dictionary.to_pylist()], dtype=np.int64)
    key = codes[encoded.indices.to_numpy()] * n + rows
    key.sort()
    if len(key):
        key = key[np.concatenate(([True], key[1:] != key[:-1]))]  # a word twice in one event counts once
    return (key // n).astype(np.int32), (key % n).astype(np.int32)


def build_word_index(table: pa.Table, row_of: np.ndarray | None = None) -> pa.Table:
    """token -> sorted, distinct row numbers, over the INDEXED columns of ``table``. ``row_of`` renumbers
    ``table``'s events (-1: not indexed), so the index can be built before they are sorted; by default
    they are numbered in order.

    Two passes of BATCH events each, so only the finished postings are ever held whole: the first counts
    each word's events, the second places each batch's at its word's offset."""
    row_of = np.arange(len(table), dtype=np.int64) if row_of is None else np.asarray(row_of, dtype=np.int64)
    n = max(int(row_of.max(initial=-1)) + 1, 1)
    batches = [(table.slice(start, BATCH), row_of[start:start + BATCH]) for start in range(0, len(table), BATCH)]
    vocab: dict[str, int] = {}
    counts = np.zeros(0, dtype=np.int64)
    for part, rows in batches:
        codes, _ = _batch_postings(part, rows, vocab, n)
        counts = np.pad(counts, (0, len(vocab) - len(counts))) + np.bincount(codes, minlength=len(vocab))
    words = np.array(list(vocab), dtype=object)
    order = np.argsort(words) if len(words) else np.zeros(0, dtype=np.int64)
    rank = np.empty(len(words), dtype=np.int32)
    rank[order] = np.arange(len(words), dtype=np.int32)
    offsets = np.concatenate(([0], np.cumsum(counts[order]))).astype(np.int64)
    postings = np.empty(int(offsets[-1]), dtype=np.int32)
    filled = offsets[:-1].copy()
    for part, rows in batches:  # the same words, in the same order: vocab already holds every one
        codes, rows = _batch_postings(part, rows, vocab, n)
        ranks = rank[codes]
        by_rank = np.argsort(ranks, kind="stable")
        ranks, rows = ranks[by_rank], rows[by_rank]
        within = np.arange(len(ranks)) - np.searchsorted(ranks, ranks, side="left")
        postings[filled[ranks] + within] = rows
        filled += np.bincount(ranks, minlength=len(words))
    if not np.all(np.diff(row_of[row_of >= 0]) > 0):  # renumbered out of order: sort each word's rows
        for k in range(len(words)):
            postings[offsets[k]:offsets[k + 1]].sort()
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
