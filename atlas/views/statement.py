"""One statement with everything attached to it, and which statements the Statements page offers."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from urllib.parse import urlencode

import pandas as pd

from atlas import i18n
from atlas.acled.layer import Around, EventLayer, events_around
from atlas.dataset.loader import Dataset, actor_names
from atlas.dataset.values import date_label, ours, ours_column, ours_titles
from atlas.filters import Filtered, Filters, to_query
from atlas.i18n import N_, _
from atlas.views.menu import Menu, menu
from atlas.views.tables import QUOTE_FROM, quotes_apart, record_link, terms
from atlas.views.timeline import event_type_name

WINDOW_DAYS = 30  # ACLED's events this many days before and after a statement, unless the reader changes it
LANGUAGE_NAMES = {"ar": N_("Arabic"), "en": N_("English")}  # the language a statement was read in


def language_words(code: str) -> str:
    """The language a statement was read in, as the page shows it: its code in English ("ar"), as it always
    was; its name in Arabic."""
    if i18n.current() == "en" or code not in LANGUAGE_NAMES:
        return code
    return _(LANGUAGE_NAMES[code])



def statement_menu(filtered: Filtered, dataset: Dataset, wanted: str | None) -> Menu:
    """The filtered statements, latest first, opened at ``wanted`` (a ``?statement=`` deep link)."""
    latest = filtered.statements.sort_values("date", ascending=False)
    return menu(ours_titles(latest, "statement_id"), ours_titles(dataset.statements, "statement_id"), wanted, "statement")


@dataclass(frozen=True)
class StatementView:
    statement_id: str
    title: str  # our words (title, summary, demands, events' and threads' titles) in the language in force
    when: str
    issuers: str
    publisher: str
    source_url: str
    language: str
    summary: str
    notes: str
    places: pd.DataFrame
    events: pd.DataFrame
    demands: pd.DataFrame


def statement_view(dataset: Dataset, statement_id: str, filters: Filters = Filters()) -> StatementView | None:
    """One statement whole; its demands with their vocabulary's names, Arabic quotes in a column of their own
    as on the Demands page, and each thread as a link to it that keeps ``filters``."""
    statements = dataset.statements.set_index("statement_id")
    if statement_id not in statements.index:
        return None
    s = statements.loc[statement_id]
    actors = actor_names(dataset)
    mentions = dataset.mention_places
    places = mentions[mentions["statement_id"] == statement_id][["name", "name_ar", "surface", "count", "admin1"]]
    links = dataset.statement_events
    event_ids = set(links.loc[links["statement_id"] == statement_id, "event_id"])
    events = dataset.events[dataset.events["event_id"].isin(event_ids)].sort_values("date")
    events = pd.DataFrame({
        "date": [date_label(e.date, e.date_end, e.time_precision) for e in events.itertuples()],
        "event": ours_column(events, "title"),
        "type": [f"{event_type_name(t, dataset.schema)} / {_sub_event_type(u, dataset)}"
                 for t, u in zip(events["event_type"].astype(str), events["sub_event_type"].astype(str))],
        "notes": events["notes"],
    })
    demands = dataset.demands[dataset.demands["statement_id"] == statement_id]
    threads = ours_titles(dataset.threads, "thread_id")
    quote, quote_ar = quotes_apart(demands["quote"])
    demands = pd.DataFrame({
        "speech act": terms(dataset, "speech_act", demands["speech_act"]),
        "category": terms(dataset, "category", demands["category"]),
        "addressed to": ["; ".join(actors.get(a, a) for a in ids) for ids in demands["addressee_ids"]],
        "demand": ours_column(demands, "demand"),
        "quote": quote, "quote (Arabic)": quote_ar,
        "words of": [_(QUOTE_FROM[o]) if o in QUOTE_FROM else "" for o in demands["quote_origin"].astype(str)],
        "thread": [threads.get(t, "") for t in demands["thread_id"]],
        "thread_link": [record_link("Threads", "thread", t, filters) for t in demands["thread_id"]],
    })
    return StatementView(
        statement_id=statement_id, title=ours(s["title"], s.get("title_ar", "")),
        when=date_label(s["date"], s["date_end"], s["time_precision"]),
        issuers="; ".join(actors.get(a, a) for a in s["issuer_ids"]), publisher=s["publisher"],
        source_url=s["source_url"], language=s["language"], summary=ours(s["summary"], s.get("summary_ar", "")),
        notes=s["notes"],
        places=places.reset_index(drop=True), events=events.reset_index(drop=True),
        demands=demands.reset_index(drop=True),
    )


def _sub_event_type(kind: str, dataset: Dataset) -> str:
    return kind if i18n.current() == "en" else dataset.schema.term("sub_event_type", kind)


def statement_places(dataset: Dataset, statement_id: str) -> tuple[tuple[str, ...], tuple[str, ...], set[str]]:
    """The places a statement names, as filters take them: (place ids, governorate place ids, their P-codes)."""
    named = set(dataset.mentions.loc[dataset.mentions["statement_id"] == statement_id, "place_id"])
    places = dataset.places[dataset.places["place_id"].isin(named)]
    govs = places[places["place_type"] == "governorate"]
    others = places[places["place_type"] != "governorate"]
    return (tuple(sorted(others["place_id"])), tuple(sorted(govs["place_id"])),
            set(govs["admin1_pcode"].astype(str)))


def acled_around(dataset: Dataset, layer: EventLayer, statement_id: str, window: int = WINDOW_DAYS
                 ) -> tuple[Around, str] | None:
    """ACLED's events at the statement's places around its date (their types named in the language in force),
    and the Events page's address for them (None when the statement names no place)."""
    row = dataset.statements.set_index("statement_id").loc[statement_id]
    place_ids, gov_ids, pcodes = statement_places(dataset, statement_id)
    if not place_ids and not gov_ids:
        return None
    first = row["date"].date()
    last = row["date_end"].date() if pd.notna(row["date_end"]) else first
    around = events_around(layer, place_ids, pcodes, first, last, window)
    named = [event_type_name(t, dataset.schema) for t in around.by_type["event type"]]
    around = replace(around, by_type=around.by_type.assign(**{"event type": named}))
    shown = Filters(date_from=first - timedelta(days=window), date_to=last + timedelta(days=window),
                    places=place_ids, govs=gov_ids)
    return around, "Events?" + urlencode(to_query(shown))
