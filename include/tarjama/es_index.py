"""The Elasticsearch side: index template, versioned index behind an alias, bulk writes."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from elasticsearch import BadRequestError, Elasticsearch, helpers

from tarjama.errors import JobFailed
from tarjama.fields import body_field, title_field
from tarjama.models import StoredDocument, Translation
from tarjama.near_duplicates import Fingerprint, Known
from tarjama.progress import Progress
from tarjama.translation_memory import MemoryEntry

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Endpoint:
    """Where Elasticsearch is and how to prove who we are: an API key, or basic auth; over
    https, the server's certificate is verified (against `ca_certs` when given) unless
    `verify_certs` is explicitly false, which is logged as a warning every time."""

    url: str
    api_key: str | None = field(default=None, repr=False)
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    ca_certs: str | None = None
    verify_certs: bool = True

    @property
    def auth(self) -> str:
        return "api key" if self.api_key else "basic" if self.username else "none"


def endpoint_from_connection(conn) -> Endpoint:
    """An Airflow connection as an Endpoint: login and password, or `api_key` (or `api_key_file`)
    in its extra, with `scheme`, `ca_certs` and `verify_certs`."""
    extra = conn.extra_dejson
    scheme = extra.get("scheme") or (conn.schema if conn.schema in ("http", "https") else "http")
    api_key = extra.get("api_key") or None
    if not api_key and extra.get("api_key_file"):  # written by docker-compose's es-setup
        try:
            api_key = Path(extra["api_key_file"]).read_text(encoding="utf-8").strip()
        except OSError as error:
            path = extra["api_key_file"]
            raise JobFailed(f"cannot read the Elasticsearch API key file {path}: {error.strerror}") from error
    return Endpoint(
        url=f"{scheme}://{conn.host}:{conn.port or 9200}",
        api_key=api_key,
        username=conn.login or None,
        password=conn.password or None,
        ca_certs=extra.get("ca_certs") or None,
        verify_certs=str(extra.get("verify_certs", True)).lower() not in ("false", "0", "no"),
    )


def connect(endpoint: Endpoint | str) -> Elasticsearch:
    endpoint = Endpoint(endpoint) if isinstance(endpoint, str) else endpoint
    options: dict = {"request_timeout": 60, "retry_on_timeout": True, "max_retries": 3}
    if endpoint.api_key:
        options["api_key"] = endpoint.api_key
    elif endpoint.username:
        options["basic_auth"] = (endpoint.username, endpoint.password or "")
    tls = "off (http)"
    if endpoint.url.startswith("https"):
        options["verify_certs"] = endpoint.verify_certs
        if endpoint.ca_certs:
            options["ca_certs"] = endpoint.ca_certs
        tls = f"verified against {endpoint.ca_certs or 'the system CAs'}" if endpoint.verify_certs else "NOT VERIFIED"
        if not endpoint.verify_certs:
            log.warning(
                "TLS certificate verification is off for %s (verify_certs=false): anyone on the path can "
                "read and change what is indexed",
                endpoint.url,
            )
    log.info("Elasticsearch at %s (auth: %s; TLS: %s)", endpoint.url, endpoint.auth, tls)
    return Elasticsearch(endpoint.url, **options)


def _resource(name: str) -> dict:
    return json.loads(resources.files("tarjama").joinpath(f"resources/{name}").read_text(encoding="utf-8"))


def templates(alias: str) -> dict[str, dict]:
    """The committed composable template, named after `alias`: two component templates
    (analysis settings, strict mappings) and the index template that composes them."""
    index_template = _resource("index_template.json")
    index_template["index_patterns"] = [f"{alias}-*"]
    index_template["composed_of"] = [f"{alias}-settings", f"{alias}-mappings"]
    return {
        f"{alias}-settings": _resource("component_settings.json"),
        f"{alias}-mappings": _resource("component_mappings.json"),
        alias: index_template,
    }


def install_templates(client: Elasticsearch, alias: str) -> None:
    for name, body in templates(alias).items():
        if name == alias:
            client.indices.put_index_template(name=name, **body)
        else:
            client.cluster.put_component_template(name=name, **body)


def ensure_index(client: Elasticsearch, alias: str) -> str:
    """Install the templates and, on first use, create `<alias>-v1` with `alias` as its write alias.
    An existing index gets the fields added since it was made (a change to an existing field
    needs `tarjama index migrate`)."""
    install_templates(client, alias)
    if not client.indices.exists_alias(name=alias):
        index = f"{alias}-v1"
        client.indices.create(index=index, aliases={alias: {"is_write_index": True}})
        log.info("created index %s behind alias %s", index, alias)
    else:
        properties = _resource("component_mappings.json")["template"]["mappings"]["properties"]
        index = current_index(client, alias)
        try:
            client.indices.put_mapping(index=index, properties=properties)
        except BadRequestError as error:
            raise JobFailed(
                f"the mapping of {index} differs from this version's ({error.message}); "
                f"run `tarjama index migrate` to move {alias} to a new index built from it"
            ) from error
    return alias


def current_index(client: Elasticsearch, alias: str) -> str:
    [index] = [
        name
        for name, info in client.indices.get_alias(name=alias).items()
        if info["aliases"][alias].get("is_write_index", True)
    ]
    return index


def migrate(client: Elasticsearch, alias: str) -> dict:
    """Move the alias to the next index version, built from the current templates.

    Copies every document into `<alias>-v(n+1)`, checks that every document arrived, then swaps the alias
    in one atomic request: searches through the alias see the old index until the swap and
    the new one after. The old index is kept for the caller to delete.
    """
    install_templates(client, alias)
    old = current_index(client, alias)
    version = int(old.rsplit("-v", 1)[1])
    new = f"{alias}-v{version + 1}"
    client.indices.create(index=new)
    progress = Progress(f"copied to {new}", client.count(index=old)["count"], unit="documents", every=1000)

    def copies():  # scroll and bulk from the client: works on any cluster, with or without the reindex module
        for hit in helpers.scan(client, index=old, size=500):
            yield {"_op_type": "create", "_index": new, "_id": hit["_id"], "_source": hit["_source"]}
            progress.advance()

    helpers.bulk(client, copies(), chunk_size=500)
    progress.close()
    client.indices.refresh(index=new)
    old_count, new_count = client.count(index=old)["count"], client.count(index=new)["count"]
    if old_count != new_count:
        raise JobFailed(
            f"copying {old} to {new} copied {new_count} of {old_count} documents; the alias still points at "
            f"{old}. Delete {new} and run `tarjama index migrate` again"
        )
    client.indices.update_aliases(
        actions=[
            {"remove": {"index": old, "alias": alias}},
            {"add": {"index": new, "alias": alias, "is_write_index": True}},
        ]
    )
    log.info("alias %s moved from %s to %s (%d documents)", alias, old, new, new_count)
    return {"alias": alias, "from": old, "to": new, "documents": new_count}


def index_documents(client: Elasticsearch, alias: str, documents: Iterable[dict]) -> tuple[int, list[dict]]:
    """Index by deterministic `_id`, so the same article written twice stays one document."""
    actions = ({"_op_type": "index", "_index": alias, "_id": doc["id"], "_source": doc} for doc in documents)
    indexed, errors = helpers.bulk(client, actions, chunk_size=500, raise_on_error=False)
    client.indices.refresh(index=alias)
    return indexed, errors


def count(client: Elasticsearch, alias: str) -> int:
    client.indices.refresh(index=alias)
    return client.count(index=alias)["count"]


class IndexedDocuments:
    """What the index already holds, looked up by id before any work is done.

    A document's id is a hash of its text, so a stored translation under the same id was made
    from the same text: the pipeline reuses it when the model and version also match, and
    skips the article altogether when nothing that made it has changed.
    """

    def __init__(self, client: Elasticsearch, alias: str):
        self.client = client
        self.alias = alias

    def lookup(self, ids: list[str]) -> dict[str, StoredDocument]:
        if not ids:
            return {}
        response = self.client.mget(
            index=self.alias, ids=ids, source_includes=["title_*", "body_*", "translation", "provenance"]
        )
        return {doc["_id"]: _stored(doc["_source"]) for doc in response["docs"] if doc.get("found")}

    def similar(self, fingerprints: dict[str, Fingerprint], per_document: int = 10) -> dict[str, list[Known]]:
        """Indexed documents that share a MinHash band with each fingerprint: candidates, not verdicts."""
        if not fingerprints:
            return {}
        searches: list[dict] = []
        for fingerprint in fingerprints.values():
            searches.append({"index": self.alias})
            searches.append(
                {
                    "size": per_document,
                    "query": {"terms": {"minhash_bands": fingerprint.bands}},
                    "_source": ["story_id", "minhash"],
                }
            )
        responses = self.client.msearch(searches=searches)["responses"]
        found: dict[str, list[Known]] = {}
        for doc_id, response in zip(fingerprints, responses, strict=True):
            hits = [hit for hit in response.get("hits", {}).get("hits", []) if hit["_source"].get("minhash")]
            found[doc_id] = [_known(hit) for hit in hits]
        return found

    def translation_memory(self, model: str, model_version: str, max_entries: int):
        """The sentence translation memory of this model version, beside this alias; None when refused."""
        from tarjama.translation_memory import ElasticsearchMemory

        return ElasticsearchMemory.open(self.client, self.alias, model, model_version, max_entries)


def _known(hit: dict) -> Known:
    source = hit["_source"]
    return Known(hit["_id"], source.get("story_id") or hit["_id"], Fingerprint.from_hex(source["minhash"]))


def _stored(source: dict) -> StoredDocument:
    provenance = source.get("provenance") or {}
    info = source.get("translation")
    translation = None
    if info:
        target = info["target_language"]
        translation = Translation(
            title=source.get(title_field(target), ""),
            paragraphs=tuple(source.get(body_field(target), "").split("\n\n")),
            source_language=info["source_language"],
            target_language=target,
            model=info["model"],
            model_version=info["model_version"],
            score=info["score"],
            sentences=info["sentences"],
        )
    return StoredDocument(
        content_hash=provenance.get("content_hash"),
        pipeline_version=provenance.get("pipeline_version"),
        ner_model=provenance.get("ner_model"),
        translation=translation,
    )


# The sentence translation memory (tarjama.translation_memory): one index per model version,
# `<alias>-translation-memory-<model>-<version>`, under a template of its own.

MEMORY_TEMPLATE = "tarjama-translation-memory"
MEMORY_FIELDS = ["tokens", "log_probability", "last_used"]
_EVICTION_PAGE = 10_000
_INDEX_NAME_CHARACTERS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")


def memory_index_prefix(alias: str) -> str:
    return f"{alias}-translation-memory-"


def memory_index_name(alias: str, model: str, model_version: str) -> str:
    def slug(text: str) -> str:
        safe = "".join(c if c in _INDEX_NAME_CHARACTERS else "_" for c in text.lower())
        return safe if safe == text else f"{safe}.{hashlib.sha256(text.encode()).hexdigest()[:8]}"

    return f"{memory_index_prefix(alias)}{slug(model)}-{slug(model_version)}"


def ensure_memory_index(client: Elasticsearch, alias: str, model: str, model_version: str) -> str:
    """Install the memory's template, create this model version's index if it is missing, and
    delete the indices of older versions of the same model: an upgrade starts an empty memory."""
    client.indices.put_index_template(name=MEMORY_TEMPLATE, **_resource("translation_memory_template.json"))
    index = memory_index_name(alias, model, model_version)
    meta = {"model": model, "model_version": model_version}
    if not client.indices.exists(index=index):
        try:
            client.indices.create(index=index, mappings={"_meta": meta})
            log.info("created the translation memory %s for %s %s", index, model, model_version)
        except BadRequestError as error:
            if error.error != "resource_already_exists_exception":  # another worker was first
                raise
    for name, info in client.indices.get(index=f"{memory_index_prefix(alias)}*").items():
        other = info.get("mappings", {}).get("_meta", {})
        if other.get("model") == model and _older(other.get("model_version"), model_version):
            client.indices.delete(index=name, ignore_unavailable=True)
            log.info(
                "deleted the translation memory %s of %s %s (now %s)",
                name,
                model,
                other["model_version"],
                model_version,
            )
    return index


def _older(version: str | None, current: str) -> bool:
    from packaging.version import InvalidVersion, Version

    if version is None or version == current:
        return False
    try:
        return Version(version) < Version(current)
    except InvalidVersion:
        return True  # not comparable: whatever it was, it is not the installed version


def memory_lookup(client: Elasticsearch, index: str, keys: list[str]) -> dict[str, MemoryEntry]:
    """Entries by id, realtime (an entry written a moment ago by another worker is found)."""
    response = client.mget(index=index, ids=keys, source_includes=MEMORY_FIELDS)
    found = {}
    for doc in response["docs"]:
        if doc.get("found"):
            source = doc["_source"]
            found[doc["_id"]] = MemoryEntry(
                tokens=tuple(source["tokens"]),
                log_probability=source["log_probability"],
                last_used=int(source.get("last_used") or 0),
            )
    return found


def memory_write(client: Elasticsearch, index: str, entries: dict[str, MemoryEntry], now: int) -> None:
    actions = (
        {
            "_op_type": "index",
            "_index": index,
            "_id": key,
            "_source": {
                "tokens": list(entry.tokens),
                "log_probability": entry.log_probability,
                "source": entry.source,
                "text": entry.text,
                "created": now,
                "last_used": now,
            },
        }
        for key, entry in entries.items()
    )
    helpers.bulk(client, actions, chunk_size=2000)


def memory_touch(client: Elasticsearch, index: str, keys: list[str], now: int) -> None:
    """Record today's use of these entries (an entry deleted meanwhile is simply skipped)."""
    actions = ({"_op_type": "update", "_index": index, "_id": key, "doc": {"last_used": now}} for key in keys)
    helpers.bulk(client, actions, chunk_size=2000, raise_on_error=False)


def memory_size(client: Elasticsearch, index: str) -> int:
    """Entries, as of the last refresh (at most a second behind)."""
    return client.count(index=index)["count"]


def memory_evict(client: Elasticsearch, index: str, keep: int) -> int:
    """Delete the least recently used entries (then the oldest) until `keep` remain."""
    evicted = 0
    while True:
        client.indices.refresh(index=index)
        excess = client.count(index=index)["count"] - keep
        if excess <= 0:
            return evicted
        hits = client.search(
            index=index,
            size=min(excess, _EVICTION_PAGE),
            sort=[{"last_used": "asc"}, {"created": "asc"}],
            source=False,
            track_total_hits=False,
        )["hits"]["hits"]
        if not hits:
            return evicted
        actions = ({"_op_type": "delete", "_index": index, "_id": hit["_id"]} for hit in hits)
        deleted, _ = helpers.bulk(client, actions, chunk_size=2000, raise_on_error=False)
        evicted += deleted
        if not deleted:  # nothing could be deleted: leave it for the next writer rather than loop
            return evicted
