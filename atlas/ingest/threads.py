"""Which existing thread a new demand may belong to: threads ranked by the words they share with it.

Each thread is one document: its title and description and the demand lines and quotes of every demand
already in it. A new demand (at ingest, its quote: our own words for it are not written yet) is compared
with each by TF-IDF cosine similarity, plus a small bonus when the categories agree. The curator picks from the
ranking or leaves the demand unthreaded; nothing here assigns a thread.

``evaluate_ranking`` measures the ranking on the hand-coded demands, each left out of its thread in turn.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Mapping

from geo.normalize import search_fold

# The category only breaks ties: the one ingest guesses is often wrong. On the record's hand-coded demands a
# bonus of 0.15 ranked the right thread first for 41% of them, 0.02 for 52% (python -m atlas eval-threads).
CATEGORY_BONUS = 0.02
TOP = 3  # candidates a draft offers for each demand
WORD = re.compile(r"[^\W\d_]{3,}")
STOPWORDS = frozenset("""the and for that this with from are was were has have had its their they them which who
whom will would shall should must not all any can been being into onto upon over such than then there these those
also our ours his her him she you your call calls called urge urges urged demand demands demanded ask asks asked
including include between within without about after before during against under more most other very each
immediate immediately syria syrian syrians""".split())


def words(text: str) -> list[str]:
    """The words that count: folded (case, accents, Arabic letter forms), Arabic's article and a plural -s
    dropped, short and common words left out."""
    out = []
    for word in WORD.findall(search_fold(text)):
        if word.startswith("ال") and len(word) > 4:
            word = word[2:]
        elif len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        if word not in STOPWORDS:
            out.append(word)
    return out


@dataclass(frozen=True)
class ThreadMatch:
    thread_id: str
    title: str
    score: float  # 0 to 1 + CATEGORY_BONUS: cosine similarity of the words, plus the bonus when categories agree


@dataclass(frozen=True)
class ThreadIndex:
    titles: dict[str, str]  # thread id -> title
    categories: dict[str, str]
    counts: dict[str, Counter]  # thread id -> its document's word counts

    @cached_property
    def idf(self) -> dict[str, float]:
        docs = len(self.counts)
        df = Counter(w for c in self.counts.values() for w in c)
        return {w: math.log((1 + docs) / (1 + n)) + 1 for w, n in df.items()}

    @cached_property
    def docs(self) -> dict[str, dict[str, float]]:
        """Each thread's document as unit-length weights."""
        return {thread_id: _weights(counts, self.idf) for thread_id, counts in self.counts.items()}

    def rank(self, text: str, category: str = "", places=(), addressees=(), top: int = TOP) -> list[ThreadMatch]:
        """The threads most like ``text`` (and the demand's place and addressee ids), best first; only those
        sharing a word, a place, an addressee or the category."""
        query = _weights(Counter(words(text)) + Counter(ids(places, addressees)), self.idf)
        scored = []
        for thread_id, doc in self.docs.items():
            cosine = sum(v * doc.get(w, 0.0) for w, v in query.items())
            same = bool(category) and self.categories[thread_id] == category
            if cosine > 0 or same:
                scored.append(ThreadMatch(thread_id, self.titles[thread_id],
                                          round(cosine + (CATEGORY_BONUS if same else 0.0), 3)))
        scored.sort(key=lambda m: (-m.score, m.thread_id))
        return scored[:top]


def _weights(counts: Counter, idf: Mapping[str, float]) -> dict[str, float]:
    """Unit-length TF-IDF weights (sublinear term frequency); words outside the threads' vocabulary drop out."""
    weights = {w: (1 + math.log(n)) * idf[w] for w, n in counts.items() if w in idf}
    norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
    return {w: v / norm for w, v in weights.items()}


def ids(places: Iterable[str], addressees: Iterable[str]) -> list[str]:
    """Places and addressees as terms of their own, which no word can be mistaken for."""
    return [f"place={p}" for p in places if p] + [f"to={a}" for a in addressees if a]


def _split(value) -> list[str]:
    return [v for v in value.split(";") if v] if isinstance(value, str) else list(value or ())


def demand_words(demand: Mapping[str, str]) -> Counter:
    """A demand's terms: the words of its line and quote, its places and its addressees."""
    return Counter(words(f"{demand.get('demand', '')} {demand.get('quote', '')}")) + Counter(
        ids(_split(demand.get("place_ids")), _split(demand.get("addressee_ids"))))


def thread_index(threads: Iterable[Mapping[str, str]], demands: Iterable[Mapping[str, str]]) -> ThreadIndex:
    """The index over ``threads`` (rows of threads.csv) and the demands already in them (rows of demands.csv)."""
    threads = list(threads)
    counts = {t["thread_id"]: Counter(words(f"{t['title']} {t.get('description', '')}"))
              + Counter(ids(_split(t.get("place_ids")), _split(t.get("addressee_ids")))) for t in threads}
    for d in demands:
        if d.get("thread_id") in counts:
            counts[d["thread_id"]].update(demand_words(d))
    return ThreadIndex({t["thread_id"]: t["title"] for t in threads},
                       {t["thread_id"]: t["category"] for t in threads}, counts)


@dataclass(frozen=True)
class RankingScore:
    demands: int  # hand-coded demands ranked
    first: int  # of them, how many had their own thread ranked first
    in_top: int  # ... within the first TOP
    first_given_category: int  # ranked first when the curated category, not the guessed one, is used

    def share(self, n: int) -> float:
        return n / self.demands if self.demands else 0.0


def evaluate_ranking(threads: list[Mapping[str, str]], demands: list[Mapping[str, str]], guess_category
                     ) -> RankingScore:
    """Leave-one-out over every threaded demand: take it out of its thread's document, rank the threads
    for its quote, places and addressees with the category ``guess_category(quote)`` gives (the fields a
    draft has, here as curated), and see where its own thread lands. Also counts top-1 with the curated category: the
    ranking a curator gets who fixes the category first."""
    index = thread_index(threads, demands)
    first = in_top = first_given = n = 0
    for d in demands:
        own = d.get("thread_id")
        if own not in index.counts:
            continue
        n += 1
        counts = dict(index.counts)
        counts[own] = index.counts[own] - demand_words(d)
        held_out = ThreadIndex(index.titles, index.categories, counts)
        where = (_split(d.get("place_ids")), _split(d.get("addressee_ids")))
        ranked = [m.thread_id for m in held_out.rank(d["quote"], guess_category(d["quote"]), *where)]
        first += ranked[:1] == [own]
        in_top += own in ranked
        first_given += [m.thread_id for m in held_out.rank(d["quote"], d["category"], *where, top=1)] == [own]
    return RankingScore(n, first, in_top, first_given)


def format_ranking(score: RankingScore) -> str:
    return (f"Thread ranking, leave-one-out over {score.demands} hand-coded demands (each ranked by its quote, "
            f"places and addressees, as curated):\n"
            f"  own thread ranked first:        {score.first:4d}  ({score.share(score.first):.1%})\n"
            f"  own thread in the first {TOP}:     {score.in_top:4d}  ({score.share(score.in_top):.1%})\n"
            f"  first, with the curated category: {score.first_given_category:4d}  "
            f"({score.share(score.first_given_category):.1%})")
