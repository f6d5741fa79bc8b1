"""The Elasticsearch side: index template, versioned index behind an alias, bulk writes."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from importlib import resources

from elasticsearch import Elasticsearch, helpers

from tarjama.models import Translation

log = logging.getLogger(__name__)

INDEX_VERSION = 1


def connect(url: str) -> Elasticsearch:
    return Elasticsearch(url, request_timeout=60, retry_on_timeout=True, max_retries=3)


def index_template(alias: str) -> dict:
    """The committed template, applied to the versioned indices behind `alias`."""
    template = json.loads(resources.files("tarjama").joinpath("resources/index_template.json").read_text())
    template["index_patterns"] = [f"{alias}-*"]
    return template


def ensure_index(client: Elasticsearch, alias: str) -> str:
    """Install the template and, on first use, create `<alias>-v1` with `alias` as its write alias."""
    client.indices.put_index_template(name=alias, **index_template(alias))
    if not client.indices.exists_alias(name=alias):
        index = f"{alias}-v{INDEX_VERSION}"
        client.indices.create(index=index, aliases={alias: {"is_write_index": True}})
        log.info("created index %s behind alias %s", index, alias)
    return alias


def index_documents(client: Elasticsearch, alias: str, documents: Iterable[dict]) -> tuple[int, list[dict]]:
    """Index by deterministic `_id`, so the same article written twice stays one document."""
    actions = ({"_op_type": "index", "_index": alias, "_id": doc["id"], "_source": doc} for doc in documents)
    indexed, errors = helpers.bulk(client, actions, chunk_size=200, raise_on_error=False, refresh="wait_for")
    return indexed, errors


def count(client: Elasticsearch, alias: str) -> int:
    client.indices.refresh(index=alias)
    return client.count(index=alias)["count"]


class IndexedTranslations:
    """The translations already in the index, so that an unchanged text is never translated twice.

    A document's id is a hash of its text, so a stored translation under the same id was made
    from the same text; the pipeline reuses it only when the model and its version also match.
    """

    def __init__(self, client: Elasticsearch, alias: str):
        self.client = client
        self.alias = alias

    def lookup(self, ids: list[str]) -> dict[str, Translation]:
        if not ids:
            return {}
        response = self.client.mget(index=self.alias, ids=ids, source_includes=["title_*", "body_*", "translation"])
        found = {}
        for doc in response["docs"]:
            source = doc.get("_source") or {}
            info = source.get("translation")
            if not doc.get("found") or not info:
                continue
            target = info["target_language"]
            found[doc["_id"]] = Translation(
                title=source.get(f"title_{target}", ""),
                paragraphs=tuple(source.get(f"body_{target}", "").split("\n\n")),
                source_language=info["source_language"],
                target_language=target,
                model=info["model"],
                model_version=info["model_version"],
                score=info["score"],
                sentences=info["sentences"],
            )
        return found
