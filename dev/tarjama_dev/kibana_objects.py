"""Writes include/tarjama/resources/saved-objects.ndjson: the Kibana objects Tarjama ships, ready to import.

    python -m tarjama_dev.kibana_objects        # after editing this file; a test checks the two agree

A data view on the `news-articles` alias (time field `published_at`), saved Discover sessions,
a Maps map of the linked places (`places_geo`), and a dashboard of that map and aggregation-based visualizations
(Kibana Lens cannot chart `nested` fields, so every facet is a flat keyword array). Import with
`tarjama kibana import`. Written for Kibana 8.19; the Kibana sources each setting follows, and what changes for
9.x, are in docs/kibana.md.
"""

from __future__ import annotations

import json

from tarjama_dev import REPO

OUTPUT = REPO / "include" / "tarjama" / "resources" / "saved-objects.ndjson"
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
    # x-pack/platform/plugins/shared/maps/server/saved_objects/setup_saved_objects.ts: no modelVersions,
    # convertToMultiNamespaceTypeVersion 8.0.0, and `migrations` merges three maps: the type's own
    # (saved_object_migrations.ts, newest key 8.4.0, migrateOtherCategoryColor), the data plugin's filter
    # migrations (plugin.ts passes data.query.filterManager.getAllMigrations: common/query/filters/
    # persistable_state.ts returns {}) and DataViewPersistableStateService.getAllMigrations (returns {}).
    "map": "8.4.0",
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
    # ISO 3166-1 alpha-2 codes of the linked places (include/tarjama/pipeline.py entity_fields), one per country
    # per article, so the bars count articles that name a place in the country.
    ("tarjama-countries", "Countries", "horizontal_bar", TERMS, {"field": "countries", "size": 15}),
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


# The map: Kibana Maps (x-pack/platform/plugins/shared/maps; `x-pack/plugins/maps` before 8.18). Its saved object
# keeps the layers and the map state as JSON strings (server/saved_objects/types.ts, StoredMapAttributes), in the
# shape Kibana itself stores after its last migration (8.4.0, above): current layer type names (renamed in 8.1,
# common/migrations/rename_layer_types.ts) and the data view as a reference, not an id.
MAP_ID = "tarjama-news-map"
MAP_GEO_FIELD = "places_geo"
# common/migrations/references.ts extractReferences: a layer source's data view becomes the reference
# `layer_<index in the layer list>_source_index_pattern`, named in the source as indexPatternRefName.
PLACES_LAYER_INDEX = 1
PLACES_REF = f"layer_{PLACES_LAYER_INDEX}_source_index_pattern"
# Shown when a point is clicked; read with the fields API by _id (es_search_source.tsx _loadTooltipProperties).
PLACES_TOOLTIP = ["title_en", "title_ar", "source", "published_at", "places", "countries"]


def basemap_layer() -> dict:
    """The base map Kibana gives a new map: EMS vector tiles chosen by the Kibana theme. The browser loads them
    from tiles.maps.elastic.co, so it needs internet access (docs/kibana.md)."""
    return {
        # Layer ids only have to be unique and no prefix of another: EmsVectorTileLayer.ownsMbLayerId matches by
        # prefix (public/classes/layers/ems_vector_tile_layer/ems_vector_tile_layer.tsx).
        "id": "tarjama-basemap",
        # create_basemap_layer_descriptor.ts: EmsVectorTileLayer over EMSTMSSource.createDescriptor({isAutoSelect:
        # true}); ems_tms_source.tsx fills lightModeDefault with the desaturated road map (DEFAULT_EMS_ROADMAP_
        # DESATURATED_ID), and with isAutoSelect the dark theme gets the dark map.
        "type": "EMS_VECTOR_TILE",
        "sourceDescriptor": {"type": "EMS_TMS", "isAutoSelect": True, "lightModeDefault": "road_map_desaturated"},
        # EmsVectorTileLayer.createDescriptor: alpha 1, locale 'autoselect' (AUTOSELECT_EMS_LOCALE: labels in
        # Kibana's language), style EMSVectorTileStyle.createDescriptor() = {type: EMS_VECTOR_TILE, color: ''}
        # (no colour blend; the style type exists since 8.4, kibana#131576).
        "alpha": 1,
        "locale": "autoselect",
        "style": {"type": "EMS_VECTOR_TILE", "color": ""},
        # layer.tsx AbstractLayer.createDescriptor defaults (MIN_ZOOM 0, MAX_ZOOM 24).
        "visible": True,
        "minZoom": 0,
        "maxZoom": 24,
        "includeInFitToBounds": True,
    }


def places_layer() -> dict:
    """One point per linked place of every article in the dashboard's time range and query."""
    source = {
        "type": "ES_SEARCH",  # the "Documents" layer (es_search_source.tsx), not an aggregation
        "id": "tarjama-places-source",  # names the layer's requests in the inspector; any stable string
        "indexPatternRefName": PLACES_REF,
        "geoField": MAP_GEO_FIELD,
        # Vector tiles from Elasticsearch's _mvt API: every document is drawn, up to index.max_result_window per
        # tile, where LIMIT stops at the first 10,000 of the whole map. MVT is what ESSearchSource.createDescriptor
        # and the documents wizard (create_source_editor.tsx) choose; the layer type follows from it
        # (es_documents_layer_wizard.tsx createDefaultLayerDescriptor: MVT -> MvtVectorLayer).
        "scalingType": "MVT",
        # es_source.ts AbstractESSource.createDescriptor: both default to true. makeSearchSource adds the global
        # time range as a filter on the data view's time field (published_at) and the global query and filters.
        # On a dashboard, "global" is the dashboard's: its time picker, query bar and filters.
        "applyGlobalQuery": True,
        "applyGlobalTime": True,
        "applyForceRefresh": True,  # re-fetch on the dashboard's Refresh and auto-refresh
        # The rest is what ESSearchSource.createDescriptor fills in; filterByMapBounds is not used with MVT
        # (isFilterByMapBounds returns false) and top hits only with scalingType TOP_HITS.
        "filterByMapBounds": True,
        "tooltipProperties": PLACES_TOOLTIP,
        "sortField": "published_at",  # newest drawn on top, and kept first when a tile is over the limit
        "sortOrder": "desc",
        "topHitsGroupByTimeseries": False,
        "topHitsSplitField": "",
        "topHitsSize": 1,
    }
    # public/classes/styles/vector/vector_style_defaults.ts getDefaultStaticProperties, with our colours: a filled
    # circle of size 6 with a white outline. Every property is static, so no style metadata is fetched.
    static = "STATIC"
    style = {
        "icon": {"type": static, "options": {"value": "marker"}},
        "fillColor": {"type": static, "options": {"color": "#54B399"}},
        "lineColor": {"type": static, "options": {"color": "#FFFFFF"}},
        "lineWidth": {"type": static, "options": {"size": 1}},
        "iconSize": {"type": static, "options": {"size": 6}},
        "iconOrientation": {"type": static, "options": {"orientation": 0}},
        "labelText": {"type": static, "options": {"value": ""}},
        "labelColor": {"type": static, "options": {"color": "#000000"}},
        "labelSize": {"type": static, "options": {"size": 14}},
        "labelZoomRange": {"options": {"useLayerZoomRange": True, "minZoom": 0, "maxZoom": 24}},
        "labelBorderColor": {"type": static, "options": {"color": "#FFFFFF"}},
        "symbolizeAs": {"options": {"value": "circle"}},
        "labelBorderSize": {"options": {"size": "SMALL"}},
        "labelPosition": {"options": {"position": "CENTER"}},
    }
    return {
        "id": "tarjama-places",
        "label": "Places named in articles",
        # LAYER_TYPE.MVT_VECTOR (common/constants.ts; 'TILED_VECTOR' before 8.1). mvt_vector_layer.tsx.
        "type": "MVT_VECTOR",
        "sourceDescriptor": source,
        # VectorStyle.createDescriptor (vector_style.tsx): type VECTOR; isTimeAware true limits style metadata
        # to the time range.
        "style": {"type": "VECTOR", "properties": style, "isTimeAware": True},
        # AbstractVectorLayer.createDescriptor (vector_layer.tsx): joins [], disableTooltips false; the rest are
        # AbstractLayer.createDescriptor's defaults (alpha 0.75). includeInFitToBounds: the layer's extent is
        # what the map fits to.
        "joins": [],
        "disableTooltips": False,
        "alpha": 0.75,
        "visible": True,
        "minZoom": 0,
        "maxZoom": 24,
        "includeInFitToBounds": True,
    }


def news_map() -> dict:
    layers = [basemap_layer(), places_layer()]
    assert layers[PLACES_LAYER_INDEX]["sourceDescriptor"]["indexPatternRefName"] == PLACES_REF
    # mapStateJSON keys as transform_map_attributes_in.ts writes them: center, zoom, timeFilters, refreshConfig,
    # query, filters, settings. In the Maps app the map opens with its own time range and query; on a dashboard the
    # embeddable uses the dashboard's time range, and the saved query and filters narrow it further
    # (react_embeddable/initialize_redux_sync.ts setEmbeddableSearchContext), so both stay empty.
    state = {
        "center": {"lat": 29.0, "lon": 38.0},  # the Arabic-speaking world, shown while there is no data to fit
        "zoom": 3,
        "timeFilters": {"from": "now-30d", "to": "now"},
        "refreshConfig": {"isPaused": True, "interval": 0},
        "query": {"query": "", "language": "kuery"},
        "filters": [],
        # Merged over public/reducers/map/default_map_settings.ts by SET_MAP_SETTINGS (reducers/map/map.ts):
        # initialLocation AUTO_FIT_TO_BOUNDS fits the map to the data when it opens (actions/map_actions.ts
        # mapReady -> autoFitToBounds, a geo_bounds aggregation: es_source.ts getBoundsForFilters), and
        # autoFitToDataBounds fits it again whenever the time range, query or filters change (setQuery).
        # projection: 'mercator' or 'globeInterpolate' (server/.../settings_schema.ts); a flat map for a panel.
        "settings": {"initialLocation": "AUTO_FIT_TO_BOUNDS", "autoFitToDataBounds": True, "projection": "mercator"},
    }
    return {
        "type": "map",
        "id": MAP_ID,
        "attributes": {
            "title": "Tarjama: where the news happens",
            "description": "One point per place linked to GeoNames in each article (places_geo)",
            "layerListJSON": json.dumps(layers),
            "mapStateJSON": json.dumps(state),
            # uiStateJSON: isLayerTOCOpen and openTOCDetails (transform_map_attributes_in.ts).
            "uiStateJSON": json.dumps({"isLayerTOCOpen": True, "openTOCDetails": []}),
        },
        "references": [{"name": PLACES_REF, "type": "index-pattern", "id": DATA_VIEW_ID}],
    }


def dashboard_panels() -> list[tuple[str, str, bool, int]]:
    """(saved object type, id, full width, height) in reading order: the time line, the map, the facets in pairs,
    the articles."""
    first, *facets = VISUALIZATIONS
    return [
        ("visualization", first[0], True, 15),
        ("map", MAP_ID, True, 20),
        *(("visualization", v[0], False, 15) for v in facets),
        ("search", SEARCHES[0][0], True, 15),
    ]


def dashboard() -> dict:
    layout, references = [], []
    y, open_half = 0, None  # open_half: the y of a row whose right half is still free
    for n, (kind, object_id, wide, height) in enumerate(dashboard_panels()):
        if not wide and open_half is not None:
            grid = {"x": 24, "y": open_half, "w": 24, "h": height}
            open_half = None
        else:
            grid = {"x": 0, "y": y, "w": 48 if wide else 24, "h": height}
            open_half = None if wide else y
            y += height
        layout.append(
            {
                "version": KIBANA_VERSION,
                # A panel by reference: its type is the saved object's type ("map" is the Maps embeddable,
                # MAP_SAVED_OBJECT_TYPE, as in the sample data dashboards: maps server/plugin.ts
                # replacePanelInSampleDatasetDashboard), and the reference named panelRefName gives the id.
                "type": kind,
                "gridData": {**grid, "i": str(n + 1)},
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
            "description": "Articles over time, where the news happens, who and what they name, countries, languages, "
            "sources, translation quality",
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
        news_map(),
        dashboard(),
    ]
    return [with_migration_versions(obj) for obj in objects]


def ndjson() -> str:
    return "".join(json.dumps(obj, ensure_ascii=False, sort_keys=True) + "\n" for obj in saved_objects())


if __name__ == "__main__":
    OUTPUT.write_text(ndjson(), encoding="utf-8")
    print(f"wrote {OUTPUT}")
