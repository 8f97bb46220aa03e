"""Statements: each statement with its metadata, summary, places, events and demands. Deep link ?statement=<id>."""
import streamlit as st

from atlas import i18n
from atlas.dataset.values import md_escape
from atlas.filters import apply_filters
from atlas.i18n import _, ngettext
from atlas.ui import active_filters_caption, dataset_or_stop, event_layer, footer, pick_record, sidebar_filters
from atlas.views.statement import WINDOW_DAYS, acled_around, language_words, statement_menu, statement_view
from atlas.views.timeline import around_figure

st.set_page_config(page_title=_("Statements · Syria Statement Atlas"), page_icon="🗺️", layout="wide")
dataset = dataset_or_stop()
filters = sidebar_filters(dataset)
filtered = apply_filters(dataset, filters)

st.title(_("Statements"))
st.caption(active_filters_caption(filters, dataset, ("statements",)))
choice = pick_record(statement_menu(filtered, dataset, st.query_params.get("statement")), _("Statement"), "statement")
if choice is None:
    st.info(_("No statement matches these filters."))
    footer(dataset)
    st.stop()
view = statement_view(dataset, choice, filters)

st.subheader(md_escape(view.title))
cols = st.columns([2, 2, 1])
cols[0].markdown(_("**Issued:** {when}").format(when=md_escape(view.when)) + "  \n"
                 + _("**By:** {issuers}").format(issuers=md_escape(view.issuers)))
cols[1].markdown(_("**Published by:** {publisher}").format(publisher=md_escape(view.publisher or "—")) + "  \n"
                 + _("**Language:** {language}").format(language=md_escape(language_words(view.language))))
if view.source_url.startswith(("http://", "https://")):
    cols[2].link_button(_("Read the source"), view.source_url)
st.subheader(_("Summary (our words)"))
st.write(md_escape(view.summary))
if view.notes:
    # the notes are kept in English only: an Arabic page says so
    notes_label = _("Curation notes: how the date and facts were checked")
    english_only = _("(in English only)")
    with st.expander(notes_label if i18n.current() == "en" else f"{notes_label} {english_only}"):
        st.write(md_escape(view.notes))
st.subheader(_("Demands ({n})").format(n=len(view.demands)))
st.dataframe(view.demands, hide_index=True, width="stretch",
             column_config={"speech act": st.column_config.TextColumn(_("speech act")),
                            "category": st.column_config.TextColumn(_("category")),
                            "addressed to": st.column_config.TextColumn(_("addressed to")),
                            "demand": st.column_config.TextColumn(_("demand"), width="large"),
                            "quote": st.column_config.TextColumn(_("quote"), width="large"),
                            "quote (Arabic)": st.column_config.TextColumn(_("quote (Arabic)"), width="large",
                                                                          alignment="right"),
                            "words of": st.column_config.TextColumn(_("words of")),
                            "thread": st.column_config.TextColumn(_("thread (the same ask across issuers)")),
                            "thread_link": st.column_config.LinkColumn(_("follow it"),
                                                                       display_text=_("Open the thread"))})
left, right = st.columns(2)
left.subheader(_("Places named ({n})").format(n=len(view.places)))
left.dataframe(view.places, hide_index=True, width="stretch",
               column_config={"name": _("Place"), "name_ar": "الاسم", "surface": _("As written"), "count": _("Times"),
                              "admin1": _("Governorate")})
right.subheader(_("Events referred to ({n})").format(n=len(view.events)))
right.dataframe(view.events, hide_index=True, width="stretch",
                column_config={"date": _("date"), "event": _("event"), "type": _("type"), "notes": _("notes")})

layer = event_layer()
if layer:
    st.subheader(_("ACLED events at these places, before and after"))
    window = st.number_input(_("Days before and after the statement"), min_value=1, max_value=365, value=WINDOW_DAYS,
                             step=1, key="acled_window")
    found = acled_around(dataset, layer, choice, int(window))
    if found is None:
        st.info(_("This statement names no place, so no ACLED event can be set against it."))
    else:
        around, link = found
        cols = st.columns(3)
        # the same words for one day as for many, as the page always said them; Arabic has a form for each
        cols[0].metric(ngettext("In the {n} days before", "In the {n} days before", around.window).format(
            n=around.window), i18n.count(around.before))
        cols[1].metric(_("On the day"), i18n.count(around.during))
        cols[2].metric(ngettext("In the {n} days after", "In the {n} days after", around.window).format(
            n=around.window), i18n.count(around.after))
        if len(around.rows):
            st.dataframe(around.by_type, hide_index=True, width="stretch",
                         column_config={"event type": _("event type"), "before": _("before"),
                                        "on the day": _("on the day"), "after": _("after")})
            source = _("ACLED, {file}").format(file=layer.manifest["source_file"])
            st.plotly_chart(around_figure(around.by_week, source), width="stretch", config={"displaylogo": False})
            st.markdown(ngettext("[Open these {n} events on the Events page]({link})",
                                 "[Open these {n} events on the Events page]({link})", len(around.rows)).format(
                n=i18n.count(len(around.rows)), link=link))
        st.caption(_("At the places the statement names (a governorate: anywhere in it). Source: Armed Conflict "
                     "Location & Event Data Project ([ACLED](https://acleddata.com))."))
footer(dataset)
