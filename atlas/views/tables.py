"""Tables as people read them: one row per demand, statement or event, ids turned into names and vocabulary
codes into their names (``Schema.term``), in downloads as on the page."""
from __future__ import annotations

from urllib.parse import quote, urlencode

import pandas as pd

from atlas.dataset.loader import Dataset, actor_names, place_names
from atlas.dataset.validate import EVIDENCE
from atlas.dataset.values import date_label, ours_column, ours_titles
from atlas.i18n import N_, _
from atlas.filters import Filtered, Filters, to_query
from atlas.views.threads import status_label, statuses


def _names(ids, lookup: dict[str, str]) -> str:
    return "; ".join(lookup.get(i, i) for i in ids)


def terms(dataset: Dataset, vocabulary: str, codes: pd.Series) -> list[str]:
    """Each code's name in the vocabulary (``Schema.term``)."""
    codes = codes.astype(str)
    names = {code: dataset.schema.term(vocabulary, code) for code in codes.unique()}
    return [names[code] for code in codes]


QUOTE_FROM = {"statement": N_("issuer"), "report": N_("outlet's paraphrase")}  # whose words a quote is, by quote_origin


def demands_table(dataset: Dataset, filtered: Filtered) -> pd.DataFrame:
    """The demands table: issuer, date, addressees, category, thread, speech act, demand, quote, places, statement,
    source."""
    d = filtered.demands
    actors, short, places = actor_names(dataset), actor_names(dataset, short=True), place_names(dataset)
    threads = ours_titles(dataset.threads, "thread_id")
    out = pd.DataFrame({
        "demand_id": d["demand_id"],
        "issuer": [_names(ids, actors) for ids in d["issuer_ids"]],
        "issuer_short": [" + ".join(short.get(i, i) for i in ids) for ids in d["issuer_ids"]],
        "date": [date_label(s, e, p) for s, e, p in zip(d["statement_date"], d["statement_date_end"],
                                                         d["statement_time_precision"])],
        "date_from": d["statement_date"].dt.strftime("%Y-%m-%d"),
        "date_to": d["statement_date_end"].fillna(d["statement_date"]).dt.strftime("%Y-%m-%d"),
        "addressees": [_names(ids, actors) for ids in d["addressee_ids"]],
        "category": terms(dataset, "category", d["category"]),
        "thread_id": d["thread_id"],
        "thread": [threads.get(t, "") for t in d["thread_id"]],
        "speech_act": terms(dataset, "speech_act", d["speech_act"]),
        "cameo_root": terms(dataset, "cameo_root", d["cameo_root"]),
        "demand": ours_column(d, "demand"),
        "quote": d["quote"],
        "quote_origin": [_(QUOTE_FROM[o]) if o in QUOTE_FROM else "" for o in d["quote_origin"].astype(str)],
        "places": [_names(ids, places) for ids in d["place_ids"]],
        "statement": ours_column(d, "statement_title"),
        "statement_id": d["statement_id"],
        "source_url": d["source_url"],
    })
    return out.sort_values(["date_from", "demand_id"], ascending=[False, True]).reset_index(drop=True)


def _arabic(text: str) -> bool:
    letters = [ch for ch in str(text) if ch.isalpha()]
    return bool(letters) and sum("\u0600" <= ch <= "\u06ff" for ch in letters) * 2 > len(letters)


def quotes_apart(quotes: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Quotes in two columns, as pages show them: the others, and the Arabic ones (drawn right-aligned)."""
    arabic = quotes.map(_arabic)
    return quotes.where(~arabic, ""), quotes.where(arabic, "")


LINK_TEXT = r"#(.+)$"  # a record link's text: what follows the '#' (LinkColumn's display_text)


def record_link(page: str, param: str, record_id: str, filters: Filters, title: str | None = None) -> str | None:
    """A relative link that opens one record on its page (``Statements?statement=<id>``), keeping the filters;
    with a ``title``, the title follows a '#', where ``LINK_TEXT`` finds it to show it. None without an id."""
    if not record_id:
        return None
    link = f"{page}?{urlencode({**to_query(filters), param: record_id})}"
    return link if title is None else f"{link}#{quote(str(title) or record_id, safe='')}"


def demands_on_screen(table: pd.DataFrame, filters: Filters = Filters()) -> pd.DataFrame:
    """The demands table as the page shows it: Arabic quotes in a column of their own (drawn right-aligned),
    whose words each quote is, and the statement and thread as links to their pages that keep ``filters``.
    Downloads keep ``demands_table`` as it is."""
    quote_other, quote_ar = quotes_apart(table["quote"])
    return pd.DataFrame({
        "issuer": table["issuer_short"], "date": table["date"], "demand": table["demand"],
        "quote": quote_other, "quote_ar": quote_ar, "words_of": table["quote_origin"],
        "addressees": table["addressees"], "category": table["category"],
        "thread": [record_link("Threads", "thread", t, filters, title)
                   for t, title in zip(table["thread_id"], table["thread"])],
        "speech_act": table["speech_act"], "places": table["places"],
        "statement": [record_link("Statements", "statement", s, filters, title)
                      for s, title in zip(table["statement_id"], table["statement"])],
        "issuer_full": table["issuer"], "source_url": table["source_url"],
    })


def issuer_category_overview(table: pd.DataFrame) -> pd.DataFrame:
    """Demands counted by issuer (rows) and category (columns)."""
    if table.empty:
        return pd.DataFrame()
    return (pd.crosstab(table["issuer"], table["category"]).astype(int)
            .rename_axis(index=_("Issuer"), columns=_("Category")))


def statements_table(dataset: Dataset, filtered: Filtered) -> pd.DataFrame:
    s = filtered.statements
    actors = actor_names(dataset)
    return pd.DataFrame({
        "statement_id": s["statement_id"],
        "date": [date_label(a, b, p) for a, b, p in zip(s["date"], s["date_end"], s["time_precision"])],
        "date_from": s["date"].dt.strftime("%Y-%m-%d"),
        "date_to": s["date_end"].fillna(s["date"]).dt.strftime("%Y-%m-%d"),
        "time_precision": terms(dataset, "time_precision", s["time_precision"]),
        "issuers": [_names(ids, actors) for ids in s["issuer_ids"]],
        "title": ours_column(s, "title"),
        "publisher": s["publisher"],
        "summary": ours_column(s, "summary"),
        "source_url": s["source_url"],
        **_read_where(s),
        "notes": s["notes"],
    }).sort_values("date_from", ascending=False).reset_index(drop=True)


def _read_where(frame: pd.DataFrame) -> dict[str, pd.Series]:
    """When the address was read, and the original a copy reposts (a folder from before these were kept has
    neither)."""
    out = {}
    if "accessed" in frame:
        out["accessed"] = frame["accessed"].dt.strftime("%Y-%m-%d").fillna("")
    if "original" in frame:
        out["original"] = frame["original"].fillna("")
    return out


def sources_table(dataset: Dataset, filtered: Filtered) -> pd.DataFrame:
    """The sources behind the filtered statements and events."""
    wanted = {s for ids in filtered.events["source_ids"] for s in ids}
    sources = dataset.sources
    urls = set(filtered.statements["source_url"])
    rows = sources[sources["source_id"].isin(wanted) | sources["url"].isin(urls)]
    out = rows[["source_id", "title", "publisher", "date", "kind", "url"]].copy()
    out["date"] = out["date"].dt.strftime("%Y-%m-%d").fillna("")
    out["kind"] = terms(dataset, "source_kind", out["kind"])
    return out.assign(**_read_where(rows)).reset_index(drop=True)


def threads_table(dataset: Dataset, thread_ids: set[str], as_of=None) -> pd.DataFrame:
    """The threads ``thread_ids`` names, with their status as of ``as_of`` (default: every change on record)."""
    threads = dataset.threads[dataset.threads["thread_id"].isin(thread_ids)]
    status = statuses(dataset, as_of)
    actors = actor_names(dataset)
    return pd.DataFrame({
        "thread_id": threads["thread_id"], "title": ours_column(threads, "title"),
        "category": terms(dataset, "category", threads["category"]),
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
        "status": terms(dataset, "thread_status", rows["status"]),
        **{field: ["; ".join(ids) for ids in rows[field]] for field in EVIDENCE},
        "judged_by": rows["judged_by"], "note": rows["note"],
    }).reset_index(drop=True)
