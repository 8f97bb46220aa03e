"""Overview page: what the atlas holds. `streamlit run dashboard.py`."""
import streamlit as st

from atlas.format import date_label
from atlas.ui import dataset_or_stop, footer

st.set_page_config(page_title="Syria Statement Atlas", page_icon="🗺️", layout="wide")
st.title("Syria Statement Atlas")
st.write("Political statements about Syria, the demands they make, the events they refer to "
         "and the places they name.")

dataset = dataset_or_stop()
cols = st.columns(4)
cols[0].metric("Statements", len(dataset.statements))
cols[1].metric("Demands", len(dataset.demands))
cols[2].metric("Events", len(dataset.events))
cols[3].metric("Places referred to", dataset.mention_places["place_id"].nunique())

st.subheader("Statements")
statements = dataset.statements.sort_values("date", ascending=False)
statements["issued"] = [date_label(r.date, r.date_end, r.time_precision) for r in statements.itertuples()]
st.dataframe(
    statements[["issued", "title", "publisher", "source_url"]],
    hide_index=True, width="stretch",
    column_config={
        "issued": st.column_config.TextColumn("Issued", width="medium"),
        "title": st.column_config.TextColumn("Statement", width="large"),
        "publisher": st.column_config.TextColumn("Published by"),
        "source_url": st.column_config.LinkColumn("Source", display_text=r"https?://(?:www\.)?([^/]+)"),
    },
)
footer(dataset)
