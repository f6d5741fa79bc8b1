"""The Elasticsearch side: index template, versioned index behind an alias, bulk writes."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from importlib import resources

from elasticsearch import Elasticsearch, helpers

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
