"""Tables as people read them: one row per demand, statement or event, ids turned into names."""
from __future__ import annotations

import pandas as pd

from atlas.dataset.loader import Dataset, actor_names, place_names
from atlas.dataset.validate import EVIDENCE
from atlas.dataset.values import date_label
from atlas.filters import Filtered
from atlas.views.threads import status_label, statuses


def _names(ids, lookup: dict[str, str]) -> str:
    return "; ".join(lookup.get(i, i) for i in ids)


def demands_table(dataset: Dataset, filtered: Filtered) -> pd.DataFrame:
    """The demands table: issuer, date, addressees, category, thread, speech act, demand, quote, places, statement,
    source."""
    d = filtered.demands
    actors, short, places = actor_names(dataset), actor_names(dataset, short=True), place_names(dataset)
    threads = dict(zip(dataset.threads["thread_id"], dataset.threads["title"]))
    out = pd.DataFrame({
        "demand_id": d["demand_id"],
        "issuer": [_names(ids, actors) for ids in d["issuer_ids"]],
        "issuer_short": [" + ".join(short.get(i, i) for i in ids) for ids in d["issuer_ids"]],
        "date": [date_label(s, e, p) for s, e, p in zip(d["statement_date"], d["statement_date_end"],
                                                         d["statement_time_precision"])],
        "date_from": d["statement_date"].dt.strftime("%Y-%m-%d"),
        "date_to": d["statement_date_end"].fillna(d["statement_date"]).dt.strftime("%Y-%m-%d"),
        "addressees": [_names(ids, actors) for ids in d["addressee_ids"]],
        "category": [dataset.schema.term("category", c) for c in d["category"].astype(str)],
        "thread_id": d["thread_id"],
        "thread": [threads.get(t, "") for t in d["thread_id"]],
        "speech_act": d["speech_act"].astype(str),
        "cameo_root": d["cameo_root"].astype(str),
        "demand": d["demand"],
        "quote": d["quote"],
        "quote_origin": d["quote_origin"].astype(str),
        "places": [_names(ids, places) for ids in d["place_ids"]],
        "statement": d["statement_title"],
        "statement_id": d["statement_id"],
        "source_url": d["source_url"],
    })
    return out.sort_values(["date_from", "demand_id"], ascending=[False, True]).reset_index(drop=True)


QUOTE_FROM = {"statement": "issuer", "report": "outlet's paraphrase"}


def _arabic(text: str) -> bool:
    letters = [ch for ch in str(text) if ch.isalpha()]
    return bool(letters) and sum("\u0600" <= ch <= "\u06ff" for ch in letters) * 2 > len(letters)


def demands_on_screen(table: pd.DataFrame) -> pd.DataFrame:
    """The demands table as the page shows it: Arabic quotes in a column of their own (drawn right-aligned),
    whose words each quote is, speech acts capitalised. Downloads keep ``demands_table`` as it is."""
    arabic = table["quote"].map(_arabic)
    return pd.DataFrame({
        "issuer": table["issuer_short"], "date": table["date"], "demand": table["demand"],
        "quote": table["quote"].where(~arabic, ""), "quote_ar": table["quote"].where(arabic, ""),
        "words_of": table["quote_origin"].map(QUOTE_FROM).fillna(""),
        "addressees": table["addressees"], "category": table["category"], "thread": table["thread"],
        "speech_act": table["speech_act"].str.capitalize(), "places": table["places"],
        "statement": table["statement"], "issuer_full": table["issuer"], "source_url": table["source_url"],
    })


def issuer_category_overview(table: pd.DataFrame) -> pd.DataFrame:
    """Demands counted by issuer (rows) and category (columns)."""
    if table.empty:
        return pd.DataFrame()
    return (pd.crosstab(table["issuer"], table["category"]).astype(int)
            .rename_axis(index="Issuer", columns="Category"))


def statements_table(dataset: Dataset, filtered: Filtered) -> pd.DataFrame:
    s = filtered.statements
    actors = actor_names(dataset)
    return pd.DataFrame({
        "statement_id": s["statement_id"],
        "date": [date_label(a, b, p) for a, b, p in zip(s["date"], s["date_end"], s["time_precision"])],
        "date_from": s["date"].dt.strftime("%Y-%m-%d"),
        "date_to": s["date_end"].fillna(s["date"]).dt.strftime("%Y-%m-%d"),
        "time_precision": s["time_precision"],
        "issuers": [_names(ids, actors) for ids in s["issuer_ids"]],
        "title": s["title"],
        "publisher": s["publisher"],
        "summary": s["summary"],
        "source_url": s["source_url"],
        "notes": s["notes"],
    }).sort_values("date_from", ascending=False).reset_index(drop=True)


def sources_table(dataset: Dataset, filtered: Filtered) -> pd.DataFrame:
    """The sources behind the filtered statements and events."""
    wanted = {s for ids in filtered.events["source_ids"] for s in ids}
    sources = dataset.sources
    urls = set(filtered.statements["source_url"])
    rows = sources[sources["source_id"].isin(wanted) | sources["url"].isin(urls)]
    out = rows[["source_id", "title", "publisher", "date", "kind", "url"]].copy()
    out["date"] = out["date"].dt.strftime("%Y-%m-%d").fillna("")
    out["kind"] = out["kind"].astype(str)
    return out.reset_index(drop=True)


def threads_table(dataset: Dataset, thread_ids: set[str], as_of=None) -> pd.DataFrame:
    """The threads ``thread_ids`` names, with their status as of ``as_of`` (default: every change on record)."""
    threads = dataset.threads[dataset.threads["thread_id"].isin(thread_ids)]
    status = statuses(dataset, as_of)
    actors = actor_names(dataset)
    return pd.DataFrame({
        "thread_id": threads["thread_id"], "title": threads["title"], "category": threads["category"].astype(str),
        "description": threads["description"],
        "addressees": [_names(ids, actors) for ids in threads["addressee_ids"]],
        "status": [status_label(status[t][0]) for t in threads["thread_id"]],
        "status_since": [status[t][1].strftime("%Y-%m-%d") if pd.notna(status[t][1]) else ""
                         for t in threads["thread_id"]],
    }).reset_index(drop=True)


def thread_updates_table(dataset: Dataset, thread_ids: set[str], as_of=None) -> pd.DataFrame:
    """The status changes of those threads up to ``as_of``, with their evidence ids and who judged each."""
    updates = dataset.thread_updates
    keep = updates["thread_id"].isin(thread_ids)
    if as_of is not None:
        keep &= updates["date"] <= pd.Timestamp(as_of)
    rows = updates[keep].sort_values(["thread_id", "date"], kind="stable")
    return pd.DataFrame({
        "update_id": rows["update_id"], "thread_id": rows["thread_id"], "date": rows["date"].dt.strftime("%Y-%m-%d"),
        "status": rows["status"].astype(str),
        **{field: ["; ".join(ids) for ids in rows[field]] for field in EVIDENCE},
        "judged_by": rows["judged_by"], "note": rows["note"],
    }).reset_index(drop=True)
