"""The data package descriptor and the tables agree, and the README documents the vocabularies."""
from __future__ import annotations

import csv
import json

import pytest

from atlas.dataset.schema import load_schema
from tests.helpers import DATA

SCHEMA = load_schema(DATA)
DESCRIPTOR = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("resource", SCHEMA.resources, ids=lambda r: r.name)
def test_csv_header_matches_schema(resource):
    with (DATA / resource.path).open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == resource.field_names


def test_every_csv_is_described():
    described = {r.path for r in SCHEMA.resources}
    assert {p.name for p in DATA.glob("*.csv")} == described


def test_keys_and_references_point_at_real_fields():
    names = {r.name: r for r in SCHEMA.resources}
    for resource in SCHEMA.resources:
        assert resource.primary_key in resource.field_names
        assert resource.field(resource.primary_key).unique
        for field in resource.fields:
            if field.reference:
                target, key = field.reference
                assert target in names, (resource.name, field.name)
                assert key == names[target].primary_key, (resource.name, field.name)


def test_enums_match_the_documented_vocabularies():
    vocab = SCHEMA.vocabularies
    pairs = {("demands", "speech_act"): "speech_act", ("demands", "cameo_root"): "cameo_root",
             ("demands", "category"): "category", ("demands", "quote_origin"): "quote_origin",
             ("actors", "kind"): "actor_kind", ("places", "place_type"): "place_type",
             ("sources", "kind"): "source_kind"}
    for (resource, field), name in pairs.items():
        assert list(SCHEMA.resource(resource).field(field).enum) == list(vocab[name]), (resource, field)
    assert sorted(map(str, SCHEMA.resource("places").field("geo_precision").enum)) == sorted(vocab["geo_precision"])
    acled = SCHEMA.acled_event_types
    assert list(SCHEMA.resource("events").field("event_type").enum) == list(acled)
    assert set(SCHEMA.resource("events").field("sub_event_type").enum) == {s for v in acled.values() for s in v}


def test_every_field_has_a_description():
    for resource in SCHEMA.resources:
        for field in resource.fields:
            assert field.description.strip(), (resource.name, field.name)


def test_readme_documents_every_table_field_and_vocabulary_value():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for resource in SCHEMA.resources:
        assert f"`{resource.path}`" in readme, resource.path
        for field in resource.fields:
            assert f"`{field.name}`" in readme, (resource.name, field.name)
    for name, values in SCHEMA.vocabularies.items():
        for value in values:
            assert f"`{value}`" in readme, (name, value)


def test_descriptor_names_licences_and_sources():
    assert DESCRIPTOR["licenses"] and DESCRIPTOR["sources"]
    assert any("GeoNames" in s["title"] for s in DESCRIPTOR["sources"])
    assert any("Natural Earth" in s["title"] for s in DESCRIPTOR["sources"])


def test_readme_dictionary_is_generated_from_the_descriptor(tmp_path):
    from atlas.dataset.datadoc import update_readme

    copy = tmp_path / "README.md"
    copy.write_text((DATA / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    assert update_readme(copy, SCHEMA) is False, "run `python -m atlas docs` to refresh data/README.md"
