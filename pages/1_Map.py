"""Map: the places the filtered statements, demands and events refer to."""
import streamlit as st

from atlas.acled.layer import map_layer
from atlas.dataset.values import md_escape
from atlas.filters import apply_filters
from atlas.ui import (
    active_filters_caption,
    dataset_or_stop,
    download_buttons,
    event_layer,
    follow_map_click,
    footer,
    layer_rows,
    plain_filters,
    presentation_mode,
    presentation_styles,
    show_map,
    sidebar_filters,
)
from atlas.views.exports import Download
from atlas.views.mapdata import briefing_map, map_points, place_references, standalone_map

present = presentation_mode()
st.set_page_config(page_title="Map · Syria Statement Atlas", page_icon="🗺️", layout="wide",
                   initial_sidebar_state="collapsed" if present else "auto")
dataset = dataset_or_stop()
filters = sidebar_filters(dataset)
filtered = apply_filters(dataset, filters)
references = place_references(dataset, filtered)
points = map_points(dataset, filtered, references)
layer = event_layer()
layer_options, layer_note = map_layer(layer, layer_rows(layer, dataset, filters)) if layer else ({}, "")
height = 820 if present else 620

if present:
    presentation_styles()
    st.title("Syria Statement Atlas")
    st.subheader(active_filters_caption(filters, dataset))
else:
    st.title("Map")
    st.caption(active_filters_caption(filters, dataset) + " Click a place to filter every page to it.")
    if layer_note:
        st.caption(md_escape(layer_note))

clicked = show_map(briefing_map(references, points, height=height, **layer_options), key="map", height=height,
                   returned_objects=["last_object_clicked", "last_object_clicked_tooltip"])
follow_map_click(clicked, points + [s for s in layer_options.get("event_sites", []) if s["id"]], filters)

if not present:
    caption = ["Syria Statement Atlas", plain_filters(filters, dataset), f"Dataset version {dataset.version}" + (f", release {dataset.release}" if dataset.release else ""), layer_note]
    download_buttons([Download("Download map (HTML, works offline)",
                               lambda: standalone_map(references, points, caption, **layer_options),
                               "syria-atlas-map.html", "text/html")])
    st.subheader("The same places as a table")
    st.dataframe(
        references[["name", "name_ar", "place_type", "admin1", "statements", "demands", "events", "total",
                    "geo_precision"]],
        hide_index=True, width="stretch",
        column_config={"name": "Place", "name_ar": "الاسم", "place_type": "Kind", "admin1": "Governorate",
                       "statements": "Statements", "demands": "Demands", "events": "Events",
                       "total": "References", "geo_precision": st.column_config.NumberColumn(
                           "Position", help="1 exact, 2 near, 3 centre of a larger area")},
    )
footer(dataset, large=present)
