"""Events: the imported ACLED layer under the shared filters, as a table with downloads; in a public
deployment (ATLAS_PUBLIC=1), as counts by place and by week or month and type only (ACLED's terms)."""
import streamlit as st

from atlas.acled.layer import TABLE_ROWS, count_tables, table_view, totals
from atlas.dataset.values import md_escape
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

st.set_page_config(page_title="Events · Syria Statement Atlas", page_icon="🗺️", layout="wide")
dataset = dataset_or_stop()
filters = sidebar_filters(dataset)
layer = event_layer()

st.title("ACLED events")
if layer is None:
    st.info("No ACLED export has been imported yet, so this page has nothing to show; the curated events are on "
            "the Map and Timeline pages.")
    st.markdown(
        "**What the ACLED layer adds.** ACLED codes every reported political violence and protest event with its "
        "date, place, actors and fatalities. Imported, its events are counted at each gazetteer place on the Map "
        "(a switchable layer under the curated places), per week or month on the Timeline, and listed here under "
        "the same date and place filters, with CSV, Excel and JSON downloads: so what a statement says can be set "
        "against what was happening where it speaks of.\n\n"
        "**How to import one.** Download a Syria export from ACLED's "
        "[Data Export Tool](https://acleddata.com/data-export-tool/) (an account is needed; CSV or Excel), then:")
    st.code("python -m atlas import-acled FILE.csv", language="bash")
    st.markdown("The import checks every row and says which rows it could not read and why; see the README's "
                "section on the ACLED layer for the options.")
    footer(dataset)
    st.stop()

rows = layer_rows(layer, dataset, filters)
st.caption(active_filters_caption(filters, dataset, ("events",))
           + " Issuer and demand-category filters apply to statements only.")
figures = totals(layer, rows)
cols = st.columns(3)
cols[0].metric("Events", f"{figures['events']:,}")
cols[1].metric("Reported fatalities", f"{figures['fatalities']:,}")
cols[2].metric("Places", f"{figures['sites']:,}")
st.caption("Source: Armed Conflict Location & Event Data Project ([ACLED](https://acleddata.com)). "
           + md_escape(acled_source_line(layer.manifest)))

if public_deployment():
    st.info("This deployment is public. ACLED's terms let it share counts of ACLED's events, not the events "
            "themselves: the tables and files here count them by place and by week or month and type. Import "
            "your own ACLED export into your own copy of the atlas to read each event.")
    unit, tables = count_tables(layer, rows)
    counts = tables["by_place"]
    st.subheader("Events by place")
    st.dataframe(counts.head(TABLE_ROWS).drop(columns=["lat", "lon"]), hide_index=True, width="stretch",
                 column_config={"place": "Place", "place_ar": "الاسم", "governorate_pcode": "Governorate (P-code)",
                                "events": "Events", "fatalities": "Reported fatalities"})
    if len(counts) > TABLE_ROWS:
        st.write(f"The busiest **{TABLE_ROWS:,}** of **{len(counts):,}** places; the downloads hold all of them.")
    st.subheader(f"Events by {unit} and type")
    st.dataframe(tables[f"by_{unit}"], hide_index=True, width="stretch",
                 column_config={"period": st.column_config.DateColumn(unit.capitalize())})
    st.subheader("Download these counts")
    download_buttons(event_count_downloads(layer, unit, tables, filters, choices(dataset)))
    footer(dataset)
    st.stop()

shown = table_view(layer, rows)
if len(rows) > TABLE_ROWS:
    st.write(f"The latest **{TABLE_ROWS:,}** of **{len(rows):,}** events (long notes cut short here); "
             "the downloads hold all of them, in full.")
st.dataframe(shown, hide_index=True, width="stretch", height=560, column_config={
    "event_id_cnty": st.column_config.TextColumn("ACLED id", width="small"),
    "event_date": st.column_config.DateColumn("Date", width="small"),
    "event_type": "Event type", "sub_event_type": "Sub-event type", "actor1": "Actor 1", "actor2": "Actor 2",
    "location": "Location", "admin1": "Governorate", "fatalities": st.column_config.NumberColumn("Fatalities"),
    "notes": st.column_config.TextColumn("Notes (ACLED)", width="large"), "source": "Sources",
})

st.subheader("Download exactly these events")
download_buttons(event_downloads(layer, rows, filters, choices(dataset)))
footer(dataset)
