"""Threads: the same ask followed across issuers and years, and what became of it. Deep link ?thread=<id>."""
import streamlit as st

from atlas.dataset.values import md_escape
from atlas.filters import apply_filters
from atlas.ui import (
    active_filters_caption,
    choices,
    dataset_or_stop,
    download_buttons,
    first_time,
    footer,
    map_language,
    pick_record,
    show_map,
    sidebar_filters,
)
from atlas.views.exports import thread_downloads
from atlas.views.mapdata import briefing_map, map_points, place_references
from atlas.views.threads import (
    addressee_ledger,
    as_of_day,
    ledger_summary,
    record_years,
    status_label,
    thread_figure,
    thread_list,
    thread_menu,
    thread_view,
)

st.set_page_config(page_title="Threads · Syria Statement Atlas", page_icon="🗺️", layout="wide")
dataset = dataset_or_stop()
filters = sidebar_filters(dataset)
filtered = apply_filters(dataset, filters)

st.title("Threads")
st.caption(active_filters_caption(filters, dataset) + " A thread is one ask followed across issuers and years; "
           "whether it was met is our judgement, and each status names its evidence and who judged it.")
if dataset.threads.empty:
    st.info("This dataset codes no threads yet.")
    footer(dataset)
    st.stop()

listed = thread_list(dataset, filtered)
threaded = int((filtered.demands["thread_id"] != "").sum())
as_of = as_of_day(filters)
st.write(f"**{len(listed):,}** threads raised by **{threaded:,}** of the **{len(filtered.demands):,}** demands "
         f"that match; status as of {as_of:%-d %b %Y}.")
if listed.empty:
    st.info("No demand in a thread matches these filters.")
else:
    years = record_years(dataset)
    picked = st.dataframe(
        listed.drop(columns=["thread_id", "status_since"]), hide_index=True, width="stretch", key="thread_list",
        on_select="rerun", selection_mode="single-row",
        column_config={
            "title": st.column_config.TextColumn("Thread (the ask, our words)", width="large"),
            "category": st.column_config.TextColumn("Category"),
            "status": st.column_config.TextColumn("Status", help="The latest status change on record by then"),
            "demands": st.column_config.NumberColumn("Times raised"),
            "issuers": st.column_config.NumberColumn("Issuers", help="How many issuers raised it"),
            "first": st.column_config.TextColumn("First raised"), "last": st.column_config.TextColumn("Last raised"),
            "per_year": st.column_config.BarChartColumn(f"Raised per year, {years[0]}–{years[-1]}", y_min=0),
        })
    rows = picked.selection.rows if picked else []
    if rows and first_time("handled_thread_row", listed.at[rows[0], "thread_id"]):
        st.query_params["thread"] = listed.at[rows[0], "thread_id"]
    st.caption("Pick a row to open its thread below. The files hold these threads, their status changes up to "
               "that day and the matching demands in them.")
    download_buttons(thread_downloads(dataset, filtered, listed, choices(dataset), as_of))

menu = thread_menu(listed, dataset, st.query_params.get("thread"))
if menu.titles:
    st.divider()
choice = pick_record(menu, "Thread", "thread")
if choice:
    view = thread_view(dataset, choice)
    st.subheader(md_escape(view.title))
    since = f" since {view.status_since}" if view.status_since else ""
    st.markdown(f"**Status:** {status_label(view.status)}{since}  \n**Category:** {md_escape(view.category)}  \n"
                f"**Asked of:** {md_escape(view.addressees or '—')}  \n**Places:** {md_escape(view.places or '—')}")
    st.write(md_escape(view.description))
    st.caption("The whole thread, whatever the filters.")
    st.plotly_chart(thread_figure(view.timeline), width="stretch", config={"displaylogo": False})
    st.subheader(f"Who raised it ({len(view.raised_by)})")
    st.dataframe(view.raised_by, hide_index=True, width="stretch", column_config={
        "role": st.column_config.TextColumn("", help="first: the earliest on record; repeated: raised again"),
        "demand": st.column_config.TextColumn("Demand (our words)", width="large"),
        "quote": st.column_config.TextColumn("Quote", width="large"),
        "statement_link": st.column_config.LinkColumn("Statement", display_text="Open"),
        "source_url": st.column_config.LinkColumn("Source", display_text=r"https?://(?:www\.)?([^/]+)")})
    st.subheader(f"What became of it ({len(view.updates)} status changes)")
    if view.updates.empty:
        st.info("No status change recorded: it stands as raised.")
    else:
        st.dataframe(view.updates, hide_index=True, width="stretch", column_config={
            "why": st.column_config.TextColumn("Why (our judgement)", width="large"),
            "evidence": st.column_config.TextColumn("Evidence", width="large"),
            "judged_by": st.column_config.TextColumn("Judged by")})
    left, right = st.columns(2)
    left.subheader(f"Events that bear on it ({len(view.events)})")
    left.dataframe(view.events, hide_index=True, width="stretch")
    with right:
        st.subheader("Where")
        references = place_references(dataset, view.map_filtered)
        if references.empty:
            st.info("It names no place.")
        else:
            points = map_points(dataset, view.map_filtered, references)
            st.caption("Area: how often its demands, statements and events refer to the place.")
            show_map(briefing_map(dataset, references, points, height=380, labels_lang=map_language(), compact=True),
                     key="thread_map", height=380, returned_objects=[])

st.divider()
st.subheader("Addressee ledger: what is still asked of whom")
ledger = addressee_ledger(dataset, listed["thread_id"], as_of)
if ledger.empty:
    st.info("No thread among these is open.")
else:
    st.caption(f"Threads still open on {as_of:%-d %b %Y} (raised, acknowledged, partly met or rejected), by whom "
               "they ask it of, a thread or any of its demands; how long since each was first raised.")
    summary = ledger_summary(ledger)
    st.dataframe(summary, hide_index=True, width="stretch", column_config={
        "addressee": st.column_config.TextColumn("Addressee", width="medium"),
        "open_threads": st.column_config.NumberColumn("Open threads"),
        "longest_open_years": st.column_config.NumberColumn("Longest open (years)", format="%.1f"),
        "longest_open": st.column_config.TextColumn("Open longest", width="large")})
    who = st.selectbox("Open threads asked of", options=list(summary["addressee"]))
    st.dataframe(ledger.loc[ledger["addressee"] == who, ["thread", "status", "open_since", "years_open"]],
                 hide_index=True, width="stretch", column_config={
                     "thread": st.column_config.TextColumn("Thread", width="large"),
                     "open_since": st.column_config.TextColumn("Raised since"),
                     "years_open": st.column_config.NumberColumn("Years open", format="%.1f")})
footer(dataset)
