"""The shared filters: parsing them from a URL, writing them back, and applying them.

One pure function, ``apply_filters``, decides what every page shows:
- a record with a date window (``date``..``date_end``) matches when the window
  overlaps the filter's range;
- a place filter keeps statements that mention the place, demands about it (their own
  places, not their statement's) and events located there; a governorate stands for
  every place inside it (the governorate itself included);
- issuer and category filters narrow statements and demands; events then keep
  only those the remaining demands refer to (category) or the remaining
  statements and demands refer to (issuer);
- the event-type filter narrows events; statements then keep only those that
  refer to a remaining event;
- free text matches titles, summaries, demands, quotes and event descriptions,
  ignoring case, accents, hyphens and Arabic letter forms; a text that names a place
  or an issuer (``named``) also finds the records about it, and any of its names
  finds what every other one does.
"""
from __future__ import annotations

import re
import weakref
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Iterable, Mapping

import pandas as pd

from atlas.dataset.loader import Dataset, actor_names
from atlas.i18n import N_, _, current, isolate
from atlas.dataset.values import ours_titles, parse_date
from geo.normalize import is_arabic, name_key, search_fold

LIST_PARAMS = {"place": "places", "gov": "govs", "issuer": "issuers", "category": "categories",
               "event_type": "event_types", "actor": "actors", "thread": "threads"}
URL_PARAMS = ("from", "to", *LIST_PARAMS, "q", "since")
OTHER_PARAMS = ("present", "labels", "lang", "statement", "addressee")  # read by single pages, not filters
MAX_TEXT = 200
MAX_ITEMS = 50


@dataclass(frozen=True)
class Filters:
    date_from: date | None = None
    date_to: date | None = None
    places: tuple[str, ...] = ()
    govs: tuple[str, ...] = ()
    issuers: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()  # actors of the imported ACLED layer
    threads: tuple[str, ...] = ()  # one ask followed across statements: its demands, their statements and events
    q: str = ""
    since: date | None = None  # the day of the last briefing: the Briefing page lists what changed after it

    @property
    def active(self) -> bool:
        return self != Filters()

    def without(self, *names: str) -> "Filters":
        """These filters with the fields ``names`` back to none."""
        return replace(self, **{name: getattr(Filters(), name) for name in names})


@dataclass(frozen=True)
class Choices:
    """The ids each filter accepts, from the dataset."""
    places: dict[str, str]
    govs: dict[str, str]
    issuers: dict[str, str]
    categories: dict[str, str]
    event_types: dict[str, str]
    date_min: date
    date_max: date
    actors: dict[str, str] = field(default_factory=dict)  # ACLED layer's actors, when one is imported
    threads: dict[str, str] = field(default_factory=dict)  # thread id -> its title


# Every name a place or an actor is known by. A search finds one by part of a name, except an actor's aliases,
# found only whole: they include descriptions that hold other names ("Damascus government", "Ankara government").
PLACE_NAMES = (("name", True), ("name_ar", True), ("aliases", True))
ACTOR_NAMES = (("name", True), ("name_ar", True), ("short_name", True), ("aliases", False))
MIN_PART = 4  # a name shorter than this ("UN", "SDF", "حلب") is found only whole, never inside another word


@dataclass(frozen=True)
class Name:
    kind: str  # "place" or "actor"
    id: str
    text: str
    fold: str  # geo.normalize.search_fold
    key: str  # geo.normalize.name_key: "north-east", "North East" and "northeast" are one name
    partial: bool  # whether a search may find it by a part of it


@dataclass(frozen=True)
class NameIndex:
    names: tuple[Name, ...]
    owners: dict[str, frozenset[tuple[str, str]]]  # key -> the (kind, id) pairs with a name of that key

    def of(self, kind: str, record_id: str) -> list[Name]:
        return [n for n in self.names if n.kind == kind and n.id == record_id]

    def holding(self, fold: str, whole_words: bool = False) -> set[tuple[str, str]]:
        """The places and actors one of whose names (of those found by a part) holds ``fold``, a folded text
        (with ``whole_words``, as whole words)."""
        if whole_words:
            return {(n.kind, n.id) for n in self.names if n.partial and f" {fold} " in f" {n.fold} "}
        return {(n.kind, n.id) for n in self.names if n.partial and fold in n.fold}


def _texts(value) -> list[str]:
    """A name cell's names: a list field (a tuple once loaded) or one text."""
    values = value if isinstance(value, (tuple, list)) else [value]
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


_NAME_INDEXES: "weakref.WeakKeyDictionary[Dataset, NameIndex]" = weakref.WeakKeyDictionary()


def name_index(dataset: Dataset) -> NameIndex:
    """Every name of the dataset's places and actors, built once per dataset (and dropped with it)."""
    if dataset in _NAME_INDEXES:
        return _NAME_INDEXES[dataset]
    names = []
    for kind, frame, id_column, columns in (("place", dataset.places, "place_id", PLACE_NAMES),
                                            ("actor", dataset.actors, "actor_id", ACTOR_NAMES)):
        for column, partial in columns:
            if column in frame.columns:
                names += [Name(kind, record_id, text, search_fold(text), name_key(text), partial)
                          for record_id, value in zip(frame[id_column], frame[column])
                          for text in _texts(value) if name_key(text)]
    owners = defaultdict(set)
    for n in names:
        owners[n.key].add((n.kind, n.id))
    index = _NAME_INDEXES[dataset] = NameIndex(tuple(names), {k: frozenset(v) for k, v in owners.items()})
    return index


@dataclass(frozen=True)
class Named:
    """What a search text names: places and actors (issuers) by id, and what to look for in the texts: ``words``
    anywhere, ``short_names`` ("SDF", "حلب") only as whole words."""
    places: frozenset[str]
    actors: frozenset[str]
    words: tuple[str, ...]
    short_names: tuple[str, ...] = ()


def named(dataset: Dataset, text: str) -> Named:
    """The places and actors ``text`` names, and what to look for in the texts.

    A text that is one of a place's or an actor's names, in any spelling ("Türkiye", "Turkiye", "Turkey", "تركيا";
    "north-east", "northeast"), stands for it whole: it names that place or actor and those whose names hold one
    of its names as whole words (As-Suwayda: the As-Sweida governorate, the Sweida National Guard), and the texts
    are searched for all its names, so every spelling finds the same. A name two of them share ("Syrian
    government") names both and carries nothing further. Any other text is looked for as it is, and names the
    places and actors one of whose names holds it."""
    index = name_index(dataset)
    exact = index.owners.get(name_key(text), frozenset())
    if not exact:
        found = index.holding(search_fold(text)) if len(name_key(text)) >= MIN_PART else set()
        names = [n for n in index.names if (n.kind, n.id) in found]
        words = [text]
    else:
        names = [n for n in index.names if (n.kind, n.id) in exact]
        found = set(exact)
        for n in names:
            if len(n.key) >= MIN_PART and len(index.owners[n.key]) == 1:
                found |= index.holding(n.fold, whole_words=True)
        words = []
    words += [n.text for n in names if len(n.key) >= MIN_PART]
    short = [n.text for n in names if len(n.key) < MIN_PART] if exact else []
    return Named(frozenset(i for k, i in found if k == "place"), frozenset(i for k, i in found if k == "actor"),
                 tuple(dict.fromkeys(words)), tuple(dict.fromkeys(short)))


def option_label(name: str, name_ar: str, others: Iterable[str] = ()) -> str:
    """A list option's label: "Name · الاسم" ("الاسم · Name" in Arabic), then those of its other names (as written, and in their plain form:
    no accents, hyphens as spaces, Arabic letter variants folded) that the label does not already hold, so that
    the list's own search, which compares the letters typed with the label's, finds the option by any of them."""
    label = (f"{name_ar} · {name}" if current() == "ar" else f"{name} · {name_ar}") if name_ar else name
    others = [other for other in others if other]
    forms = list(dict.fromkeys([*others, *(search_fold(other) for other in others)]))
    lowered = [f.lower() for f in forms]
    extra, held = [], label.lower()
    for form, low in zip(forms, lowered):
        if low in held or any(low in other and low != other for other in lowered):
            continue
        extra.append(form)
        held += " · " + low
    return f"{label} · {', '.join(extra)}" if extra else label


def _issuer_labels(dataset: Dataset, issuer_ids: list[str]) -> dict[str, str]:
    """Issuers by name, each labelled in English and Arabic and with its other names, so that any finds it."""
    actors = dataset.actors.set_index("actor_id")
    index = name_index(dataset)
    labels = {}
    for a in issuer_ids:
        known = a in actors.index
        labels[a] = option_label(actors.at[a, "name"] if known else a, actors.at[a, "name_ar"] if known else "",
                                 [n.text for n in index.of("actor", a)])
    return dict(sorted(labels.items(), key=lambda item: search_fold(item[1])))


def _place_label(index: NameIndex, place_id: str, name: str, name_ar: str) -> str:
    return option_label(name, name_ar, [n.text for n in index.of("place", place_id)])


def build_choices(dataset: Dataset, layer=None) -> Choices:
    """What each filter accepts, labelled with every name it is known by: the dataset's ids, plus the places,
    event types, actors and dates of the imported ACLED layer (an ``atlas.acled.layer.EventLayer``) when there
    is one."""
    places = dataset.places
    index = name_index(dataset)
    referred = (set(dataset.mentions["place_id"]) | {p for ids in dataset.demands["place_ids"] for p in ids}
                | {p for ids in dataset.events["place_ids"] for p in ids})
    local = places[places["place_id"].isin(referred) & (places["place_type"] != "governorate")]
    govs = places[places["place_type"] == "governorate"].sort_values("admin1")
    issuer_ids = sorted({a for ids in dataset.statements["issuer_ids"] for a in ids})
    starts = pd.concat([dataset.statements["date"], dataset.events["date"]])
    ends = pd.concat([dataset.statements["date_end"].fillna(dataset.statements["date"]),
                      dataset.events["date_end"].fillna(dataset.events["date"])])
    place_labels = {r.place_id: (r.name, r.name_ar) for r in local.itertuples()}
    event_types = set(dataset.events["event_type"].astype(str))
    date_min, date_max = starts.min().date(), ends.max().date()
    actors: dict[str, str] = {}
    if layer is not None and len(layer):
        linked = layer.sites[layer.sites["place_id"] != ""]
        place_labels.update({r.place_id: (r.name, r.name_ar) for r in linked.itertuples()
                             if r.place_id not in place_labels})
        event_types |= layer.event_types
        actors = dict(sorted(layer.actors.items(), key=lambda item: item[1].casefold()))
        first, last = layer.first_and_last_day
        date_min, date_max = min(date_min, first), max(date_max, last)
    return Choices(
        places={pid: _place_label(index, pid, name, ar)
                for pid, (name, ar) in sorted(place_labels.items(), key=lambda item: item[1][0])},
        govs={r.place_id: _place_label(index, r.place_id, r.admin1, r.name_ar) for r in govs.itertuples()},
        issuers=_issuer_labels(dataset, issuer_ids),
        categories={c: dataset.schema.term("category", c)
                    for c in sorted(set(dataset.demands["category"].astype(str)))},
        event_types={t: dataset.schema.term("event_type", t) for t in sorted(event_types)},
        date_min=date_min, date_max=date_max, actors=actors,
        threads=ours_titles(dataset.threads, "thread_id") if len(dataset.threads) else {},
    )


def _values(params: Mapping, key: str) -> list[str]:
    """All values of ``key``: repeated keys and comma-separated lists both count."""
    raw = params.get(key)
    if raw is None:
        return []
    items = raw if isinstance(raw, (list, tuple)) else [raw]
    return [part.strip() for item in items for part in str(item).split(",") if part.strip()]


def _some(items: list[str]) -> str:
    """The first five of ``items``, shortened, and how many more."""
    shown = ", ".join(_short(i) for i in items[:5])
    return shown if len(items) <= 5 else _("{items} and {n} more").format(items=shown, n=len(items) - 5)


def parse_query(params: Mapping, choices: Choices) -> tuple[Filters, list[str]]:
    """Filters from URL parameters, and a notice for everything ignored. Never raises."""
    notices: list[str] = []
    values: dict = {}
    unknown_keys = [k for k in params if k not in (*URL_PARAMS, *OTHER_PARAMS)]
    if unknown_keys:
        notices.append(_("Ignored unknown parameter(s): {names}.").format(names=_some(unknown_keys)))
    for key, attr in (("from", "date_from"), ("to", "date_to"), ("since", "since")):
        given = _values(params, key)
        if not given:
            continue
        if len(given) > 1:
            notices.append(_("{key} was given {n} times; used the last.").format(key=key, n=len(given)))
        parsed = parse_date(given[-1])
        if parsed is None:
            notices.append(_("Ignored {key}={value}: not a date (use YYYY-MM-DD).").format(
                key=key, value=_short(given[-1])))
        else:
            values[attr] = parsed
    if values.get("date_from") and values.get("date_to") and values["date_from"] > values["date_to"]:
        values["date_from"], values["date_to"] = values["date_to"], values["date_from"]
        notices.append(_("The date range was reversed; swapped from and to."))
    for key, attr in LIST_PARAMS.items():
        known = getattr(choices, attr)
        kept, unknown = [], []
        for item in _values(params, key):
            (kept if item in known else unknown).append(item)
        if unknown:
            notices.append(_("Ignored unknown {key} value(s): {values}.").format(key=key, values=_some(unknown)))
        kept = list(dict.fromkeys(kept))
        if len(kept) > MAX_ITEMS:
            notices.append(_("Kept the first {n} {key} values.").format(n=MAX_ITEMS, key=key))
            kept = kept[:MAX_ITEMS]
        if kept:
            values[attr] = tuple(kept)
    q = " ".join(_values(params, "q"))
    q = "".join(ch for ch in q if ch.isprintable())
    if len(q) > MAX_TEXT:
        notices.append(_("Shortened the search text to {n} characters.").format(n=MAX_TEXT))
        q = q[:MAX_TEXT]
    if q:
        values["q"] = q
    return Filters(**values), notices


def _short(text: str, limit: int = 40) -> str:
    text = "".join(ch for ch in str(text) if ch.isprintable())
    return text if len(text) <= limit else text[:limit] + "…"


def to_query(filters: Filters) -> dict[str, str]:
    """URL parameters for ``filters``: exactly the ones in use."""
    out = {}
    if filters.date_from:
        out["from"] = filters.date_from.isoformat()
    if filters.date_to:
        out["to"] = filters.date_to.isoformat()
    for key, attr in LIST_PARAMS.items():
        if getattr(filters, attr):
            out[key] = ",".join(getattr(filters, attr))
    if filters.q:
        out["q"] = filters.q
    if filters.since:
        out["since"] = filters.since.isoformat()
    return out


@dataclass(frozen=True)
class Filtered:
    statements: pd.DataFrame
    demands: pd.DataFrame  # demands_full rows
    events: pd.DataFrame
    mentions: pd.DataFrame  # mentions of the kept statements, places joined
    filters: Filters = field(default_factory=Filters)


def _overlaps(starts: pd.Series, ends: pd.Series, filters: Filters) -> pd.Series:
    ends = ends.fillna(starts)
    keep = pd.Series(True, index=starts.index)
    if filters.date_from:
        keep &= ends >= pd.Timestamp(filters.date_from)
    if filters.date_to:
        keep &= starts <= pd.Timestamp(filters.date_to)
    return keep


def _any_in(column: pd.Series, wanted: set) -> pd.Series:
    return column.map(lambda ids: bool(wanted.intersection(ids)))


def _contains_any(frame: pd.DataFrame, columns: list[str], texts: list[str], short_names: tuple[str, ...] = ()
                  ) -> pd.Series:
    """Rows where any of ``columns`` holds any of ``texts``, compared folded (case, accents, hyphens, Arabic letter
    variants), or one of ``short_names`` as a whole word: an Arabic one folded and perhaps with a one-letter
    prefix ("وحلب"), any other as written ("SDF", "US": not "us")."""
    needles = "|".join(re.escape(search_fold(t)) for t in dict.fromkeys(texts) if search_fold(t))
    arabic = "|".join(re.escape(search_fold(n)) for n in short_names if is_arabic(n))
    latin = "|".join(re.escape(n) for n in short_names if not is_arabic(n))
    patterns = [needles] if needles else []
    if arabic:
        patterns.append(rf"(?<!\w)[وبلفك]?(?:{arabic})(?!\w)")
    folded_pattern = "|".join(patterns)
    keep = pd.Series(False, index=frame.index)
    for column in columns:
        raw = frame[column].astype(str)
        if folded_pattern:
            keep |= raw.map(search_fold).str.contains(folded_pattern, regex=True)
        if latin:
            keep |= raw.str.contains(rf"(?<!\w)(?:{latin})(?!\w)", regex=True)
    return keep


def gov_pcodes(dataset: Dataset, filters: Filters) -> set[str]:
    """The P-codes of the governorates in the filter (which holds their place ids)."""
    places = dataset.places
    return set(places.loc[places["place_id"].isin(filters.govs), "admin1_pcode"].astype(str))


def place_set(dataset: Dataset, filters: Filters) -> set[str] | None:
    """The place ids a place/governorate filter stands for, or None when there is none."""
    if not filters.places and not filters.govs:
        return None
    places = dataset.places
    pcodes = gov_pcodes(dataset, filters)
    return set(filters.places) | set(places.loc[places["admin1_pcode"].astype(str).isin(pcodes), "place_id"])


def apply_filters(dataset: Dataset, filters: Filters) -> Filtered:
    statements = dataset.statements
    demands = dataset.demands_full
    events = dataset.events
    mentions = dataset.mention_places

    keep_s = _overlaps(statements["date"], statements["date_end"], filters)
    keep_d = _overlaps(demands["statement_date"], demands["statement_date_end"], filters)
    keep_e = _overlaps(events["date"], events["date_end"], filters)

    wanted = place_set(dataset, filters)
    if wanted is not None:
        mentioning = set(mentions.loc[mentions["place_id"].isin(wanted), "statement_id"])
        keep_s &= statements["statement_id"].isin(mentioning)
        keep_d &= _any_in(demands["place_ids"], wanted)
        keep_e &= _any_in(events["place_ids"], wanted)
    if filters.issuers:
        keep_s &= _any_in(statements["issuer_ids"], set(filters.issuers))
        keep_d &= _any_in(demands["issuer_ids"], set(filters.issuers))
    if filters.categories:
        keep_d &= demands["category"].astype(str).isin(filters.categories)
        keep_s &= statements["statement_id"].isin(set(demands.loc[keep_d, "statement_id"]))
    if filters.q:
        # the words of the texts, and the places and issuers the text names: "مضايا" finds the demands about
        # Madaya as "Madaya" does, "Türkiye" those Turkey issued
        found = named(dataset, filters.q)
        words, short = list(found.words), found.short_names
        naming = set(mentions.loc[mentions["place_id"].isin(found.places), "statement_id"])
        keep_s &= (_contains_any(statements, ["title", "summary"], words, short)
                   | statements["statement_id"].isin(naming) | _any_in(statements["issuer_ids"], found.actors))
        keep_d &= (_contains_any(demands, ["demand", "quote", "statement_title"], words, short)
                   | _any_in(demands["place_ids"], found.places) | _any_in(demands["issuer_ids"], found.actors))
        keep_e &= (_contains_any(events, ["title", "description"], words, short)
                   | _any_in(events["place_ids"], found.places))
    if filters.threads:  # the thread's demands, the statements that make them, the events they and its updates cite
        keep_d &= demands["thread_id"].isin(filters.threads)
        keep_s &= statements["statement_id"].isin(set(demands.loc[keep_d, "statement_id"]))
        updates = dataset.thread_updates
        cited = {e for ids in updates.loc[updates["thread_id"].isin(filters.threads), "evidence_event_ids"]
                 for e in ids} if len(updates) else set()
        keep_e &= events["event_id"].isin(cited | {e for ids in demands.loc[keep_d, "event_ids"] for e in ids})
    if filters.event_types:
        keep_e &= events["event_type"].astype(str).isin(filters.event_types)
        links = dataset.statement_events
        referring = set(links.loc[links["event_id"].isin(set(events.loc[keep_e, "event_id"])), "statement_id"])
        keep_s &= statements["statement_id"].isin(referring)
        keep_d &= demands["statement_id"].isin(referring)
    from_demands = {e for ids in demands.loc[keep_d, "event_ids"] for e in ids}
    if filters.categories:
        keep_e &= events["event_id"].isin(from_demands)
    elif filters.issuers:
        links = dataset.statement_events
        from_statements = set(links.loc[links["statement_id"].isin(set(statements.loc[keep_s, "statement_id"])),
                                        "event_id"])
        keep_e &= events["event_id"].isin(from_statements | from_demands)

    kept_statements = statements[keep_s]
    return Filtered(
        statements=kept_statements.reset_index(drop=True),
        demands=demands[keep_d].reset_index(drop=True),
        events=events[keep_e].reset_index(drop=True),
        mentions=mentions[mentions["statement_id"].isin(set(kept_statements["statement_id"]))].reset_index(drop=True),
        filters=filters,
    )


LABELS = {"places": N_("places"), "govs": N_("governorates"), "issuers": N_("issuers"), "categories": N_("categories"),
          "event_types": N_("event types"), "actors": N_("ACLED actors"), "threads": N_("threads")}


def _shown_name(label: str) -> str:
    """An option's name in the language in force, without its other names (see ``option_label``)."""
    return label.split(" · ")[0]


def describe(filters: Filters, choices: Choices) -> list[str]:
    """The active filters in words, for captions, presentation mode and downloads."""
    out = []
    if filters.date_from or filters.date_to:
        out.append(_("dates {start} to {end}").format(start=isolate(filters.date_from or "…"),
                                                      end=isolate(filters.date_to or "…")))
    for attr in LIST_PARAMS.values():
        ids = getattr(filters, attr)
        if ids:
            names = getattr(choices, attr)
            label = _(LABELS[attr])
            out.append(f"{label}: " + ", ".join(_shown_name(names.get(i, i)) for i in ids))
    if filters.q:
        out.append(_("text: “{q}”").format(q=filters.q))
    if filters.since:
        out.append(_("changes since {day}").format(day=filters.since))
    return out


# What a place filter keeps of each kind of record, as a page's caption says it (see ``apply_filters``).
PLACE_SCOPE = {
    "statements": N_("statements that name these places"),
    "demands": N_("demands about these places (each demand's own places, not its statement's)"),
    "events": N_("events at these places"),
    "threads": N_("threads raised by demands about these places"),
}


def place_scope(filters: Filters, shown: tuple[str, ...]) -> str:
    """What the place filter means for the records a page shows (``shown``: keys of ``PLACE_SCOPE``), or "" when
    there is no place filter. A governorate stands for every place in it."""
    if not filters.places and not filters.govs:
        return ""
    scope = "; ".join(_(PLACE_SCOPE[kind]) for kind in shown)
    return (_("Place filter: {scope}, a governorate standing for every place in it.") if filters.govs
            else _("Place filter: {scope}.")).format(scope=scope)
