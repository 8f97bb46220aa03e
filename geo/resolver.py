"""Choosing the place a name means, from what is around it, in the manner of the open geoparsers
(Mordecai, CLAVIN, the Edinburgh Geoparser): candidates from the gazetteer, then a choice that weighs

- a governorate, district or sub-district named beside it ("Rmelan, in Hasakah countryside");
- the other places of the same text, named without doubt (a statement about Daraa's villages does not
  jump to Hasakah);
- the kind of place the text asks for ("the village of", "مدينة", "X province");
- the kind of place and its population, when nothing else decides (a city before a village);
- a position it must lie near (an ACLED event's coordinates).

The answer is ``resolved`` only when one candidate is clearly ahead; otherwise ``ambiguous``, with the
candidates, or ``unresolved``. Nothing is guessed.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from geo.gazetteer import AREA_TYPES, SCORE_SKELETON, Candidate, Gazetteer, Match, Place
from geo.normalize import FACILITY_TYPES, is_arabic, normalize, type_hint
from geo.translit import core, family_key, spellings, word_count, words_key

RESOLVED_MIN_SCORE = 0.8
RESOLVED_MIN_LEAD = 0.04  # the best candidate must lead the next distinct place by this much
FUZZY_FLOOR = 86  # rapidfuzz ratio below which a fuzzy match is ignored
FUZZY_WEIGHT = 0.8
# What each consideration is worth (scores of name matches run 0.85 to 1.0).
KIND = {"city": 0.08, "town": 0.05, "neighbourhood": 0.04, "region": 0.04, "village": 0.0,
        **{kind: 0.04 for kind in FACILITY_TYPES}}
CURATED = 0.04  # the places of record win over the reference gazetteer
TYPE_MATCH, TYPE_MISMATCH = 0.05, -0.2
AREA_MATCH, AREA_MISMATCH = 0.15, -0.15
ANCHOR_DISTRICT, ANCHOR_GOVERNORATE, ANCHOR_NEAR_KM, ANCHOR_NEAR = 0.06, 0.03, 40.0, 0.03
POPULATION = 0.02  # at most, for a million people: breaks ties between places of one kind
BARE_AREA = -0.01  # a bare "Idlib" is the city; the province must be asked for
SETTLEMENTS = {"city", "town", "village"}
# Near a position: the similarity of spelling families from which a place there is the one a name means, the
# sizes of key (consonants) below which it must be closer (see named_near), and the margin within which the
# nearer of two alike places wins.
FAMILY_NEAR, FAMILY_SHORT, FAMILY_TIE = 0.85, 5, 0.05
FAMILY_SHORT_KM = 5.0  # a short family names a place only this close
SCORE_FAMILY_NEAR = 0.9  # a candidate's score: below an exact name's, as a skeleton's
# A name and a place that agree once the words for their kind and their qualifiers are off (Abu Rasin, Tall Abu
# Rasayn) are one only this close; a core of fewer than CORE_SHORT consonants only where no other place has it.
CORE_KM, CORE_SHORT, SCORE_CORE = 2.0, 3, 0.85
LEADING_KM = 1.0  # a name that is the first words of a place's (Tokhar, Tukhar Taymu) only this close


@dataclass(frozen=True)
class Anchor:
    """A place the same text names without doubt."""
    lat: float
    lon: float
    admin1_pcode: str
    admin2_pcode: str = ""


@dataclass(frozen=True)
class Context:
    areas: frozenset[str] = frozenset()  # P-codes of governorates, districts or sub-districts named beside it
    anchors: tuple[Anchor, ...] = ()
    place_types: frozenset[str] = frozenset()  # kinds of place the text asks for
    near: tuple[float, float, float] | None = None  # (lat, lon, km): it must lie within km of this point


@dataclass
class Resolution:
    query: str
    status: str  # "resolved", "ambiguous" or "unresolved"
    candidates: list[Candidate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.status == "resolved" else None


KM_PER_DEGREE = 111.0  # of latitude, nearly: a cheap test before the distance itself


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def in_area(place: Place, pcode: str) -> bool:
    """Whether ``place`` lies in the governorate, district or sub-district ``pcode`` (or is it)."""
    codes = (place.admin1_pcode or "", place.admin2_pcode, place.admin3_pcode)
    return any(code and code.startswith(pcode) for code in codes)


def _fuzzy(gazetteer: Gazetteer, name: str) -> list[Match]:
    from rapidfuzz import fuzz, process

    key = normalize(name, drop_generic=True)
    if len(key) < 5 or is_arabic(key):
        return []
    out = []
    for other, ratio, _ in process.extract(key, gazetteer.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_FLOOR, limit=8):
        for match in gazetteer.lookup(other, skeletons=False):
            if match.place.prominent:
                out.append(Match(match.place, FUZZY_WEIGHT * ratio / 100, match.text))
    return out


def score(match: Match, context: Context, hints: set[str]) -> float:
    """How well ``match`` fits the name and its context (above 1 can happen; reported scores are capped)."""
    place = match.place
    value = match.score + KIND.get(place.place_type, 0.0)
    if place.source == "curated":
        value += CURATED
    mismatch = bool(hints) and place.place_type not in hints and \
        not (hints <= SETTLEMENTS and place.place_type in SETTLEMENTS)  # "the village of X" may be a town
    if hints:
        value += TYPE_MATCH if place.place_type in hints else TYPE_MISMATCH if mismatch else 0.0
    elif place.place_type in AREA_TYPES:
        value += BARE_AREA
    if context.areas:
        value += AREA_MATCH if any(in_area(place, a) for a in context.areas) else AREA_MISMATCH
    if context.anchors and place.place_type not in AREA_TYPES and not mismatch:
        if any(a.admin2_pcode and a.admin2_pcode == place.admin2_pcode for a in context.anchors):
            value += ANCHOR_DISTRICT
        elif any(a.admin1_pcode == place.admin1_pcode for a in context.anchors):
            value += ANCHOR_GOVERNORATE
        if any(_km(a.lat, a.lon, place.lat, place.lon) <= ANCHOR_NEAR_KM for a in context.anchors):
            value += ANCHOR_NEAR
    if place.population:
        value += POPULATION * min(1.0, math.log10(place.population) / 6)
    return value


def rank(matches: list[Match], name: str, context: Context | None = None) -> list[tuple[float, Match]]:
    """The matches, best first, each with its score in this context."""
    context = context or Context()
    hints = set(context.place_types) | _hints(name)
    if hints and not any(m.place.place_type in hints for m in matches):
        hints = set()  # "al-Hol camp" with no camp of that name known: the town is the nearest reading
    if context.near:
        lat, lon, km = context.near
        matches = [m for m in matches if m.place.place_type not in AREA_TYPES
                   and _km(lat, lon, m.place.lat, m.place.lon) <= km]
    ranked = [(score(m, context, hints), m) for m in matches]
    if context.near:  # nearer is better, by up to the lead a decision needs
        lat, lon, km = context.near
        ranked = [(s - RESOLVED_MIN_LEAD * _km(lat, lon, m.place.lat, m.place.lon) / km, m) for s, m in ranked]
    ranked.sort(key=lambda item: (-item[0], -item[1].place.population, item[1].place.place_id))
    best: dict[str, tuple[float, Match]] = {}  # a place matched by several of its names is one candidate, at its best
    for item in ranked:
        best.setdefault(item[1].place.place_id, item)
    return list(best.values())


def _hints(name: str) -> set[str]:
    hint = type_hint(name)
    if hint == "neighbourhood":  # "the Waer district" is a neighbourhood, "Afrin district" the admin unit
        return {"neighbourhood", "district"}
    return {hint} if hint else set()


def _one_choice(a: Place, b: Place) -> bool:
    """A town and its own sub-district or district, or a district and its central sub-district, of one name:
    one choice, not two (Baniyas the district and the sub-district; Dayr Hafir the town and its nahiya)."""
    if a.place_type not in AREA_TYPES and b.place_type not in AREA_TYPES:
        return False

    def holds(area: Place, place: Place) -> bool:
        return area.place_type in AREA_TYPES and area is not place and in_area(place, area.admin3_pcode or (
            area.admin2_pcode if area.place_type == "district" else area.admin1_pcode or ""))
    if not (holds(a, b) or holds(b, a)):
        return False
    return normalize(a.name, drop_generic=True) == normalize(b.name, drop_generic=True) or \
        bool({normalize(n, drop_generic=True) for n, _ in a.names} & {normalize(n, drop_generic=True) for n, _ in b.names})


def decide(ranked: list[tuple[float, Match]]) -> str:
    if not ranked:
        return "unresolved"
    top_score, top = ranked[0]
    if top.score < RESOLVED_MIN_SCORE or top_score < RESOLVED_MIN_SCORE:
        return "ambiguous"
    rivals = [s for s, m in ranked[1:] if m.place.place_id != top.place.place_id and not _one_choice(top.place, m.place)]
    if rivals and top_score - rivals[0] < RESOLVED_MIN_LEAD:
        return "ambiguous"
    return "resolved"


def resolve(gazetteer: Gazetteer, name: str, context: Context | None = None, *, fuzzy: bool = True,
            minor: bool = False, limit: int = 5) -> Resolution:
    """What ``name`` denotes in ``context``: resolved, ambiguous (with the candidates) or unresolved.

    ``minor``: the name is known to be a place's (an ACLED location), so villages' spelling skeletons count too.
    """
    matches = gazetteer.lookup(name, minor=minor)
    if not matches and fuzzy:
        matches = _fuzzy(gazetteer, name)
    ranked = rank(matches, name, context)
    status = decide(ranked)
    notes = []
    if ranked and ranked[0][1].score <= SCORE_SKELETON and status != "unresolved":
        notes.append("matched by spelling skeleton or fuzzily: check the spelling")
    candidates = [gazetteer.candidate(m.place, max(0.0, min(s, 1.0)), m.text) for s, m in ranked[:limit]]
    return Resolution(query=name, status=status, candidates=candidates, notes=notes)


def sole_near(gazetteer: Gazetteer, name: str, lat: float, lon: float, km: float, kinds: set[str]) -> Place | None:
    """The place of one of ``kinds`` that ``name`` denotes near a point when it is the only place of that name
    within ``km``: ``resolve``'s answer then, without its weighing (an ACLED export asks this at thousands of
    points). None where ``resolve`` must weigh more: no place, several, a kind the name asks for, a weak match."""
    matches = gazetteer.lookup(name, minor=True)
    if not matches or type_hint(name):
        return None
    sole = None
    for match in matches:
        if abs(match.place.lat - lat) * KM_PER_DEGREE <= km and match.place.place_type not in AREA_TYPES \
                and _km(lat, lon, match.place.lat, match.place.lon) <= km:
            if sole is not None:
                return None
            sole = match
    if sole is None or sole.score < RESOLVED_MIN_SCORE + RESOLVED_MIN_LEAD or sole.place.place_type not in kinds:
        return None
    return sole.place


def _cores(gazetteer: Gazetteer, place: Place) -> tuple[set[str], frozenset[str]]:
    """A place's names without kind words and qualifiers, and the qualifiers any of its names has (its Arabic
    name often leaves out the one its Latin name keeps)."""
    found = [core(text) for text, _ in gazetteer.entries[place.place_id].names if text]
    return {key for key, _ in found}, frozenset().union(*(stems for _, stems in found))


def _leads(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One name's words lead the other's, and say enough (three consonants)."""
    short, long = sorted((a, b), key=len)
    return 0 < len(short) < len(long) and long[:len(short)] == short and len("".join(short)) >= CORE_SHORT


def _same_core(mine: tuple[str, frozenset[str]], theirs: tuple[set[str], frozenset[str]]) -> bool:
    """One name without kind words and qualifiers, unless both are qualified, differently."""
    return mine[0] in theirs[0] and (not mine[1] or not theirs[1] or bool(mine[1] & theirs[1]))


def named_near(gazetteer: Gazetteer, name: str, lat: float, lon: float, km: float,
               kinds: set[str]) -> tuple[Candidate, float] | None:
    """The place of one of ``kinds`` within ``km`` of a point whose name is ``name`` in another transliteration
    (Ftireh and Fatirah, Ein Issa and `Ayn `Isa, Western Ghariyeh and al-Ghariyah al-Gharbiyah), with its
    distance; the most alike, the nearer of near-equals. For a name that comes with a position (an ACLED event),
    where the position is the stronger evidence: a short family (Foah, al-Fu`ah) must be the same and close, and
    a family a letter apart (Abu Rasin, Burj), of as many words, counts only close by; then, closer still, the
    same name without the words for its kind and its qualifiers (Tall Abu Rasayn), and a name that is the first
    words of a place's (Tukhar Taymu)."""
    from rapidfuzz import fuzz

    forms = spellings(name)
    keys = {family_key(form) for form in forms} - {""}
    size = min((len(k) for k in keys), default=0)
    # the same family: a short one close by, a longer one in the whole radius
    reach = km if size >= FAMILY_SHORT else min(km, FAMILY_SHORT_KM)
    found = [(1.0, dist, place) for key in keys for place in gazetteer.of_family(key)
             if abs(place.lat - lat) * KM_PER_DEGREE <= reach and place.place_type in kinds
             and (dist := _km(lat, lon, place.lat, place.lon)) <= reach]
    close = gazetteer.near(lat, lon, min(km, max(FAMILY_SHORT_KM, CORE_KM))) if not found else []
    if not found and size >= FAMILY_SHORT:  # a family a letter apart, of as many words: a longer one, close by
        mine = {(family_key(form), word_count(form)) for form in forms}
        for dist, place in close:
            if dist > FAMILY_SHORT_KM:
                break
            if place.place_type not in kinds:
                continue
            theirs = gazetteer.family_keys(place.place_id)
            if max((fuzz.ratio(a, b) for a, _ in mine for b in theirs if abs(len(a) - len(b)) <= 2),
                   default=0.0) < FAMILY_NEAR * 100:
                continue
            alike = max((fuzz.ratio(a, b) / 100 for text, _ in gazetteer.entries[place.place_id].names if text
                         and (b := family_key(text)) for a, words in mine
                         if abs(len(a) - len(b)) <= 2 and word_count(text) == words), default=0.0)
            if alike >= FAMILY_NEAR:
                found.append((alike, dist, place))
    if not found:  # the same name once the words for its kind and its qualifiers are off, very close
        cores = {core(form) for form in forms if core(form)[0]}
        found = [(SCORE_CORE / SCORE_FAMILY_NEAR, dist, place)
                 for dist, place in close if dist <= CORE_KM and place.place_type in kinds
                 and any(_same_core(mine, _cores(gazetteer, place)) for mine in cores)]
        if min((len(key) for key, _ in cores), default=0) < CORE_SHORT and len(found) > 1:
            return None  # a core of one or two consonants: only the one place of it there
    if not found:  # one name the first words of the other ("Tokhar", Tukhar Taymu), at the place itself
        mine = {words_key(form) for form in forms} - {()}
        found = [(SCORE_CORE / SCORE_FAMILY_NEAR, dist, place) for dist, place in close
                 if dist <= LEADING_KM and place.place_type in kinds
                 and any(_leads(a, words_key(text)) for a in mine
                         for text, _ in gazetteer.entries[place.place_id].names)]
        if len({place.place_id for *_, place in found}) > 1:
            return None
    if not found:
        return None
    top = max(alike for alike, _, _ in found)
    alike, dist, place = min((f for f in found if f[0] >= top - FAMILY_TIE), key=lambda f: f[1])
    return gazetteer.candidate(place, alike * SCORE_FAMILY_NEAR, name), dist
