"""What the dataset covers, in figures, for the About page."""
from __future__ import annotations

import pandas as pd

from atlas.dataset.loader import Dataset


def coverage(dataset: Dataset) -> pd.DataFrame:
    s, e = dataset.statements, dataset.events
    referred = set(dataset.mention_places["place_id"]) | {p for ids in e["place_ids"] for p in ids}
    places = dataset.places[dataset.places["place_id"].isin(referred)]
    issuers = {a for ids in s["issuer_ids"] for a in ids}
    rows = [
        ("Statements", f"{len(s):,}",
         f"{s['date'].min():%d %b %Y} to {s['date_end'].fillna(s['date']).max():%d %b %Y}" if len(s) else "—"),
        ("Issuers", f"{len(issuers):,}", ", ".join(sorted(dataset.actors.set_index('actor_id').loc[list(issuers), 'name']))),
        ("Demands", f"{len(dataset.demands):,}", f"{dataset.demands['category'].nunique()} categories"),
        ("Events", f"{len(e):,}", f"{e['date'].min():%d %b %Y} to {e['date_end'].fillna(e['date']).max():%d %b %Y}" if len(e) else "—"),
        ("Places referred to", f"{len(places):,}", f"in {places['admin1_pcode'].nunique()} of 14 governorates"),
        ("Gazetteer", f"{len(dataset.places):,} curated places", "plus GeoNames' Syrian places for curation"),
        ("Sources", f"{len(dataset.sources):,}", "cited per event"),
    ]
    return pd.DataFrame(rows, columns=["what", "count", "detail"])
