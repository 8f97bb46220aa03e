"""Statements: each statement with its metadata, summary, places, events and demands. Deep link ?statement=<id>."""
import streamlit as st

from atlas.dataset.values import md_escape
from atlas.filters import apply_filters
from atlas.ui import active_filters_caption, dataset_or_stop, event_layer, footer, pick_record, sidebar_filters
from atlas.views.statement import WINDOW_DAYS, acled_around, statement_menu, statement_view
from atlas.views.timeline import around_figure

st.set_page_config(page_title="Statements · Syria Statement Atlas", page_icon="🗺️", layout="wide")
dataset = dataset_or_stop()
filters = sidebar_filters(dataset)
filtered = apply_filters(dataset, filters)

st.title("Statements")
st.caption(active_filters_caption(filters, dataset, ("statements",)))
choice = pick_record(statement_menu(filtered, dataset, st.query_params.get("statement")), "Statement", "statement")
if choice is None:
    st.info("No statement matches these filters.")
    footer(dataset)
    st.stop()
view = statement_view(dataset, choice, filters)

st.subheader(md_escape(view.title))
cols = st.columns([2, 2, 1])
cols[0].markdown(f"**Issued:** {md_escape(view.when)}  \n**By:** {md_escape(view.issuers)}")
cols[1].markdown(f"**Published by:** {md_escape(view.publisher or '—')}  \n**Language:** {md_escape(view.language)}")
if view.source_url.startswith(("http://", "https://")):
    cols[2].link_button("Read the source", view.source_url)
st.subheader("Summary (our words)")
st.write(md_escape(view.summary))
if view.notes:
    with st.expander("Curation notes: how the date and facts were checked"):
        st.write(md_escape(view.notes))
st.subheader(f"Demands ({len(view.demands)})")
st.dataframe(view.demands, hide_index=True, width="stretch",
             column_config={"demand": st.column_config.TextColumn(width="large"),
                            "quote": st.column_config.TextColumn(width="large"),
                            "quote (Arabic)": st.column_config.TextColumn(width="large", alignment="right"),
                            "thread": st.column_config.TextColumn("thread (the same ask across issuers)"),
                            "thread_link": st.column_config.LinkColumn("follow it", display_text="Open the thread")})
left, right = st.columns(2)
left.subheader(f"Places named ({len(view.places)})")
left.dataframe(view.places, hide_index=True, width="stretch",
               column_config={"name": "Place", "name_ar": "الاسم", "surface": "As written", "count": "Times",
                              "admin1": "Governorate"})
right.subheader(f"Events referred to ({len(view.events)})")
right.dataframe(view.events, hide_index=True, width="stretch")

layer = event_layer()
if layer:
    st.subheader("ACLED events at these places, before and after")
    window = st.number_input("Days before and after the statement", min_value=1, max_value=365, value=WINDOW_DAYS,
                             step=1, key="acled_window")
    found = acled_around(dataset, layer, choice, int(window))
    if found is None:
        st.info("This statement names no place, so no ACLED event can be set against it.")
    else:
        around, link = found
        cols = st.columns(3)
        cols[0].metric(f"In the {around.window} days before", f"{around.before:,}")
        cols[1].metric("On the day", f"{around.during:,}")
        cols[2].metric(f"In the {around.window} days after", f"{around.after:,}")
        if len(around.rows):
            st.dataframe(around.by_type, hide_index=True, width="stretch")
            st.plotly_chart(around_figure(around.by_week, f"ACLED, {layer.manifest['source_file']}"),
                            width="stretch", config={"displaylogo": False})
            st.markdown(f"[Open these {len(around.rows):,} events on the Events page]({link})")
        st.caption("At the places the statement names (a governorate: anywhere in it). Source: Armed Conflict "
                   "Location & Event Data Project ([ACLED](https://acleddata.com)).")
footer(dataset)
