"""The baseline: the same features written the way tutorials write them.

One folium marker with a popup per event, a plotly scatter of every point, the
whole filtered frame handed to a table, ``st.cache_data`` around ``read_csv``,
and substring search with ``str.contains(regex=False)``. The benchmark measures
these functions and bench/naive_app.py, which is built from them.
"""
from __future__ import annotations

from datetime import date

import folium
import pandas as pd
import plotly.express as px


def load(path) -> pd.DataFrame:
    frame = pd.read_csv(path)
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    return frame


def filter_events(frame: pd.DataFrame, start: date | None, end: date | None, places: list[str],
                  actors: list[str], text: str) -> pd.DataFrame:
    out = frame
    if start:
        out = out[out["event_date"] >= pd.Timestamp(start)]
    if end:
        out = out[out["event_date"] <= pd.Timestamp(end)]
    if places:
        out = out[out["location"].isin(places)]
    if actors:
        out = out[out["actor1"].isin(actors) | out["actor2"].isin(actors)]
    if text:
        out = out[out["notes"].str.contains(text, case=False, regex=False)]
    return out


def build_map(frame: pd.DataFrame) -> folium.Map:
    fmap = folium.Map(location=[35.0, 38.5], zoom_start=6)
    for row in frame.itertuples():
        folium.Marker([row.latitude, row.longitude],
                      popup=folium.Popup(f"{row.event_date:%Y-%m-%d} {row.event_type}: {row.notes}")).add_to(fmap)
    return fmap


def timeline(frame: pd.DataFrame):
    return px.scatter(frame, x="event_date", y="event_type", color="event_type", hover_data=["location", "notes"])
