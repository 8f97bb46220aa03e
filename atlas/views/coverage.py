"""What the dataset covers, in figures, for the About page; and how far the record reaches."""
from __future__ import annotations

from collections import Counter
from datetime import date

import pandas as pd

from atlas.dataset.loader import Dataset
from atlas.dataset.second_read import second_read


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
        return "No statements yet."
    first, last = dataset.statements["date"].min().date(), record_end(dataset)
    return (f"Statements through {last:%B %Y} (from {first:%B %Y}); durations are counted to the record's last day, "
            f"{last.day} {last:%B %Y}, not to today.")


def coverage(dataset: Dataset) -> pd.DataFrame:
    s, e = dataset.statements, dataset.events
    referred = set(dataset.mention_places["place_id"]) | {p for ids in e["place_ids"] for p in ids}
    places = dataset.places[dataset.places["place_id"].isin(referred)]
    issuers = {a for ids in s["issuer_ids"] for a in ids}
    months = statements_by_month(dataset)
    arabic = int((s["language"] == "ar").sum())
    rows = [
        ("Statements", f"{len(s):,}",
         f"{s['date'].min():%d %b %Y} to {s['date_end'].fillna(s['date']).max():%d %b %Y}" if len(s) else "—"),
        ("Months with a statement", f"{int((months > 0).sum()):,} of {len(months):,}",
         f"{FIRST_MONTH:%B %Y} to {months.index[-1]:%B %Y}" if len(months) else "—"),
        ("Read in Arabic", f"{arabic:,}", f"{arabic / len(s):.0%} of the statements" if len(s) else "—"),
        ("Issuers", f"{len(issuers):,}", ", ".join(sorted(dataset.actors.set_index('actor_id').loc[list(issuers), 'name']))),
        ("Demands", f"{len(dataset.demands):,}", f"{dataset.demands['category'].nunique()} categories"),
        ("Threads", f"{len(dataset.threads):,}",
         f"{int((dataset.demands['thread_id'] != '').sum()):,} demands in one; "
         f"{len(dataset.thread_updates):,} dated status changes"),
        ("Events", f"{len(e):,}", f"{e['date'].min():%d %b %Y} to {e['date_end'].fillna(e['date']).max():%d %b %Y}" if len(e) else "—"),
        ("Places referred to", f"{len(places):,}", f"in {places['admin1_pcode'].nunique()} of 14 governorates"),
        ("Gazetteer", f"{len(dataset.places):,} curated places", "plus GeoNames' Syrian places for curation"),
        ("Sources", f"{len(dataset.sources):,}", "cited per event"),
    ]
    return pd.DataFrame(rows, columns=["what", "count", "detail"])


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
    return {c: dataset.schema.term("actor_kind", c) for c in table.columns if c in kinds}


def gaps(dataset: Dataset, table: pd.DataFrame | None = None) -> list[str]:
    """What the record lacks, in words: thin years, and kinds of issuer heard in few years (``table``:
    ``statements_by_year``'s, when the caller has it already)."""
    table = statements_by_year(dataset) if table is None else table
    out = []
    thin = [f"{year} ({n})" for year, n in table["statements"].items() if n < THIN]
    if thin:
        out.append(f"Years with fewer than {THIN} statements: " + ", ".join(thin) + ".")
    months = statements_by_month(dataset)
    empty = [f"{m:%b %Y}" for m, n in months.items() if n == 0]
    out.append(f"Months from {FIRST_MONTH:%B %Y} to {months.index[-1]:%B %Y} without a statement: "
               + (", ".join(empty) if empty else "none") + "." if len(months) else "No statements yet.")
    few = [f"{m:%b %Y} ({n})" for m, n in months.items() if m >= BUSY_FROM and 0 < n < BUSY]
    if few:
        out.append(f"Months since {BUSY_FROM:%B %Y} with fewer than {BUSY} statements: " + ", ".join(few) + ".")
    labels = dataset.schema.vocabularies.get("actor_kind", {})
    kinds = [k for k in labels if k not in NOT_ISSUERS]
    for kind in kinds:
        heard = table.index[table[kind] > 0] if kind in table.columns else []
        if len(heard) <= 2:
            name = labels[kind].split(":")[0].split("(")[0].strip().rstrip(".")
            if len(heard):
                out.append(f"{name}: heard in {len(heard)} year(s) only ({', '.join(str(y) for y in heard)}).")
            else:
                out.append(f"Never heard: {name} ({kind}).")
    return out


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
    labels = {"thread status changes": "Thread status changes", "events": "Events",
              "statements": "Statements (issuer, date, every quote)"}
    out = []
    for reading in readings:
        verdicts = Counter(c["verdict"] for c in reading.checks)
        resolutions = Counter(c["resolution"] for c in reading.checks)
        out.append({"judgments": labels[reading.label], "second-read": len(reading.read),
                    "looked at, no independent source": len(reading.tried - reading.read), "of": len(reading.ids),
                    "checks": len(reading.checks), "confirmed": verdicts["confirmed"],
                    "corrected": resolutions["corrected"], "kept": resolutions["kept"], "open": resolutions["open"]})
    return pd.DataFrame(out)
