"""Statements: each statement with its metadata, summary, places, events and demands. Deep link ?statement=<id>."""
import streamlit as st

from atlas.filters import apply_filters
from atlas.format import md_escape
from atlas.statement_view import statement_view
from atlas.ui import active_filters_caption, dataset_or_stop, footer, sidebar_filters

st.set_page_config(page_title="Statements · Syria Statement Atlas", page_icon="🗺️", layout="wide")
dataset = dataset_or_stop()
filters = sidebar_filters(dataset)
filtered = apply_filters(dataset, filters)

st.title("Statements")
st.caption(active_filters_caption(filters, dataset))
titles = dict(zip(filtered.statements.sort_values("date", ascending=False)["statement_id"],
                  filtered.statements.sort_values("date", ascending=False)["title"]))
wanted = st.query_params.get("statement")
if wanted and wanted not in set(dataset.statements["statement_id"]):
    st.warning(f"No statement with the id {md_escape(wanted[:60])}; showing the list instead.")
    wanted = None
if wanted and wanted not in titles:  # a deep link outside the current filters still opens
    titles = {wanted: dataset.statements.set_index("statement_id").at[wanted, "title"], **titles}
if not titles:
    st.info("No statement matches these filters.")
    footer(dataset)
    st.stop()
choice = st.selectbox("Statement", options=list(titles), format_func=titles.get,
                      index=list(titles).index(wanted) if wanted in titles else 0)
if st.query_params.get("statement") != choice:
    st.query_params["statement"] = choice
view = statement_view(dataset, choice)

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
                            "quote": st.column_config.TextColumn(width="large")})
left, right = st.columns(2)
left.subheader(f"Places named ({len(view.places)})")
left.dataframe(view.places, hide_index=True, width="stretch",
               column_config={"name": "Place", "name_ar": "الاسم", "surface": "As written", "count": "Times",
                              "admin1": "Governorate"})
right.subheader(f"Events referred to ({len(view.events)})")
right.dataframe(view.events, hide_index=True, width="stretch")
footer(dataset)
