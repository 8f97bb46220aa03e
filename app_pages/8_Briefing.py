"""Briefing: what changed since the last briefing (?since=YYYY-MM-DD), who has met what, and the asks whose stated
deadline passed."""
import streamlit as st

from atlas.briefing.overdue import overdue_on_screen
from atlas.briefing.pack import pack_download
from atlas.briefing.scorecard import (SCORE_ORDER, score_label, scorecard, scorecard_by_year, scorecard_figure,
                                      scorecard_on_screen)
from atlas.briefing.since import since_day, since_lines, since_view, window_filters
from atlas.filters import apply_filters
from atlas.i18n import N_, _
from atlas.ui import (active_filters_caption, dataset_or_stop, download_buttons, event_layer, footer, plain_filters,
                      set_since, sidebar_filters)
from atlas.views.threads import as_of_day, as_of_words, day_words, record_years

st.set_page_config(page_title=_("Briefing · Syria Statement Atlas"), page_icon="🗺️", layout="wide")
dataset = dataset_or_stop()
filters = sidebar_filters(dataset)
until = as_of_day(filters, dataset)
if filters.since != since_day(filters, until):  # none given, or not before the end: a month before it
    filters = set_since(since_day(filters, until))

st.title(_("Briefing"))
st.caption(active_filters_caption(filters, dataset, ("statements", "demands", "events", "threads")) + " "
           + _("Read on {day}.").format(day=as_of_words(until, dataset)))
picked = st.date_input(_("Changes since (the day of the last briefing)"), value=filters.since, max_value=until,
                       format="YYYY-MM-DD", key="since_picker",
                       help=_("Lists what changed after this day, up to the end of the filters' dates (or the record's "
                              "last day). Kept in the address, so a shared link shows the same briefing."))
if picked and picked != filters.since:
    filters = set_since(picked)

scope, window = (apply_filters(dataset, f) for f in window_filters(filters, until))
layer = event_layer()
view = since_view(dataset, window, scope, filters.since, until, layer)
lines = since_lines(view, filters)
span = view.span

left, right = st.columns([1, 2])
LAYOUTS = {"slides": N_("16:9 slides"), "a4": N_("A4 pages")}
layout = left.radio(_("Briefing pack"), options=["slides", "a4"], horizontal=True, key="pack_layout",
                    format_func=lambda option: _(LAYOUTS[option]),
                    help=_("One PDF: the map, what changed, the scorecard, the overdue asks and every source."))
with right:
    download_buttons([pack_download(dataset, filters, view, scope, window, layout, plain_filters(filters, dataset))])


SHOWN = 150  # lines of a section drawn: a briefing since long ago is narrowed, not scrolled


def section(title: str, lines: list[str], count: int, empty: str) -> None:
    st.subheader(_("{title} ({n})").format(title=title, n=count))
    if lines:
        st.markdown("\n".join(lines[:SHOWN]))
        if len(lines) > SHOWN:
            st.caption(_("The first {n} lines; pick a later day or narrow the filters to read the rest. The Demands, "
                         "Statements and Events pages hold them all.").format(n=SHOWN))
    else:
        st.info(empty)


section(_("Status changes of threads"), lines["status_changes"], len(view.status_changes),
        _("No thread changed status {span}.").format(span=span))
section(_("New asks, by thread"), lines["new_asks"], len(view.new_asks),
        _("No demand was made {span}.").format(span=span))
section(_("New statements, by issuer"), lines["new_statements"], len(view.new_statements),
        _("No statement was issued {span}.").format(span=span))
section(_("New events"), lines["new_events"], len(view.new_events), _("No event on record {span}.").format(span=span))
section(_("Deadlines that passed unmet"), lines["overdue"], len(view.overdue),
        _("No stated deadline passed {span}.").format(span=span))
if view.acled is not None:
    section(_("ACLED events at the places the new statements name"), lines["acled"], len(view.acled),
            _("The new statements name no place with ACLED events."))

st.divider()
st.subheader(_("Who has met what"))
threads = sorted(set(scope.demands["thread_id"]) - {""})
card = scorecard(dataset, threads, until)
st.caption(_("For each addressee, the threads put to it by {day} and their status that day, as shares. An ask counts "
             "from the day that addressee was first asked. An addressee that ceased to exist keeps its asks as they "
             "stood that day: those still open then are lapsed.").format(day=day_words(until)))
if card.empty:
    st.info(_("No thread was put to anyone among these records."))
else:
    percent = {s: st.column_config.ProgressColumn(score_label(s), min_value=0, max_value=100, format="%d%%")
               for s in SCORE_ORDER}
    st.dataframe(scorecard_on_screen(card).drop(columns="addressee_id"), hide_index=True, width="stretch",
                 height=min(40 + 35 * len(card), 560),
                 column_config={"addressee": st.column_config.TextColumn(_("Addressee"), pinned=True),
                                "asks": st.column_config.NumberColumn(_("Asks")),
                                "overdue": st.column_config.NumberColumn(
                                    _("Overdue"), help=_("Asks put to it whose stated deadline passed unmet")),
                                **percent})
    names = dict(zip(card["addressee_id"], card["addressee"]))
    who = st.selectbox(_("How one addressee's shares moved, year by year"), options=list(names),
                       format_func=names.get, key="scorecard_addressee")
    years = scorecard_by_year(dataset, threads, who, record_years(dataset), until)
    st.plotly_chart(scorecard_figure(years), width="stretch", config={"displaylogo": False})

st.subheader(_("Overdue asks"))
every = view.late
st.caption(_("Demands whose own words set a deadline that had passed by {day} without their thread being met by then "
             "(a demand in no thread has no status on record). Only stated deadlines; none is inferred.").format(
    day=day_words(until)))
if every.empty:
    st.info(_("No demand among these states a deadline that has passed."))
else:
    st.dataframe(overdue_on_screen(every, filters), hide_index=True, width="stretch", column_config={
        "deadline": st.column_config.DateColumn(_("Due")),
        "demand": st.column_config.TextColumn(_("Demand"), width="large"),
        "deadline_text": st.column_config.TextColumn(_("In the statement's words")),
        "asked_of": st.column_config.TextColumn(_("Asked of")),
        "status": st.column_config.TextColumn(_("Thread's status")),
        "overdue_since": st.column_config.DateColumn(_("Overdue since")),
        "until": st.column_config.DateColumn(_("Until (met or overtaken)")),
        "days_overdue": st.column_config.NumberColumn(_("Days overdue")),
        "statement": st.column_config.LinkColumn(_("Statement"), display_text=r"statement=([^&#]+)")})
footer(dataset)
