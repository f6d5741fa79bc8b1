"""Kibana cannot run here: check the saved objects as far as Elasticsearch and the files allow."""

import email.parser
import email.policy
import json
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import REPO

from tarjama import es_index
from tarjama.kibana import KibanaImportError, import_saved_objects
from tarjama_dev.kibana_objects import ndjson

NDJSON = REPO / "include" / "tarjama" / "resources" / "saved-objects.ndjson"
MAPPINGS = REPO / "include" / "tarjama" / "resources" / "component_mappings.json"

# The Elasticsearch query each saved KQL query stands for.
KQL_EQUIVALENTS = {
    "translation.score < 0.8": {"range": {"translation.score": {"lt": 0.8}}},
    'flags : "untranslated"': {"match": {"flags": "untranslated"}},
}


# The aggregation-based XY vis types (src/platform/plugins/private/vis_types/xy/public/vis_types/).
XY_TYPES = {"histogram", "horizontal_bar", "line", "area"}
# Kibana 8.19: the core transform and each type's latest transform (tarjama_dev.kibana_objects says where from).
MIGRATION_VERSIONS = {
    "index-pattern": "8.0.0",
    "search": "10.5.0",
    "visualization": "8.5.0",
    "dashboard": "10.2.0",
    "map": "8.4.0",
}
# The layer and source types an 8.19 map stores (x-pack/platform/plugins/shared/maps/common/constants.ts LAYER_TYPE,
# SOURCE_TYPES); the pre-8.1 layer names (VECTOR, TILED_VECTOR, VECTOR_TILE, TILE) are renamed only by the 8.1.0
# migration, which a map at 8.4.0 does not go through.
LAYER_TYPES = {"RASTER_TILE", "GEOJSON_VECTOR", "EMS_VECTOR_TILE", "HEATMAP", "BLENDED_VECTOR", "MVT_VECTOR"}
ES_SOURCE_TYPES = {"ES_SEARCH", "ES_GEO_GRID"}


def objects():
    return [json.loads(line) for line in NDJSON.read_text(encoding="utf-8").splitlines()]


def vis_states():
    return [
        (obj["id"], json.loads(obj["attributes"]["visState"])) for obj in objects() if obj["type"] == "visualization"
    ]


def xy_axes():
    for vis_id, state in vis_states():
        if state["type"] in XY_TYPES:
            for kind in ("categoryAxes", "valueAxes"):
                for axis in state["params"][kind]:
                    yield vis_id, kind, axis


def mapping_types() -> dict[str, str]:
    """Every field path of the committed mapping, with its type ("object" for an object without one)."""

    def walk(properties, prefix=""):
        for name, spec in properties.items():
            path = f"{prefix}{name}"
            yield path, spec.get("type", "object")
            yield from walk(spec.get("properties", {}), f"{path}.")
            yield from ((f"{path}.{sub}", sub_spec["type"]) for sub, sub_spec in spec.get("fields", {}).items())

    mappings = json.loads(MAPPINGS.read_text())["template"]["mappings"]["properties"]
    return dict(walk(mappings))


def mapped_fields() -> set[str]:
    return set(mapping_types())


def the(object_type: str) -> dict:
    """The one object of that type."""
    [found] = [o for o in objects() if o["type"] == object_type]
    return found


def map_layers(obj) -> list[dict]:
    return json.loads(obj["attributes"]["layerListJSON"])


def es_layers(obj) -> list[tuple[int, dict]]:
    """(index, layer) of the layers with an Elasticsearch source: the ones that read the data view."""
    return [
        (n, layer) for n, layer in enumerate(map_layers(obj)) if layer["sourceDescriptor"]["type"] in ES_SOURCE_TYPES
    ]


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
    if obj["type"] == "map":
        for _, layer in es_layers(obj):
            source = layer["sourceDescriptor"]
            named = [source["geoField"], source.get("sortField"), *source.get("tooltipProperties", [])]
            fields |= {name for name in named if name}
    if "kibanaSavedObjectMeta" in attributes:
        query = json.loads(attributes["kibanaSavedObjectMeta"]["searchSourceJSON"])["query"]["query"]
        fields |= set(re.findall(r"([\w.]+)\s*(?::|<|>)", query))
    return fields


def test_the_committed_file_is_what_the_generator_writes():
    assert NDJSON.read_text(encoding="utf-8") == ndjson(), "run python -m tarjama_dev.kibana_objects"


def test_objects_parse_and_every_reference_resolves():
    found = objects()
    keys = {(obj["type"], obj["id"]) for obj in found}
    assert len(keys) == len(found)
    assert {obj["type"] for obj in found} == {"index-pattern", "search", "visualization", "map", "dashboard"}
    for obj in found:
        for reference in obj["references"]:
            assert (reference["type"], reference["id"]) in keys, f"{obj['id']} → {reference}"
        for key in ("visState", "panelsJSON", "optionsJSON", "uiStateJSON", "layerListJSON", "mapStateJSON"):
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
    assert result.returncode == 3  # unreachable, as the README's exit statuses say
    assert "Kibana at http://127.0.0.1:9 was not available within 1 s" in result.stderr
    assert "Traceback" not in result.stderr and "KIBANA_URL" in result.stderr


def test_every_xy_axis_has_a_complete_scale():
    """to_ast.ts (prepareXAxis/prepareYAxis -> prepareAxisExtentConfig) reads scale.defaultYExtents of every axis;
    Kibana keeps the axis lists of the file whole, so an axis without a scale throws."""
    axes = list(xy_axes())
    assert {vis_id for vis_id, _, _ in axes} == {v for v, s in vis_states() if s["type"] in XY_TYPES} != set()
    for vis_id, kind, axis in axes:
        scale = axis.get("scale")
        assert isinstance(scale, dict) and scale.get("type") in {"linear", "log", "square root"}, (vis_id, kind)
        if kind == "valueAxes":
            assert scale.get("mode") in {"normal", "percentage", "wiggle", "silhouette"}, (vis_id, kind)


def test_no_axis_leaves_its_label_rotation_to_kibana():
    """Without labels.rotate, to_ast.ts turns the labels of every axis but a time axis by -90 degrees."""
    for vis_id, kind, axis in xy_axes():
        assert axis["labels"].get("rotate") == 0, (vis_id, kind, axis["labels"])


def test_histogram_settings_have_the_types_kibana_reads():
    """data plugin, common/search/aggs/buckets/histogram.ts: min_doc_count is a boolean (true: keep empty buckets),
    extended_bounds is sent only with has_extended_bounds; date_histogram.ts: min_doc_count is a number."""
    aggs = [(vis_id, agg) for vis_id, state in vis_states() for agg in state["aggs"]]
    histograms = [(vis_id, agg["params"]) for vis_id, agg in aggs if agg["type"] == "histogram"]
    assert histograms
    for vis_id, params in histograms:
        assert isinstance(params.get("min_doc_count"), bool), vis_id
        if params.get("extended_bounds"):
            assert params.get("has_extended_bounds") is True, vis_id
            assert {"min", "max"} <= set(params["extended_bounds"]), vis_id
    for vis_id, agg in aggs:
        if agg["type"] == "date_histogram":
            count = agg["params"].get("min_doc_count", 1)
            assert isinstance(count, int) and not isinstance(count, bool), vis_id


def test_every_object_says_which_migrations_it_has_had():
    for obj in objects():
        assert obj.get("coreMigrationVersion") == "8.8.0", obj["id"]
        assert obj.get("typeMigrationVersion") == MIGRATION_VERSIONS[obj["type"]], obj["id"]


def test_the_map_draws_a_geo_point_field_of_the_data_view():
    """The map's one Elasticsearch layer reads a geo_point field of the mapping through the data view, by the
    reference name Kibana gives it (maps common/migrations/references.ts extractReferences), and follows the time
    range, query and filters of the page it is on (es_source.ts: applyGlobalTime, applyGlobalQuery)."""
    news_map = the("map")
    layers = map_layers(news_map)
    [(index, layer)] = es_layers(news_map)
    source = layer["sourceDescriptor"]
    assert source["geoField"] == "places_geo"
    assert mapping_types()[source["geoField"]] == "geo_point"
    assert "indexPatternId" not in source  # stored maps name the data view by reference only
    assert source["indexPatternRefName"] == f"layer_{index}_source_index_pattern"
    reference = {ref["name"]: ref for ref in news_map["references"]}[source["indexPatternRefName"]]
    assert (reference["type"], reference["id"]) == ("index-pattern", the("index-pattern")["id"])
    assert source["applyGlobalTime"] is True and source["applyGlobalQuery"] is True
    # es_documents_layer_wizard.tsx: an MVT documents source is drawn by an MVT_VECTOR layer, the others by
    # GEOJSON_VECTOR (or BLENDED_VECTOR for CLUSTERS).
    assert (source["type"], source["scalingType"], layer["type"]) == ("ES_SEARCH", "MVT", "MVT_VECTOR")
    assert {layer["type"] for layer in layers} <= LAYER_TYPES
    # The base map comes first (EmsVectorTileLayer.isBasemap: order 0) and is EMS's, chosen by the Kibana theme.
    assert layers[0]["type"] == "EMS_VECTOR_TILE" and layers[0]["sourceDescriptor"]["type"] == "EMS_TMS"
    assert layers[0]["sourceDescriptor"]["isAutoSelect"] is True
    # Layer ids: unique, and none the prefix of another (EmsVectorTileLayer.ownsMbLayerId matches by prefix).
    ids = [layer["id"] for layer in layers]
    assert len(set(ids)) == len(ids)
    assert not [(a, b) for a in ids for b in ids if a != b and b.startswith(a)]
    state = json.loads(news_map["attributes"]["mapStateJSON"])
    assert state["query"] == {"query": "", "language": "kuery"} and state["filters"] == []
    assert state["settings"]["initialLocation"] == "AUTO_FIT_TO_BOUNDS"
    assert state["settings"]["autoFitToDataBounds"] is True


def test_the_countries_facet_is_a_keyword_facet_like_the_others():
    states = dict(vis_states())
    countries = states["tarjama-countries"]
    [bucket] = [agg for agg in countries["aggs"] if agg["schema"] == "segment"]
    assert bucket["type"] == "terms" and bucket["params"]["field"] == "countries"
    assert mapping_types()["countries"] == "keyword"
    assert countries["type"] == "horizontal_bar"
    assert countries["params"] == states["tarjama-top-places"]["params"]


def test_the_dashboard_shows_the_map_and_the_countries_facet():
    dashboard = the("dashboard")
    panels = json.loads(dashboard["attributes"]["panelsJSON"])
    references = {ref["name"]: ref for ref in dashboard["references"]}
    shown = {(references[panel["panelRefName"]]["type"], references[panel["panelRefName"]]["id"]) for panel in panels}
    assert ("map", "tarjama-news-map") in shown
    assert ("visualization", "tarjama-countries") in shown
    # Every visualization, the map and the articles search, each once.
    assert len(shown) == len(panels) == len([o for o in objects() if o["type"] in ("visualization", "map")]) + 1
    for panel in panels:  # a panel by reference has its saved object's type (the "map" embeddable for a map)
        assert panel["type"] == references[panel["panelRefName"]]["type"], panel
    cells = [
        (x, y)
        for panel in panels
        for x in range(panel["gridData"]["x"], panel["gridData"]["x"] + panel["gridData"]["w"])
        for y in range(panel["gridData"]["y"], panel["gridData"]["y"] + panel["gridData"]["h"])
    ]
    assert len(cells) == len(set(cells)), "panels overlap"
    assert max(x for x, _ in cells) < 48  # Kibana's dashboard grid is 48 columns wide


# The dashboard's time filter as Kibana sends it: a range on the data view's time field, ISO bounds, both included
# (data plugin, common/query/timefilter/get_time.ts createTimeRangeFilter). Here: March 2025.
MARCH_2025 = {
    "range": {
        "published_at": {
            "gte": "2025-03-01T00:00:00.000Z",
            "lte": "2025-03-31T23:59:59.999Z",
            "format": "strict_date_optional_time",
        }
    }
}
POINTS = {
    "damascus": {"lat": 33.5138, "lon": 36.2765},
    "beirut": {"lat": 33.8938, "lon": 35.5018},
    "cairo": {"lat": 30.0444, "lon": 31.2357},
    "paris": {"lat": 48.8566, "lon": 2.3522},
}


@pytest.mark.elasticsearch
def test_elasticsearch_finds_what_the_map_and_the_countries_facet_show(es_client, settings):
    """What the dashboard asks for March 2025, asked directly: the extent the map fits to (a geo_bounds
    aggregation on its geo field, maps es_source.ts getBoundsForFilters), the documents it draws (those with a point:
    es_search_source.tsx getTileUrl adds an exists filter) and the Countries bars (a terms aggregation)."""
    alias = es_index.ensure_index(es_client, settings.index_alias)

    def article(doc_id, published_at, places, countries):
        return {
            "id": doc_id,
            "published_at": published_at,
            "places_geo": [POINTS[place] for place in places],
            "countries": countries,
        }

    documents = [
        article("damascus", "2025-03-02T08:00:00Z", ["damascus"], ["SY"]),
        article("beirut-damascus", "2025-03-15", ["beirut", "damascus"], ["LB", "SY"]),
        article("cairo", "2025-03-31T23:00:00Z", ["cairo"], ["EG"]),
        article("no-place", "2025-03-20T12:00:00Z", [], []),
        article("paris-in-february", "2025-02-28T23:59:59Z", ["paris"], ["FR"]),  # outside the time range
    ]
    indexed, errors = es_index.index_documents(es_client, alias, documents)
    assert (indexed, errors) == (len(documents), [])

    [(_, layer)] = es_layers(the("map"))
    geo_field = layer["sourceDescriptor"]["geoField"]
    [bucket] = [agg for agg in dict(vis_states())["tarjama-countries"]["aggs"] if agg["schema"] == "segment"]
    response = es_client.search(
        index=alias,
        size=0,
        query={"bool": {"filter": [MARCH_2025]}},
        aggs={
            "bounds": {"geo_bounds": {"field": geo_field}},
            "countries": {"terms": {"field": bucket["params"]["field"], "size": bucket["params"]["size"]}},
        },
    )
    assert response["hits"]["total"]["value"] == 4
    bounds = response["aggregations"]["bounds"]["bounds"]
    # geo_point is stored to about 1e-7 degrees; Paris, published in February, is not in the box.
    north_west = {"lat": POINTS["beirut"]["lat"], "lon": POINTS["cairo"]["lon"]}
    south_east = {"lat": POINTS["cairo"]["lat"], "lon": POINTS["damascus"]["lon"]}
    assert bounds["top_left"] == pytest.approx(north_west, abs=1e-5)
    assert bounds["bottom_right"] == pytest.approx(south_east, abs=1e-5)
    countries = [(b["key"], b["doc_count"]) for b in response["aggregations"]["countries"]["buckets"]]
    assert countries == [("SY", 2), ("EG", 1), ("LB", 1)]

    drawn = es_client.search(
        index=alias, query={"bool": {"filter": [MARCH_2025, {"exists": {"field": geo_field}}]}}, sort=["_doc"]
    )
    assert sorted(hit["_id"] for hit in drawn["hits"]["hits"]) == ["beirut-damascus", "cairo", "damascus"]


class FakeKibana(ThreadingHTTPServer):
    """A real HTTP server on a free loopback port that answers the two endpoints the import uses the way Kibana
    8.19 does: GET /api/status, and POST /api/saved_objects/_import (multipart `file`, `kbn-xsrf` required),
    which imports what it can and lists the rest in `errors` with `success: false`."""

    def __init__(self, errors: dict[str, dict] | None = None, handler: type | None = None):
        super().__init__(("127.0.0.1", 0), handler or FakeKibanaHandler)
        self.errors = errors or {}  # object id -> the `error` Kibana gives for it
        self.received: list[dict] = []
        self.query: dict = {}
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()


class FakeKibanaHandler(BaseHTTPRequestHandler):
    server: FakeKibana

    def log_message(self, *args):
        pass

    def answer(self, status: int, body: dict):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if urlsplit(self.path).path == "/api/status":
            return self.answer(200, {"status": {"overall": {"level": "available"}}})
        self.answer(404, {"statusCode": 404, "error": "Not Found", "message": "Not Found"})

    def do_POST(self):
        url = urlsplit(self.path)
        if url.path != "/api/saved_objects/_import":
            return self.answer(404, {"statusCode": 404, "error": "Not Found", "message": "Not Found"})
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if "kbn-xsrf" not in self.headers:
            return self.answer(
                400, {"statusCode": 400, "error": "Bad Request", "message": "Request must contain a kbn-xsrf header."}
            )
        head = f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode()
        form = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        files = [part for part in form.iter_parts() if part.get_param("name", header="content-disposition") == "file"]
        if not files:
            return self.answer(
                400,
                {
                    "statusCode": 400,
                    "error": "Bad Request",
                    "message": "[request body.file]: expected value of type [Stream]",
                },
            )
        lines = files[0].get_payload(decode=True).decode().splitlines()
        self.server.received = [json.loads(line) for line in lines if line.strip()]
        self.server.query = parse_qs(url.query)
        successes, errors = [], []
        for obj in self.server.received:
            meta = {"title": obj["attributes"].get("title"), "icon": obj["type"]}
            entry = {"type": obj["type"], "id": obj["id"], "meta": meta}
            if obj["id"] in self.server.errors:
                errors.append({**entry, "title": meta["title"], "error": self.server.errors[obj["id"]]})
            else:
                successes.append({**entry, "overwrite": True})
        answer = {"success": not errors, "successCount": len(successes), "warnings": []}
        self.answer(
            200,
            {
                **answer,
                **({"successResults": successes} if successes else {}),
                **({"errors": errors} if errors else {}),
            },
        )


PARTIAL_FAILURE = {
    "tarjama-sources": {"type": "missing_references", "references": [{"type": "index-pattern", "id": "gone"}]},
    "tarjama-translation-score": {
        "type": "unknown",
        "message": "Unable to validate visualization: [visState]: expected value of type [string]",
        "statusCode": 400,
    },
}


def test_import_reports_what_kibana_answered_for_each_object():
    with FakeKibana(errors=PARTIAL_FAILURE) as kibana:
        results = import_saved_objects(kibana.url, timeout_s=10)
    sent = objects()
    assert kibana.received == sent
    assert kibana.query == {"overwrite": ["true"]}
    assert [(r.type, r.id) for r in results] == [(obj["type"], obj["id"]) for obj in sent]
    assert {r.id for r in results if not r.ok} == set(PARTIAL_FAILURE)
    by_id = {r.id: r for r in results}
    assert by_id["tarjama-sources"].error == "missing references: index-pattern/gone"
    assert by_id["tarjama-translation-score"].error == (
        "Unable to validate visualization: [visState]: expected value of type [string] (HTTP 400)"
    )
    assert by_id["tarjama-overview"].ok and by_id["tarjama-overview"].title == "Tarjama: news overview"


def test_the_cli_prints_one_line_per_object_and_fails_if_any_failed():
    def run(url):
        command = [sys.executable, "-m", "tarjama.cli", "kibana", "import", "--url", url, "--timeout", "10"]
        return subprocess.run(command, capture_output=True, text=True, timeout=60)

    with FakeKibana(errors=PARTIAL_FAILURE) as kibana:
        partial = run(kibana.url)
    with FakeKibana() as kibana:
        complete = run(kibana.url)
    ids = [f"{obj['type']}/{obj['id']}" for obj in objects()]
    for result in (partial, complete):
        lines = result.stdout.splitlines()
        assert [line.split()[1] for line in lines] == ids, result.stdout
    failed = [line for line in partial.stdout.splitlines() if line.startswith("FAILED")]
    assert failed == [
        "FAILED  visualization/tarjama-sources (Sources): missing references: index-pattern/gone",
        "FAILED  visualization/tarjama-translation-score (Translation score): Unable to validate visualization: "
        "[visState]: expected value of type [string] (HTTP 400)",
    ]
    assert partial.returncode == 1
    assert f"Kibana did not import 2 of {len(ids)} objects" in partial.stderr
    assert complete.returncode == 0, complete.stderr
    assert all(line.startswith("ok ") for line in complete.stdout.splitlines())


class RefusingKibanaHandler(FakeKibanaHandler):
    """Kibana's answer to a request it refuses as a whole (here: a body that is not multipart)."""

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self.answer(415, {"statusCode": 415, "error": "Unsupported Media Type", "message": "Unsupported Media Type"})


def test_import_fails_clearly_when_kibana_refuses_the_request():
    refused = pytest.raises(KibanaImportError, match=r"import refused \(HTTP 415\): Unsupported Media Type")
    with FakeKibana(handler=RefusingKibanaHandler) as kibana, refused:
        import_saved_objects(kibana.url, timeout_s=10)
