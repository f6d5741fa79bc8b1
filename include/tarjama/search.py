"""Full-text search over both languages at once."""

from __future__ import annotations

from elasticsearch import Elasticsearch

_FIELDS = ["title_ar^3", "body_ar", "title_en^3", "body_en", "title_*^2", "body_*"]


def search(client: Elasticsearch, alias: str, query: str, size: int = 10) -> list[dict]:
    response = client.search(
        index=alias,
        query={"multi_match": {"query": query, "fields": _FIELDS, "type": "best_fields"}},
        highlight={"fields": {"title_*": {"number_of_fragments": 0}, "body_*": {"fragment_size": 160}}},
        size=size,
    )
    return [_hit(hit) for hit in response["hits"]["hits"]]


def _hit(hit: dict) -> dict:
    source = hit["_source"]
    return {
        "id": hit["_id"],
        "score": round(hit["_score"], 3),
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
