"""Streamlit pieces shared by the pages: the only module in atlas/ and geo/ that imports Streamlit.

Pages call these for everything that touches Streamlit's state: the cached
dataset and ACLED layer, the sidebar filters and the URL, a map or chart that
filters when clicked, download buttons, presentation mode and the footer.

The filters live in ``st.session_state["filters"]`` (a ``Filters``), which
survives page switches; the sidebar widgets are seeded from it on every run,
because Streamlit drops a widget's state when a page without it runs. The URL
is rewritten from the filters after each run, so any view can be shared.

May import: everything in ``atlas`` and ``geo``, Streamlit.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Callable

import folium
import numpy as np
import streamlit as st
from streamlit.elements.plotly_chart import PlotlyState

from atlas import i18n, settings
from atlas.acled.layer import EventLayer, LayerError, layer_key, load_layer, select
from atlas.dataset.loader import Dataset, DatasetError, load_dataset
from atlas.dataset.values import md_escape
from atlas.i18n import N_, _, ngettext
from atlas.filters import (URL_PARAMS, Choices, Filters, build_choices, describe, gov_pcodes, parse_query,
                           place_scope, to_query)
from atlas.views.exports import Download
from atlas.views.provenance import version_line
from atlas.views.menu import Menu
from atlas.views.timeline import drawn_span, item_details, selected_items
from geo.maps.embed import embed_script, map_parts
from geo.maps.offline import ensure_generated, ensure_vendor

# The page's own fixed scripts (atlas/ui_js/), run by st.html in the app's page: why each is needed is said at
# its top.
UI_JS = Path(__file__).resolve().parent / "ui_js"


def _page_script(name: str) -> str:
    return f"<script>\n{(UI_JS / name).read_text(encoding='utf-8')}</script>"


DATE_KEYS_SCRIPT = _page_script("date_keys.js")
CHART_CLICKS_SCRIPT = _page_script("chart_clicks.js")


@dataclass(frozen=True)
class ListFilter:
    """A sidebar filter that picks ids: ``attr`` names it in ``Filters`` and ``Choices`` alike."""
    attr: str
    label: str
    placeholder: str
    help: str | None = None
    only_with_choices: bool = False  # drawn only when there is something to pick (the ACLED layer's actors)


LIST_FILTERS = (
    ListFilter("places", N_("Places"), N_("Any place (English or Arabic name)")),
    ListFilter("govs", N_("Governorates"), N_("Any governorate")),
    ListFilter("issuers", N_("Issuers"), N_("Any issuer")),
    ListFilter("categories", N_("Demand categories"), N_("Any category")),
    ListFilter("event_types", N_("Event types"), N_("Any event type")),
    ListFilter("actors", N_("ACLED actors"), N_("Any actor"), N_("Actor 1 or actor 2 of the imported ACLED events."),
               only_with_choices=True),
)


def widget_key(name: str) -> str:
    """The session-state key of a filter's widget: a list filter's ``attr``, "q" or "dates"."""
    return f"f_{name}"


@st.cache_resource(show_spinner=False)  # the caller shows it, in the reader's language
def _cached_dataset(data_dir: str) -> Dataset:
    # cache_resource hands every session the same object; Dataset is read-only.
    return load_dataset(Path(data_dir))


@st.cache_resource
def _cached_choices(version: str, layer: str, lang: str, _dataset: Dataset, _layer: EventLayer | None) -> Choices:
    # ``lang``: the labels are written in the language in force
    return build_choices(_dataset, _layer)


@st.cache_resource(show_spinner=False, max_entries=2)
def _cached_layer(data_dir: str, key: str) -> EventLayer | None:
    # one read-only copy per imported version, shared by every session
    return load_layer(Path(data_dir))


@st.cache_resource(max_entries=32)  # a million rows weigh 4 MB: a bound on memory, not only on entries
def _cached_rows(key: str, query: str, pcodes: tuple, _layer: EventLayer, _filters: Filters) -> np.ndarray:
    rows = select(_layer, _filters, set(pcodes))
    rows.flags.writeable = False
    return rows


def event_layer(warn: bool = True) -> EventLayer | None:
    """The imported ACLED layer (None when there is none, or when it cannot be read: a warning says so)."""
    data_dir = settings.data_dir().resolve()
    try:
        key = layer_key(data_dir)
        if not key:
            return None
        with st.spinner(_("Loading the ACLED layer…")):
            return _cached_layer(str(data_dir), key)
    except (LayerError, OSError, ValueError) as exc:
        if warn:
            st.warning(_("The imported ACLED layer cannot be read, so it is left out ({error}). Import the export "
                         "again with `python -m atlas import-acled FILE`.").format(error=md_escape(str(exc))),
                       icon="⚠️")
        return None


def layer_rows(layer: EventLayer, dataset: Dataset, filters: Filters) -> np.ndarray:
    """The layer's rows under ``filters``, cached per filter so a rerun without a change costs nothing."""
    pcodes = tuple(sorted(gov_pcodes(dataset, filters)))
    query = "&".join(f"{k}={v}" for k, v in sorted(to_query(filters).items()))
    return _cached_rows(layer.key, query, pcodes, layer, filters)


def dataset_or_stop() -> Dataset:
    """The dataset, or a page explaining what is wrong with it (and a stop)."""
    data_dir = settings.data_dir()
    try:
        with st.spinner(_("Loading the dataset…")):
            return _cached_dataset(str(data_dir.resolve()))
    except DatasetError as exc:
        st.error(ngettext("The dataset in {folder} has {n} problem, so nothing is shown.",
                          "The dataset in {folder} has {n} problems, so nothing is shown.",
                          len(exc.problems)).format(folder=exc.data_dir, n=i18n.count(len(exc.problems))))
        st.write(_("Run the validator for the full list, fix the files, then reload this page:"))
        st.code(f"python -m atlas validate {exc.data_dir}", language="bash")
        st.dataframe(
            [{_("file"): p.file, _("row"): p.row, _("field"): p.field, _("problem"): p.message}
             for p in exc.problems[:200]],
            hide_index=True, width="stretch",
        )
        st.stop()


def choices(dataset: Dataset) -> Choices:
    """What each filter accepts, for this dataset and the imported layer (cached per version of both)."""
    layer = event_layer(warn=False)  # the pages that show the layer warn about it
    return _cached_choices(dataset.version, layer.key if layer else "", i18n.current(), dataset, layer)


def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}


def _seed_widgets(filters: Filters, choices: Choices, overwrite: bool = False) -> None:
    state = st.session_state
    values = {widget_key(f.attr): list(getattr(filters, f.attr)) for f in LIST_FILTERS}
    values[widget_key("q")] = filters.q
    values[widget_key("dates")] = (filters.date_from or choices.date_min, filters.date_to or choices.date_max)
    for key, value in values.items():
        if overwrite or key not in state:
            state[key] = value
        else:
            # Re-assigning makes the value the session's own, not the old page's widget's:
            # the same widget on the next page then starts from it.
            state[key] = state[key]


def set_place_filter(place_id: str) -> None:
    """Ask for the place filter to become ``place_id`` on the next run (widgets are already drawn)."""
    st.session_state["pending_places"] = [place_id]


def set_date_filter(start: date, end: date) -> None:
    """Ask for the date filter to become ``start``..``end`` on the next run."""
    st.session_state["pending_dates"] = (start, end)


def _set_filters(**changes) -> Filters:
    """Change filters that have no sidebar widget, for this and every page, and in the address; return the
    filters now in force."""
    state = st.session_state
    state["filters"] = replace(state.get("filters", Filters()), **changes)
    _write_url(state["filters"])
    return state["filters"]


def set_threads(thread_ids: tuple[str, ...]) -> Filters:
    """Make ``thread_ids`` the thread filter (``?thread=``)."""
    return _set_filters(threads=tuple(thread_ids))


def set_since(day: date) -> Filters:
    """Make ``day`` the last briefing's day (``?since=``)."""
    return _set_filters(since=day)


def _reset() -> None:
    st.session_state["filters"] = Filters()
    st.session_state["filter_notices"] = []
    st.session_state["reset_requested"] = True


def filters_without_sidebar(dataset: Dataset) -> Filters:
    """The filters in force with no sidebar drawn (the briefing view hides it: drawing its lists, thousands of
    places with an ACLED layer, would only slow the map): the session's, or the address's on a new session,
    with a notice for anything the address held that was ignored."""
    state = st.session_state
    if "filters" not in state:
        state["filters"], state["filter_notices"] = parse_query(_url_params(), choices(dataset))
    for notice in state.get("filter_notices", []):
        st.warning(md_escape(notice), icon="⚠️")
    _write_url(state["filters"])
    return state["filters"]


def sidebar_filters(dataset: Dataset) -> Filters:
    """Draw the shared filters in the sidebar; return the filters in force."""
    state = st.session_state
    options = choices(dataset)
    if "filters" not in state:
        filters, notices = parse_query(_url_params(), options)
        state["filters"], state["filter_notices"] = filters, notices
        _seed_widgets(filters, options, overwrite=True)
    if state.pop("reset_requested", False):
        _seed_widgets(Filters(), options, overwrite=True)
    pending = state.pop("pending_places", None)
    if pending is not None:
        state[widget_key("places")] = [p for p in pending if p in options.places]
    pending_dates = state.pop("pending_dates", None)
    if pending_dates is not None:
        state[widget_key("dates")] = pending_dates
    _seed_widgets(state["filters"], options)

    picked_dates = state[widget_key("dates")]
    low = min(options.date_min, picked_dates[0]) if picked_dates else options.date_min
    high = max(options.date_max, picked_dates[-1], date.today()) if picked_dates else options.date_max
    picked = {}
    with st.sidebar:
        st.header(_("Filters"))
        for notice in state.get("filter_notices", []):
            st.warning(md_escape(notice), icon="⚠️")  # notices quote the URL, which anyone can write
        dates = st.date_input(_("Dates"), key=widget_key("dates"), min_value=low, max_value=high, format="YYYY-MM-DD",
                              help=_("Records whose dates overlap this range are shown; uncertain windows included."))
        for spec in LIST_FILTERS:
            ids = getattr(options, spec.attr)
            if spec.only_with_choices and not ids:
                continue
            picked[spec.attr] = tuple(st.multiselect(_(spec.label), options=list(ids), format_func=ids.get,
                                                     key=widget_key(spec.attr), placeholder=_(spec.placeholder),
                                                     help=_(spec.help) if spec.help else None))
        q = st.text_input(_("Search text"), key=widget_key("q"), max_chars=200,
                          placeholder=_("Words in titles, demands, quotes…"))
        threads = state["filters"].threads  # set on the Threads page or by a link; shown here, and cleared here
        if threads:
            st.markdown(_("**Thread:** {titles}").format(
                titles="; ".join(md_escape(options.threads.get(t, t)) for t in threads)))
            st.button(_("Show every thread"), on_click=set_threads, args=((),), width="stretch",
                      help=_("The thread filter keeps its demands, their statements and the events they cite."))
        st.button(_("Reset filters"), on_click=_reset, width="stretch")
        # last: its empty box adds no gap between the filters
        st.html(DATE_KEYS_SCRIPT, width="content", unsafe_allow_javascript=True)

    date_from, date_to = _date_range(dates, options, state["filters"])
    # the last briefing's day has no widget here: the Briefing page sets it, and every page keeps it
    filters = Filters(date_from=date_from, date_to=date_to, q=q.strip(), since=state["filters"].since,
                      threads=threads, **picked)
    if filters != state["filters"]:
        state["filter_notices"] = []
    state["filters"] = filters
    _write_url(filters)
    return filters


def _date_range(value, choices: Choices, previous: Filters) -> tuple[date | None, date | None]:
    """The dates picked. The data's own first and last days, as the widget starts, are no filter; any date a
    link or a person gave is kept as given, even beyond the data, so a shared link keeps its meaning as the
    record grows."""
    picked = tuple(value) if isinstance(value, (list, tuple)) else (value,)
    start = picked[0] if picked else None
    end = picked[1] if len(picked) > 1 else None
    if start is not None and start == choices.date_min and previous.date_from != start:
        start = None
    if end is not None and end == choices.date_max and previous.date_to != end:
        end = None
    return start, end


def _write_url(filters: Filters) -> None:
    wanted = to_query(filters)
    for key in URL_PARAMS:
        if key in wanted:
            if st.query_params.get_all(key) != [wanted[key]]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def plain_filters(filters: Filters, dataset: Dataset) -> str:
    """The filters in words, as plain text."""
    words = describe(filters, choices(dataset))
    return _("Filters: {filters}").format(filters="; ".join(words)) if words else _("No filters: the whole dataset.")


def active_filters_caption(filters: Filters, dataset: Dataset, shown: tuple[str, ...] = ()) -> str:
    """The filters in words, Markdown-escaped (they may hold text typed into a URL), as a sentence (pages add
    others after it), and what a place filter keeps of the records the page shows (``shown``: keys of
    ``atlas.filters.PLACE_SCOPE``)."""
    words = plain_filters(filters, dataset)
    words = words if words.endswith(".") else words + "."
    scope = place_scope(filters, shown) if shown else ""
    return md_escape(f"{words} {scope}" if scope else words)


def public_deployment() -> bool:
    """Whether this server is open to the public (``ATLAS_PUBLIC=1``): ACLED's events as counts only."""
    return settings.public_mode()


def presentation_mode() -> bool:
    """True for ?present=1: the map fills the screen for a briefing."""
    return st.query_params.get("present") == "1"


def map_language() -> str:
    """The language the map's names open in: the interface's, or Arabic names on an English page for
    ``?labels=ar`` (the map's own switch)."""
    return "ar" if i18n.current() == "ar" or st.query_params.get("labels") == "ar" else "en"


# -- the interface's language --------------------------------------------------------------------------------
# Right to left for Arabic: the page, the sidebar (on the right) and every widget mirror; maps, charts and
# code keep their own left-to-right drawing. Arabic falls back to the system's Arabic fonts (offline).
RTL_CSS = """
  .stApp { direction: rtl; }
  .stApp, .stApp input, .stApp textarea, .stApp button { font-family: "Source Sans", "Source Sans Pro",
    "Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans", sans-serif; }
  [data-testid="stSidebar"] { direction: rtl; }
  .js-plotly-plot, .leaflet-container, .folium-map, pre, code, [data-testid="stCode"] { direction: ltr; }
  [data-testid="stDateInput"] input { direction: ltr; text-align: right; }  /* 2026-07-02 reads as written */
  [data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"], [data-testid="stHeading"] {
    text-align: right; }
"""


def start_language() -> str:
    """The interface's language for this run, made the one in force: the session's, or the address's
    (``?lang=ar``) on a new session; kept in the address like a filter, so a shared link opens in it. Arabic
    pages are laid out right to left. Called once per run, by the entry file, before any page draws."""
    state = st.session_state
    if "lang" not in state:
        state["lang"] = i18n.language(st.query_params.get("lang"))
    lang = i18n.activate(state["lang"])
    if lang == i18n.DEFAULT:
        if "lang" in st.query_params:
            del st.query_params["lang"]
    elif st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    if i18n.direction(lang) == "rtl":
        st.html(f"<style>{RTL_CSS}</style>")
    # the page says which language it is in (screen readers, fonts, hyphenation); the code is fixed, lang a code
    st.html(f"<script>document.documentElement.lang = {json.dumps(lang)};</script>", width="content",
            unsafe_allow_javascript=True)
    return lang


def language_switch() -> None:
    """The visible switch between the interface's languages, at the top of the sidebar."""
    key = "lang_switch"
    st.session_state[key] = st.session_state["lang"]
    with st.sidebar:
        st.segmented_control(_("Language"), options=list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get,
                             key=key, on_change=_language_picked, args=(key,), label_visibility="collapsed",
                             width="stretch")


def _language_picked(key: str) -> None:
    picked = st.session_state.get(key)
    if picked:  # a click on the language in force deselects it: the language stays
        st.session_state["lang"] = i18n.language(picked)


# The page as a column exactly the window's height: the title line and the footer take what they need, the map's
# element the rest (flex), measured by the browser at any size instead of guessed. Streamlit pulls each Markdown
# block up by 1rem (for a paragraph's margin these lines have not): undone, so the map never covers the title.
PRESENT_CSS = """
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
  [data-testid="stMain"] { overflow: hidden; }
  [data-testid="stMainBlockContainer"] { padding: .9rem 1.2rem .45rem !important; max-width: 100% !important;
    height: 100vh; height: 100dvh; box-sizing: border-box; display: flex; flex-direction: column; }
  [data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { flex: 1 1 auto; min-height: 0;
    gap: .35rem !important; flex-wrap: nowrap; }
  [data-testid="stMainBlockContainer"] [data-testid="stElementContainer"] { flex-shrink: 0; }
  [data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]:has(.atlas-map-box) {
    flex: 1 1 0; min-height: 240px; }
  [data-testid="stElementContainer"]:has(.atlas-map-box) div:has(.atlas-map-box), .atlas-map-box,
  .atlas-map-box .folium-map { height: 100% !important; }
  [data-testid="stMarkdownContainer"]:has(> .atlas-present-head, > .atlas-present-foot) { margin-bottom: 0 !important; }
  .atlas-present-head { display: flex; align-items: baseline; column-gap: 1.2rem; flex-wrap: wrap;
    font-family: system-ui, sans-serif; line-height: 1.2; }
  .atlas-present-head .t { font-size: clamp(1.5rem, 2.4vw, 3.4rem); font-weight: 700; }
  .atlas-present-head .f { font-size: clamp(1rem, 1.35vw, 2rem); color: #3e4c59; }
  .atlas-present-foot { font: clamp(.9rem, 1vw, 1.5rem)/1.3 system-ui, sans-serif; color: #3e4c59; }
"""


def presentation_styles() -> None:
    """Hide the sidebar and chrome; the title, the map and the footer fill the window exactly, at any screen
    size, and the words are legible from the back of a room."""
    st.markdown(f"<style>{PRESENT_CSS}</style>", unsafe_allow_html=True)


def presentation_header(title: str, caption: str) -> None:
    """The title and the filters in words, on one line above the map (text escaped)."""
    st.markdown(f'<div class="atlas-present-head"><span class="t">{html.escape(title)}</span>'
                f'<span class="f">{html.escape(caption)}</span></div>', unsafe_allow_html=True)


def footer(dataset: Dataset, large: bool = False) -> None:
    """The dataset version on every page; ``large`` for presentation mode."""
    text = version_line(dataset.version, dataset.release)
    if large:
        st.markdown(f'<div class="atlas-present-foot">{html.escape(text)}</div>', unsafe_allow_html=True)
    else:
        st.caption(text)


# -- maps, charts and downloads that act on the filters ---------------------------------------------------
# The map is drawn in the page itself (geo/maps/embed.js), registered once per process.
_MAP = st.components.v2.component("atlas_map", js=embed_script(), isolate_styles=False)


def show_map(fmap: folium.Map, key: str, on_place: Callable[[str], None] | None = None) -> None:
    """Draw a folium map in the page, its libraries served by the app (offline). ``on_place(place_id)`` is
    called when a place's marker is clicked, before the next run; without it a click only opens the popup."""
    ensure_vendor(settings.STATIC_DIR)
    ensure_generated(settings.STATIC_DIR, getattr(fmap, "atlas_generated", {}))
    callbacks = {"on_clicked_change": partial(_place_clicked, key, on_place)} if on_place else {}
    _MAP(key=key, data=map_parts(fmap, clickable=on_place is not None), **callbacks)


def _place_clicked(key: str, on_place: Callable[[str], None]) -> None:
    place_id = st.session_state[key].get("clicked")
    if place_id:
        on_place(str(place_id))


def first_time(key: str, value) -> bool:
    """True when ``value`` is set and was not acted on yet: a table reports its last selection on every
    rerun, and each must be acted on once."""
    if not value or value == st.session_state.get(key):
        return False
    st.session_state[key] = value
    return True


def span_chart(figure, key: str) -> PlotlyState:
    """A timeline chart on which a box drawn across narrows the date filter: acted on once, when drawn (a
    callback, before the next run), never on the empty selection every redrawn chart starts with. A click on
    a mark selects that mark (CHART_CLICKS_SCRIPT); a double click widens the dates again (undo_span)."""
    return st.plotly_chart(figure, key=key, on_select=partial(_span_drawn, key), selection_mode=("box", "points"),
                           width="stretch", config={"displaylogo": False})


def _span_drawn(key: str) -> None:
    state = st.session_state
    filters = state.get("filters", Filters())
    span = drawn_span(state[key].selection, (filters.date_from, filters.date_to), state.get("drawn_span"))
    if span is not None:
        state["drawn_span"] = span
        set_date_filter(span.start, span.end)


def undo_span(dataset: Dataset, filters: Filters) -> None:
    """While the dates are a span drawn on a chart, a button (also pressed by a double click on the chart)
    that gives back the dates there were before it; the page's script that makes clicks and double clicks
    work on the charts."""
    state = st.session_state
    span = state.get("drawn_span")
    if span is not None and not span.in_force((filters.date_from, filters.date_to)):
        del state["drawn_span"]  # the dates were changed since by other means
        span = None
    if span is not None:
        st.button(_("Undo the span drawn ({start} – {end})").format(start=i18n.short_day(span.start),
                                                                   end=i18n.short_day(span.end)), key="undo_span",
                  icon=":material/undo:", on_click=_undo_span, args=(dataset,))
    st.html(CHART_CLICKS_SCRIPT, width="content", unsafe_allow_javascript=True)


def _undo_span(dataset: Dataset) -> None:
    span = st.session_state.pop("drawn_span", None)
    if span is not None:
        options = choices(dataset)
        set_date_filter(span.before[0] or options.date_min, span.before[1] or options.date_max)


def show_clicked_items(dataset: Dataset, event, key: str) -> None:
    """Under the timeline ``key``: the marks clicked, each with its source to follow (hover text cannot hold a
    link)."""
    for n, (kind, item_id) in enumerate(selected_items(event.selection if event else None)[:5]):
        item = item_details(dataset, kind, item_id)
        if item is None:
            continue
        with st.container(border=True, key=f"clicked_{key}_{n}"):
            st.markdown(f"**{md_escape(item['title'])}**  \n{md_escape(item['when'])} · {md_escape(item['who'])}")
            links = st.columns(2)
            if item["url"]:
                links[0].link_button(_("Read the source"), item["url"])
            if item["statement_id"]:
                links[1].page_link("app_pages/5_Statements.py", label=_("Open the statement"),
                                   query_params={"statement": item["statement_id"]})


def pick_record(menu: Menu, label: str, param: str, **selectbox) -> str | None:
    """A one-record page's picker: the menu's notice, a select box opened at its record, and the address kept
    naming the record shown (``?param=<id>``; none while nothing is picked). None when the menu offers
    nothing or nothing is picked. ``selectbox``: further arguments of the select box (placeholder, help...)."""
    if menu.notice:
        st.warning(md_escape(menu.notice))
    if not menu.titles:
        return None
    # The box keeps its own choice from run to run (a box re-created at the address's record on each run would
    # drop a second pick); it is set from the menu only when the address changed from elsewhere (a link, a
    # table row) or its choice is no longer offered.
    state, key = st.session_state, f"record_{param}"
    if state.get(f"{key}_address") != st.query_params.get(param) or state.get(key) not in menu.titles:
        state[key] = None if menu.index is None else list(menu.titles)[menu.index]
    choice = st.selectbox(label, options=list(menu.titles), format_func=menu.titles.get, key=key, **selectbox)
    if choice is None:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != choice:
        st.query_params[param] = choice
    state[f"{key}_address"] = st.query_params.get(param)
    return choice


def download_headers() -> str:
    """The language of the downloads' column names: a switch beside the buttons. English ids by default, for
    machines; Arabic names on request (and Excel sheets then read right to left)."""
    arabic = st.toggle(_("Column names in Arabic"), key="download_headers_ar",
                       help=_("Files keep their stable English column names for scripts unless this is on."))
    return "ar" if arabic else "en"


def download_buttons(downloads: list[Download]) -> None:
    """One button per download, side by side. A download whose data is a function is built when clicked."""
    several = len(downloads) > 1
    for place, item in zip(st.columns(len(downloads)) if several else [st.container()], downloads):
        with place:  # st.download_button, not the column's method: every download goes through one call
            data = item.build if callable(item.data) else item.data
            st.download_button(item.label, data, file_name=item.file_name, mime=item.mime, on_click="ignore",
                               width="stretch" if several else "content")
