"""About: method, data dictionary, coverage, sources and licences, version and citation."""
import streamlit as st

from atlas import i18n
from atlas.dataset.datadoc import render_dictionary
from atlas.i18n import _, ngettext
from atlas.dataset.values import md_escape
from atlas.ui import dataset_or_stop, footer, sidebar_filters
from atlas.views.coverage import by_year_headers, coverage, currency, gaps, second_reading, statements_by_year
from atlas.views.provenance import citation

st.set_page_config(page_title=_("About · Syria Statement Atlas"), page_icon="🗺️", layout="wide")
dataset = dataset_or_stop()
sidebar_filters(dataset)  # kept on every page, so they persist and stay in the URL

st.title(_("About the Syria Statement Atlas"))
st.markdown(_("""
The atlas links **statements** about Syria to the **demands** they make, the **events** they refer to and the
**places** they name. Each demand carries the short quote that makes it, its speech act (appeal, demand, warning,
condemnation, rejection, commitment) with its CAMEO root code, a category and its addressees. Events use ACLED's
event types and time precision; places carry ACLED-style geo precision and English and Arabic names.

**Method.** Curators read each statement, record its issuers and date (or, when undated, the window it can have been
issued in, with the reasoning), code every ask as its own demand with the verbatim words that carry it, resolve every
place named to the gazetteer, and verify every event against public sources cited per event. Nothing is guessed: an
approximate date or position is marked as approximate, and a statement's claim that differs from the verified fact is
kept in a note beside the verified value.

**Threads.** Curators group the demands that make the same ask into a thread, and record each change in what
became of it (acknowledged, partly met, met, rejected, dropped, superseded) with its date, the events, statements
or sources that show it, and who judged it. Whether an ask was met is a judgement, and is kept as one.
"""))

st.subheader(_("Second reading"))
st.markdown(_("Every judgment is read again by a reader who did not write it, against a public source independent of "
              "the one the record cites; the check is kept as data (`checks.csv`: who, when, the verdict, the "
              "source), and a disagreement is settled as a correction with its reason, or the row is kept with the "
              "reason why."))
st.dataframe(second_reading(dataset), hide_index=True, width="stretch")

st.subheader(_("Coverage"))
st.markdown(md_escape(currency(dataset)))
st.dataframe(coverage(dataset), hide_index=True, width="stretch")
st.subheader(_("Statements per year, by language and by kind of issuer"))
by_year = statements_by_year(dataset)
st.dataframe(by_year.rename_axis(index=_("year")), width="stretch", column_config=by_year_headers(dataset, by_year))
missing = gaps(dataset, by_year)
if missing:
    st.markdown(_("**Gaps.** {gaps}").format(gaps=" ".join(md_escape(line) for line in missing)))

st.subheader(_("Version and citation"))
st.markdown(_("Dataset version **{version}**: the date of the latest statement and a short fingerprint of the data "
              "files, so any change to the data changes the version.").format(version=md_escape(dataset.version)))
st.code(citation(dataset.version, dataset.release), language=None)

st.subheader(_("Releases and corrections"))
st.markdown(_("Every change to a value already published is recorded with its old value, its reason and what shows "
              "it, so a figure cited from an earlier release can be traced."))
if i18n.current() != "en":
    st.caption(_("The releases' summaries and the corrections' reasons are kept in English only."))
if len(dataset.releases):
    st.dataframe(dataset.releases.sort_values("date", ascending=False), hide_index=True, width="stretch")
if len(dataset.corrections):
    with st.expander(ngettext("{n} correction", "{n} corrections", len(dataset.corrections)).format(
            n=i18n.count(len(dataset.corrections))), expanded=False):
        st.dataframe(dataset.corrections, hide_index=True, width="stretch")

st.subheader(_("Sources and licences"))
st.markdown(_("""
- **Dataset** (summaries, coding, curation): CC BY 4.0. Quotes are short extracts of the cited statements and
  reports; their copyright stays with their authors.
- **Places**: localities, names and coordinates from [Who's On First](https://whosonfirst.org/) (CC0), whose names
  and ids come from [GeoNames](https://www.geonames.org/) (CC BY 4.0); districts and sub-districts with OCHA's
  P-codes from [OpenSyria](https://github.com/Open-Syria/data-geography) (CC BY 4.0, from OCHA COD-AB); a few
  places curated by hand, each with the source of its coordinates.
- **Governorate boundaries**: [Natural Earth](https://www.naturalearthdata.com/) admin-1 (public domain); ISO
  3166-2 codes.
- **Typologies**: ACLED event types and sub-event types; CAMEO root codes for speech acts.
- **Map software**: Leaflet (BSD-2-Clause), served by the app itself so maps work offline.
"""))

with st.expander(_("Data dictionary") if i18n.current() == "en" else _("Data dictionary (in English only)"),
                 expanded=False):
    st.markdown(render_dictionary(dataset.schema))
footer(dataset)
