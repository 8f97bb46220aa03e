"""One statement with everything attached to it, and which statements the Statements page offers."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from atlas.dataset.loader import Dataset, actor_names
from atlas.dataset.values import date_label
from atlas.filters import Filtered


@dataclass(frozen=True)
class StatementMenu:
    titles: dict[str, str]  # statement id -> title, latest first: what the picker offers
    index: int  # the one shown first
    notice: str = ""  # why the link's statement is not shown (plain text), or ""


def statement_menu(filtered: Filtered, dataset: Dataset, wanted: str | None) -> StatementMenu:
    """The filtered statements, latest first, opened at ``wanted`` (a ``?statement=`` deep link).

    A deep link to a statement outside the current filters still opens it; an unknown id is named
    in the notice and the list opens at its first statement.
    """
    latest = filtered.statements.sort_values("date", ascending=False)
    titles = dict(zip(latest["statement_id"], latest["title"]))
    notice = ""
    if wanted and wanted not in set(dataset.statements["statement_id"]):
        notice = f"No statement with the id {wanted[:60]}; showing the list instead."
        wanted = None
    if wanted and wanted not in titles:
        titles = {wanted: dataset.statements.set_index("statement_id").at[wanted, "title"], **titles}
    return StatementMenu(titles, list(titles).index(wanted) if wanted in titles else 0, notice)


@dataclass(frozen=True)
class StatementView:
    statement_id: str
    title: str
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


def statement_view(dataset: Dataset, statement_id: str) -> StatementView | None:
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
        "event": events["title"], "type": events["event_type"].astype(str) + " / " + events["sub_event_type"].astype(str),
        "notes": events["notes"],
    })
    demands = dataset.demands[dataset.demands["statement_id"] == statement_id]
    demands = pd.DataFrame({
        "speech act": demands["speech_act"].astype(str), "category": demands["category"].astype(str),
        "addressed to": ["; ".join(actors.get(a, a) for a in ids) for ids in demands["addressee_ids"]],
        "demand": demands["demand"], "quote": demands["quote"], "quote is": demands["quote_origin"].astype(str),
    })
    return StatementView(
        statement_id=statement_id, title=s["title"], when=date_label(s["date"], s["date_end"], s["time_precision"]),
        issuers="; ".join(actors.get(a, a) for a in s["issuer_ids"]), publisher=s["publisher"],
        source_url=s["source_url"], language=s["language"], summary=s["summary"], notes=s["notes"],
        places=places.reset_index(drop=True), events=events.reset_index(drop=True),
        demands=demands.reset_index(drop=True),
    )
