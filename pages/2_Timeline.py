"""Timeline: events by type and statements by issuer over time."""
import streamlit as st

from atlas.eventlayer import period_counts
from atlas.filters import apply_filters
from atlas.timeline import event_counts_figure, selected_range, timeline_figure
from atlas.ui import (active_filters_caption, dataset_or_stop, event_layer, footer, layer_rows, set_date_filter,
                      sidebar_filters)

st.set_page_config(page_title="Timeline · Syria Statement Atlas", page_icon="🗺️", layout="wide")
dataset = dataset_or_stop()
filters = sidebar_filters(dataset)
filtered = apply_filters(dataset, filters)

st.title("Timeline")
st.caption(active_filters_caption(filters, dataset)
           + " Drag across the chart to narrow the dates. Hollow markers and dotted bars are approximate dates.")
charts = [timeline_figure(dataset, filtered)]
layer = event_layer()
if layer:
    charts.append(event_counts_figure(*period_counts(layer, layer_rows(layer, dataset, filters)),
                                      source=f"ACLED, {layer.manifest['source_file']}"))
for key, figure in zip(("timeline", "acled_timeline"), charts):
    event = st.plotly_chart(figure, key=key, on_select="rerun", selection_mode=("box",), width="stretch",
                            config={"displaylogo": False})
    span = selected_range(event.selection if event else None)
    if span and span != st.session_state.get(f"handled_{key}"):
        st.session_state[f"handled_{key}"] = span
        set_date_filter(span[0].date(), span[1].date())
        st.rerun()
st.write(f"{len(filtered.events):,} curated events and {len(filtered.statements):,} statements.")
footer(dataset)
