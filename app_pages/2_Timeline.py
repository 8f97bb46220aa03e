"""Timeline: events by type and statements by issuer over time."""
import streamlit as st

from atlas.acled.layer import period_counts
from atlas import i18n
from atlas.filters import apply_filters
from atlas.i18n import _
from atlas.ui import (
    active_filters_caption,
    dataset_or_stop,
    event_layer,
    footer,
    layer_rows,
    show_clicked_items,
    sidebar_filters,
    span_chart,
    undo_span,
)
from atlas.views.timeline import event_counts_figure, timeline_figure

st.set_page_config(page_title=_("Timeline · Syria Statement Atlas"), page_icon="🗺️", layout="wide")
dataset = dataset_or_stop()
filters = sidebar_filters(dataset)
filtered = apply_filters(dataset, filters)

st.title(_("Timeline"))
st.caption(active_filters_caption(filters, dataset, ("events", "statements")) + " "
           + _("Drag across a chart to narrow the dates; double-click it to undo. Click a mark for its source. "
               "Hollow diamonds, their faint bars and dotted bars are approximate dates."))
undo_span(dataset, filters)
charts = [timeline_figure(dataset, filtered)]
layer = event_layer()
if layer:
    charts.append(event_counts_figure(*period_counts(layer, layer_rows(layer, dataset, filters)),
                                      source=_("ACLED, {file}").format(file=layer.manifest["source_file"])))
for key, figure in zip(("timeline", "acled_timeline"), charts):
    show_clicked_items(dataset, span_chart(figure, key), key)
st.write(_("{events} curated events and {statements} statements.").format(
    events=i18n.count(len(filtered.events)), statements=i18n.count(len(filtered.statements))))
footer(dataset)
