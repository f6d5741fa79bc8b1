"""Process files and index them: the job that the CLI's `ingest` and the DAG both run."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable

from elasticsearch import Elasticsearch

from tarjama import es_index
from tarjama.landing import quarantine
from tarjama.models import Quarantined
from tarjama.pipeline import Pipeline
from tarjama.settings import Settings

log = logging.getLogger(__name__)
PROGRESS_EVERY = 25
COUNTS = ("read", "indexed", "quarantined", "failed", "translated", "translations_reused", "untranslated")


class IndexingError(RuntimeError):
    """Elasticsearch rejected documents; the run must fail so that it is retried."""


def process_and_index(paths: Iterable[str], settings: Settings, client: Elasticsearch, run_id: str) -> dict:
    """Index every article that parses, quarantine every one that does not; return the counts."""
    alias = es_index.ensure_index(client, settings.index_alias)
    pipeline = Pipeline(settings, run_id=run_id, translation_cache=es_index.IndexedTranslations(client, alias))
    counts = dict.fromkeys(COUNTS, 0)
    started = time.monotonic()

    def documents():
        for result in pipeline.process(paths):
            counts["read"] += 1
            if isinstance(result, Quarantined):
                counts["quarantined"] += 1
                quarantine(settings.quarantine_dir, result, run_id)
            else:
                yield result
            if counts["read"] % PROGRESS_EVERY == 0:
                log.info(
                    "processed %d articles (%.2f/s)", counts["read"], counts["read"] / (time.monotonic() - started)
                )

    counts["indexed"], errors = es_index.index_documents(client, alias, documents())
    counts["failed"] = len(errors)
    counts.update(pipeline.stats)
    counts["seconds"] = round(time.monotonic() - started, 1)
    log.info("done: %s", counts)
    if errors:
        for error in errors[:20]:
            log.error("not indexed: %s", json.dumps(error, ensure_ascii=False)[:500])
        raise IndexingError(f"{len(errors)} documents were not indexed: {counts}")
    return counts
