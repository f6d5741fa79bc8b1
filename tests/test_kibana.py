"""Kibana cannot run here: check the saved objects as far as Elasticsearch and the files allow."""

import importlib.util
import json
import re
import subprocess
import sys

import pytest
from conftest import REPO

from tarjama import es_index

NDJSON = REPO / "kibana" / "saved-objects.ndjson"
MAPPINGS = REPO / "include" / "tarjama" / "resources" / "component_mappings.json"

# The Elasticsearch query each saved KQL query stands for.
KQL_EQUIVALENTS = {
    "translation.score < 0.8": {"range": {"translation.score": {"lt": 0.8}}},
    'flags : "untranslated"': {"match": {"flags": "untranslated"}},
}


def objects():
    return [json.loads(line) for line in NDJSON.read_text(encoding="utf-8").splitlines()]


def mapped_fields() -> set[str]:
    def walk(properties, prefix=""):
        for name, spec in properties.items():
            path = f"{prefix}{name}"
            yield path
            yield from walk(spec.get("properties", {}), f"{path}.")
            yield from (f"{path}.{sub}" for sub in spec.get("fields", {}))

    mappings = json.loads(MAPPINGS.read_text())["template"]["mappings"]["properties"]
    return set(walk(mappings))


def named_fields(obj) -> set[str]:
    attributes = obj["attributes"]
    fields = set()
    if obj["type"] == "index-pattern":
        fields.add(attributes["timeFieldName"])
    if obj["type"] == "search":
        fields |= set(attributes["columns"]) | {column for column, _ in attributes["sort"]}
    if obj["type"] == "visualization":
        fields |= {
            agg["params"]["field"] for agg in json.loads(attributes["visState"])["aggs"] if "field" in agg["params"]
        }
    if "kibanaSavedObjectMeta" in attributes:
        query = json.loads(attributes["kibanaSavedObjectMeta"]["searchSourceJSON"])["query"]["query"]
        fields |= set(re.findall(r"([\w.]+)\s*(?::|<|>)", query))
    return fields


def test_the_committed_file_is_what_the_generator_writes():
    spec = importlib.util.spec_from_file_location("saved_objects", REPO / "kibana" / "saved_objects.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    assert NDJSON.read_text(encoding="utf-8") == generator.ndjson(), "run python kibana/saved_objects.py"


def test_objects_parse_and_every_reference_resolves():
    found = objects()
    keys = {(obj["type"], obj["id"]) for obj in found}
    assert len(keys) == len(found)
    assert {obj["type"] for obj in found} == {"index-pattern", "search", "visualization", "dashboard"}
    for obj in found:
        for reference in obj["references"]:
            assert (reference["type"], reference["id"]) in keys, f"{obj['id']} → {reference}"
        for key in ("visState", "panelsJSON", "optionsJSON", "uiStateJSON"):
            if key in obj["attributes"]:
                json.loads(obj["attributes"][key])
    [dashboard] = [obj for obj in found if obj["type"] == "dashboard"]
    panels = json.loads(dashboard["attributes"]["panelsJSON"])
    assert {panel["panelRefName"] for panel in panels} == {ref["name"] for ref in dashboard["references"]}


def test_the_data_view_is_on_the_alias_with_the_publication_time():
    [view] = [obj for obj in objects() if obj["type"] == "index-pattern"]
    assert view["attributes"]["title"] == "news-articles"
    assert view["attributes"]["timeFieldName"] == "published_at"


def test_every_field_named_exists_in_the_mapping():
    mapped = mapped_fields()
    for obj in objects():
        missing = named_fields(obj) - mapped
        assert not missing, f"{obj['type']} {obj['id']} names unmapped fields {missing}"


def test_every_saved_query_has_an_equivalent():
    queries = {
        json.loads(obj["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])["query"]["query"]
        for obj in objects()
        if obj["type"] == "search"
    }
    assert queries - {""} == set(KQL_EQUIVALENTS)


@pytest.mark.elasticsearch
def test_saved_queries_find_the_expected_documents(es_client, settings):
    alias = es_index.ensure_index(es_client, settings.index_alias)
    documents = [
        {"id": "good", "language": "ar", "title_ar": "أ", "translation": {"score": 0.93}, "flags": []},
        {"id": "doubtful", "language": "ar", "title_ar": "ب", "translation": {"score": 0.61}, "flags": []},
        {"id": "french", "language": "fr", "title_fr": "c", "flags": ["untranslated"]},
    ]
    es_index.index_documents(es_client, alias, documents)
    expected = {"translation.score < 0.8": ["doubtful"], 'flags : "untranslated"': ["french"]}
    for kql, query in KQL_EQUIVALENTS.items():
        hits = es_client.search(index=alias, query=query)["hits"]["hits"]
        assert [hit["_id"] for hit in hits] == expected[kql], kql


def test_import_fails_clearly_when_kibana_does_not_answer():
    result = subprocess.run(
        [sys.executable, "-m", "tarjama.cli", "kibana", "import", "--url", "http://127.0.0.1:9", "--timeout", "1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Kibana at http://127.0.0.1:9 was not available within 1 s" in result.stderr
