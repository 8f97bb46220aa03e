"""Streamlit pieces shared by the pages. The only module in atlas/ that imports Streamlit.

The filters live in ``st.session_state["filters"]`` (a ``Filters``), which
survives page switches; the sidebar widgets are seeded from it on every run,
because Streamlit drops a widget's state when a page without it runs. The URL
is rewritten from the filters after each run, so any view can be shared.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import streamlit as st

from atlas.dataset import Dataset, DatasetError, data_dir_from_env, load_dataset
from atlas.eventlayer import EventLayer, LayerError, layer_key, load_layer, select
from atlas.filters import (LIST_PARAMS, URL_PARAMS, Choices, Filters, choices, describe, gov_pcodes, parse_query,
                           to_query)
from atlas.format import md_escape

WIDGET = {"places": "f_places", "govs": "f_govs", "issuers": "f_issuers", "categories": "f_categories",
          "event_types": "f_event_types", "actors": "f_actors", "q": "f_q", "dates": "f_dates"}


@st.cache_resource(show_spinner="Loading the dataset…")
def _cached_dataset(data_dir: str) -> Dataset:
    # cache_resource hands every session the same object; Dataset is read-only.
    return load_dataset(Path(data_dir))


@st.cache_resource
def _cached_choices(version: str, layer: str, _dataset: Dataset, _layer: EventLayer | None) -> Choices:
    return choices(_dataset, _layer)


@st.cache_resource(show_spinner="Loading the ACLED layer…", max_entries=2)
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
    data_dir = data_dir_from_env().resolve()
    try:
        key = layer_key(data_dir)
        return _cached_layer(str(data_dir), key) if key else None
    except (LayerError, OSError, ValueError) as exc:
        if warn:
            st.warning(f"The imported ACLED layer cannot be read, so it is left out ({md_escape(str(exc))}). "
                       "Import the export again with `python -m atlas import-acled FILE`.", icon="⚠️")
        return None


def layer_rows(layer: EventLayer, dataset: Dataset, filters: Filters) -> np.ndarray:
    """The layer's rows under ``filters``, cached per filter so a rerun without a change costs nothing."""
    pcodes = tuple(sorted(gov_pcodes(dataset, filters)))
    query = "&".join(f"{k}={v}" for k, v in sorted(to_query(filters).items()))
    return _cached_rows(layer.key, query, pcodes, layer, filters)


def dataset_or_stop() -> Dataset:
    """The dataset, or a page explaining what is wrong with it (and a stop)."""
    data_dir = data_dir_from_env()
    try:
        return _cached_dataset(str(data_dir.resolve()))
    except DatasetError as exc:
        st.error(f"The dataset in {exc.data_dir} has {len(exc.problems)} problem(s), so nothing is shown.")
        st.write("Run the validator for the full list, fix the files, then reload this page:")
        st.code(f"python -m atlas validate {exc.data_dir}", language="bash")
        st.dataframe(
            [{"file": p.file, "row": p.row, "field": p.field, "problem": p.message} for p in exc.problems[:200]],
            hide_index=True, width="stretch",
        )
        st.stop()


def allowed_values(dataset: Dataset) -> Choices:
    layer = event_layer(warn=False)  # the pages that show the layer warn about it
    return _cached_choices(dataset.version, layer.key if layer else "", dataset, layer)


def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}


def _seed_widgets(filters: Filters, allowed: Choices, overwrite: bool = False) -> None:
    state = st.session_state
    values = {WIDGET[attr]: list(getattr(filters, attr)) for attr in LIST_PARAMS.values()}
    values[WIDGET["q"]] = filters.q
    values[WIDGET["dates"]] = (filters.date_from or allowed.date_min, filters.date_to or allowed.date_max)
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


def _reset() -> None:
    st.session_state["filters"] = Filters()
    st.session_state["filter_notices"] = []
    st.session_state["reset_requested"] = True


def sidebar_filters(dataset: Dataset) -> Filters:
    """Draw the shared filters in the sidebar; return the filters in force."""
    state = st.session_state
    allowed = allowed_values(dataset)
    if "filters" not in state:
        filters, notices = parse_query(_url_params(), allowed)
        state["filters"], state["filter_notices"] = filters, notices
        _seed_widgets(filters, allowed, overwrite=True)
    if state.pop("reset_requested", False):
        _seed_widgets(Filters(), allowed, overwrite=True)
    pending = state.pop("pending_places", None)
    if pending is not None:
        state[WIDGET["places"]] = [p for p in pending if p in allowed.places]
    pending_dates = state.pop("pending_dates", None)
    if pending_dates is not None:
        state[WIDGET["dates"]] = pending_dates
    _seed_widgets(state["filters"], allowed)

    low = min(allowed.date_min, state[WIDGET["dates"]][0]) if state[WIDGET["dates"]] else allowed.date_min
    high = max(allowed.date_max, state[WIDGET["dates"]][-1], date.today()) if state[WIDGET["dates"]] else allowed.date_max
    with st.sidebar:
        st.header("Filters")
        for notice in state.get("filter_notices", []):
            st.warning(md_escape(notice), icon="⚠️")  # notices quote the URL, which anyone can write
        dates = st.date_input("Dates", key=WIDGET["dates"], min_value=low, max_value=high, format="YYYY-MM-DD",
                              help="Records whose dates overlap this range are shown; uncertain windows included.")
        places = st.multiselect("Places", options=list(allowed.places), format_func=allowed.places.get,
                                key=WIDGET["places"], placeholder="Any place (English or Arabic name)")
        govs = st.multiselect("Governorates", options=list(allowed.govs), format_func=allowed.govs.get,
                              key=WIDGET["govs"], placeholder="Any governorate")
        issuers = st.multiselect("Issuers", options=list(allowed.issuers), format_func=allowed.issuers.get,
                                 key=WIDGET["issuers"], placeholder="Any issuer")
        categories = st.multiselect("Demand categories", options=list(allowed.categories),
                                    format_func=allowed.categories.get, key=WIDGET["categories"],
                                    placeholder="Any category")
        event_types = st.multiselect("Event types", options=list(allowed.event_types), key=WIDGET["event_types"],
                                     placeholder="Any event type")
        actors = st.multiselect("ACLED actors", options=list(allowed.actors), format_func=allowed.actors.get,
                                key=WIDGET["actors"], placeholder="Any actor",
                                help="Actor 1 or actor 2 of the imported ACLED events.") if allowed.actors else []
        q = st.text_input("Search text", key=WIDGET["q"], max_chars=200,
                          placeholder="Words in titles, demands, quotes…")
        st.button("Reset filters", on_click=_reset, width="stretch")

    date_from, date_to = _date_range(dates, allowed)
    filters = Filters(date_from=date_from, date_to=date_to, places=tuple(places), govs=tuple(govs),
                      issuers=tuple(issuers), categories=tuple(categories), event_types=tuple(event_types),
                      actors=tuple(actors), q=q.strip())
    if filters != state["filters"]:
        state["filter_notices"] = []
    state["filters"] = filters
    _write_url(filters)
    return filters


def _date_range(value, allowed: Choices) -> tuple[date | None, date | None]:
    picked = tuple(value) if isinstance(value, (list, tuple)) else (value,)
    start = picked[0] if picked else None
    end = picked[1] if len(picked) > 1 else None
    # the whole span of the data is no filter at all
    return (None if start is None or start <= allowed.date_min else start,
            None if end is None or end >= allowed.date_max else end)


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
    words = describe(filters, allowed_values(dataset))
    return "Filters: " + "; ".join(words) if words else "No filters: the whole dataset."


def active_filters_caption(filters: Filters, dataset: Dataset) -> str:
    """The filters in words, Markdown-escaped (they may hold text typed into a URL)."""
    return md_escape(plain_filters(filters, dataset))


def presentation_mode() -> bool:
    """True for ?present=1: the map fills the screen for a briefing."""
    return st.query_params.get("present") == "1"


def presentation_styles() -> None:
    """Hide the sidebar and chrome; make the words legible from the back of a room."""
    st.markdown("""
        <style>
          [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
          [data-testid="stToolbar"] { display: none !important; }
          .block-container { padding-top: 1rem !important; padding-bottom: 0 !important; max-width: 100% !important; }
          h1 { font-size: 2.6rem !important; }
          h3 { font-size: 1.6rem !important; font-weight: 500 !important; }
          [data-testid="stCaptionContainer"] p { font-size: 1.25rem !important; }
        </style>""", unsafe_allow_html=True)


def footer(dataset: Dataset, large: bool = False) -> None:
    text = f"Syria Statement Atlas · dataset version {dataset.version}"
    if large:
        st.subheader(text)
    else:
        st.caption(text)
