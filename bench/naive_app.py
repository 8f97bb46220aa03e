"""The baseline app for the benchmark (see bench/naive.py): one page, everything recomputed on each run."""
import os

import streamlit as st
from streamlit_folium import st_folium

from bench import naive


@st.cache_data
def load(path: str):
    return naive.load(path)


frame = load(os.environ["BENCH_CSV"])
dates = st.sidebar.date_input("Dates", (frame["event_date"].min().date(), frame["event_date"].max().date()),
                              key="f_dates")
places = st.sidebar.multiselect("Places", sorted(frame["location"].unique()), key="f_places")
actors = st.sidebar.multiselect("Actors", sorted(set(frame["actor1"]) | set(frame["actor2"].dropna())), key="f_actors")
text = st.sidebar.text_input("Search", key="f_q")
start, end = (dates[0], dates[-1]) if dates else (None, None)
shown = naive.filter_events(frame, start, end, places, actors, text)
st.write(f"{len(shown):,} events")
st_folium(naive.build_map(shown), height=600, key="map")
st.plotly_chart(naive.timeline(shown))
st.dataframe(shown)
