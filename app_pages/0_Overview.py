"""Overview: what the atlas holds, at a glance (the default page of dashboard.py)."""
import streamlit as st

from atlas import i18n
from atlas.filters import apply_filters
from atlas.i18n import _
from atlas.ui import active_filters_caption, dataset_or_stop, footer, map_language, show_map, sidebar_filters
from atlas.views.coverage import currency
from atlas.views.mapdata import briefing_map, map_points, place_references
from atlas.views.provenance import citation
from atlas.views.tables import statements_table

st.set_page_config(page_title=_("Syria Statement Atlas"), page_icon="🗺️", layout="wide")
dataset = dataset_or_stop()
filters = sidebar_filters(dataset)
filtered = apply_filters(dataset, filters)

st.title(_("Syria Statement Atlas"))
st.write(_("Political statements about Syria, the demands they make, the events they refer to and the places they "
           "name."))
st.caption(currency(dataset))
st.caption(active_filters_caption(filters, dataset, ("statements", "demands", "events")))

references = place_references(dataset, filtered)
cols = st.columns(4)
cols[0].metric(_("Statements"), i18n.count(len(filtered.statements)))
cols[1].metric(_("Demands"), i18n.count(len(filtered.demands)))
cols[2].metric(_("Events"), i18n.count(len(filtered.events)))
cols[3].metric(_("Places referred to"), i18n.count(len(references)))

st.subheader(_("Where"))
points = map_points(dataset, filtered, references)
show_map(briefing_map(dataset, references, points, height=620, labels_lang=map_language()), key="overview_map")
st.page_link("app_pages/1_Map.py", label=_("Open the full map"))
left, right = st.columns([3, 1])
with left:
    st.subheader(_("Latest statements"))
    latest = statements_table(dataset, filtered).head(8)
    st.dataframe(
        latest[["date", "issuers", "title", "source_url"]], hide_index=True, width="stretch",
        column_config={"date": st.column_config.TextColumn(_("Issued")), "issuers": _("Issued by"),
                       "title": st.column_config.TextColumn(_("Statement"), width="large"),
                       "source_url": st.column_config.LinkColumn(_("Source"),
                                                                 display_text=r"https?://(?:www\.)?([^/]+)")},
    )
with right:
    st.subheader(_("Go to"))
    st.page_link("app_pages/3_Demands.py", label=_("What did they demand?"))
    st.page_link("app_pages/4_Threads.py", label=_("Who kept asking, and what came of it?"))
    st.page_link("app_pages/5_Statements.py", label=_("Read a statement"))
    st.page_link("app_pages/2_Timeline.py", label=_("When did it happen?"))
    st.page_link("app_pages/7_About.py", label=_("Method and sources"))

st.subheader(_("Cite"))
st.code(citation(dataset.version, dataset.release), language=None)
footer(dataset)
