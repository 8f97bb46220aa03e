"""Overview: what the atlas holds, at a glance (the default page of dashboard.py)."""
import streamlit as st

from atlas.filters import apply_filters
from atlas.ui import active_filters_caption, dataset_or_stop, footer, show_map, sidebar_filters
from atlas.views.coverage import currency
from atlas.views.mapdata import briefing_map, map_points, place_references
from atlas.views.provenance import citation
from atlas.views.tables import statements_table

st.set_page_config(page_title="Syria Statement Atlas", page_icon="🗺️", layout="wide")
dataset = dataset_or_stop()
filters = sidebar_filters(dataset)
filtered = apply_filters(dataset, filters)

st.title("Syria Statement Atlas")
st.write("Political statements about Syria, the demands they make, the events they refer to "
         "and the places they name.")
st.caption(currency(dataset))
st.caption(active_filters_caption(filters, dataset, ("statements", "demands", "events")))

references = place_references(dataset, filtered)
cols = st.columns(4)
cols[0].metric("Statements", f"{len(filtered.statements):,}")
cols[1].metric("Demands", f"{len(filtered.demands):,}")
cols[2].metric("Events", f"{len(filtered.events):,}")
cols[3].metric("Places referred to", f"{len(references):,}")

st.subheader("Where")
points = map_points(dataset, filtered, references)
show_map(briefing_map(dataset, references, points, height=620), key="overview_map")
st.page_link("app_pages/1_Map.py", label="Open the full map")
left, right = st.columns([3, 1])
with left:
    st.subheader("Latest statements")
    latest = statements_table(dataset, filtered).head(8)
    st.dataframe(
        latest[["date", "issuers", "title", "source_url"]], hide_index=True, width="stretch",
        column_config={"date": st.column_config.TextColumn("Issued"), "issuers": "Issued by",
                       "title": st.column_config.TextColumn("Statement", width="large"),
                       "source_url": st.column_config.LinkColumn("Source", display_text=r"https?://(?:www\.)?([^/]+)")},
    )
with right:
    st.subheader("Go to")
    st.page_link("app_pages/3_Demands.py", label="What did they demand?")
    st.page_link("app_pages/4_Threads.py", label="Who kept asking, and what came of it?")
    st.page_link("app_pages/5_Statements.py", label="Read a statement")
    st.page_link("app_pages/2_Timeline.py", label="When did it happen?")
    st.page_link("app_pages/7_About.py", label="Method and sources")

st.subheader("Cite")
st.code(citation(dataset.version, dataset.release), language=None)
footer(dataset)
