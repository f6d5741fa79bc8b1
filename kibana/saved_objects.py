"""Writes kibana/saved-objects.ndjson: the Kibana objects Tarjama ships, ready to import.

    python kibana/saved_objects.py        # after editing this file; a test checks the two agree

A data view on the `news-articles` alias (time field `published_at`), saved Discover sessions,
and a dashboard of aggregation-based visualizations (Kibana Lens cannot chart `nested` fields,
so every facet is a flat keyword array). Import with `tarjama kibana import`.
"""

from __future__ import annotations

import json
from pathlib import Path

OUTPUT = Path(__file__).with_name("saved-objects.ndjson")
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

# Visualizations: (id, title, vis type, bucket aggregation, its params).
TERMS = "terms"
VISUALIZATIONS = [
    (
        "tarjama-articles-over-time",
        "Articles over time",
        "histogram",
        "date_histogram",
        {"field": "published_at", "interval": "auto", "min_doc_count": 1, "extended_bounds": {}},
    ),
    ("tarjama-top-people", "Top people", "horizontal_bar", TERMS, {"field": "persons", "size": 15}),
    ("tarjama-top-organisations", "Top organisations", "horizontal_bar", TERMS, {"field": "orgs", "size": 15}),
    ("tarjama-top-places", "Top places", "horizontal_bar", TERMS, {"field": "places", "size": 15}),
    ("tarjama-languages", "Languages", "pie", TERMS, {"field": "language", "size": 10}),
    ("tarjama-sources", "Sources", "horizontal_bar", TERMS, {"field": "source", "size": 15}),
    (
        "tarjama-translation-score",
        "Translation score",
        "histogram",
        "histogram",
        {"field": "translation.score", "interval": 0.05, "min_doc_count": 0, "extended_bounds": {"min": 0, "max": 1}},
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
    horizontal = vis_type == "horizontal_bar"
    return {
        "type": vis_type,
        "addTooltip": True,
        "addLegend": False,
        "legendPosition": "right",
        "times": [],
        "addTimeMarker": False,
        "grid": {"categoryLines": False},
        "categoryAxes": [
            {
                "id": "CategoryAxis-1",
                "type": "category",
                "position": "left" if horizontal else "bottom",
                "show": True,
                "labels": {"show": True, "truncate": 200},
                "title": {},
            }
        ],
        "valueAxes": [
            {
                "id": "ValueAxis-1",
                "name": "LeftAxis-1",
                "type": "value",
                "position": "bottom" if horizontal else "left",
                "show": True,
                "scale": {"type": "linear", "mode": "normal"},
                "labels": {"show": True},
                "title": {"text": "Articles"},
            }
        ],
        "seriesParams": [
            {
                "show": True,
                "type": "histogram",
                "mode": "normal",
                "data": {"label": "Articles", "id": "1"},
                "valueAxis": "ValueAxis-1",
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
                "version": "8.19.21",
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


def saved_objects() -> list[dict]:
    return [
        data_view(),
        *(saved_search(*s) for s in SEARCHES),
        *(visualization(*v) for v in VISUALIZATIONS),
        dashboard(),
    ]


def ndjson() -> str:
    return "".join(json.dumps(obj, ensure_ascii=False, sort_keys=True) + "\n" for obj in saved_objects())


if __name__ == "__main__":
    OUTPUT.write_text(ndjson(), encoding="utf-8")
    print(f"wrote {OUTPUT}")
