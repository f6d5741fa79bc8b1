"""Search both languages at once.

One `multi_match` per language, each on fields analysed for that language (a single
`combined_fields` cannot span two analyzers), combined in a `bool.should`; the clause of the
query's own script is boosted. Entity names match in either form. Filters narrow without
scoring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from elasticsearch import Elasticsearch

from tarjama.fields import OTHER_LANGUAGE, TEXT_LANGUAGES
from tarjama.gazetteer import gazetteer

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN_SCRIPT = re.compile(r"[A-Za-z\u00C0-\u024F]")
OWN_SCRIPT_BOOST = 2.0
ENTITY_FIELDS = ["persons", "orgs", "places", "persons_ar", "orgs_ar", "places_ar"]
MAX_PLACE_QUERY_WORDS = 3
PLACE_BOOST = 2.0
_OTHER_LANGUAGES = [code for code in (*TEXT_LANGUAGES, OTHER_LANGUAGE) if code not in ("ar", "en")]


@dataclass(frozen=True)
class Filters:
    published_from: str | None = None  # inclusive, YYYY-MM-DD
    published_to: str | None = None  # inclusive
    sources: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()
    places: tuple[str, ...] = ()


def build_query(text: str, filters: Filters = Filters()) -> dict:
    must_filter = _filters(filters)
    if not text.strip():
        return {"bool": {"must": [{"match_all": {}}], "filter": must_filter}}
    arabic = len(_ARABIC_SCRIPT.findall(text)) >= len(_LATIN_SCRIPT.findall(text))
    clauses = [
        _language_clause(text, "ar", boost=OWN_SCRIPT_BOOST if arabic else 1.0),
        _language_clause(text, "en", boost=1.0 if arabic else OWN_SCRIPT_BOOST),
        {
            "multi_match": {
                "query": text,
                "fields": [f"{kind}_{code}" for code in _OTHER_LANGUAGES for kind in ("title", "body")],
                "type": "best_fields",
            }
        },
        {"multi_match": {"query": text, "fields": ENTITY_FIELDS, "boost": 2.0}},
        *_place_clauses(text),
    ]
    return {"bool": {"should": clauses, "minimum_should_match": 1, "filter": must_filter}}


def _place_clauses(text: str) -> list[dict]:
    """A query that is a place's name, in any language and written any way the gazetteer
    folds (`بموريتانيا`, `Soudan`), also finds the articles whose linked places are that place,
    or lie in that country: a story from Khartoum is about Sudan."""
    found = gazetteer().places(text.strip()) if len(text.split()) <= MAX_PLACE_QUERY_WORDS else []
    if not found:
        return []
    place = found[0]
    if place.kind == "country":
        return [{"term": {"countries": {"value": place.country, "boost": PLACE_BOOST}}}]
    return [{"term": {"place_ids": {"value": str(place.geonames_id), "boost": PLACE_BOOST}}}]


def _language_clause(text: str, code: str, boost: float) -> dict:
    fields = [f"title_{code}^3", f"title_{code}.exact^4", f"body_{code}", f"body_{code}.exact^1.5"]
    return {"multi_match": {"query": text, "fields": fields, "type": "best_fields", "tie_breaker": 0.3, "boost": boost}}


def _filters(filters: Filters) -> list[dict]:
    clauses = []
    if filters.published_from or filters.published_to:
        bounds = {"gte": filters.published_from, "lte": filters.published_to}
        clauses.append({"range": {"published_at": {k: v for k, v in bounds.items() if v}}})
    if filters.sources:
        clauses.append({"terms": {"source": list(filters.sources)}})
    if filters.languages:
        clauses.append({"terms": {"language": list(filters.languages)}})
    for field, names in (("persons", filters.persons), ("orgs", filters.orgs), ("places", filters.places)):
        for name in names:  # every named entity must be there, in either form
            clauses.append({"bool": {"should": [{"term": {field: name}}, {"term": {f"{field}_ar": name}}]}})
    return clauses


def search(
    client: Elasticsearch, alias: str, text: str, filters: Filters = Filters(), size: int = 10, page: int = 1
) -> dict:
    """`{"total": n, "hits": [...]}` for one page of results."""
    response = client.search(
        index=alias,
        query=build_query(text, filters),
        highlight={
            "fields": {"title_*": {"number_of_fragments": 0}, "body_*": {"fragment_size": 160}},
            "pre_tags": ["<em>"],
            "post_tags": ["</em>"],
        },
        size=size,
        from_=(page - 1) * size,
        track_total_hits=True,
    )
    return {"total": response["hits"]["total"]["value"], "hits": [_hit(hit) for hit in response["hits"]["hits"]]}


def _hit(hit: dict) -> dict:
    source = hit["_source"]
    return {
        "id": hit["_id"],
        "score": round(hit["_score"], 3) if hit["_score"] is not None else None,
        "language": source.get("language"),
        "published_at": source.get("published_at"),
        "source": source.get("source"),
        "titles": {key.removeprefix("title_"): value for key, value in source.items() if key.startswith("title_")},
        "highlights": _highlights(hit.get("highlight", {})),
    }


def _highlights(found: dict[str, list[str]]) -> dict[str, list[str]]:
    """Fragments on one line each; from the `.exact` sub-fields only where the main field has none."""
    flat = {field: [" ".join(fragment.split()) for fragment in fragments] for field, fragments in found.items()}
    return {
        field: fragments
        for field, fragments in flat.items()
        if not field.endswith(".exact") or field.removesuffix(".exact") not in flat
    }
