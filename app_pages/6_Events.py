"""Events: the imported ACLED layer under the shared filters, as a table with downloads; in a public
deployment (ATLAS_PUBLIC=1), as counts by place and by week or month and type only (ACLED's terms)."""
import streamlit as st

from atlas import i18n
from atlas.acled.layer import TABLE_ROWS, count_tables, table_view, totals
from atlas.dataset.values import md_escape
from atlas.i18n import _
from atlas.ui import (
    active_filters_caption,
    choices,
    dataset_or_stop,
    download_buttons,
    event_layer,
    footer,
    layer_rows,
    public_deployment,
    sidebar_filters,
)
from atlas.views.exports import event_count_downloads, event_downloads
from atlas.views.provenance import acled_source_line
from atlas.views.timeline import event_type_name

st.set_page_config(page_title=_("Events · Syria Statement Atlas"), page_icon="🗺️", layout="wide")
dataset = dataset_or_stop()
filters = sidebar_filters(dataset)
layer = event_layer()

st.title(_("ACLED events"))
if layer is None:
    st.info(_("No ACLED export has been imported yet, so this page has nothing to show; the curated events are on the "
              "Map and Timeline pages."))
    st.markdown(
        _("**What the ACLED layer adds.** ACLED codes every reported political violence and protest event with its "
          "date, place, actors and fatalities. Imported, its events are counted at each gazetteer place on the Map "
          "(a switchable layer under the curated places), per week or month on the Timeline, and listed here under "
          "the same date and place filters, with CSV, Excel and JSON downloads: so what a statement says can be set "
          "against what was happening where it speaks of.") + "\n\n"
        + _("**How to import one.** Download a Syria export from ACLED's "
            "[Data Export Tool](https://acleddata.com/data-export-tool/) (an account is needed; CSV or Excel), then:"))
    st.code("python -m atlas import-acled FILE.csv", language="bash")
    st.markdown(_("The import checks every row and says which rows it could not read and why; see the README's "
                  "section on the ACLED layer for the options."))
    footer(dataset)
    st.stop()

rows = layer_rows(layer, dataset, filters)
st.caption(active_filters_caption(filters, dataset, ("events",)) + " "
           + _("Issuer and demand-category filters apply to statements only."))
figures = totals(layer, rows)
cols = st.columns(3)
cols[0].metric(_("Events"), i18n.count(figures["events"]))
cols[1].metric(_("Reported fatalities"), i18n.count(figures["fatalities"]))
cols[2].metric(_("Places"), i18n.count(figures["sites"]))
st.caption(_("Source: Armed Conflict Location & Event Data Project ([ACLED](https://acleddata.com)). {line}").format(
    line=md_escape(acled_source_line(layer.manifest))))
# in Arabic, the event types' columns headed by their Arabic names
type_headers = {} if i18n.current() == "en" else {t: event_type_name(t, dataset.schema) for t in layer.types}

if public_deployment():
    st.info(_("This deployment is public. ACLED's terms let it share counts of ACLED's events, not the events "
              "themselves: the tables and files here count them by place and by week or month and type. Import your "
              "own ACLED export into your own copy of the atlas to read each event."))
    unit, tables = count_tables(layer, rows)
    counts = tables["by_place"]
    st.subheader(_("Events by place"))
    st.dataframe(counts.head(TABLE_ROWS).drop(columns=["lat", "lon"]), hide_index=True, width="stretch",
                 column_config={"place": _("Place"), "place_ar": "الاسم",
                                "governorate_pcode": _("Governorate (P-code)"), "events": _("Events"),
                                "fatalities": _("Reported fatalities"), **type_headers})
    if len(counts) > TABLE_ROWS:
        st.write(_("The busiest **{shown}** of **{n}** places; the downloads hold all of them.").format(
            shown=i18n.count(TABLE_ROWS), n=i18n.count(len(counts))))
    by_unit = {"week": (_("Events by week and type"), _("Week")), "month": (_("Events by month and type"), _("Month"))}
    heading, period = by_unit.get(unit, (f"Events by {unit} and type", unit.capitalize()))
    st.subheader(heading)
    st.dataframe(tables[f"by_{unit}"], hide_index=True, width="stretch",
                 column_config={"period": st.column_config.DateColumn(period), **type_headers})
    st.subheader(_("Download these counts"))
    download_buttons(event_count_downloads(layer, unit, tables, filters, choices(dataset)))
    footer(dataset)
    st.stop()

shown = table_view(layer, rows)
if len(rows) > TABLE_ROWS:
    st.write(_("The latest **{shown}** of **{n}** events (long notes cut short here); the downloads hold all of them, "
               "in full.").format(shown=i18n.count(TABLE_ROWS), n=i18n.count(len(rows))))
st.dataframe(shown, hide_index=True, width="stretch", height=560, column_config={
    "event_id_cnty": st.column_config.TextColumn(_("ACLED id"), width="small"),
    "event_date": st.column_config.DateColumn(_("Date"), width="small"),
    "event_type": _("Event type"), "sub_event_type": _("Sub-event type"), "actor1": _("Actor 1"),
    "actor2": _("Actor 2"), "location": _("Location"), "admin1": _("Governorate"),
    "fatalities": st.column_config.NumberColumn(_("Fatalities")),
    "notes": st.column_config.TextColumn(_("Notes (ACLED)"), width="large"), "source": _("Sources"),
})

st.subheader(_("Download exactly these events"))
download_buttons(event_downloads(layer, rows, filters, choices(dataset)))
footer(dataset)
