"""First-pass extraction from a statement's text: places, demand sentences, dates, actors.

Pure functions over plain text; offsets are character positions in that text.
Places are only reported when the gazetteer resolves them without doubt;
other place-like names are listed as unresolved, never guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from atlas.ingest.lexicon import (
    ACTOR_ALIASES,
    CAMEO,
    CATEGORY_KEYWORDS,
    NOT_PLACES,
    ORGANISATION_WORDS,
    PLACE_CUES,
    SPEECH_ACT_CUES,
)
from geo.gazetteer import Candidate, Gazetteer
from geo.normalize import LATIN_ARTICLES, is_arabic, normalize

MAX_WORDS = 5
# Capitalised words that follow "in" or "near" without being places.
NOT_NAMES = {"Operation", "Regime", "Aggression", "Coalition", "Council", "Syria", "Syrian", "Government",
             "Statement", "Resolution", "Article", "Geneva", "Astana", "Vienna", "Sochi", "Moscow", "Washington",
             "London", "Paris", "Brussels", "Ankara", "Beirut", "Amman", "Baghdad", "Tehran", "New", "Europe",
             "Turkey", "Lebanon", "Jordan", "Iraq", "Israel", "Iran", "Russia", "America", "Africa", "Asia",
             "Islam", "Islamic", "Christian", "Muslim", "Arab", "Arabic", "English", "Kurdish", "Ramadan", "Eid",
             "International", "Human", "Rights", "Security", "General", "Assembly", "Union", "State", "States"}
MIN_PLACE_SCORE = 0.85
QUOTE_LIMIT = 200
# "Syria" itself, its adjective and the region are not place mentions.
COUNTRY_WORDS = {"syria", "syrian", "syrians", "levant", "syrian arab republic"}
# First words of many compound names ("Tell Rifaat", "Ras al-Ain"); alone they are rarely the place meant.
NAME_PREFIXES = {"tell", "tall", "tal", "ras", "jisr", "kafr", "ayn", "ain", "deir", "dayr", "khan", "bab", "wadi",
                 "jabal", "jebel", "abu", "umm", "bir"}
# Lower-case words a place name may hold after its first word: articles and those prefixes.
INNER_WORDS = LATIN_ARTICLES | NAME_PREFIXES | {"ul", "bin", "bani", "ma'arat", "maarat"}
WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff'’‘ʿʾ`]+(?:-[A-Za-z\u00c0-\u024f\u1e00-\u1eff'’‘ʿʾ`]+)*|[\u0600-\u06ff]+")


@dataclass(frozen=True)
class Mention:
    """Words in the text that name a place, and the gazetteer's answer for them."""
    surface: str
    start: int
    end: int
    place: Candidate
    confidence: float

    @property
    def place_id(self) -> str:
        return self.place.place_id

    def as_dict(self) -> dict:
        """Flat, as the ingest proposal prints it."""
        p = self.place
        return {"surface": self.surface, "start": self.start, "end": self.end, "place_id": p.place_id,
                "name": p.name, "name_ar": p.name_ar, "lat": p.lat, "lon": p.lon,
                "admin1_pcode": p.admin1_pcode, "confidence": self.confidence}


@dataclass(frozen=True)
class Unresolved:
    surface: str
    start: int
    end: int
    why: str


@dataclass(frozen=True)
class DemandCandidate:
    quote: str
    start: int
    end: int
    speech_act: str
    cameo_root: str
    category: str
    addressee_ids: tuple[str, ...]
    place_ids: tuple[str, ...]
    sentence: str


@dataclass
class WordSpans:
    """Where each word of a text starts and ends (Latin words with their apostrophes and hyphens, Arabic words)."""
    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)

    def word(self, i: int) -> str:
        a, b = self.spans[i]
        return self.text[a:b]


def word_spans(text: str) -> WordSpans:
    return WordSpans(text, [(m.start(), m.end()) for m in WORD.finditer(text)])


def _masked(text: str, phrases: list[str]) -> list[tuple[int, int]]:
    spans = []
    for phrase in sorted(phrases, key=len, reverse=True):
        for m in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text, flags=re.I):
            if not any(a <= m.start() < b for a, b in spans):
                spans.append((m.start(), m.end()))
    return spans


def _capitalised(word: str) -> bool:
    first = word.lstrip("'’‘ʿʾ`")[:1]
    return first.isupper()


def _name_shaped(words: list[str]) -> bool:
    """A Latin phrase shaped like a proper name: capitalised words, lower-case articles allowed inside."""
    if is_arabic(words[0]):
        return all(is_arabic(w) for w in words)
    first = words[0].split("-")[0].lower()
    # a lower-case first word is an article joined to the name ("al-Waer"), or "rural" of "rural Damascus";
    # "as" in "such as Aleppo" is not part of the name
    joined_article = "-" in words[0] and first in LATIN_ARTICLES
    if not _capitalised(words[0]) and not joined_article and not (first == "rural" and len(words) > 1):
        return False
    if not _capitalised(words[-1]) and not _capitalised(words[-1].split("-")[-1]):
        return False
    return all(_capitalised(w) or w.split("-")[0].lower() in INNER_WORDS or "-" in w for w in words[1:])


def find_places(text: str, gazetteer: Gazetteer, exclude: list[str] | None = None) -> tuple[list[Mention], list[Unresolved]]:
    """Every Syrian place named in ``text``, longest names first; and place-like names that did not resolve."""
    words_at = word_spans(text)
    blocked = _masked(text, NOT_PLACES + list(exclude or []))
    taken: list[tuple[int, int]] = []
    mentions: list[Mention] = []
    n = len(words_at.spans)
    i = 0
    while i < n:
        found = None
        for size in range(min(MAX_WORDS, n - i), 0, -1):
            start, end = words_at.spans[i][0], words_at.spans[i + size - 1][1]
            surface = text[start:end]
            if "\n" in surface or re.search(r"[.;:!?()\"“”]", surface):
                continue
            if any(a < end and start < b for a, b in blocked):
                continue
            words = [words_at.word(k) for k in range(i, i + size)]
            if not _name_shaped(words):
                continue
            key = normalize(surface)
            if key in COUNTRY_WORDS or not key:
                continue
            following = words_at.word(i + size) if i + size < n else ""
            if size == 1 and key in NAME_PREFIXES and _capitalised(following) and \
                    not re.search(r"[\n.;:!?,]", text[end:words_at.spans[i + size][0]]):
                continue  # "Tell" of "Tell Xyzzy": the first word of a longer, unknown name
            candidates = gazetteer.resolve(surface, fuzzy=False)
            if not candidates or candidates[0].score < MIN_PLACE_SCORE:
                continue
            best = candidates[0]
            rivals = [c for c in candidates[1:] if c.score >= best.score - 0.04 and c.place_id != best.place_id]
            confidence = round(best.score - (0.15 if rivals else 0.0), 3)
            found = (size, Mention(surface, start, end, best, confidence))
            break
        if found:
            size, mention = found
            mention = _as_governorate(text, mention, gazetteer)
            mentions.append(mention)
            taken.append((mention.start, mention.end))
            i += size
        else:
            i += 1
    return mentions, _unresolved(text, taken + blocked)


AREA_BEFORE = re.compile(r"(province|governorate|countryside)\s+of\s+$", re.I)
AREA_AFTER = re.compile(r"^\s+(province|governorate)\b", re.I)


def _as_governorate(text: str, mention: Mention, gazetteer: Gazetteer) -> Mention:
    """'Aleppo province' and 'the province of Idlib' name the governorate, not the city."""
    after = AREA_AFTER.match(text[mention.end:mention.end + 20])
    before = AREA_BEFORE.search(text[max(0, mention.start - 30):mention.start])
    if not (after or before):
        return mention
    start = mention.start - (len(before.group(0)) if before else 0)
    end = mention.end + (after.end() if after else 0)
    surface = text[start:end]
    best = (gazetteer.resolve(f"{mention.surface} province", fuzzy=False) or [None])[0]
    if best is None or best.place_type != "governorate":
        return mention
    return Mention(surface, start, end, best, mention.confidence)


def _unresolved(text: str, taken: list[tuple[int, int]]) -> list[Unresolved]:
    """Capitalised phrases right after a place cue ("the town of X", "in X") that are not places we know."""
    out = []
    cue = r"(?:" + "|".join(re.escape(c) for c in sorted(PLACE_CUES, key=len, reverse=True)) + r")"
    pattern = re.compile(r"\b(?:the\s+)?" + cue + r"\s+((?:(?:al|el|ad|ar|as|ash|az|an)-)?[A-Z][\w'’-]+"
                         r"(?:\s+(?:(?:al|el|ad|ar|as|ash|az|an|ez|es)[- ])?[A-Z][\w'’-]+){0,3})")
    for m in pattern.finditer(text):
        start, end = m.start(1), m.end(1)
        surface = text[start:end]
        if any(a < end and start < b for a, b in taken):
            continue
        key = normalize(surface)
        words = surface.split()
        if key in COUNTRY_WORDS or any(w in ORGANISATION_WORDS or w in NOT_NAMES for w in words) or len(key) < 3:
            continue
        if re.fullmatch(r"(January|February|March|April|May|June|July|August|September|October|November|December"
                        r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|This|That|These|Our|We)",
                        words[0]):
            continue
        out.append(Unresolved(surface, start, end, "not in the gazetteer: look it up or add it"))
    return out


# -- sentences and demands ----------------------------------------------------------
ABBREVIATIONS = ["U.S.", "U.K.", "U.N.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "No.", "e.g.", "i.e.", "etc.", "vs.",
                 "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.", "Gen.", "Col.",
                 "Lt.", "Sgt.", "Prof.", "Res.", "Art.", "approx."]


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split at . ! ? before a capital or quote, and at line breaks."""
    protected = text
    for abbr in ABBREVIATIONS:
        protected = protected.replace(abbr, abbr.replace(".", "\0"))
    spans, start = [], 0
    for m in re.finditer(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9\u0600-\u06ff])|\n+", protected):
        end = m.end() if protected[m.start()] != "\n" else m.start()
        if text[start:end].strip():
            spans.append(_strip(text, start, end))
        start = m.end()
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def speech_act(sentence: str) -> tuple[str, int] | None:
    """The speech act a sentence performs and where its cue starts, or None."""
    for act, patterns in SPEECH_ACT_CUES:
        for pattern in patterns:
            m = re.search(pattern, sentence, flags=re.I)
            if m:
                return act, m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
    return None


def category(sentence: str) -> str:
    lowered = sentence.lower()
    scores = [(sum(lowered.count(k) for k in keywords), -i, name)
              for i, (name, keywords) in enumerate(CATEGORY_KEYWORDS)]
    best = max(scores)
    return best[2] if best[0] > 0 else "civilian-protection"


def actor_patterns(actors: list[dict], aliases: bool = True) -> list[tuple[str, re.Pattern]]:
    """(actor_id, pattern) for every name, short name and (unless ``aliases`` is False) alias; longest first."""
    names: list[tuple[str, str]] = []
    for actor in actors:
        extra = set(ACTOR_ALIASES.get(actor["actor_id"], [])) if aliases else set()
        for name in {actor.get("name", ""), actor.get("short_name", "")} | extra:
            if name and len(name) >= 2:
                names.append((actor["actor_id"], name))
    names.sort(key=lambda item: len(item[1]), reverse=True)
    flags = lambda name: 0 if (name.isupper() or len(name) <= 4) else re.I  # "US" must be capitals
    return [(aid, re.compile(r"(?<![\w.])" + re.escape(name) + r"(?![\w])", flags(name))) for aid, name in names]


def find_actors(text: str, patterns: list[tuple[str, re.Pattern]]) -> list[tuple[str, int, int]]:
    found, taken = [], []
    for actor_id, pattern in patterns:
        for m in pattern.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                found.append((actor_id, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda f: f[1])


def _quote(text: str, start: int, end: int, cue_at: int) -> tuple[int, int]:
    """The sentence, or the part of it around the cue when the sentence is over the quote limit."""
    if end - start <= QUOTE_LIMIT:
        return start, end
    cue = start + cue_at
    a = max(start, cue - 60)
    boundary = max(text.rfind(",", start, cue), text.rfind(";", start, cue))
    if boundary >= a - 40 and boundary > start:
        a = boundary + 1
    b = min(end, a + QUOTE_LIMIT)
    cut = text.rfind(" ", a, b) if b < end else b
    return _strip(text, a, cut if cut > a + 40 else b)


def _heading(text: str, start: int, end: int) -> bool:
    """A title or dateline: a whole line of its own that does not end like a sentence."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    whole_line = text[line_start:start].strip() == "" and text[end:line_end].strip() == ""
    return whole_line and not text[start:end].rstrip().endswith((".", "!", "?", "\"", "”", ":"))


def find_demands(text: str, mentions: list[Mention], patterns: list[tuple[str, re.Pattern]],
                 issuer_ids: tuple[str, ...] = ()) -> list[DemandCandidate]:
    out = []
    for start, end in sentences(text):
        sentence = text[start:end]
        if len(sentence) < 25 or _heading(text, start, end):
            continue
        found = speech_act(sentence)
        if not found:
            continue
        act, cue_at = found
        q_start, q_end = _quote(text, start, end, cue_at)
        addressees = tuple(dict.fromkeys(a for a, _, _ in find_actors(sentence, patterns) if a not in issuer_ids))
        places = tuple(dict.fromkeys(m.place_id for m in mentions if start <= m.start < end))
        out.append(DemandCandidate(text[q_start:q_end], q_start, q_end, act, CAMEO[act], category(sentence),
                                   addressees, places, sentence))
    return out


# -- dates ----------------------------------------------------------------------
MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"], start=1)}
MONTHS.update({name[:3]: i for name, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
DATE_PATTERNS = [
    ("dmy", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(\d{4})\b", re.I)),
    ("mdy", re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I)),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("numeric", re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")),
]


@dataclass(frozen=True)
class FoundDate:
    value: date
    start: int
    end: int
    text: str
    note: str = ""


def find_dates(text: str, day_first: bool = True) -> list[FoundDate]:
    """Explicit dates, in order. Numeric dates follow ``day_first`` (en-GB) unless only one reading is valid."""
    found: list[FoundDate] = []
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(f.start <= m.start() < f.end for f in found):
                continue
            note = ""
            try:
                if kind == "dmy":
                    value = date(int(m.group(3)), MONTHS[m.group(2).lower().rstrip(".")], int(m.group(1)))
                elif kind == "mdy":
                    value = date(int(m.group(3)), MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2)))
                elif kind == "iso":
                    value = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                else:
                    a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
                    day, month = (a, b) if day_first else (b, a)
                    if month > 12 and day <= 12:
                        day, month = month, day
                        note = "read the other way round: no month > 12"
                    else:
                        note = "day first (en-GB)" if day_first else "month first (en-US)"
                    value = date(year, month, day)
            except (ValueError, KeyError):
                continue
            found.append(FoundDate(value, m.start(), m.end(), m.group(0), note))
    return sorted(found, key=lambda f: f.start)


def event_hints(text: str, day_first: bool = True) -> list[dict]:
    """Sentences that carry a date or a year: what happened when, for the curator to check."""
    hints = []
    for start, end in sentences(text):
        sentence = text[start:end]
        dates = [d.value.isoformat() for d in find_dates(sentence, day_first)]
        years = sorted(set(re.findall(r"\b(19[5-9]\d|20[0-4]\d)\b", sentence)))
        if dates or years:
            hints.append({"text": sentence[:300], "dates": dates, "years": years, "start": start, "end": end})
    return hints


def organisations(text: str) -> list[str]:
    """Capitalised names ending in an organisation word: candidates for new actors."""
    words = "|".join(re.escape(w) for w in ORGANISATION_WORDS)
    pattern = re.compile(r"\b((?:[A-Z][\w'’&-]*[ \t]+(?:(?:of|for|and|the|on)[ \t]+)?){1,6}(?:" + words + r"))\b")
    names = (m.group(1).strip() for m in pattern.finditer(text))
    return list(dict.fromkeys(re.sub(r"^(The|A|An)\s+", "", n) for n in names))
