"""Demands: the filterable table of demands by issuer, an overview, and downloads."""
import streamlit as st

from atlas.filters import apply_filters
from atlas.ui import active_filters_caption, choices, dataset_or_stop, download_buttons, footer, sidebar_filters
from atlas.views.exports import demand_downloads
from atlas.views.tables import LINK_TEXT, demands_on_screen, demands_table, issuer_category_overview

st.set_page_config(page_title="Demands · Syria Statement Atlas", page_icon="🗺️", layout="wide")
dataset = dataset_or_stop()
filters = sidebar_filters(dataset)
filtered = apply_filters(dataset, filters)
table = demands_table(dataset, filtered)

st.title("Demands")
st.caption(active_filters_caption(filters, dataset, ("demands",)))
st.write(f"**{len(table):,}** demands from **{filtered.demands['statement_id'].nunique():,}** statements.")

st.caption("Quotes are the issuer's own words unless marked as an outlet's paraphrase; Arabic quotes have a "
           "column of their own. Hover a cell to read it whole; a statement or thread opens on its own page, "
           "with these filters.")
st.dataframe(
    demands_on_screen(table, filters), hide_index=True, width="stretch", row_height=78,
    height=min(40 + 78 * max(len(table), 1), 640),
    column_config={
        "issuer": st.column_config.TextColumn("Issuer", width="medium", pinned=True,
                                              help="Short names; the full names are in 'Issued by' at the right"),
        "date": st.column_config.TextColumn("Date", width="medium"),
        "demand": st.column_config.TextColumn("Demand (our words)", width="large"),
        "quote": st.column_config.TextColumn("Quote", width="large"),
        "quote_ar": st.column_config.TextColumn("Quote (Arabic)", width="large", alignment="right"),
        "words_of": st.column_config.TextColumn("Words of", width="small"),
        "addressees": st.column_config.TextColumn("Addressed to", width="medium"),
        "category": st.column_config.TextColumn("Category", width="medium"),
        "thread": st.column_config.LinkColumn("Thread", width="medium", display_text=LINK_TEXT, alignment="left",
                                              help="The same ask followed across issuers and years: opens it on "
                                                   "the Threads page"),
        "speech_act": st.column_config.TextColumn("Speech act", width="small"),
        "places": st.column_config.TextColumn("Places", width="medium"),
        "statement": st.column_config.LinkColumn("Statement", width="large", display_text=LINK_TEXT, alignment="left",
                                                 help="Opens the statement on the Statements page"),
        "issuer_full": st.column_config.TextColumn("Issued by", width="large"),
        "source_url": st.column_config.LinkColumn("Source", display_text=r"https?://(?:www\.)?([^/]+)"),
    },
)

st.subheader("Demands by issuer and category")
overview = issuer_category_overview(table)
if overview.empty:
    st.info("No demands match these filters.")
else:
    st.dataframe(overview, width="stretch")

st.subheader("Download exactly these rows")
download_buttons(demand_downloads(dataset, filtered, table, choices(dataset)))
footer(dataset)
