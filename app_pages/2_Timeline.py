"""Timeline: events by type and statements by issuer over time."""
import streamlit as st

from atlas.acled.layer import period_counts
from atlas.filters import apply_filters
from atlas.ui import (
    active_filters_caption,
    dataset_or_stop,
    event_layer,
    follow_chart_selection,
    footer,
    layer_rows,
    show_clicked_items,
    sidebar_filters,
)
from atlas.views.timeline import event_counts_figure, timeline_figure

st.set_page_config(page_title="Timeline · Syria Statement Atlas", page_icon="🗺️", layout="wide")
dataset = dataset_or_stop()
filters = sidebar_filters(dataset)
filtered = apply_filters(dataset, filters)

st.title("Timeline")
st.caption(active_filters_caption(filters, dataset, ("events", "statements"))
           + " Drag across the chart to narrow the dates; double-click to undo; click a mark for its source. Hollow diamonds, their faint bars "
           "and dotted bars are approximate dates.")
charts = [timeline_figure(dataset, filtered)]
layer = event_layer()
if layer:
    charts.append(event_counts_figure(*period_counts(layer, layer_rows(layer, dataset, filters)),
                                      source=f"ACLED, {layer.manifest['source_file']}"))
for key, figure in zip(("timeline", "acled_timeline"), charts):
    event = st.plotly_chart(figure, key=key, on_select="rerun", selection_mode=("box", "points"), width="stretch",
                            config={"displaylogo": False})
    follow_chart_selection(key, event, dataset)
    show_clicked_items(dataset, event)
st.write(f"{len(filtered.events):,} curated events and {len(filtered.statements):,} statements.")
footer(dataset)
