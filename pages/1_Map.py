"""Map: the places the filtered statements, demands and events refer to."""
import streamlit as st
from streamlit_folium import st_folium

from atlas.filters import apply_filters
from atlas.format import md_escape
from atlas.mapdata import briefing_map, clicked_place, map_points, place_references
from atlas.eventlayer import map_layer
from atlas.ui import (active_filters_caption, dataset_or_stop, event_layer, footer, layer_rows, plain_filters,
                      presentation_mode, presentation_styles, set_place_filter, sidebar_filters)
from geo.offline import ensure_vendor, inline_assets

present = presentation_mode()
st.set_page_config(page_title="Map · Syria Statement Atlas", page_icon="🗺️", layout="wide",
                   initial_sidebar_state="collapsed" if present else "auto")
dataset = dataset_or_stop()
ensure_vendor()
filters = sidebar_filters(dataset)
filtered = apply_filters(dataset, filters)
references = place_references(dataset, filtered)
points = map_points(dataset, filtered, references)
layer = event_layer()
layer_options, layer_note = map_layer(layer, layer_rows(layer, dataset, filters)) if layer else ({}, "")
fmap = briefing_map(references, points, height=820 if present else 620, **layer_options)

if present:
    presentation_styles()
    st.title("Syria Statement Atlas")
    st.subheader(active_filters_caption(filters, dataset))
else:
    st.title("Map")
    st.caption(active_filters_caption(filters, dataset) + " Click a place to filter every page to it.")
    if layer_note:
        st.caption(md_escape(layer_note))

clicked = st_folium(fmap, key="map", height=820 if present else 620, use_container_width=True,
                    returned_objects=["last_object_clicked", "last_object_clicked_tooltip"])
click = (clicked or {}).get("last_object_clicked")
if click and click != st.session_state.get("handled_click"):
    st.session_state["handled_click"] = click
    clickable = points + [s for s in layer_options.get("event_sites", []) if s["id"]]
    place_id = clicked_place(clickable, clicked.get("last_object_clicked_tooltip"), click["lat"], click["lng"])
    if place_id and list(filters.places) != [place_id]:
        set_place_filter(place_id)
        st.rerun()

if not present:
    def saved_map() -> str:
        # the saved file fills its window and says what it shows; built only when the button is clicked
        saved = briefing_map(references, points, height="100%", **layer_options,
                             caption=["Syria Statement Atlas", plain_filters(filters, dataset),
                                      f"Dataset version {dataset.version}", layer_note])
        return inline_assets(saved.get_root().render())

    st.download_button("Download map (HTML, works offline)", saved_map, file_name="syria-atlas-map.html",
                       mime="text/html", on_click="ignore")
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
