"""Every page through AppTest: runs cleanly, follows the filters set in the URL or the widgets, downloads right."""
from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from atlas.dataset.loader import load_dataset
from tests.helpers import FIXTURE as DATA
from tests.helpers import PAGES, app

DATASET = load_dataset(DATA)


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_runs_without_exception(page):
    at = app(page).run()
    assert not at.exception, at.exception
    assert any(DATASET.version in c.value for c in [*at.caption, *at.subheader])


def demand_rows(at) -> int:
    return len(at.dataframe[0].value)


@pytest.mark.parametrize("params,rows", [
    ({}, 30),
    ({"place": "al-waer"}, 2),  # the demands about al-Waer, not every demand of the statement that names it
    ({"gov": "gov-aleppo"}, 3),
    ({"from": "2024-12-01", "to": "2024-12-31"}, 19),
    ({"issuer": "snc"}, 11),
    ({"category": "landmines"}, 1),
    ({"event_type": "Battles"}, 19),
    ({"q": "red lines"}, 2),
    ({"place": "aleppo", "from": "2016-01-01", "to": "2016-12-31"}, 0),
])
def test_demands_follow_the_url(params, rows):
    at = app("Demands", **params).run()
    assert not at.exception
    assert demand_rows(at) == rows
    assert not at.warning


def test_bad_url_values_are_dropped_with_a_notice():
    at = app("Demands", place="aleppo,atlantis", **{"from": "not-a-date"}).run()
    assert not at.exception
    notices = " ".join(w.value for w in at.warning)
    assert "atlantis" in notices and "not a date" in notices
    assert demand_rows(at) == 3  # aleppo kept
    assert at.query_params["place"] == "aleppo" and "from" not in at.query_params


def test_widgets_change_the_table_and_the_url():
    at = app("Demands").run()
    at.multiselect(key="f_places").set_value(["al-waer"]).run()
    assert demand_rows(at) == 2
    assert at.query_params["place"] == "al-waer"
    at.text_input(key="f_q").input("ceasefire").run()
    assert demand_rows(at) == 1
    assert at.query_params["q"] == "ceasefire"
    at.button[0].click().run()  # reset
    assert demand_rows(at) == 30
    assert "place" not in at.query_params and "q" not in at.query_params


@pytest.mark.parametrize("key,value,rows,param", [
    ("f_issuers", ["sbc", "acs"], 19, "issuer=sbc,acs"),
    ("f_categories", ["accountability"], 2, "category=accountability"),
    ("f_event_types", ["Strategic developments"], 30, "event_type=Strategic developments"),
    ("f_govs", ["gov-idleb"], 8, "gov=gov-idleb"),
])
def test_each_list_widget_filters_and_shows_in_the_url(key, value, rows, param):
    at = app("Demands").run()
    at.multiselect(key=key).set_value(value).run()
    assert not at.exception
    assert demand_rows(at) == rows
    name, expected = param.split("=")
    assert at.query_params[name] == expected


def test_date_widget_filters_by_overlap():
    from datetime import date

    at = app("Demands").run()
    at.date_input(key="f_dates").set_value((date(2016, 9, 1), date(2016, 9, 10))).run()
    assert demand_rows(at) == 11  # the undated statement's window overlaps
    assert at.query_params["from"] == "2016-09-01" and at.query_params["to"] == "2016-09-10"


@pytest.mark.parametrize("params", [{"to": "2030-12-31"}, {"from": "2001-01-01", "to": "2030-12-31"},
                                    {"from": DATASET.statements["date"].min().date().isoformat()}])
def test_a_links_dates_are_kept_as_given(params):
    # beyond the data's last day (or its first): the link must still mean the same after more data arrives
    at = app("Demands", **params).run()
    at.run()  # a second run, as after any click
    assert {k: at.query_params[k] for k in params} == params
    assert demand_rows(at) == 30


def test_filters_persist_across_pages():
    at = app("Demands").run()
    at.multiselect(key="f_govs").set_value(["gov-homs"]).run()
    at.switch_page("app_pages/1_Map.py").run()
    assert not at.exception
    assert at.multiselect(key="f_govs").value == ["gov-homs"]
    assert at.query_params["gov"] == "gov-homs"
    table = at.dataframe[0].value
    assert set(table["name"]) == {"al-Waer", "Homs"}


def test_map_table_counts_and_url_place():
    at = app("Map", place="daraya").run()
    table = at.dataframe[0].value.set_index("name")
    assert table.loc["Daraya", "demands"] == 1 and table.loc["Daraya", "events"] == 1
    assert not at.exception


def test_presentation_mode_hides_the_chrome():
    at = app("Map", present="1", place="aleppo").run()
    assert not at.exception
    head = next(m.value for m in at.markdown if m.value.startswith("<div class=\"atlas-present-head"))
    assert "Syria Statement Atlas" in head and "Aleppo" in head
    assert any(m.value.startswith("<div class=\"atlas-present-foot") and DATASET.version in m.value for m in at.markdown)
    assert any("stSidebar" in m.value and "100vh" in m.value for m in at.markdown)  # hides chrome, fills the height
    assert not at.get("download_button")


def test_the_briefing_view_draws_no_filter_widgets_and_keeps_the_link_and_its_notices():
    at = app("Map", present="1", place="aleppo", gov="nowhere").run()
    assert not at.exception
    assert not at.multiselect and not at.date_input and not at.text_input  # the hidden sidebar is not drawn
    assert at.query_params["place"] == "aleppo" and "gov" not in at.query_params
    assert any("nowhere" in w.value for w in at.warning)  # what the link held that was ignored, said
    head = next(m.value for m in at.markdown if m.value.startswith("<div class=\"atlas-present-head"))
    assert "Aleppo" in head


def test_statement_deep_link_and_unknown_id():
    at = app("Statements", statement="snc-fsa-2016-09").run()
    assert at.selectbox[0].value == "snc-fsa-2016-09"
    assert "truce ends" in at.subheader[0].value
    assert len(at.dataframe[0].value) == 11  # its demands
    bad = app("Statements", statement="<script>").run()
    assert not bad.exception and "No statement with the id" in bad.warning[0].value


def test_timeline_shows_events_and_statements():
    at = app("Timeline", gov="gov-rural-damascus").run()
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = {t.get("name") for t in figure["data"] if t.get("name")}
    assert "Strategic developments" in names or "Strategic developments (approximate date)" in names
    hovers = " ".join(str(t.get("text")) for t in figure["data"])
    assert "Daraya evacuation deal" in hovers and "approximate" in hovers


def test_downloads_hold_exactly_the_filtered_rows(downloads):
    at = app("Demands", place="al-waer").run()
    assert not at.exception
    csv_name = next(n for n in downloads if n.endswith(".csv"))
    assert "demands" in csv_name and "al-waer" in csv_name and DATASET.version in csv_name
    raw = downloads[csv_name]
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 2 and {r["dataset_version"] for r in rows} == {DATASET.version}
    assert all(not r["quote"].startswith(("=", "+", "-", "@")) for r in rows)

    book = openpyxl.load_workbook(io.BytesIO(downloads[csv_name.replace(".csv", ".xlsx")]))
    assert book.sheetnames == ["demands", "threads", "statements", "sources", "filters and version"]
    assert "thread" in rows[0] and "thread_id" in rows[0]
    assert book["demands"].max_row == 3  # header + 2
    about = {r[0]: r[1] for r in book["filters and version"].iter_rows(values_only=True)}
    assert about["dataset version"] == DATASET.version and "al-Waer" in about["filters"]

    payload = json.loads(downloads[csv_name.replace(".csv", ".json")])
    assert payload["meta"]["dataset_version"] == DATASET.version and len(payload["demands"]) == 2


def test_map_download_is_one_offline_file_named_for_its_filters(downloads):
    app("Map", gov="gov-aleppo").run()
    name = next(n for n in downloads if n.endswith(".html"))
    assert name == f"syria-atlas_map_gov-aleppo_v{DATASET.version}.html"
    html = downloads[name].decode("utf-8")
    assert "<script src=" not in html and "L.circleMarker" in html and "leaflet" in html.lower()
    assert DATASET.version in html and "Aleppo" in html  # the saved map says what it shows
    assert "<title>Syria Statement Atlas · Filters: governorates: Aleppo</title>" in html


@pytest.mark.parametrize("ratio, size", [("16x9", (1920, 1080)), ("4x3", (1600, 1200))])
def test_map_pictures_for_slides_have_their_size_and_are_drawn(downloads, ratio, size):
    from PIL import Image, ImageStat

    app("Map").run()
    name = next(n for n in downloads if n.endswith(f"_{ratio}.png"))
    assert name.startswith("syria-atlas_map_all_")
    picture = Image.open(io.BytesIO(downloads[name])).convert("RGB")
    assert picture.size == size
    assert len(picture.getcolors(maxcolors=1 << 20) or []) > 200  # a map, not a blank or flat image
    assert max(ImageStat.Stat(picture).stddev) > 20


def test_broken_dataset_page_on_every_page(monkeypatch, data_copy):
    from tests.helpers import rewrite

    rewrite(data_copy / "places.csv", "aleppo", lat="48.85")
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_copy))
    for page in PAGES:
        at = app(page).run()
        assert not at.exception and " problem" in at.error[0].value


def test_about_shows_the_record_by_year_and_its_gaps():
    at = app("About").run()
    by_year = next(d.value for d in at.dataframe if "statements" in d.value.columns)
    assert int(by_year["statements"].sum()) == len(DATASET.statements)
    assert any("Years with fewer than 3 statements" in m.value for m in at.markdown)


def test_demands_link_their_statement_and_thread_and_show_names_not_codes(monkeypatch):
    from urllib.parse import parse_qs, urlsplit

    from tests.helpers import DATA

    monkeypatch.setenv("ATLAS_DATA_DIR", str(DATA))  # the bundled record codes threads; the fixture does not
    record = load_dataset(DATA)
    at = app("Demands", category="humanitarian-aid", **{"from": "2012-01-01"}).run()
    assert not at.exception
    frame = at.dataframe[0]
    columns = json.loads(frame.proto.columns)
    for column in ("statement", "thread"):
        assert columns[column]["type_config"]["type"] == "link" and columns[column]["type_config"]["display_text"]
    table = frame.value
    links = [urlsplit(link) for link in table["statement"].tolist() + table["thread"].dropna().tolist()]
    assert {p.path for p in links} == {"Statements", "Threads"}
    assert all({k: v[0] for k, v in parse_qs(p.query).items() if k not in ("statement", "thread")}
               == {"category": "humanitarian-aid", "from": "2012-01-01"} for p in links)
    categories = record.schema.vocabularies["category"]
    assert set(table["category"]) == {record.schema.term("category", "humanitarian-aid")}
    assert not set(table["speech_act"]) & set(record.schema.vocabularies["speech_act"])
    assert not set(table["category"]) & set(categories)

    # the link opens its statement, with the filters, and the statement's demands name their categories too
    first = links[0]
    opened = app("Statements", **{k: v[0] for k, v in parse_qs(first.query).items()}).run()
    assert not opened.exception and opened.selectbox[0].value == parse_qs(first.query)["statement"][0]
    assert opened.query_params["category"] == "humanitarian-aid"
    demands = opened.dataframe[0].value
    assert len(demands) and not set(demands["category"]) & set(categories)
    assert not set(demands["speech act"]) & set(record.schema.vocabularies["speech_act"])


@pytest.mark.parametrize("page,says", [
    ("Demands", "demands about these places"), ("Statements", "statements that name these places"),
    ("Map", "demands about these places"), ("Timeline", "events at these places"),
])
def test_each_page_says_what_a_place_filter_keeps(page, says):
    at = app(page, place="al-waer").run()
    assert not at.exception
    assert any("Place filter" in c.value and says in c.value for c in at.caption)
    assert not any("Place filter" in c.value for c in app(page).run().caption)
