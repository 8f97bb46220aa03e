"""Overview page: what the atlas holds. `streamlit run dashboard.py`."""
import streamlit as st

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
st.dataframe(
    statements[["date", "date_end", "title", "publisher", "source_url"]],
    hide_index=True, width="stretch",
    column_config={
        "date": st.column_config.DateColumn("Issued (from)"),
        "date_end": st.column_config.DateColumn("Issued (to)"),
        "source_url": st.column_config.LinkColumn("Source"),
    },
)
footer(dataset)
