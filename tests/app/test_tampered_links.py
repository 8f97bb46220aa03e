"""Tampered links through the real pages: garbage, unknown ids, huge values, reversed ranges, repeated keys."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlas.dataset.loader import load_dataset
from atlas.dataset.values import md_escape
from atlas.filters import URL_PARAMS, build_choices, parse_query
from tests.helpers import FIXTURE, app

CHOICES = build_choices(load_dataset(FIXTURE))
odd_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["%3Cscript%3E", "2024-13-45", "9999-12-31", "0001-01-01", "1e309", "-1", "NaN",
                     "aleppo,aleppo,atlantis", "\u202eevil", "x" * 5000, "'; DROP TABLE statements; --", "%00"]),
)
params = st.dictionaries(st.sampled_from([*URL_PARAMS, "statement", "present", "utm_source", "__proto__"]),
                         st.one_of(odd_text, st.lists(odd_text, min_size=2, max_size=4)), min_size=1, max_size=5)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                               HealthCheck.too_slow])
@given(params, st.sampled_from(["Demands", "Map", "Statements", "Events"]))
def test_tampered_links_never_raise_and_say_what_was_ignored(query, page):
    at = app(page)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, (query, at.exception)
    _, notices = parse_query(query, CHOICES)
    shown = " ".join(w.value for w in at.warning)
    for notice in notices:
        assert md_escape(notice) in shown, (notice, shown)
