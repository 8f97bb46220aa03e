"""What the dataset covers, in figures, for the About page; and how far the record reaches."""
from __future__ import annotations

from collections import Counter
from datetime import date

import pandas as pd

from atlas.dataset.loader import Dataset, actor_names
from atlas import i18n
from atlas.dataset.second_read import second_read
from atlas.i18n import N_, _, ngettext


def record_end(dataset: Dataset) -> date:
    """The record's last day: the latest day a statement was issued (a window's last day where the exact
    day is unknown). Counts of how long something has waited stop here, not today: the record says nothing
    of the days after it. A record with no statement ends today."""
    s = dataset.statements
    if s.empty:
        return date.today()
    return pd.concat([s["date"], s["date_end"]]).max().date()


def currency(dataset: Dataset) -> str:
    """How current the record is, in words: "Statements through July 2026 (from March 2011)"; every duration
    the pages show ends on the record's last day, which the line names too."""
    if dataset.statements.empty:
        return _("No statements yet.")
    first, last = dataset.statements["date"].min().date(), record_end(dataset)
    return _("Statements through {last_month} (from {first_month}); durations are counted to the record's last day, "
             "{last_day}, not to today.").format(last_month=i18n.month(last), first_month=i18n.month(first),
                                                 last_day=i18n.day(last))


def coverage(dataset: Dataset) -> pd.DataFrame:
    s, e = dataset.statements, dataset.events
    referred = set(dataset.mention_places["place_id"]) | {p for ids in e["place_ids"] for p in ids}
    places = dataset.places[dataset.places["place_id"].isin(referred)]
    issuers = {a for ids in s["issuer_ids"] for a in ids}
    months = statements_by_month(dataset)
    arabic = int((s["language"] == "ar").sum())
    count, short_day, month = i18n.count, _short_day, i18n.month
    span = _("{start} to {end}")
    names = actor_names(dataset)
    rows = [
        (_("Statements"), count(len(s)),
         span.format(start=short_day(s["date"].min()), end=short_day(s["date_end"].fillna(s["date"]).max()))
         if len(s) else "—"),
        (_("Months with a statement"), _("{n} of {total}").format(n=count(int((months > 0).sum())),
                                                                  total=count(len(months))),
         span.format(start=month(FIRST_MONTH.to_timestamp()), end=month(months.index[-1].to_timestamp()))
         if len(months) else "—"),
        (_("Read in Arabic"), count(arabic),
         _("{share} of the statements").format(share=i18n.percent(arabic / len(s))) if len(s) else "—"),
        (_("Issuers"), count(len(issuers)), _(", ").join(sorted(names.get(a, a) for a in issuers))),
        (_("Demands"), count(len(dataset.demands)),
         ngettext("{n} category", "{n} categories", dataset.demands["category"].nunique()).format(
             n=count(dataset.demands["category"].nunique()))),
        (_("Threads"), count(len(dataset.threads)),
         _("{demands} demands in one; {changes} dated status changes").format(
             demands=count(int((dataset.demands["thread_id"] != "").sum())), changes=count(len(dataset.thread_updates)))),
        (_("Events"), count(len(e)),
         span.format(start=short_day(e["date"].min()), end=short_day(e["date_end"].fillna(e["date"]).max()))
         if len(e) else "—"),
        (_("Places referred to"), count(len(places)),
         _("in {n} of 14 governorates").format(n=count(places["admin1_pcode"].nunique()))),
        (_("Gazetteer"), _("{n} curated places").format(n=count(len(dataset.places))),
         _("plus GeoNames' Syrian places for curation")),
        (_("Sources"), count(len(dataset.sources)), _("cited per event")),
    ]
    return pd.DataFrame(rows, columns=[_("what"), _("count"), _("detail")])


def _short_day(value) -> str:
    """"01 Mar 2011" as the table always wrote it; "1 آذار 2011" in Arabic."""
    return f"{value:%d %b %Y}" if i18n.current() == "en" else i18n.short_day(value)


FIRST_YEAR = 2011  # the uprising: the record should reach back this far
FIRST_MONTH = pd.Period("2011-03", "M")  # the first protests: every month from here should have a statement
THIN = 3  # fewer statements than this in a year is a gap worth naming
BUSY_FROM = pd.Period("2024-12", "M")  # since Assad's fall the record should hear this many a month
BUSY = 3
NOT_ISSUERS = {"collective"}  # kinds that are addressed, not heard


def statements_by_year(dataset: Dataset) -> pd.DataFrame:
    """Statements per year of issue (a window counts in the year it starts), by language and by kind of
    issuer (a joint statement counts once under each kind among its issuers)."""
    s = dataset.statements
    kinds = dict(zip(dataset.actors["actor_id"], dataset.actors["kind"].astype(str)))
    last = max(int(s["date"].dt.year.max()) if len(s) else FIRST_YEAR, FIRST_YEAR)
    rows = []
    for year in range(FIRST_YEAR, last + 1):
        part = s[s["date"].dt.year == year]
        row = {"year": year, "statements": len(part)}
        for language, n in part["language"].value_counts().items():
            row[f"in {language}"] = int(n)
        for ids in part["issuer_ids"]:
            for kind in {kinds.get(a, "") for a in ids}:
                row[kind] = row.get(kind, 0) + 1
        rows.append(row)
    return pd.DataFrame(rows).fillna(0).astype({"year": int}).set_index("year").astype(int)


def statements_by_month(dataset: Dataset) -> pd.Series:
    """Statements issued in each month from March 2011 to the record's last month (a window counts in the month
    it starts), months without any included."""
    s = dataset.statements
    if s.empty:
        return pd.Series(dtype=int)
    counts = s["date"].dt.to_period("M").value_counts()
    last = max(pd.Period(record_end(dataset), "M"), FIRST_MONTH)
    return counts.reindex(pd.period_range(FIRST_MONTH, last, freq="M"), fill_value=0).astype(int)


def by_year_headers(dataset: Dataset, table: pd.DataFrame) -> dict[str, str]:
    """Headers for ``statements_by_year``'s columns as the page shows them: each kind of issuer by its name
    ("Opposition political"), not its code."""
    kinds = dataset.schema.vocabularies.get("actor_kind", {})
    languages = {"ar": _("in Arabic"), "en": _("in English")}
    headers = {"statements": _("statements")}
    for column in table.columns:
        if column in kinds:
            headers[column] = dataset.schema.term("actor_kind", column)
        elif column.startswith("in ") and column[3:] in languages:
            headers[column] = languages[column[3:]]
    return headers


def gaps(dataset: Dataset, table: pd.DataFrame | None = None) -> list[str]:
    """What the record lacks, in words: thin years, and kinds of issuer heard in few years (``table``:
    ``statements_by_year``'s, when the caller has it already)."""
    table = statements_by_year(dataset) if table is None else table
    out = []
    thin = [f"{year} ({n})" for year, n in table["statements"].items() if n < THIN]
    if thin:
        out.append(_("Years with fewer than {n} statements: {years}.").format(n=THIN, years=", ".join(thin)))
    months = statements_by_month(dataset)
    empty = [_month_short(m) for m, n in months.items() if n == 0]
    if len(months):
        out.append(_("Months from {first} to {last} without a statement: {months}.").format(
            first=i18n.month(FIRST_MONTH.to_timestamp()), last=i18n.month(months.index[-1].to_timestamp()),
            months=", ".join(empty) if empty else _("none")))
    else:
        out.append(_("No statements yet."))
    few = [f"{_month_short(m)} ({n})" for m, n in months.items() if m >= BUSY_FROM and 0 < n < BUSY]
    if few:
        out.append(_("Months since {first} with fewer than {n} statements: {months}.").format(
            first=i18n.month(BUSY_FROM.to_timestamp()), n=BUSY, months=", ".join(few)))
    labels = dataset.schema.vocabularies.get("actor_kind", {})
    kinds = [k for k in labels if k not in NOT_ISSUERS]
    for kind in kinds:
        heard = table.index[table[kind] > 0] if kind in table.columns else []
        if len(heard) <= 2:
            name = (labels[kind].split(":")[0].split("(")[0].strip().rstrip(".") if i18n.current() == "en"
                    else dataset.schema.term("actor_kind", kind))
            if len(heard):
                out.append(ngettext("{name}: heard in {n} year only ({years}).",
                                    "{name}: heard in {n} years only ({years}).", len(heard)).format(
                    name=name, n=len(heard), years=", ".join(str(y) for y in heard)))
            else:
                out.append(_("Never heard: {name} ({kind}).").format(name=name, kind=kind))
    return out


def _month_short(period: pd.Period) -> str:
    return f"{period:%b %Y}" if i18n.current() == "en" else i18n.month(period.to_timestamp())


def second_reading(dataset: Dataset) -> pd.DataFrame:
    """For each kind of judgment, how much a second reader has checked against an independent source (as the
    validator counts it: a statement with its issuer, date and every quote), how much more was looked at without
    an independent source to be found, and what came of the checks:
    confirmed, corrected, kept (the curators' reason in the note) or still open."""
    def rows(frame: pd.DataFrame, *names: str) -> list[dict]:
        return frame[list(names)].astype(str).to_dict("records") if len(frame) else []
    readings = second_read(rows(dataset.checks, "table", "record_id", "aspect", "verdict", "resolution"),
                           rows(dataset.thread_updates, "update_id", "status"), rows(dataset.events, "event_id"),
                           rows(dataset.statements, "statement_id"),
                           rows(dataset.demands, "demand_id", "statement_id", "quote"))
    labels = {"thread status changes": _("Thread status changes"), "events": _("Events"),
              "statements": _("Statements (issuer, date, every quote)")}
    out = []
    for reading in readings:
        verdicts = Counter(c["verdict"] for c in reading.checks)
        resolutions = Counter(c["resolution"] for c in reading.checks)
        out.append({_("judgments"): labels[reading.label], _("second-read"): len(reading.read),
                    _("looked at, no independent source"): len(reading.tried - reading.read), _("of"): len(reading.ids),
                    _("checks"): len(reading.checks), _("confirmed"): verdicts["confirmed"],
                    _("corrected"): resolutions["corrected"], _("kept"): resolutions["kept"],
                    _("open"): resolutions["open"]})
    return pd.DataFrame(out)
