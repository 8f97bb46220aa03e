"""Threads: the same ask followed across issuers and years, and what became of it; what is still asked of whom.
Deep links ?thread=<id> (the thread filter: it opens the thread here, and keeps its records on other pages) and
?addressee=<actor id>."""
import streamlit as st

from atlas import i18n
from atlas.dataset.values import md_escape
from atlas.filters import apply_filters
from atlas.i18n import _, ngettext
from atlas.ui import (
    active_filters_caption,
    choices,
    dataset_or_stop,
    download_buttons,
    download_headers,
    first_time,
    footer,
    map_language,
    pick_record,
    set_threads,
    show_map,
    sidebar_filters,
)
from atlas.briefing.overdue import overdue, overdue_note
from atlas.views.exports import thread_downloads
from atlas.views.ledger import addressee_ledger, addressee_menu, answer, asked_of, ledger_summary
from atlas.views.mapdata import briefing_map, map_points, place_references
from atlas.views.threads import (
    as_of_day,
    as_of_words,
    day_words,
    per_year_peak,
    record_years,
    status_label,
    thread_figure,
    thread_list,
    thread_menu,
    thread_view,
)

st.set_page_config(page_title=_("Threads · Syria Statement Atlas"), page_icon="🗺️", layout="wide")
dataset = dataset_or_stop()
filters = sidebar_filters(dataset)
# the list is every thread the other filters keep; the thread filter (?thread=) is the one opened below
filtered = apply_filters(dataset, filters.without("threads"))

st.title(_("Threads"))
st.caption(active_filters_caption(filters, dataset, ("threads",)) + " "
           + _("A thread is one ask followed across issuers and years; whether it was met is our judgement, and each "
               "status names its evidence and who judged it."))
if dataset.threads.empty:
    st.info(_("This dataset codes no threads yet."))
    footer(dataset)
    st.stop()

listed = thread_list(dataset, filtered)
threaded = int((filtered.demands["thread_id"] != "").sum())
as_of = as_of_day(filters, dataset)
day = as_of_words(as_of, dataset)
st.write(_("**{threads}** threads raised by **{threaded}** of the **{demands}** demands that match; status as of "
           "{day}.").format(threads=i18n.count(len(listed)), threaded=i18n.count(threaded),
                            demands=i18n.count(len(filtered.demands)), day=day))

st.subheader(_("Still open, by addressee"))
ledger = addressee_ledger(dataset, listed["thread_id"], as_of)
summary = ledger_summary(ledger)
chosen = st.container()
with st.expander(_("Every addressee with an open thread ({n}): how many, and the one open longest").format(
        n=len(summary))):
    if summary.empty:
        st.info(_("No thread among these is open."))
    else:
        rows = st.dataframe(
            summary, hide_index=True, width="stretch", key="ledger_summary", on_select="rerun",
            selection_mode="single-row", row_height=70, height=min(40 + 70 * len(summary), 560),
            column_order=["addressee", "open_threads", "longest_open", "asked_since", "open_for"],
            column_config={
                "addressee": st.column_config.TextColumn(_("Addressee"), width="medium"),
                "open_threads": st.column_config.NumberColumn(
                    _("Open threads"), help=_("Threads asked of it that are still open on {day}").format(day=day)),
                "longest_open": st.column_config.TextColumn(_("Open longest"), width="large"),
                "asked_since": st.column_config.DateColumn(_("Asked of it since"), format="D MMM YYYY"),
                "open_for": st.column_config.TextColumn(_("Open for"), help=_("Counted to {day}").format(day=day))
            }).selection.rows
        if rows and first_time("handled_ledger_row", summary.at[rows[0], "addressee_id"]):
            st.query_params["addressee"] = summary.at[rows[0], "addressee_id"]
        st.caption(_("Pick a row to see everything still asked of it above."))
with chosen:
    who = pick_record(
        addressee_menu(dataset, summary, st.query_params.get("addressee")), _("Still open, asked of"), "addressee",
        placeholder=_("Type a name: the transitional authorities, UN Security Council, Türkiye…"),
        filter_mode="contains",
        help=_("Any name it goes by finds it: its name, short name, Arabic name or another name. The count is of its "
               "threads still open among those listed below."))
    if who:
        st.markdown(answer(dataset, ledger, who, day))
        mine = asked_of(ledger, who)
        if not mine.empty:
            st.dataframe(
                mine, hide_index=True, width="stretch", row_height=70, height=min(40 + 70 * len(mine), 560),
                column_order=["thread", "status", "asked_since", "open_for"], column_config={
                    "thread": st.column_config.TextColumn(_("Thread (the ask, our words)"), width="large"),
                    "status": st.column_config.TextColumn(_("Status on {day}").format(day=day_words(as_of))),
                    "asked_since": st.column_config.DateColumn(_("Asked of it since"), format="D MMM YYYY"),
                    "open_for": st.column_config.TextColumn(_("Open for"), help=_("Counted to {day}").format(day=day))})
    st.caption(_("Open: raised, acknowledged, partly met or rejected on {day}. An ask is open from the first demand "
                 "that put it to that addressee (or the thread's first demand, for an addressee only the thread "
                 "itself names), counted to {day}; never to today, of which the record says nothing.").format(day=day))

st.subheader(_("Every thread"))
if listed.empty:
    st.info(_("No demand in a thread matches these filters."))
else:
    years, peak = record_years(dataset), per_year_peak(listed)
    picked = st.dataframe(
        listed.drop(columns=["thread_id", "status_since"]), hide_index=True, width="stretch", key="thread_list",
        on_select="rerun", selection_mode="single-row", row_height=70, height=560,
        column_config={
            "title": st.column_config.TextColumn(_("Thread (the ask, our words)"), width="large"),
            "category": st.column_config.TextColumn(_("Category")),
            "status": st.column_config.TextColumn(
                _("Status"), help=_("The latest status change on record by {day}").format(day=day)),
            "demands": st.column_config.NumberColumn(
                _("Times raised"), help=_("How many of the matching demands make this ask (one statement may make it "
                                          "more than once).")),
            "issuers": st.column_config.NumberColumn(
                _("Issuers"), help=_("How many different issuers made those demands. A joint statement counts each of "
                                     "its issuers, so there can be more issuers than times raised.")),
            "first": st.column_config.TextColumn(_("First raised")),
            "last": st.column_config.TextColumn(_("Last raised")),
            "per_year": st.column_config.BarChartColumn(
                _("Times raised per year, {first}–{last} (top: {peak})").format(first=years[0], last=years[-1],
                                                                              peak=peak), y_min=0, y_max=peak,
                help=_("One bar per year, {first} at the left to {last} at the right. Every row has the same scale: a "
                       "bar's height is how many times the thread was raised that year, and a bar reaching the top is "
                       "{peak}, the most any thread here was raised in one year.").format(
                    first=years[0], last=years[-1], peak=peak)),
        })
    rows = picked.selection.rows if picked else []
    if rows and first_time("handled_thread_row", listed.at[rows[0], "thread_id"]):
        filters = set_threads((listed.at[rows[0], "thread_id"],))
    st.caption(_("Pick a row to open its thread below. The files hold these threads, their status changes up to that "
                 "day and the matching demands in them."))
    download_buttons(thread_downloads(dataset, filtered, listed, choices(dataset), as_of, download_headers()))

menu = thread_menu(listed, dataset, filters.threads[0] if filters.threads else None)
if menu.titles:
    st.divider()
choice = pick_record(menu, _("Thread"), "thread")
if (choice,) != filters.threads and (choice or filters.threads):  # the box picked another: it is the filter now
    filters = set_threads((choice,) if choice else ())
if choice:
    view = thread_view(dataset, choice)
    st.subheader(md_escape(view.title))
    status = status_label(view.status, dataset.schema)
    st.markdown("  \n".join([
        _("**Status:** {status} since {day}").format(status=status, day=view.status_since) if view.status_since
        else _("**Status:** {status}").format(status=status),
        _("**Category:** {category}").format(category=md_escape(view.category)),
        _("**Asked of:** {addressees}").format(addressees=md_escape(view.addressees or "—")),
        _("**Places:** {places}").format(places=md_escape(view.places or "—"))]))
    for late in overdue(dataset, as_of, dataset.demands_full[dataset.demands_full["thread_id"] == choice]
                        ).itertuples():
        st.warning(_("**Overdue since {since}** (as of {day}). {note}").format(
            since=day_words(late.overdue_since), day=day, note=md_escape(overdue_note(late))), icon="⏰")
    st.write(md_escape(view.description))
    st.caption(_("The whole thread, whatever the filters."))
    st.plotly_chart(thread_figure(view.timeline), width="stretch", config={"displaylogo": False})
    st.subheader(_("Who raised it ({n})").format(n=len(view.raised_by)))
    st.dataframe(view.raised_by, hide_index=True, width="stretch", row_height=78,
                 height=min(40 + 78 * len(view.raised_by), 640), column_config={
        "date": st.column_config.TextColumn(_("Date")),
        "issuer": st.column_config.TextColumn(_("Raised by")),
        "role": st.column_config.TextColumn(_("First or repeated"),
                                            help=_("first: the earliest on record; repeated: raised again")),
        "demand": st.column_config.TextColumn(_("Demand (our words)"), width="large"),
        "quote": st.column_config.TextColumn(_("Quote"), width="large"),
        "asked_of": st.column_config.TextColumn(_("Asked of"), width="medium"),
        "statement": st.column_config.TextColumn(_("Statement"), width="medium"),
        "statement_link": st.column_config.LinkColumn(_("Statement page"), display_text=_("Open")),
        "source_url": st.column_config.LinkColumn(_("Source"), display_text=r"https?://(?:www\.)?([^/]+)")})
    st.subheader(ngettext("What became of it ({n} status changes)", "What became of it ({n} status changes)",
                          len(view.updates)).format(n=len(view.updates)))
    if view.updates.empty:
        st.info(_("No status change recorded: it stands as raised."))
    else:
        st.dataframe(view.updates, hide_index=True, width="stretch", row_height=78,
                     height=min(40 + 78 * len(view.updates), 640), column_config={
            "date": st.column_config.TextColumn(_("Date")),
            "status": st.column_config.TextColumn(_("Status")),
            "why": st.column_config.TextColumn(_("Why (our judgement)"), width="large"),
            "evidence": st.column_config.TextColumn(_("Evidence"), width="large"),
            "judged_by": st.column_config.TextColumn(_("Judged by"))})
    left, right = st.columns(2)
    left.subheader(_("Events that bear on it ({n})").format(n=len(view.events)))
    left.dataframe(view.events, hide_index=True, width="stretch", row_height=70,
                   height=min(40 + 70 * len(view.events), 560), column_config={
        "date": st.column_config.TextColumn(_("Date")),
        "event": st.column_config.TextColumn(_("Event"), width="medium"),
        "type": st.column_config.TextColumn(_("Event type")),
        "bears_on_it_as": st.column_config.TextColumn(_("Bears on it as")),
        "places": st.column_config.TextColumn(_("Places"))})
    with right:
        st.subheader(_("Where"))
        references = place_references(dataset, view.map_filtered)
        if references.empty:
            st.info(_("It names no place."))
        else:
            points = map_points(dataset, view.map_filtered, references)
            st.caption(_("Area: how often its demands, statements and events refer to the place."))
            show_map(briefing_map(dataset, references, points, height=380, labels_lang=map_language(),
                                  compact=True), key="thread_map")
footer(dataset)
