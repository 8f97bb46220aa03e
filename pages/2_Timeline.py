"""Timeline: events by type and statements by issuer over time."""
import streamlit as st

from atlas.filters import apply_filters
from atlas.timeline import selected_range, timeline_figure
from atlas.ui import active_filters_caption, dataset_or_stop, footer, set_date_filter, sidebar_filters

st.set_page_config(page_title="Timeline · Syria Statement Atlas", page_icon="🗺️", layout="wide")
dataset = dataset_or_stop()
filters = sidebar_filters(dataset)
filtered = apply_filters(dataset, filters)

st.title("Timeline")
st.caption(active_filters_caption(filters, dataset)
           + " Drag across the chart to narrow the dates. Hollow markers and dotted bars are approximate dates.")
event = st.plotly_chart(timeline_figure(dataset, filtered), key="timeline", on_select="rerun",
                        selection_mode=("box",), width="stretch", config={"displaylogo": False})
span = selected_range(event.selection if event else None)
if span and span != st.session_state.get("handled_span"):
    st.session_state["handled_span"] = span
    set_date_filter(span[0].date(), span[1].date())
    st.rerun()
st.write(f"{len(filtered.events):,} events and {len(filtered.statements):,} statements.")
footer(dataset)
