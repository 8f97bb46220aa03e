"""First-pass extraction from a statement's text: demand sentences, dates, actors and organisations.

Pure functions over plain text; offsets are character positions in that text. The places a text names
are found by the geoparser (``geo.geoparse.find_places``), which these use.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from atlas.ingest.lexicon import ACTOR_ALIASES, ACTOR_PERIODS, CAMEO, CATEGORY_KEYWORDS, ORGANISATION_WORDS, SPEECH_ACT_CUES
from geo.geoparse import Mention
from geo.lexicon import AR_PREFIXES
from geo.normalize import is_arabic

QUOTE_LIMIT = 200


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


def actor_patterns(actors: list[dict], aliases: bool = True, on: date | None = None) -> list[tuple[str, re.Pattern]]:
    """(actor_id, pattern) for every name, Arabic name, short name and (unless ``aliases`` is False) alias, from
    the actors table and ingest's own list; longest first. Given the statement's date ``on``, an alias of an
    actor that did not exist then is not used, and a name two actors share ("the Syrian government") goes to
    the one that did (ACTOR_PERIODS); without a date, to the later."""
    owners: dict[str, list[str]] = {}
    for actor in actors:
        aid = actor["actor_id"]
        extra = set(ACTOR_ALIASES.get(aid, [])) | set(_split_names(actor.get("aliases"))) if aliases else set()
        if on and not _existed(aid, on):
            extra = set()
        for name in {actor.get("name", ""), actor.get("name_ar", ""), actor.get("short_name", "")} | extra:
            if name and len(name.strip()) >= 2:
                owners.setdefault(name.strip(), []).append(aid)
    names = [(_owner(ids, on), name) for name, ids in owners.items()]
    names.sort(key=lambda item: len(item[1]), reverse=True)
    flags = lambda name: 0 if (name.isupper() or len(name) <= 4) else re.I  # "US" must be capitals
    # an Arabic name may carry a one-letter prefix: "وقسد", "بالحكومة السورية"
    start = f"(?:(?<![\\w.])|(?<=^[{AR_PREFIXES}])|(?<=[\\s\"«(][{AR_PREFIXES}]))"
    return [(aid, re.compile((start if is_arabic(name) else r"(?<![\w.])") + re.escape(name) + r"(?![\w])",
                             flags(name))) for aid, name in names]


def _existed(actor_id: str, on: date) -> bool:
    first, after = ACTOR_PERIODS.get(actor_id, (None, None))
    return (first or date.min) <= on < (after or date.max)


def _split_names(value) -> list[str]:
    """An actors table's aliases cell: a list once loaded, a ';'-separated text in the CSV."""
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, str)]
    return [part.strip() for part in str(value or "").split(";") if part.strip()]


def _owner(actor_ids: list[str], on: date | None) -> str:
    """Of the actors sharing a name, the one that existed on ``on`` (the latest to begin, without a date)."""
    if len(actor_ids) == 1:
        return actor_ids[0]
    if on:
        actor_ids = [aid for aid in actor_ids if _existed(aid, on)] or actor_ids
    return max(actor_ids, key=lambda aid: ACTOR_PERIODS.get(aid, (None, None))[0] or date.min)


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


# An actor named after these words is the channel or the beneficiary of what is asked, not the one asked:
# "deliver aid through the Syrian Arab Red Crescent", "allow UN agencies access", "بالتنسيق مع الهلال الأحمر".
_CHANNEL = re.compile(r"(?:\b(?:through|via|by|with|alongside|including|such as|allow|allowing|permit|permitting"
                      r"|enable|enabling|let|grant|granting|access for|access to|support for|supporting)"
                      r"|عبر|من خلال|بالتعاون مع|بالتنسيق مع|بمشاركة|بالشراكة مع|للسماح ل|بالسماح ل|دعم)\s+(?:the\s+)?$",
                      re.I)


def _not_addressed(sentence: str, at: int) -> bool:
    return bool(_CHANNEL.search(sentence[max(0, at - 30):at]))


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
        addressees = tuple(dict.fromkeys(a for a, at, _ in find_actors(sentence, patterns)
                                         if a not in issuer_ids and not _not_addressed(sentence, at)))
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
