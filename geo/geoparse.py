"""Finding the Syrian places a text names: where each is written, and which place it is.

Four steps over plain text (offsets are character positions in it):

1. *Spans.* Every run of up to five words shaped like a name (capitalised Latin words with their articles,
   or Arabic words, a one-letter prefix such as و or ب taken off) that the gazetteer knows, longest first.
   Organisation and armed-group names, people's titles with the names after them ("Dr. Mufaddal
   Hamadeh") and foreign places are masked first, so "Hayat Tahrir al-Sham" is not al-Sham and Geneva
   never becomes a Syrian village.
2. *Gates.* A name is read as a place only when it can be one here: an established place (a curated one, a
   city, town or area) stands alone, but a village's name needs a cue before it ("the village of",
   "in", قرية, في), a common word a strong one ("the town of Hurriya", مدينة الباب), and a word guarded as
   a common noun (السلمية "peacefulness", "Revolution") a strong cue or a governorate named beside it.
3. *Context.* The governorates and districts named right after a place ("Rmelan, in Hasakah countryside",
   "X بريف إدلب"), and the kind the cue asks for, go to the resolver with the name.
4. *The statement.* Places resolved without doubt become anchors, and the rest are resolved again with
   them: a statement about Daraa's villages does not jump to Hasakah.

What stays ambiguous is reported with its candidates; capitalised names after a place cue that the
gazetteer does not know are listed as unresolved, with their sentence. Nothing is guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo import lexicon
from geo.gazetteer import AREA_TYPES, SCORE_ALIAS, SCORE_SKELETON, Candidate, Gazetteer, Match
from geo.normalize import FACILITY_TYPES
from geo.normalize import LATIN_ARTICLES, is_arabic, normalize
from geo.translit import kurdish
from geo.resolver import Anchor, Context, decide, in_area, rank

MAX_WORDS = 5
AREA_WINDOW = 60
SCORE_FAMILY_TEXT = 0.85  # a name after a cue of the same spelling family as a place of the text's governorates
NEAR_SPELLING = 86  # rapidfuzz ratio from which an unknown name after a place cue is a spelling of a known one  # characters after a place within which a governorate or district named is its context
INNER_WORDS = LATIN_ARTICLES | lexicon.NAME_PREFIXES | {"ul", "bin", "bani", "ma'arat", "maarat"}
# Lower-case words a name may start with: "rural Damascus", "northern Syria", "eastern Ghouta".
LEADING_WORDS = {"rural", "northern", "southern", "eastern", "western", "north", "south", "east", "west",
                 "northeast", "northwest", "southeast", "southwest",
                 "northeastern", "northwestern", "southeastern", "southwestern", "north-east", "north-west",
                 "south-east", "south-west", "central"}
# Lower-case words a name may end with: the kind of place it is ("Yarmouk camp", "Aleppo-Damascus highway").
TYPE_WORDS = {"camp", "crossing", "highway", "road", "district", "province", "governorate", "airport", "airbase",
              "prison", "dam", "field", "fields", "refinery", "base", "oil", "gas", "coast"}
# Arabic letters and marks, not its punctuation (، ؛ ؟ ۔) or digits: "عامودا،" is the word عامودا
AR_LETTERS = "[\u0610-\u061a\u0620-\u065f\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff]"
WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f\u1e00-\u1eff'’‘ʿʾ`]+(?:-[A-Za-z0-9\u00c0-\u024f\u1e00-\u1eff'’‘ʿʾ`]+)*"
                  r"|" + AR_LETTERS + "+")
ESTABLISHED = {"city", "town", "governorate", "district", "subdistrict", "region", "neighbourhood"} | FACILITY_TYPES


@dataclass(frozen=True)
class Mention:
    """Words in the text that name a place, and the place they name."""
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
                "name": p.name, "name_ar": p.name_ar, "lat": p.lat, "lon": p.lon, "admin1_pcode": p.admin1_pcode,
                "admin2_pcode": p.admin2_pcode, "confidence": self.confidence}


@dataclass(frozen=True)
class Ambiguous:
    """Words that name a place the context does not decide between: the curator chooses."""
    surface: str
    start: int
    end: int
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class Unresolved:
    """Words shaped and placed like a place name that the gazetteer does not know."""
    surface: str
    start: int
    end: int
    why: str
    context: str = ""  # the sentence it is in
    strong: bool = True  # after "the village of", "قرية" (not "in", "في", or a list)


@dataclass
class Places:
    mentions: list[Mention] = field(default_factory=list)
    ambiguous: list[Ambiguous] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    metonyms: list[Mention] = field(default_factory=list)  # a capital named for its government: not mapped


@dataclass
class _Span:
    start: int
    end: int
    surface: str
    matches: list[Match]
    cue: str  # "strong", "weak" or ""
    place_types: frozenset[str]
    areas: frozenset[str] = frozenset()
    family: bool = False  # found by its spelling family only (geo.translit): a place only where the context is


# -- words and masks -------------------------------------------------------------------------------------
def _words(text: str) -> list[tuple[int, int]]:
    """Word spans; a possessive "'s" stays out of the word ("Aleppo's neighbourhoods": Aleppo)."""
    out = []
    for m in WORD.finditer(text):
        end = m.end()
        if re.search(r"['’]s$", m.group(0)) and len(m.group(0)) > 3:
            end -= 2
        out.append((m.start(), end))
    return out


def _phrases(text: str, phrases: list[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for phrase in sorted(phrases, key=len, reverse=True):
        prefix = f"(?:(?<=^[{lexicon.AR_PREFIXES}])|(?<=[\\s\"«(][{lexicon.AR_PREFIXES}]))?" if is_arabic(phrase) else ""
        for m in re.finditer(r"(?<![\w.])" + prefix + re.escape(phrase) + r"(?!\w)", text, flags=re.I):
            if not any(a <= m.start() < b for a, b in spans):
                spans.append((m.start(), m.end()))
    return spans


def _title_names(text: str) -> list[tuple[int, int]]:
    """The names after people's titles: "Dr. Mufaddal Hamadeh", "President Ahmed al-Sharaa", "الدكتور فلان"."""
    out = []
    latin = "|".join(re.escape(t) for t in lexicon.TITLES if not is_arabic(t))
    arabic = "|".join(re.escape(t) for t in lexicon.TITLES if is_arabic(t))
    name = r"(?:(?:al|el|bin|ibn|abu|de|van|von)[- ])?[A-Z][\w'’-]*"
    for m in re.finditer(rf"(?<![\w.])(?:{latin})(?:\s+|(?<=\.))({name}(?:\s+{name}){{0,2}})", text):
        out.append((m.start(), m.end()))
    for m in re.finditer(rf"(?<![\w])(?:{arabic})\s+([\u0600-\u06ff]+(?:\s+[\u0600-\u06ff]+){{0,2}})", text):
        out.append((m.start(), m.end()))
    return out


def _capitalised(word: str) -> bool:
    return word.lstrip("'’‘ʿʾ`")[:1].isupper()


def _name_shaped(words: list[str]) -> bool:
    """A Latin phrase shaped like a proper name: capitalised words, lower-case articles allowed inside."""
    if is_arabic(words[0]):  # a number may end one ("اللواء 132", a brigade's base)
        return all(is_arabic(w) for w in words[:-1]) and (is_arabic(words[-1]) or words[-1].isdigit())
    if any(is_arabic(w) for w in words):
        return False
    if words[0] in lexicon.NOT_NAMES and len(words) > 1:
        return False  # "The Country", "In Aleppo": the name, if any, starts later
    first = words[0].split("-")[0].lower()
    # a lower-case first word is an article joined to the name ("al-Waer"), or "rural" of "rural Damascus";
    # "as" in "such as Aleppo" is not part of the name
    joined_article = "-" in words[0] and first in LATIN_ARTICLES
    leading = first in LEADING_WORDS or words[0].lower() in lexicon.KURDISH_TYPES  # "girê Sêvê", the hill of Sêv
    if not _capitalised(words[0]) and not joined_article and not (leading and len(words) > 1):
        return False
    last = words[-1]
    if not (_capitalised(last) or _capitalised(last.split("-")[-1]) or (len(words) > 1 and last.lower() in TYPE_WORDS)):
        return False
    return all(_capitalised(w) or w.split("-")[0].lower() in INNER_WORDS or "-" in w or w.lower() in TYPE_WORDS
               for w in words[1:])


# -- cues ----------------------------------------------------------------------------------------------------
_STRONG_EN = re.compile(r"(?:^|\W)(?:" + "|".join(re.escape(c) for c in sorted(lexicon.STRONG_CUES_EN, key=len, reverse=True))
                        + r")\s+(?:the\s+)?$", re.I)
_WEAK_EN = re.compile(r"(?:^|\W)(?:" + "|".join(re.escape(c) for c in sorted(lexicon.WEAK_CUES_EN, key=len, reverse=True))
                      + r")\s+(?:the\s+)?$", re.I)
_BEFORE_TYPE_EN = re.compile(r"\b(" + "|".join(lexicon.BEFORE_TYPES_EN) + r")\s+of\s+(?:the\s+)?$", re.I)
_AFTER_TYPE_EN = re.compile(r"^\s+(" + "|".join(lexicon.AFTER_TYPES_EN) + r")\b", re.I)


def _arabic_word_before(text: str, start: int) -> str:
    m = re.search(r"([\u0600-\u06ff]+)\s*(?:\s|[\"“«'‘])$", text[max(0, start - 30):start])  # "بلدة “سلمى”"
    if not m:
        return ""
    word = m.group(1)
    if len(word) > 3 and word[0] in lexicon.AR_PREFIXES and word[1:] in lexicon.STRONG_CUES_AR + lexicon.WEAK_CUES_AR:
        word = word[1:]
    return word


def _cues(text: str, start: int, end: int, prefixed: str) -> tuple[str, frozenset[str]]:
    """How strongly the words before the span mark it as a place, and the kinds of place they ask for."""
    before = text[max(0, start - 40):start]
    kinds = set()
    after = _AFTER_TYPE_EN.match(text[end:end + 20])
    if after:
        kinds.add(lexicon.AFTER_TYPES_EN[after.group(1).lower()])
    if is_arabic(text[start:end]):
        word = _arabic_word_before(text, start)
        if prefixed:  # "بحلب", "وإدلب": the prefix is a weak cue of its own
            return ("weak", frozenset(kinds)) if not word else _ar_strength(word, kinds)
        return _ar_strength(word, kinds)
    typed = _BEFORE_TYPE_EN.search(before)
    if typed:
        kinds.add(lexicon.BEFORE_TYPES_EN[typed.group(1).lower()])
    if _STRONG_EN.search(before) or after or typed:
        return "strong", frozenset(kinds)
    return ("weak" if _WEAK_EN.search(before) or re.search(r"[,(]\s*$", before) else ""), frozenset(kinds)


def _ar_strength(word: str, kinds: set[str]) -> tuple[str, frozenset[str]]:
    if word in lexicon.BEFORE_TYPES_AR:
        kinds.add(lexicon.BEFORE_TYPES_AR[word])
    if word in lexicon.STRONG_CUES_AR:
        return "strong", frozenset(kinds)
    return ("weak" if word in lexicon.WEAK_CUES_AR else ""), frozenset(kinds)


# -- finding spans ---------------------------------------------------------------------------------------
def _spans(text: str, gazetteer: Gazetteer, blocked: list[tuple[int, int]]) -> list[_Span]:
    words = _words(text)
    out: list[_Span] = []
    n, i = len(words), 0
    while i < n:
        found = None
        for size in range(min(MAX_WORDS, n - i), 0, -1):
            start, end = words[i][0], words[i + size - 1][1]
            found = _try(text, gazetteer, words, i, size, start, end, blocked)
            if found:
                break
        if found:
            out.append(found)
            i += len([w for w in words[i:] if w[1] <= found.end]) or 1
        else:  # "تل السمان" unknown: السمان alone names another village
            i += 2 if _arabic_name_start(text, words, i) else 1
    return out


def _arabic_name_start(text: str, words, i: int) -> bool:
    """An Arabic word that begins a longer name (تل، عين، كفر، خربة...), followed by the rest of it. (A bridge,
    جسر, is named after the place beyond it, which is read.)"""
    word = text[words[i][0]:words[i][1]]
    if not is_arabic(word) or i + 1 >= len(words) or text[words[i][1]:words[i + 1][0]].strip():
        return False
    if word[0] in lexicon.AR_PREFIXES and normalize(word[1:]) in lexicon.AR_NAME_PREFIXES:
        return True
    return normalize(word) in lexicon.AR_NAME_PREFIXES - {"جسر"} and not word.startswith("ال") and \
        is_arabic(text[words[i + 1][0]:words[i + 1][1]])


def _try(text, gazetteer, words, i, size, start, end, blocked) -> _Span | None:
    surface = text[start:end]
    if "\n" in surface or re.search(r"[.;:!?()\"“”«»،؛]", surface):
        return None
    if any(a < end and start < b for a, b in blocked):
        return None
    tokens = [text[a:b] for a, b in words[i:i + size]]
    if not _name_shaped(tokens):
        return None
    prefixed = ""
    for attempt in (0, 1):
        if attempt:  # an Arabic one-letter prefix: "وحلب", "بريف", "وسد تشرين"
            if not (is_arabic(surface) and surface[0] in lexicon.AR_PREFIXES
                    and (len(tokens[0]) > 3 or (size > 1 and len(tokens[0]) == 3))):
                return None
            whole = tokens[0]
            prefixed, start, surface, tokens = surface[0], start + 1, surface[1:], [tokens[0][1:], *tokens[1:]]
        key = normalize(surface)
        if not key or key in lexicon.COUNTRY_WORDS:
            continue
        if is_arabic(surface) and (tokens[-1] in lexicon.STRONG_CUES_AR
                                   or any(t in lexicon.AR_FUNCTION_WORDS for t in tokens)):
            continue  # "على بلدة", "وصلت إليها": a preposition or a kind of place, not a name
        following = text[words[i + 1][0]:words[i + 1][1]] if i + 1 < len(words) else ""
        if size == 1 and following and not re.search(r"[\n.;:!?,،]", text[end:words[i + 1][0]]) and (
                (key in lexicon.NAME_PREFIXES and _capitalised(following))
                or (is_arabic(surface) and normalize(surface) in lexicon.AR_NAME_PREFIXES and is_arabic(following)
                    and not surface.startswith("ال"))):
            return None  # "Tell" of "Tell Xyzzy", "جبل" of "جبل الزاوية": the first word of a longer, unknown name
        significant = [t for t in tokens if t.lower() not in INNER_WORDS] or tokens
        common = all(lexicon.common_word(t) for t in significant)
        cue, kinds = _cues(text, start, end, prefixed)
        if size > 1 and (tokens[0] in lexicon.BEFORE_TYPES_AR or tokens[-1].lower() in TYPE_WORDS):
            # the kind of place is part of the name as written: "مدينة الباب", "Atmeh camp"
            cue = "strong"
            kinds = kinds | {lexicon.BEFORE_TYPES_AR.get(tokens[0]) or lexicon.AFTER_TYPES_EN.get(tokens[-1].lower())}
        matches = gazetteer.lookup(surface, skeletons=not common, minor=bool(cue) and not common)
        if matches and size == 1 and not is_arabic(surface) and _inside_a_name(text, words, i, matches):
            return None
        if size == 1 and is_arabic(surface) and len(surface) >= 5 and surface.endswith(lexicon.AR_PRONOUN_ENDINGS) \
                and not any(m.place.prominent for m in matches) and not gazetteer.knows(normalize(surface, True)):
            return None  # "مقاتليها": its fighters
        if matches and prefixed and size == 1 and not any(m.place.prominent for m in matches) and \
                lexicon.frequency(whole, "ar") >= max(lexicon.RARE["ar"] + 0.5, lexicon.frequency(surface, "ar")):
            return None  # a word of its own ("برميل", a barrel), not a prefix and a village's name
        if matches and size == 1 and is_arabic(surface) and not surface.startswith("ال") and \
                _arabic_word_before(text, start) in lexicon.AR_PLURAL_CUES and \
                lexicon.frequency(surface, "ar") >= lexicon.COMMON_AR - 0.5:
            return None  # "قرى جديدة": new villages
        if matches:
            return _Span(start, end, surface, matches, cue, kinds)
        if not is_arabic(surface) and size <= 3 and (kurdish(surface) or cue):
            return _by_family(gazetteer, start, end, surface, tokens, cue, kinds)
        named = size == 2 and tokens[0] in lexicon.AR_NAME_STARTS_STRONG  # "تل السمان": a name by its shape
        if is_arabic(surface) and size <= 2 and (cue or named) and not common and \
                tokens[0] not in lexicon.BEFORE_TYPES_AR and not (
                surface[0] in lexicon.AR_PREFIXES and len(tokens[0]) > 3) and (not prefixed or lexicon.frequency(
                whole, "ar") < lexicon.RARE["ar"]) and _rare_name(tokens) and (family := gazetteer.family(surface)):
            # a village the gazetteer has only in Latin letters (الثعلة, Tha`lah), or in another Arabic spelling
            # (جباثا الخشب, جباتا الخشب): by its spelling family
            return _Span(start, end, surface, family, cue, kinds, family=True)
    return None


def _rare_name(tokens: list[str]) -> bool:
    """An Arabic name of rare words: its last, or the first of two whose second is the article's ("جباثا
    الخشب": the wood is a common word, the name is not)."""
    def rare(token: str) -> bool:
        return lexicon.frequency(_ARABIC_MARKS.sub("", token), "ar") < lexicon.RARE["ar"]
    return rare(tokens[-1]) or (len(tokens) == 2 and tokens[1].startswith("ال") and rare(tokens[0]))


def _kurdish_forms(tokens: list[str]) -> tuple[list[str], str]:
    """A Kurmanji name's plain forms, and the kind of place a word before it says: "Kobaniyê" (in Kobani) is
    Kobani, "Bendava Tişrînê" the Tishreen dam. The oblique ending -ê/-yê comes off, or stays ("Kobanê")."""
    kind = ""
    if len(tokens) > 1 and tokens[0].lower() in lexicon.KURDISH_TYPES:
        kind, tokens = lexicon.KURDISH_TYPES[tokens[0].lower()], tokens[1:]
    last = tokens[-1]
    ends = [last] + ([last[:-2]] if last.endswith("yê") else []) + ([last[:-1]] if last.endswith("ê") else [])
    return [" ".join([*tokens[:-1], end]) for end in ends if len(end) > 2], kind


_SETTLEMENT_WORDS = {"village", "city", "district", "region", "neighbourhood", "camp"}


def _by_family(gazetteer, start, end, surface, tokens, cue, kinds) -> _Span | None:
    """A name the gazetteer has in another spelling: a Kurmanji form ("Qamişloyê", "Til Koçer") or a name after
    "the village of"; its exact forms first, then its spelling family, which only the context may settle."""
    if "," in surface or any(re.fullmatch(r"[A-ZÊÎÛŞÇ]{2,}(?:y?ê|a)?", t) for t in tokens):
        return None  # two names in a list; an acronym, with a Kurmanji ending or none ("HSDyê": of the SDF)
    forms, kind = _kurdish_forms(tokens) if kurdish(surface) or surface.endswith("ê") else ([surface], "")
    if kind in _SETTLEMENT_WORDS:  # "gundê Til Hemîs": the village is Til Hemîs (a dam's word is its name's)
        shift = surface.index(tokens[1], len(tokens[0]))
        start, surface, tokens = start + shift, surface[shift:], tokens[1:]
    kinds = kinds | {kind} if kind else kinds
    cue = "strong" if kind or tokens[0].lower() in lexicon.KURDISH_TYPES else cue
    if not cue:
        return None  # a capitalised word at a sentence's start ("Şîroveyekê"): no place without a cue
    for form in forms:
        if matches := gazetteer.lookup(form, minor=True):
            return _Span(start, end, surface, matches, cue, kinds)
    matches = {m.place.place_id: m for form in forms for m in gazetteer.family(form)}
    return _Span(start, end, surface, list(matches.values()), cue, kinds, family=True) if matches else None


def _inside_a_name(text: str, words, i: int, matches: list[Match]) -> bool:
    """A one-word place name that is part of a person's or a body's name: "Hakki Kobani", "Khaled Hammoud"."""
    def capitalised_neighbour(j: int, gap: str) -> bool:
        if not 0 <= j < len(words) or gap.strip():
            return False
        word = text[words[j][0]:words[j][1]]
        return _capitalised(word) and not word.isupper() and word not in lexicon.NOT_NAMES \
            and normalize(word) not in lexicon.NAME_PREFIXES and not _sentence_start(text, words[j][0])
    before = capitalised_neighbour(i - 1, text[words[i - 1][1]:words[i][0]] if i else "x")
    after = i + 1 < len(words) and capitalised_neighbour(i + 1, text[words[i][1]:words[i + 1][0]])
    local = not any(m.place.prominent for m in matches)
    return before or (after and local)


def _sentence_start(text: str, start: int) -> bool:
    return not text[:start].strip() or bool(re.search(r"[.!?:\n\"“(]\s*$", text[:start]))


def _with_governorate_form(text: str, span: _Span, gazetteer: Gazetteer) -> _Span:
    """'Aleppo province', 'the province of Idlib', 'rural Idlib', 'ريف إدلب' name the governorate."""
    before = re.search(r"(province|governorate)\s+of\s+$", text[max(0, span.start - 30):span.start], re.I)
    rural = lexicon.COUNTRYSIDE_BEFORE.search(text[max(0, span.start - 30):span.start])
    after = lexicon.COUNTRYSIDE_AFTER.match(text[span.end:span.end + 20])
    form = before or rural
    if not (form or after):
        return span
    governorates = [m for m in gazetteer.lookup(f"{span.surface} province", skeletons=False)
                    if m.place.place_type == "governorate"]
    if not governorates:
        return span
    start = span.start - (len(form.group(0)) if form else 0)
    end = span.end + (after.end() if after else 0)
    if text[start] in lexicon.AR_PREFIXES and is_arabic(text[start:end]) and text[start + 1:start + 4] == "ريف":
        start += 1  # "بريف إدلب": the prefix stays out of the surface
    return _Span(start, end, text[start:end], governorates, "strong", frozenset({"governorate"}))


# -- gates and context -------------------------------------------------------------------------------------
def _established(span: _Span) -> bool:
    return any(m.place.prominent or m.place.place_type in ESTABLISHED for m in span.matches)


def _guarded(span: _Span) -> bool:
    """A single word that is a common word more often than a name (curated names are the curators' call, but a
    curated village is gated as a village)."""
    words = span.surface.split()
    if len(words) != 1:
        return False
    if normalize(span.surface) in {normalize(w) for w in lexicon.GUARDED_AR} or span.surface.lower() in lexicon.GUARDED_EN:
        return True
    if is_arabic(span.surface) and lexicon.frequency(span.surface, "ar") >= lexicon.VERY_COMMON and \
            not any(m.place.place_type in {"city", "governorate"} for m in span.matches):
        return True  # "زيارة" (a visit), "إشارة" (a sign): towns' names too, but only after "بلدة"
    if not is_arabic(span.surface) and lexicon.frequency(span.surface.lower(), "en") >= lexicon.COMMON_EN + 0.5 and \
            all(m.score < SCORE_ALIAS for m in span.matches):
        return True  # "War" is al-Waer only in a reference spelling (Al Wa`r): an English word first
    return not any(m.place.prominent for m in span.matches) and lexicon.common_word(words[0])


def _rare(span: _Span) -> bool:
    """Every word of the name is rare enough to be read as a name on little evidence."""
    def rare(word):
        lang = "ar" if is_arabic(word) else "en"
        return lexicon.frequency(word if lang == "ar" else word.lower(), lang) < lexicon.RARE[lang]
    return all(rare(w) for w in span.surface.split() if w.lower() not in INNER_WORDS)


def _admits(span: _Span) -> bool:
    """Whether the words can be a place here (see the module's notes)."""
    words = span.surface.split()
    lang = "ar" if is_arabic(span.surface) else "en"
    frequency = lexicon.frequency(words[0] if lang == "ar" else words[0].lower(), lang) if len(words) == 1 else 0.0
    # in Latin script the capital letter is evidence too: "the village of Hit" is a place, "قرية جديدة" a new village
    very_common = lang == "ar" and frequency >= lexicon.VERY_COMMON
    if _guarded(span):  # a common word: only "the town of X", "مدينة X"
        return span.cue == "strong" and (_established(span) or not very_common)
    if len(words) == 1 and all(m.score <= SCORE_SKELETON for m in span.matches) and frequency >= lexicon.RARE[lang]:
        return False  # a spelling-skeleton match of a word that is no rare name
    if span.family:  # known only by its spelling family: a place only where the text says where
        if lang == "ar":
            return bool(span.areas) and len({m.place.place_id for m in span.matches
                                             if any(in_area(m.place, a) for a in span.areas)}) == 1
        return span.cue == "strong" or bool(span.areas) or (kurdish(span.surface) and bool(span.cue))
    if _established(span):
        return True
    if len(words) == 1:  # a village's one-word name: the rarer the word, the weaker the evidence it needs
        if span.cue == "strong":
            return not very_common
        if span.areas and any(in_area(m.place, a) for m in span.matches for a in span.areas):
            return frequency < lexicon.COMMON_AR if lang == "ar" else True  # "X وY في ريف السويداء"
        return bool(span.cue or span.areas) and frequency < lexicon.RARE[lang]
    return bool(span.cue or span.areas) or not all(lexicon.common_word(w) for w in words)


_LINK = re.compile(r"(?:^|[\s,(])(?:in|of|near|outside|around|east of|west of|north of|south of|in northern|in southern"
                   r"|in eastern|in western|in rural|in the|of the|في|ب|شمال|جنوب|شرق|غرب|شمالي|جنوبي|شرقي|غربي|قرب"
                   r"|بالقرب من|من|ضمن)\s*(?:the\s+)?$|^\s*[,(]\s*$|^\s+[بفو]$", re.I)


def _areas_near(text: str, span: _Span, later: list[_Span]) -> frozenset[str]:
    """The governorates and districts named just after ``span``, or after the list it is in: "X, in Hasakah
    countryside", "X and Y in Daraa province", "X بريف حلب"."""
    for other in later:
        gap = text[span.end:other.start]
        if len(gap) > AREA_WINDOW or re.search(r"[.;!?\n]", gap):
            break
        areas = [m.place for m in other.matches if m.place.place_type in AREA_TYPES]
        linked = _LINK.search(gap)
        if not linked:
            continue
        if not areas and _established(other) and len(gap.strip(" ,(")) < 12:  # "X, near Aleppo": its governorate
            cities = [m.place for m in other.matches if m.place.source == "curated" or m.place.place_type == "city"]
            return frozenset(p.admin1_pcode for p in cities if p.admin1_pcode)
        if areas:
            return frozenset(code for p in areas if (code := p.admin3_pcode or p.admin2_pcode or p.admin1_pcode))
    return frozenset()


_LIST_GAP = re.compile(r"(?:\s*[،,]?\s*(?:and\s+)?و?\s*[^\s،,.;:!?؛()]+){0,2}?\s*(?:,\s*and|[،,])?\s*(?:and|و)?\s*")


def _listed(spans: list[_Span], text: str) -> list[_Span]:
    """Names listed after one cue take its strength and kind: "قرى وبلدات X وY وZ", "the villages of X, Y
    and Z" (a name or two the gazetteer lacks may stand between)."""
    for before, span in zip(spans, spans[1:]):
        gap = text[before.end:span.start]
        if before.cue == "strong" and span.cue != "strong" and "\n" not in gap and _LIST_GAP.fullmatch(gap) \
                and (gap.strip().endswith(("و", ",", "،", "and")) or text[span.start - 1:span.start] == "و"):
            span.cue, span.place_types = "strong", span.place_types | before.place_types
    return spans


def _sentence(text: str, start: int, end: int) -> str:
    a = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [i for i in (text.find(".", end), text.find("\n", end)) if i >= 0]
    return " ".join(text[a:min(stops) + 1 if stops else len(text)].split())[:300]


def _unresolved(text: str, taken: list[tuple[int, int]]) -> list[Unresolved]:
    """Capitalised phrases right after a place cue ("the town of X", "in X") that are not places we know."""
    out = []
    cue = r"(?:" + "|".join(re.escape(c) for c in sorted(lexicon.STRONG_CUES_EN + ["in", "near", "at", "around",
                                                                                  "outside", "inside", "across"],
                                                         key=len, reverse=True)) + r")"
    pattern = re.compile(r"\b(?:the\s+)?" + cue + r"\s+((?:(?:al|el|ad|ar|as|ash|az|an)-)?[A-Z][\w'’-]+"
                         r"(?:\s+(?:(?:al|el|ad|ar|as|ash|az|an|ez|es)[- ])?[A-Z][\w'’-]+){0,3})")
    found = []
    for m in pattern.finditer(text):  # each name after a cue, and the names listed after it ("X, Y and Z")
        weak = re.match(r"\W*(?:the\s+)?(?:in|near|at|around|outside|inside|across)\s", m.group(0), re.I)
        found.append((m.start(1), m.end(1), not weak))
        pos = m.end(1)
        while more := _LIST_EN.match(text, pos):
            found.append((more.start(1), more.end(1), False))
            pos = more.end(1)
    for start, end, strong in dict.fromkeys(found):
        surface = text[start:end]
        if any(a < end and start < b for a, b in taken):
            continue
        words = surface.split()
        key = normalize(surface)
        if key in lexicon.COUNTRY_WORDS or len(key) < 3 or words[0] in lexicon.NOT_NAMES \
                or any(w in lexicon.NOT_NAMES or _organisation_word(w) for w in words):
            continue
        out.append(Unresolved(surface, start, end, "not in the gazetteer: look it up or add it",
                              _sentence(text, start, end), strong))
    for start, end, strong in _arabic_names_after_cues(text):
        if not any(a < end and start < b for a, b in taken):
            out.append(Unresolved(text[start:end], start, end, "not in the gazetteer: look it up or add it",
                                  _sentence(text, start, end), strong))
    return sorted(out, key=lambda u: u.start)


_LATIN_NAME = r"(?:(?:al|el|ad|ar|as|ash|az|an)-)?[A-Z][\w'’-]+(?:\s+(?:(?:al|el|ad|ar|as|ash|az|an|ez|es)[- ])?[A-Z][\w'’-]+){0,3}"
_LIST_EN = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(" + _LATIN_NAME + ")")
_AR_WORD = AR_LETTERS + "+"


def _arabic_names_after_cues(text: str) -> list[tuple[int, int, bool]]:
    """Arabic names after a place cue ("قرية X", "في X"), with the names listed after it ("قرى X وY وZ"): a name
    is one word, or two after a word that begins names (تل، عين، كفر...), with a qualifier (الشرقي) after it.
    Common words are left out, the more so after a weak cue ("في تصريح")."""
    strong = sorted(set(lexicon.STRONG_CUES_AR) - {"ريف", "محافظة", "منطقة"}, key=len, reverse=True)
    weak = ["في", "قرب", "بالقرب من", "محيط", "أطراف", "إلى", "الى", "من", "نحو", "باتجاه"]
    starts = "|".join(sorted({w for w in lexicon.AR_NAME_STARTS}, key=len, reverse=True))
    name = (rf"(?:(?:{starts})\s+(?:(?:ابن|بن|بني|أبو|ابو|أم|ام|عبد)\s+)?)?{_AR_WORD}"
            rf"(?:\s+(?:{'|'.join(lexicon.AR_NAME_QUALIFIERS)})(?![\u0600-\u06ff]))?")
    # the cue nearest the name ("في بلدة X": بلدة), and an opening quote ("بلدة “X”")
    cue = (rf"(?<![\u0600-\u06ff])[{lexicon.AR_PREFIXES}]?(?:(?:{'|'.join(weak)})\s+[{lexicon.AR_PREFIXES}]?)?"
           rf"({'|'.join(strong)}|{'|'.join(weak)})\s+[\"“«'‘]?")
    listed = re.compile(rf"(?:\s*[،,]\s*|\s+)(و?)({name})")
    out = []
    for m in re.finditer(cue + f"({name})", text):
        strong_cue = m.group(1) in strong
        names = [(m.start(2), m.end(2), 5.0 if strong_cue else lexicon.RARE["ar"] + 0.5)]
        pos = m.end(2)
        while (more := listed.match(text, pos)) and (more.group(1) or "،" in more.group(0) or "," in more.group(0)):
            token = text[more.start(1):more.end(2)].split()[0]
            if more.group(1) and lexicon.frequency(_ARABIC_MARKS.sub("", token), "ar") >= lexicon.RARE["ar"]:
                break  # "ووحدات": a word that begins with و ("units"), not "and" and a name
            names.append((more.start(2), more.end(2), lexicon.RARE["ar"] + 0.5))
            pos = more.end(2)
        for start, end, most in names:
            words = text[start:end].split()
            begins = normalize(words[0]) in lexicon.AR_NAME_PREFIXES and len(words) > 1
            main = _ARABIC_MARKS.sub("", words[1] if begins else words[0])
            if main in _NOT_AR_NAMES or normalize(main) in lexicon.COUNTRY_WORDS or \
                    (len(main) >= 5 and main.endswith(lexicon.AR_PRONOUN_ENDINGS)):
                break  # a preposition, the next cue ("قرية X وبلدة Y"), a word with a pronoun: the list ends
            if begins or lexicon.frequency(main, "ar") < most:
                out.append((start, end, strong_cue))  # a list after "قرى" is a list of villages
    # and a name by its shape, wherever it stands: "قصفت القوات تل السمان"
    shaped = "|".join(sorted(lexicon.AR_NAME_STARTS_STRONG, key=len, reverse=True))
    for m in re.finditer(rf"(?<![\u0600-\u06ff])[{lexicon.AR_PREFIXES}]?((?:{shaped})\s+{_AR_WORD})", text):
        if not any(a < m.end(1) and m.start(1) < b for a, b, _ in out) and \
                _ARABIC_MARKS.sub("", m.group(1).split()[1]) not in _NOT_AR_NAMES:
            out.append((m.start(1), m.end(1), False))
    return out


_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")  # tanween and other marks: "صولاً" is صولا
_NOT_AR_NAMES = (lexicon.AR_FUNCTION_WORDS | set(lexicon.STRONG_CUES_AR) | lexicon.AR_PLURAL_CUES
                 | {"أرياف", "ريفي", "وريف", "المحافظة", "منطقة", "مناطق"})


def _organisation_word(word: str) -> bool:
    return word in {"Coalition", "Council", "Network", "Organization", "Organisation", "Committee", "Campaign",
                    "Association", "Union", "Forum", "Front", "Commission", "Movement", "League", "Alliance",
                    "Ministry", "Office", "Agency", "Observatory", "Forces", "Army", "Brigade", "Division"}


# -- the whole text ----------------------------------------------------------------------------------------
def find_places(text: str, gazetteer: Gazetteer, exclude: list[str] | None = None) -> Places:
    """Every Syrian place named in ``text``: resolved mentions, ambiguous ones with their candidates, and
    place-like names the gazetteer does not know."""
    blocked = (_phrases(text, lexicon.NOT_PLACES + lexicon.FOREIGN_PLACES + list(exclude or []))
               + _title_names(text))
    spans = _listed([_with_governorate_form(text, s, gazetteer) for s in _spans(text, gazetteer, blocked)], text)
    for k, span in enumerate(spans):
        span.areas = _areas_near(text, span, spans[k + 1:])
    admitted = [s for s in spans if _admits(s)]
    anchors = {id(s): a for s in admitted if not s.family and (a := _anchor(s)) is not None}
    # a name known only by its spelling family is a place of the governorates the text's sure places are in
    governorates = {a.admin1_pcode for a in anchors.values()}
    for span in admitted:
        if span.family:
            span.matches = [m for m in span.matches if m.place.admin1_pcode in governorates
                            or any(in_area(m.place, a) for a in span.areas)]
    admitted = [s for s in admitted if s.matches]
    # a village named without a cue still counts when the text's sure places are in its district
    districts = {a.admin2_pcode for a in anchors.values() if a.admin2_pcode}
    for span in spans:
        if span not in admitted and not _guarded(span) and _rare(span) and \
                any(m.place.admin2_pcode in districts for m in span.matches):
            admitted.append(span)
    admitted.sort(key=lambda s: s.start)
    out = Places()
    for span in admitted:
        others = tuple(a for key, a in anchors.items() if key != id(span))
        ranked = rank(span.matches, span.surface, Context(areas=span.areas, place_types=span.place_types,
                                                          anchors=others))
        status = decide(ranked)
        if status == "resolved":
            best, match = ranked[0]
            lead = best - next((s for s, m in ranked[1:] if m.place.place_id != match.place.place_id), 0.0)
            confidence = round(min(1.0, match.score) - (0.1 if lead < 0.1 else 0.0), 3)
            out.mentions.append(Mention(span.surface, span.start, span.end,
                                        gazetteer.candidate(match.place, min(best, 1.0), match.text), confidence))
        elif status == "ambiguous":
            out.ambiguous.append(Ambiguous(span.surface, span.start, span.end, tuple(
                gazetteer.candidate(m.place, max(0.0, min(s, 1.0)), m.text) for s, m in ranked[:5])))
    # a name read as no place here is still listed when a cue marks it (nothing is dropped unseen)
    taken = [(s.start, s.end) for s in admitted] + blocked
    for name in _unresolved(text, taken):
        near = _near_spellings(gazetteer, name.surface, anchors.values())
        family = bool(near) and near[0][0] == SCORE_FAMILY_TEXT
        if len(near) == 1 and (near[0][1].place.admin2_pcode in districts or (family and name.strong)):
            # one place of a close spelling in the districts of the text's sure places, or, after "the village
            # of", of that spelling family in their governorates: proposed, flagged by its confidence
            ratio, match = near[0]
            out.mentions.append(Mention(name.surface, name.start, name.end,
                                        gazetteer.candidate(match.place, ratio, match.text), round(min(0.7, ratio), 3)))
        elif near and not family:  # close spellings of several places: the curator chooses
            out.ambiguous.append(Ambiguous(name.surface, name.start, name.end,
                                           tuple(gazetteer.candidate(m.place, r, m.text) for r, m in near[:5])))
        else:  # unknown, or only a spelling family the context does not settle
            out.unresolved.append(name)
    out.unresolved += _again(text, out, taken)
    out.metonyms = [m for m in out.mentions if _metonym(text, m)]
    out.mentions = sorted((m for m in out.mentions if m not in out.metonyms), key=lambda m: m.start)
    out.ambiguous.sort(key=lambda a: a.start)
    out.unresolved.sort(key=lambda u: u.start)
    return out


def _again(text: str, found: Places, taken: list[tuple[int, int]]) -> list[Unresolved]:
    """Each further time the text writes a name listed as unresolved, listed too."""
    seen = [(u.start, u.end) for u in found.unresolved] + [(m.start, m.end) for m in found.mentions] + \
        [(a.start, a.end) for a in found.ambiguous] + taken
    out = []
    for surface in dict.fromkeys(u.surface for u in found.unresolved):
        for m in re.finditer(rf"(?<![\w]){re.escape(surface)}(?![\w])", text):
            if not any(a < m.end() and m.start() < b for a, b in seen):
                out.append(Unresolved(surface, m.start(), m.end(), "not in the gazetteer: look it up or add it",
                                      _sentence(text, m.start(), m.end())))
    return out


def _metonym(text: str, mention: Mention) -> bool:
    """A capital named for its government ("Damascus rejected", "talks with Damascus", "دمشق ترفض")."""
    if mention.place_id not in lexicon.CAPITALS:
        return False
    before, after = text[max(0, mention.start - 60):mention.start], text[mention.end:mention.end + 40]
    if is_arabic(mention.surface):
        return bool(lexicon.METONYM_AFTER_AR.match(after) or lexicon.METONYM_BEFORE_AR.search(before)
                    or (before.rstrip().endswith("بين") and lexicon.METONYM_AFTER_AR_PARTNER.match(after)))
    return bool(lexicon.METONYM_AFTER_EN.match(after) or lexicon.METONYM_BEFORE_EN.search(before))


def _near_spellings(gazetteer: Gazetteer, surface: str, anchors) -> list[tuple[float, Match]]:
    """Places in the governorates of the text's sure places whose name is ``surface`` (a name after a place cue
    that matched nothing) in another spelling: of the same spelling family, in any script (كنصفرة and
    Kansafrah), or a close spelling (a letter off); none when the text has no sure place."""
    from rapidfuzz import fuzz, process

    governorates = {a.admin1_pcode for a in anchors}
    if not governorates:
        return []
    found = [(SCORE_FAMILY_TEXT, m) for m in gazetteer.family(surface)
             if m.place.admin1_pcode in governorates and m.place.place_type not in AREA_TYPES]
    key = normalize(surface, drop_generic=True)
    if not found and len(key) >= 5:
        for other, ratio, _ in process.extract(key, gazetteer.keys(), scorer=fuzz.ratio, score_cutoff=NEAR_SPELLING,
                                               limit=10):
            for match in gazetteer.lookup(other, skeletons=False):
                if match.place.admin1_pcode in governorates and match.place.place_type not in AREA_TYPES:
                    found.append((round(ratio / 100 * 0.85, 3), match))
    districts = {a.admin2_pcode for a in anchors if a.admin2_pcode}
    found = [f for f in found if f[1].place.admin2_pcode in districts] or found  # the nearer, where it tells
    found.sort(key=lambda item: -item[0])
    return list({m.place.place_id: (r, m) for r, m in found}.values())


def _anchor(span: _Span) -> Anchor | None:
    """The place ``span`` names when its own words and neighbours decide it: context for the others."""
    ranked = rank(span.matches, span.surface, Context(areas=span.areas, place_types=span.place_types))
    if decide(ranked) != "resolved":
        return None
    place = ranked[0][1].place
    if place.place_type == "region":
        return None
    district = place.admin2_pcode if place.place_type not in {"governorate"} else ""
    return Anchor(place.lat, place.lon, place.admin1_pcode or "", district)
