"""The addressee ledger: what is still asked of whom, and for how long.

An ask is open for an addressee from the day it was first put to that addressee, not to anyone: from the
first demand of the thread that names it among its addressees or, for an addressee only the thread itself
names, from the thread's first demand. It is counted up to a given day: the record's last day
(``coverage.record_end``), or the filters' last day when that is earlier (``threads.as_of_day``), never
today, of which the record says nothing. A thread is open on that day when its status then is one of
``threads.OPEN``.

Addressees are named by their short names, and offered in a picker under every name users know them by
(name, short name, Arabic name, aliases), so that "the transitional authorities" finds the government in
Damascus since December 2024.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from atlas import i18n
from atlas.dataset.loader import Dataset, actor_names
from atlas.dataset.values import md_escape, ours_titles
from atlas.i18n import _, ngettext
from atlas.views.menu import Menu, menu
from atlas.views.threads import OPEN, day_words, status_label, statuses

LEDGER_COLUMNS = ["addressee_id", "addressee", "thread_id", "thread", "status", "asked_since", "days_open",
                  "open_for"]
SUMMARY_COLUMNS = ["addressee_id", "addressee", "open_threads", "longest_open", "asked_since", "open_for",
                   "days_open"]


def first_asked(demands: pd.DataFrame, thread_addressees) -> dict[str, pd.Timestamp]:
    """addressee id -> the day one thread (its ``demands``) was first asked of it: the first demand naming it,
    or the thread's first demand for an addressee only the thread names."""
    named = demands[["statement_date", "addressee_ids"]].explode("addressee_ids").dropna()
    first = named.groupby("addressee_ids")["statement_date"].min().to_dict()
    start = demands["statement_date"].min()
    for actor in thread_addressees:
        first.setdefault(actor, start)
    return first


def open_for(since: date, until: date) -> str:
    """How long from ``since`` to ``until``, in whole calendar months and years ("1 year 2 months"), or in
    days under a month."""
    months = (until.year - since.year) * 12 + until.month - since.month - (until.day < since.day)
    if months < 1:
        days = (until - since).days
        return ngettext("{n} day", "{n} days", days).format(n=days)
    years, months = divmod(months, 12)
    in_years = ngettext("{n} year", "{n} years", years).format(n=years)
    in_months = ngettext("{n} month", "{n} months", months).format(n=months)
    if years and months:
        return _("{years} {months}").format(years=in_years, months=in_months)  # "1 year 2 months"
    return in_years if years else in_months


def addressee_ledger(dataset: Dataset, thread_ids, as_of: date) -> pd.DataFrame:
    """For each addressee (short name), the threads among ``thread_ids`` asked of it, by the thread or any
    of its demands, that are still open on ``as_of``: since when it was asked and for how long, counted to
    ``as_of``. Addressees with the most open threads first, each one's longest open first."""
    short = actor_names(dataset, short=True)
    titles = ours_titles(dataset.threads, "thread_id")
    own = dict(zip(dataset.threads["thread_id"], dataset.threads["addressee_ids"]))
    demands = dataset.demands_full
    demands = demands[demands["thread_id"].isin(set(thread_ids))]
    end = pd.Timestamp(as_of)
    status = statuses(dataset, as_of)
    rows = []
    for thread_id, group in demands.groupby("thread_id"):
        state = status[thread_id][0]
        if state not in OPEN:
            continue
        for actor, since in first_asked(group, own[thread_id]).items():
            if since > end:
                continue  # not asked of it yet on that day
            rows.append({"addressee_id": actor, "addressee": short.get(actor, actor), "thread_id": thread_id,
                         "thread": titles[thread_id], "status": status_label(state, dataset.schema),
                         "asked_since": since,
                         "days_open": (end - since).days, "open_for": open_for(since.date(), as_of)})
    ledger = pd.DataFrame(rows, columns=LEDGER_COLUMNS)
    if ledger.empty:
        return ledger
    count = ledger.groupby("addressee_id")["thread_id"].transform("size")
    return (ledger.assign(count=count).sort_values(["count", "addressee", "days_open", "thread"],
                                                   ascending=[False, True, False, True])
            .drop(columns="count").reset_index(drop=True))


def ledger_summary(ledger: pd.DataFrame) -> pd.DataFrame:
    """One row per addressee of ``addressee_ledger``: how many threads asked of it are open, and the one
    open longest (since when, how long). Most open threads first; among equals, the longest kept waiting."""
    if ledger.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    ordered = ledger.sort_values(["days_open", "thread"], ascending=[False, True], kind="stable")
    oldest = ordered.groupby("addressee_id", sort=False).first()
    summary = oldest.rename(columns={"thread": "longest_open"}).assign(
        open_threads=ledger.groupby("addressee_id").size())
    return (summary.rename_axis("addressee_id").reset_index()
            .sort_values(["open_threads", "days_open", "addressee"], ascending=[False, False, True])
            .reset_index(drop=True)[SUMMARY_COLUMNS])


def asked_of(ledger: pd.DataFrame, addressee_id: str) -> pd.DataFrame:
    """The open threads asked of one addressee, longest open first."""
    mine = ledger[ledger["addressee_id"] == addressee_id]
    return mine.sort_values(["days_open", "thread"], ascending=[False, True], kind="stable").reset_index(drop=True)


def addressee_labels(dataset: Dataset, summary: pd.DataFrame) -> dict[str, str]:
    """actor id -> the picker's label for every actor: its short name, how many open threads are asked of it
    (``ledger_summary``), then every other name it goes by (name, Arabic name, aliases), so that typing any
    of them finds it."""
    counts = dict(zip(summary["addressee_id"], summary["open_threads"]))
    arabic = i18n.current() == "ar"
    labels = {}
    for actor in dataset.actors.itertuples():
        # led by its short name (in Arabic, its Arabic name where it has one)
        short = (actor.name_ar if arabic and actor.name_ar else "") or actor.short_name or actor.name
        others = list(dict.fromkeys(n for n in (actor.short_name, actor.name, actor.name_ar, *actor.aliases)
                                    if n and n.casefold() != short.casefold()))
        isolated = [f"\u2068{name}\u2069" for name in others]  # an Arabic name keeps to its own place in the line
        n = counts.get(actor.actor_id, 0)
        lead = ngettext("{name} — {n} open", "{name} — {n} open", n).format(name=short, n=n)
        labels[actor.actor_id] = " · ".join([lead, *isolated])
    return labels


def addressee_menu(dataset: Dataset, summary: pd.DataFrame, wanted: str | None) -> Menu:
    """The addressees with open threads (``ledger_summary``'s order), opened at ``wanted`` (a
    ``?addressee=`` deep link; any actor, even one with nothing open) or at none."""
    labels = addressee_labels(dataset, summary)
    offered = {a: labels[a] for a in summary["addressee_id"] if a in labels}
    return menu(offered, labels, wanted, "addressee", first_by_default=False)


def answer(dataset: Dataset, ledger: pd.DataFrame, addressee_id: str, day: str) -> str:
    """The ledger's answer for one addressee in a sentence, as Markdown with the dataset's words escaped: how
    many asks are open on the ledger's day (``day``: ``threads.as_of_words``), and which has waited longest."""
    name = md_escape(actor_names(dataset, short=True).get(addressee_id, addressee_id))
    mine = asked_of(ledger, addressee_id)
    if mine.empty:
        return _("Nothing asked of **{name}** is open on {day}, among the threads these filters list.").format(
            name=name, day=md_escape(day))
    oldest = mine.iloc[0]
    return ngettext("**{n}** ask of **{name}** still open on {day}. Open longest: **{thread}**, asked of it since "
                    "{since}, {open_for}.",
                    "**{n}** asks of **{name}** still open on {day}. Open longest: **{thread}**, asked of it since "
                    "{since}, {open_for}.", len(mine)).format(
        n=len(mine), name=name, day=md_escape(day), thread=md_escape(oldest["thread"]),
        since=day_words(oldest["asked_since"]), open_for=oldest["open_for"])
