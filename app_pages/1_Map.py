"""Map: the places the filtered statements, demands and events refer to."""
import streamlit as st

from atlas.acled.layer import map_layer
from atlas.dataset.values import md_escape
from atlas.filters import apply_filters
from atlas.i18n import _
from atlas.ui import (
    active_filters_caption,
    dataset_or_stop,
    download_buttons,
    event_layer,
    filters_without_sidebar,
    footer,
    layer_rows,
    map_language,
    plain_filters,
    presentation_header,
    presentation_mode,
    presentation_styles,
    set_place_filter,
    show_map,
    sidebar_filters,
)
from atlas.views.mapdata import briefing_map, map_downloads, map_points, place_references

present = presentation_mode()
st.set_page_config(page_title=_("Map · Syria Statement Atlas"), page_icon="🗺️", layout="wide",
                   initial_sidebar_state="collapsed" if present else "auto")
dataset = dataset_or_stop()
filters = filters_without_sidebar(dataset) if present else sidebar_filters(dataset)
filtered = apply_filters(dataset, filters)
references = place_references(dataset, filtered)
layer = event_layer()
points = map_points(dataset, filtered, references, layer)
layer_options, layer_note = map_layer(layer, layer_rows(layer, dataset, filters)) if layer else ({}, "")
words = plain_filters(filters, dataset)
height = 720 if present else 620  # in presentation mode the window's height wins (presentation_styles)

if present:
    presentation_styles()
    presentation_header(_("Syria Statement Atlas"), words)
else:
    st.title(_("Map"))
    st.caption(active_filters_caption(filters, dataset, ("statements", "demands", "events"))
               + " " + _("Click a place to filter every page to it."))
    if layer_note:
        st.caption(md_escape(layer_note))

fmap = briefing_map(dataset, references, points, height=height, large=present, labels_lang=map_language(),
                    **layer_options)
# in presentation mode a click opens the place's popup and changes nothing else: a briefing never loses its view
show_map(fmap, key="map", on_place=None if present else set_place_filter)

if not present:
    download_buttons(map_downloads(dataset, references, points, filters, words, layer_note, **layer_options))
    st.subheader(_("The same places as a table"))
    st.dataframe(
        references[["name", "name_ar", "place_type", "admin1", "statements", "demands", "events", "total",
                    "geo_precision"]],
        hide_index=True, width="stretch",
        column_config={"name": _("Place"), "name_ar": "الاسم", "place_type": _("Kind"), "admin1": _("Governorate"),
                       "statements": _("Statements"), "demands": _("Demands"), "events": _("Events"),
                       "total": _("References"), "geo_precision": st.column_config.NumberColumn(
                           _("Position"), help=_("1 exact, 2 near, 3 centre of a larger area"))},
    )
footer(dataset, large=present)
