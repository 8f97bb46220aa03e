"""Events: the imported ACLED layer under the shared filters, as a table with downloads."""
import streamlit as st

from atlas import exports
from atlas.eventlayer import TABLE_ROWS, event_rows, table_view, totals
from atlas.filters import describe
from atlas.format import md_escape
from atlas.ui import (active_filters_caption, allowed_values, dataset_or_stop, event_layer, footer, layer_rows,
                      sidebar_filters)

st.set_page_config(page_title="Events · Syria Statement Atlas", page_icon="🗺️", layout="wide")
dataset = dataset_or_stop()
filters = sidebar_filters(dataset)
layer = event_layer()

st.title("ACLED events")
if layer is None:
    st.info("No ACLED export has been imported, so only the curated events are shown (Map and Timeline pages). "
            "To add ACLED's record as a second layer, download a Syria export from ACLED and run:")
    st.code("python -m atlas import-acled FILE.csv", language="bash")
    footer(dataset)
    st.stop()

rows = layer_rows(layer, dataset, filters)
manifest = layer.manifest
st.caption(active_filters_caption(filters, dataset) + " Issuer and demand-category filters apply to statements only.")
figures = totals(layer, rows)
cols = st.columns(3)
cols[0].metric("Events", f"{figures['events']:,}")
cols[1].metric("Reported fatalities", f"{figures['fatalities']:,}")
cols[2].metric("Places", f"{figures['sites']:,}")
st.caption("Source: Armed Conflict Location & Event Data Project ([ACLED](https://acleddata.com)). "
           + md_escape(f"Export {manifest['source_file']} (sha256 {manifest['source_sha256'][:12]}), imported "
                       f"{manifest['imported_at']}; events {manifest['date_min']} to {manifest['date_max']}."))

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
meta = exports.acled_provenance(filters, manifest, describe(filters, allowed_values(dataset)))
stem = exports.file_stem("acled-events", filters, manifest["source_sha256"][:8])
# Built only when clicked: a million rows take seconds, which no rerun should pay.
cols = st.columns(2)
cols[0].download_button("CSV (UTF-8)", lambda: exports.to_csv(event_rows(layer, rows, limit=None), meta),
                        file_name=f"{stem}.csv", mime="text/csv", width="stretch", on_click="ignore")
cols[1].download_button("JSON", lambda: exports.to_json({"events": event_rows(layer, rows, limit=None)}, meta),
                        file_name=f"{stem}.json", mime="application/json", width="stretch", on_click="ignore")
footer(dataset)
