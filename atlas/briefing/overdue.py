"""Overdue asks: the demands whose own words set a deadline that passed without their thread being met."""
from __future__ import annotations

from datetime import date

import pandas as pd

from atlas import i18n
from atlas.briefing import short_day
from atlas.dataset.loader import Dataset, actor_names
from atlas.dataset.values import ours, ours_titles
from atlas.i18n import _, ngettext
from atlas.views.threads import status_label, statuses

CLOSED = ("met", "superseded", "dropped")  # a thread in these no longer waits on its deadline
OVERDUE_COLUMNS = ["demand_id", "statement_id", "thread_id", "thread", "demand", "issuer", "asked_of", "deadline",
                   "deadline_text", "status", "overdue_since", "until", "days_overdue"]


def overdue(dataset: Dataset, as_of: date, demands: pd.DataFrame | None = None) -> pd.DataFrame:
    """The demands whose stated deadline had passed by ``as_of`` without their thread being met by then: due
    when, the words that set it, overdue since the day after, and for how long. A demand in no thread has no
    status on record, so a passed deadline leaves it overdue. Longest overdue first."""
    demands = dataset.demands_full if demands is None else demands
    if "deadline" not in demands:
        return pd.DataFrame(columns=OVERDUE_COLUMNS)
    due = demands[demands["deadline"].notna() & (demands["deadline"] < pd.Timestamp(as_of))]
    state = statuses(dataset, as_of)
    titles = ours_titles(dataset.threads, "thread_id")
    names = actor_names(dataset, short=True)
    rows = []
    for d in due.itertuples():
        status, since = state.get(d.thread_id, ("", pd.NaT)) if d.thread_id else ("", pd.NaT)
        closed = since.date() if status in CLOSED else None
        if closed is not None and since <= d.deadline:
            continue  # met, or overtaken, in time
        start = (d.deadline + pd.Timedelta(days=1)).date()  # met late: overdue until it was met
        rows.append({"demand_id": d.demand_id, "statement_id": d.statement_id, "thread_id": d.thread_id,
                     "thread": titles.get(d.thread_id, ""), "demand": ours(d.demand, getattr(d, "demand_ar", "")),
                     "issuer": " + ".join(names.get(a, a) for a in d.issuer_ids),
                     "asked_of": ", ".join(names.get(a, a) for a in d.addressee_ids),
                     "deadline": d.deadline.date(), "deadline_text": d.deadline_text,
                     "status": status_label(status) if status else _("No thread"), "overdue_since": start,
                     "until": closed, "days_overdue": ((closed or as_of) - start).days + 1})
    out = pd.DataFrame(rows, columns=OVERDUE_COLUMNS)
    return out.sort_values(["days_overdue", "demand_id"], ascending=[False, True]).reset_index(drop=True)


def overdue_note(row) -> str:
    """One overdue ask in plain words: "Due 1 Jun 2023 (“within a month”): <demand> Raised by …; asked of …;
    acknowledged; overdue 1,129 days" (and until when, if it was met late). ``row``: a row of ``overdue``."""
    days = int(row.days_overdue)
    words = dict(deadline=short_day(row.deadline), deadline_text=row.deadline_text, demand=row.demand,
                 issuer=row.issuer, asked_of=row.asked_of or _("no one named"), status=row.status.lower(),
                 n=i18n.count(days))
    if row.until:  # one form for any number in English, as written; Arabic has its own for each
        return ngettext("Due {deadline} (“{deadline_text}”): {demand} Raised by {issuer}; asked of {asked_of}; "
                        "{status}; overdue {n} days, until {until}",
                        "Due {deadline} (“{deadline_text}”): {demand} Raised by {issuer}; asked of {asked_of}; "
                        "{status}; overdue {n} days, until {until}", days).format(**words, until=short_day(row.until))
    return ngettext("Due {deadline} (“{deadline_text}”): {demand} Raised by {issuer}; asked of {asked_of}; "
                    "{status}; overdue {n} days",
                    "Due {deadline} (“{deadline_text}”): {demand} Raised by {issuer}; asked of {asked_of}; "
                    "{status}; overdue {n} days", days).format(**words)


def overdue_on_screen(table: pd.DataFrame, filters) -> pd.DataFrame:
    """``overdue``'s table as the Briefing page shows it: each with a link to its statement (the filters kept)."""
    from atlas.views.tables import record_link

    links = [record_link("Statements", "statement", s, filters, d)
             for s, d in zip(table["statement_id"], table["demand_id"])]
    return table.assign(statement=links)[["deadline", "demand", "deadline_text", "asked_of", "status",
                                          "overdue_since", "until", "days_overdue", "statement"]]
