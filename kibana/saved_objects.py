"""Writes kibana/saved-objects.ndjson: the Kibana objects Tarjama ships, ready to import.

    python kibana/saved_objects.py        # after editing this file; a test checks the two agree

A data view on the `news-articles` alias (time field `published_at`), saved Discover sessions,
and a dashboard of aggregation-based visualizations (Kibana Lens cannot chart `nested` fields,
so every facet is a flat keyword array). Import with `tarjama kibana import`. Written for Kibana 8.19; the Kibana
sources each setting follows, and what changes for 9.x, are in docs/kibana.md.
"""

from __future__ import annotations

import json
from pathlib import Path

OUTPUT = Path(__file__).with_name("saved-objects.ndjson")
# The Kibana these objects are written for (ELASTIC_VERSION in .env.example); docs/kibana.md says how they fare in 9.x.
KIBANA_VERSION = "8.19.21"
DATA_VIEW_ID = "tarjama-news-articles"
INDEX_REF = "kibanaSavedObjectMeta.searchSourceJSON.index"

# Saved searches: (id, title, KQL query, columns). Their KQL has an Elasticsearch equivalent in tests.
SEARCHES = [
    ("tarjama-articles", "Tarjama: articles", "", ["title_ar", "title_en", "source", "persons", "places", "language"]),
    (
        "tarjama-doubtful-translations",
        "Tarjama: doubtful translations (score under 0.8)",
        "translation.score < 0.8",
        ["title_ar", "title_en", "translation.score", "translation.model", "source"],
    ),
    (
        "tarjama-untranslated",
        "Tarjama: untranslated (no package for the language)",
        'flags : "untranslated"',
        ["language", "title_other", "title_fr", "title_fa", "source"],
    ),
]

# Every object says which migrations it has already been through, as Kibana's own exports do. Without the two
# fields Kibana takes the object for current and validates it against its newest schema; with them it validates
# against the schema of the stated version and runs only the later migrations. Values for Kibana 8.19, read in
# elastic/kibana (paths as of 8.18+, src/platform/...; docs/kibana.md says which versions were read and why):
# coreMigrationVersion: the last core transform, '8.8.0' (src/core/packages/saved-objects/migration-server-internal/
#   src/document_migrator/migrations/index.ts).
# typeMigrationVersion: the version of the type's latest transform (document_migrator/build_active_migrations.ts,
#   same package): the newest key of its legacy `migrations` map or its convertToMultiNamespaceTypeVersion, or
#   '10.<n>.0' for model version n (src/core/packages/saved-objects/base-server-internal/src/model_version/).
CORE_MIGRATION_VERSION = "8.8.0"
TYPE_MIGRATION_VERSIONS = {
    # src/platform/plugins/shared/data_views/server/saved_objects/data_views.ts: migrations up to 7.11.0
    # (index_pattern_migrations.ts), convertToMultiNamespaceTypeVersion 8.0.0, no modelVersions.
    "index-pattern": "8.0.0",
    # src/platform/plugins/shared/saved_search/server/saved_objects/search.ts: model versions 1-5 (5 adds
    # `density`); 6, `tabs`, came with Discover tabs in 9.2.
    "search": "10.5.0",
    # src/platform/plugins/shared/visualizations/server/saved_objects/visualization.ts: no modelVersions; the newest
    # migration is 8.5.0 (../migrations/visualization_saved_object_migrations.ts; the search-source migrations merged
    # in, data plugin common/search/search_source/search_source_service.ts, are empty).
    "visualization": "8.5.0",
    # src/platform/plugins/shared/dashboard/server/dashboard_saved_object/dashboard_saved_object.ts: model versions
    # 1 and 2 are certainly in 8.19; 3 (`sections`) may be too, and Kibana then migrates a 10.2.0 object through it
    # on import, whereas a 10.3.0 object would be refused by an 8.19 without it (docs/kibana.md).
    "dashboard": "10.2.0",
}

# Visualizations: (id, title, vis type, bucket aggregation, its params).
TERMS = "terms"
VISUALIZATIONS = [
    (
        "tarjama-articles-over-time",
        "Articles over time",
        "histogram",
        "date_histogram",
        # date_histogram's min_doc_count is a number (default 1) and its extended_bounds is sent only when min or
        # max is set (src/platform/plugins/shared/data/common/search/aggs/buckets/date_histogram.ts).
        {"field": "published_at", "interval": "auto", "min_doc_count": 1, "extended_bounds": {}},
    ),
    ("tarjama-top-people", "Top people", "horizontal_bar", TERMS, {"field": "persons", "size": 15}),
    ("tarjama-top-organisations", "Top organisations", "horizontal_bar", TERMS, {"field": "orgs", "size": 15}),
    ("tarjama-top-places", "Top places", "horizontal_bar", TERMS, {"field": "places", "size": 15}),
    ("tarjama-languages", "Languages", "pie", TERMS, {"field": "language", "size": 10}),
    # `source` is lower-cased by its normalizer and has no un-normalized keyword sub-field (`source.text` is
    # analysed text), so the facet shows lower-cased names: docs/kibana.md.
    ("tarjama-sources", "Sources", "horizontal_bar", TERMS, {"field": "source", "size": 15}),
    (
        "tarjama-translation-score",
        "Translation score",
        "histogram",
        "histogram",
        # histogram's min_doc_count is a boolean: true sends min_doc_count 0 (empty buckets kept), anything falsy
        # sends 1; extended_bounds is sent only with has_extended_bounds true
        # (src/platform/plugins/shared/data/common/search/aggs/buckets/histogram.ts). So: every bucket from 0 to 1.
        {
            "field": "translation.score",
            "interval": 0.05,
            "min_doc_count": True,
            "has_extended_bounds": True,
            "extended_bounds": {"min": 0, "max": 1},
        },
    ),
]


def search_source(query: str = "", with_index: bool = True) -> str:
    source = {"query": {"query": query, "language": "kuery"}, "filter": []}
    if with_index:
        source["indexRefName"] = INDEX_REF
    return json.dumps(source)


def data_view() -> dict:
    return {
        "type": "index-pattern",
        "id": DATA_VIEW_ID,
        "attributes": {"title": "news-articles", "name": "News articles (Tarjama)", "timeFieldName": "published_at"},
        "references": [],
    }


def saved_search(search_id: str, title: str, query: str, columns: list[str]) -> dict:
    return {
        "type": "search",
        "id": search_id,
        "attributes": {
            "title": title,
            "description": "",
            "columns": columns,
            "sort": [["published_at", "desc"]],
            "kibanaSavedObjectMeta": {"searchSourceJSON": search_source(query)},
        },
        "references": [{"name": INDEX_REF, "type": "index-pattern", "id": DATA_VIEW_ID}],
    }


def vis_params(vis_type: str) -> dict:
    if vis_type == "pie":
        return {
            "type": "pie",
            "addTooltip": True,
            "legendPosition": "right",
            "isDonut": True,
            "labels": {"show": True, "values": True, "last_level": True, "truncate": 100},
        }
    return xy_params(vis_type)


def xy_params(vis_type: str) -> dict:
    """Params of an aggregation-based XY chart ("histogram": vertical bars, "horizontal_bar").

    Kibana fills in missing params only at the top level (Vis.getParams: lodash `defaults` against the vis type's
    visConfig.defaults, src/platform/plugins/shared/visualizations/public/vis.ts), so each axis and series below
    is complete: its fields are those of visConfig.defaults in
    src/platform/plugins/private/vis_types/xy/public/vis_types/histogram.ts and horizontal_bar.ts, with our titles,
    positions and label rotation. The chart is built by ../to_ast.ts in the same plugin."""
    horizontal = vis_type == "horizontal_bar"
    # labels.rotate: to_ast.ts getLabelArgs sends labelsOrientation -(rotate ?? (time axis ? 0 : 90)), so an axis
    # without it gets labels turned -90 degrees; 0 is LabelRotation.Horizontal (charts plugin, LabelRotation).
    # (horizontal_bar.ts's own default for the value axis is 75, Angled; we want level numbers.)
    category_labels = {"show": True, "rotate": 0, "filter": True, "truncate": 200 if horizontal else 100}
    value_labels = {"show": True, "rotate": 0, "filter": True, "truncate": 100}
    return {
        "type": vis_type,
        "addTooltip": True,
        "addLegend": False,
        "legendPosition": "right",
        "times": [],
        "addTimeMarker": False,
        "labels": {"show": False},
        "grid": {"categoryLines": False},
        "categoryAxes": [
            {
                "id": "CategoryAxis-1",
                "type": "category",
                "position": "left" if horizontal else "bottom",
                "show": True,
                # to_ast.ts prepareXAxis -> prepareAxisExtentConfig(categoryAxes[0].scale) reads
                # scale.defaultYExtents: without a scale the chart throws. The vis types' default is {type: linear}.
                "scale": {"type": "linear"},
                "labels": category_labels,
                "title": {},
                "style": {},
            }
        ],
        "valueAxes": [
            {
                "id": "ValueAxis-1",
                "name": "LeftAxis-1",
                "type": "value",
                "position": "bottom" if horizontal else "left",
                "show": True,
                # to_ast.ts prepareYAxis reads scale.defaultYExtents, .setYExtents, .boundsMargin, .type and .mode;
                # the vis types' default scale is {type: linear, mode: normal}.
                "scale": {"type": "linear", "mode": "normal"},
                "labels": value_labels,
                "title": {"text": "Articles"},
                "style": {},
            }
        ],
        "seriesParams": [
            {
                "show": True,
                "type": "histogram",
                "mode": "normal",
                "data": {"label": "Articles", "id": "1"},
                "valueAxis": "ValueAxis-1",
                "interpolate": "linear",
                "drawLinesBetweenPoints": True,
                "lineWidth": 2,
                "showCircles": True,
                "circlesRadius": 1,
            }
        ],
    }


def visualization(vis_id: str, title: str, vis_type: str, bucket: str, params: dict) -> dict:
    state = {
        "title": title,
        "type": vis_type,
        "params": vis_params(vis_type),
        "aggs": [
            {"id": "1", "enabled": True, "type": "count", "params": {}, "schema": "metric"},
            {"id": "2", "enabled": True, "type": bucket, "params": params, "schema": "segment"},
        ],
    }
    return {
        "type": "visualization",
        "id": vis_id,
        "attributes": {
            "title": title,
            "description": "",
            "visState": json.dumps(state),
            "uiStateJSON": "{}",
            "version": 1,
            "kibanaSavedObjectMeta": {"searchSourceJSON": search_source()},
        },
        "references": [{"name": INDEX_REF, "type": "index-pattern", "id": DATA_VIEW_ID}],
    }


def dashboard() -> dict:
    panels = [("visualization", v[0]) for v in VISUALIZATIONS] + [("search", SEARCHES[0][0])]
    layout, references = [], []
    for n, (kind, object_id) in enumerate(panels):
        wide = n == 0 or kind == "search"
        grid = {
            "x": 0 if wide else 24 * ((n - 1) % 2),
            "y": 15 * ((n + 1) // 2),
            "w": 48 if wide else 24,
            "h": 15,
            "i": str(n + 1),
        }
        layout.append(
            {
                "version": KIBANA_VERSION,
                "type": kind,
                "gridData": grid,
                "panelIndex": str(n + 1),
                "embeddableConfig": {},
                "panelRefName": f"panel_{n}",
            }
        )
        references.append({"name": f"panel_{n}", "type": kind, "id": object_id})
    return {
        "type": "dashboard",
        "id": "tarjama-overview",
        "attributes": {
            "title": "Tarjama: news overview",
            "description": "Articles over time, who and what they name, languages, sources, translation quality",
            "panelsJSON": json.dumps(layout),
            "optionsJSON": json.dumps({"useMargins": True, "hidePanelTitles": False}),
            "timeRestore": False,
            "kibanaSavedObjectMeta": {"searchSourceJSON": search_source(with_index=False)},
        },
        "references": references,
    }


def with_migration_versions(obj: dict) -> dict:
    return {
        **obj,
        "coreMigrationVersion": CORE_MIGRATION_VERSION,
        "typeMigrationVersion": TYPE_MIGRATION_VERSIONS[obj["type"]],
    }


def saved_objects() -> list[dict]:
    objects = [
        data_view(),
        *(saved_search(*s) for s in SEARCHES),
        *(visualization(*v) for v in VISUALIZATIONS),
        dashboard(),
    ]
    return [with_migration_versions(obj) for obj in objects]


def ndjson() -> str:
    return "".join(json.dumps(obj, ensure_ascii=False, sort_keys=True) + "\n" for obj in saved_objects())


if __name__ == "__main__":
    OUTPUT.write_text(ndjson(), encoding="utf-8")
    print(f"wrote {OUTPUT}")
