"""The job that the CLI's `ingest` and the DAG both run, in two stages.

`process_to_stage` turns files into documents and writes them to a staging file (JSON
Lines, written whole or not at all); `index_stage` bulk-indexes a staging file. Between the
two, documents are durable: retrying the indexing never translates anything again.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from elasticsearch import Elasticsearch

from tarjama import es_index
from tarjama.errors import ArticleError, JobFailed
from tarjama.models import ParsedArticle, Quarantined, Skipped
from tarjama.parsers import format_by_name, parse_bytes, read_articles
from tarjama.pipeline import Pipeline
from tarjama.progress import Progress
from tarjama.quarantine import QuarantineRecord, quarantine, release
from tarjama.settings import Settings
from tarjama.sources import is_url

log = logging.getLogger(__name__)
COUNTS = (
    "read",
    "staged",
    "indexed",
    "unchanged",
    "duplicate",
    "near_duplicates",
    "quarantined",
    "rejected",
    "failed",
    "translated",
    "translations_reused",
    "untranslated",
    "sentences_translated",  # sentences decoded by the model
    "sentences_reused",  # sentences taken from the translation memory or a reused translation
)


class IndexingError(JobFailed):
    """Elasticsearch could not take documents for now (overload, outage); the run must fail and be retried."""


def process_to_stage(
    paths: Iterable[str],
    settings: Settings,
    client: Elasticsearch | None,
    run_id: str,
    stage: Path,
    total: int = 0,
    confine_to: Path | None = None,
    items: Iterable[ParsedArticle | ArticleError] | None = None,
    outcomes: dict[str, str] | None = None,
) -> dict:
    """Process every file (or the `items` already read); stage the documents, quarantine the
    failures, count the skips. With `confine_to`, inputs that resolve outside that folder are
    refused. `outcomes`, when given, receives each article's path and what became of it."""
    pipeline = Pipeline(settings, run_id=run_id, confine_to=confine_to)
    pipeline.models.check()
    if client is not None:
        pipeline.store = es_index.IndexedDocuments(client, es_index.ensure_index(client, settings.index_alias))
    counts: Counter = Counter(dict.fromkeys(COUNTS, 0))
    reasons: Counter = Counter()
    progress = Progress("processed", total)
    partial = stage.with_name(stage.name + ".partial")
    with _StagingFile(partial) as out:
        for result in pipeline.process(paths) if items is None else pipeline.process_items(items):
            counts["read"] += 1
            if outcomes is not None:
                outcomes[result["path"] if isinstance(result, dict) else result.path] = type(result).__name__
            if isinstance(result, Quarantined):
                counts["quarantined"] += 1
                reasons[_reason_kind(result.reason)] += 1
                quarantine(settings.quarantine_dir, result, run_id)
            elif isinstance(result, Skipped):
                counts[result.reason] += 1
            else:
                out.write(result)
                counts["staged"] += 1
            progress.advance()
    progress.close()
    os.replace(partial, stage)
    counts.update(pipeline.stats)
    result = {
        **counts,
        "quarantined_by_reason": dict(reasons),
        "stage_seconds": {stage: round(seconds, 3) for stage, seconds in pipeline.stage_seconds.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "seconds": progress.seconds(),
    }
    log.info("processed: %s", result)
    return result


def index_stage(stage: Path, settings: Settings, client: Elasticsearch, run_id: str) -> dict:
    """Bulk-index a staging file. Documents that Elasticsearch refuses for what they are (a
    mapping conflict, an oversized field) go to quarantine with its reason; the rest are
    indexed. Anything else (overload, an outage) fails the call, to be retried."""
    alias = es_index.ensure_index(client, settings.index_alias)
    started = time.monotonic()
    indexed, errors = es_index.index_documents(client, alias, _read_stage(stage))
    refused = {}
    for error in errors:
        item = next(iter(error.values()))
        if 400 <= item.get("status", 500) < 500 and item["status"] not in (408, 429):
            refused[item["_id"]] = f"{item['error'].get('type')}: {item['error'].get('reason')}"
    if refused:
        for document in _read_stage(stage):
            if document["id"] in refused:
                reason = f"rejected by Elasticsearch: {refused[document['id']]}"
                log.warning("quarantined %s: %s", document["path"], reason)
                # An article of a multi-article file is kept as the document that was refused.
                raw = json.dumps(document, ensure_ascii=False).encode() if "#" in document["path"] else None
                quarantine(settings.quarantine_dir, Quarantined(document["path"], reason, raw, "index"), run_id)
    counts = {
        "indexed": indexed,
        "rejected": len(refused),
        "failed": len(errors) - len(refused),
        "index_seconds": round(time.monotonic() - started, 1),
    }
    log.info("indexed from %s: %s", stage, counts)
    if counts["failed"]:
        for error in errors[:20]:
            log.error("not indexed: %s", json.dumps(error, ensure_ascii=False)[:500])
        raise IndexingError(f"{counts['failed']} documents from {stage} were not indexed; retrying will resend them")
    return counts


def process_and_index(
    paths: Iterable[str], settings: Settings, client: Elasticsearch, run_id: str, total: int = 0
) -> dict:
    """Both stages, one after the other, through a staging file that is removed at the end."""
    stage = settings.staging_dir / _safe(run_id) / "all.jsonl"
    counts = process_to_stage(paths, settings, client, run_id, stage, total=total)
    counts.update(index_stage(stage, settings, client, run_id))
    stage.unlink()
    return counts


def requeue(records: list[QuarantineRecord], settings: Settings, client: Elasticsearch, run_id: str) -> dict:
    """Send quarantined articles through the pipeline again, after a fix: read from where they
    came from when that still exists (fixed in place), else from the bytes kept in quarantine.
    Every record is released; an article that fails again is quarantined anew with its new reason."""
    items: list[ParsedArticle | ArticleError] = []
    for record in records:
        location = record.path
        if "#" not in location and (is_url(location) or Path(location).exists()):
            items.extend(read_articles(location))
        else:
            kept_format = format_by_name(record.kept.name)
            items.extend(parse_bytes(record.path, record.kept.read_bytes(), kept_format))
    stage = settings.staging_dir / _safe(run_id) / "requeue.jsonl"
    outcomes: dict[str, str] = {}
    counts = process_to_stage([], settings, client, run_id, stage, len(items), items=items, outcomes=outcomes)
    counts.update(index_stage(stage, settings, client, run_id))
    stage.unlink()
    for record in records:
        release(record)
    counts["requeued"] = len(records)
    counts["released"] = sum(1 for record in records if outcomes.get(record.path) != "Quarantined")
    return counts


def stage_path(settings: Settings, run_id: str, batch: int) -> Path:
    return settings.staging_dir / _safe(run_id) / f"batch-{batch:05d}.jsonl"


def _read_stage(stage: Path) -> Iterator[dict]:
    with stage.open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def _safe(run_id: str) -> str:
    return "".join(c if c.isalnum() or c in "-_.+" else "_" for c in run_id)


def _reason_kind(reason: str) -> str:
    """'not valid UTF-8 (byte 3); re-save ...' → 'not valid UTF-8'."""
    for mark in (" (", ";", ":"):
        reason = reason.split(mark, 1)[0]
    return reason.strip()


class _StagingFile:
    """JSON Lines out; a full disk or a folder it may not write fails the run naming the file."""

    def __init__(self, path: Path):
        self.path = path

    def _fail(self, error: OSError) -> JobFailed:
        return JobFailed(f"cannot write the staging file {self.path}: {error.strerror or error}")

    def __enter__(self):
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.file = self.path.open("w", encoding="utf-8")
        except OSError as error:
            raise self._fail(error) from error
        return self

    def write(self, document: dict) -> None:
        try:
            self.file.write(json.dumps(document, ensure_ascii=False) + "\n")
        except OSError as error:
            raise self._fail(error) from error

    def __exit__(self, *failure):
        try:
            self.file.close()
        except OSError as error:
            if failure[0] is None:
                raise self._fail(error) from error
