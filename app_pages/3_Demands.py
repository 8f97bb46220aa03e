"""Demands: the filterable table of demands by issuer, an overview, and downloads."""
import streamlit as st

from atlas import i18n
from atlas.filters import apply_filters
from atlas.i18n import _
from atlas.ui import (active_filters_caption, choices, dataset_or_stop, download_buttons, download_headers, footer,
                      sidebar_filters)
from atlas.views.exports import demand_downloads
from atlas.views.tables import LINK_TEXT, demands_on_screen, demands_table, issuer_category_overview

st.set_page_config(page_title=_("Demands · Syria Statement Atlas"), page_icon="🗺️", layout="wide")
dataset = dataset_or_stop()
filters = sidebar_filters(dataset)
filtered = apply_filters(dataset, filters)
table = demands_table(dataset, filtered)
ALIGN = "right" if i18n.direction() == "rtl" else "left"  # links read from the start of the line

st.title(_("Demands"))
st.caption(active_filters_caption(filters, dataset, ("demands",)))
st.write(_("**{demands}** demands from **{statements}** statements.").format(
    demands=i18n.count(len(table)), statements=i18n.count(filtered.demands["statement_id"].nunique())))

st.caption(_("Quotes are the issuer's own words unless marked as an outlet's paraphrase; Arabic quotes have a column "
             "of their own. Hover a cell to read it whole; a statement or thread opens on its own page, with these "
             "filters."))
st.dataframe(
    demands_on_screen(table, filters), hide_index=True, width="stretch", row_height=78,
    height=min(40 + 78 * max(len(table), 1), 640),
    column_config={
        "issuer": st.column_config.TextColumn(_("Issuer"), width="medium", pinned=True,
                                              help=_("Short names; the full names are in 'Issued by' at the end")),
        "date": st.column_config.TextColumn(_("Date"), width="medium"),
        "demand": st.column_config.TextColumn(_("Demand (our words)"), width="large"),
        "quote": st.column_config.TextColumn(_("Quote"), width="large"),
        "quote_ar": st.column_config.TextColumn(_("Quote (Arabic)"), width="large", alignment="right"),
        "words_of": st.column_config.TextColumn(_("Words of"), width="small"),
        "addressees": st.column_config.TextColumn(_("Addressed to"), width="medium"),
        "category": st.column_config.TextColumn(_("Category"), width="medium"),
        "thread": st.column_config.LinkColumn(_("Thread"), width="medium", display_text=LINK_TEXT, alignment=ALIGN,
                                              help=_("The same ask followed across issuers and years: opens it on "
                                                     "the Threads page")),
        "speech_act": st.column_config.TextColumn(_("Speech act"), width="small"),
        "places": st.column_config.TextColumn(_("Places"), width="medium"),
        "statement": st.column_config.LinkColumn(_("Statement"), width="large", display_text=LINK_TEXT, alignment=ALIGN,
                                                 help=_("Opens the statement on the Statements page")),
        "issuer_full": st.column_config.TextColumn(_("Issued by"), width="large"),
        "source_url": st.column_config.LinkColumn(_("Source"), display_text=r"https?://(?:www\.)?([^/]+)"),
    },
)

st.subheader(_("Demands by issuer and category"))
overview = issuer_category_overview(table)
if overview.empty:
    st.info(_("No demands match these filters."))
else:
    st.dataframe(overview, width="stretch")

st.subheader(_("Download exactly these rows"))
download_buttons(demand_downloads(dataset, filtered, table, choices(dataset), download_headers()))
footer(dataset)
