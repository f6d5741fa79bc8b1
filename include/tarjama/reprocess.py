"""Reprocess, in place, the indexed documents that the installed models or this pipeline
version would now make differently, reading their text from the index (no landing zone):

- translated by an older version of the installed model, or flagged untranslated while a
  package for their language is now installed: translated again, then enriched again;
- made by another pipeline version or another NER model: enriched again (names, dates),
  their translation kept.

Documents translated by another model, or by a newer version, are counted and left alone.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator

import pendulum
from elasticsearch import Elasticsearch, helpers
from packaging.version import InvalidVersion, Version

from tarjama import __version__
from tarjama.documents import UNTRANSLATED
from tarjama.enrichment import enrich
from tarjama.fields import body_field, title_field
from tarjama.models import Translation
from tarjama.progress import Progress
from tarjama.run_models import RunModels
from tarjama.settings import Settings
from tarjama.translate import ArgosTranslator, installed_packages

log = logging.getLogger(__name__)
BATCH = 50
REASONS = ("older_version", "untranslated", "pipeline_changed", "other_model", "newer_version")


def reprocess_outdated(client: Elasticsearch, settings: Settings, run_id: str, dry_run: bool = False) -> dict:
    models = RunModels(settings)
    counts: Counter = Counter(dict.fromkeys(("reprocessed", "retranslated", *REASONS), 0))
    batch: list[tuple[dict, ArgosTranslator | None]] = []
    progress = Progress("outdated documents found", unit="documents", every=200)
    for hit, reason, translator in _outdated(client, settings.index_alias, models):
        progress.advance()
        counts[reason] += 1
        if reason in ("other_model", "newer_version"):
            continue
        batch.append((hit, translator))
        if len(batch) == BATCH:
            _redo(client, models, run_id, batch, dry_run, counts)
            batch = []
    if batch:
        _redo(client, models, run_id, batch, dry_run, counts)
    progress.close()
    log.info("reprocessing: %s", dict(counts))
    return dict(counts)


def _outdated(
    client: Elasticsearch, alias: str, models: RunModels
) -> Iterator[tuple[dict, str, ArgosTranslator | None]]:
    """Each document that needs work once, with why, and the translator to use if any."""
    seen = set()
    for source in sorted({package.from_code for package in installed_packages()}):
        translator = models.translator(source, models.target_language(source))
        if translator is None:
            continue
        current = [
            {"term": {"translation.model": translator.model_name}},
            {"term": {"translation.model_version": translator.model_version}},
        ]
        query = {"bool": {"filter": [{"term": {"language": source}}], "must_not": [{"bool": {"filter": current}}]}}
        for hit in helpers.scan(client, index=alias, query={"query": query}, size=200):
            reason = _translation_state(hit["_source"], translator)
            if reason == "current":
                continue
            seen.add(hit["_id"])
            yield hit, reason, translator if reason in ("older_version", "untranslated") else None
    current = [
        {"term": {"provenance.pipeline_version": __version__}},
        {"term": {"provenance.ner_model": models.ner_version}},
    ]
    query = {"bool": {"must_not": [{"bool": {"filter": current}}]}}
    for hit in helpers.scan(client, index=alias, query={"query": query}, size=200):
        if hit["_id"] not in seen:
            yield hit, "pipeline_changed", None


def _translation_state(document: dict, translator: ArgosTranslator) -> str:
    info = document.get("translation")
    if info is None:
        return "untranslated" if UNTRANSLATED in document.get("flags", []) else "other_model"
    if info["model"] != translator.model_name or info["target_language"] != translator.target_language:
        return "other_model"
    try:
        older = Version(info["model_version"]) < Version(translator.model_version)
        newer = Version(info["model_version"]) > Version(translator.model_version)
    except InvalidVersion:
        older, newer = info["model_version"] != translator.model_version, False
    return "older_version" if older else "newer_version" if newer else "current"


def _redo(
    client, models: RunModels, run_id: str, batch: list[tuple[dict, ArgosTranslator | None]], dry_run, counts
) -> None:
    if dry_run:
        return
    updates: list[dict] = [{} for _ in batch]
    groups: dict[str, tuple[ArgosTranslator, list[int]]] = {}
    for position, (_, translator) in enumerate(batch):
        if translator is not None:
            groups.setdefault(translator.model_label, (translator, []))[1].append(position)
    for translator, positions in groups.values():  # one batched call per model
        language = translator.source_language
        sources = [batch[position][0]["_source"] for position in positions]
        articles = [
            (s.get(title_field(language), ""), tuple(s.get(body_field(language), "").split("\n\n"))) for s in sources
        ]
        for position, translation in zip(positions, translator.translate_articles(articles), strict=True):
            updates[position] = _translation_update(batch[position][0]["_source"], translation)
    pivot = models.settings.pivot_language
    pivot_texts = []
    for (hit, _), update in zip(batch, updates, strict=True):
        document = {**hit["_source"], **update}
        if document.get("language") == pivot or document.get("translation", {}).get("target_language") == pivot:
            pivot_texts.append(f"{document.get(title_field(pivot), '')}\n\n{document.get(body_field(pivot), '')}")
        else:
            pivot_texts.append("")
    texts = []
    for (hit, _), pivot_text in zip(batch, pivot_texts, strict=True):
        source, language = hit["_source"], hit["_source"].get("language", "")
        original = f"{source.get(title_field(language), '')}\n\n{source.get(body_field(language), '')}"
        texts.append((language, original, pivot_text, source.get("published_at")))
    actions = []
    for (hit, translator), update, enrichment in zip(batch, updates, enrich(models, texts), strict=True):
        update.update(enrichment)
        update["provenance"] = {
            **update.get("provenance", {}),
            "pipeline_version": __version__,
            "ner_model": models.ner_version,
            "run_id": run_id,
            "processed_at": pendulum.now("UTC").to_iso8601_string(),
        }
        actions.append({"_op_type": "update", "_index": hit["_index"], "_id": hit["_id"], "doc": update})
        counts["retranslated"] += translator is not None
    done, errors = helpers.bulk(client, actions, raise_on_error=False, refresh="wait_for")
    counts["reprocessed"] += done
    for error in errors:
        log.error("not updated: %s", error)


def _translation_update(source: dict, translation: Translation) -> dict:
    target = translation.target_language
    return {
        title_field(target): translation.title,
        body_field(target): translation.body,
        "translation": translation.to_json(),
        "flags": [flag for flag in source.get("flags", []) if flag != UNTRANSLATED],
        "provenance": {"translation_model": translation.model_label},
    }
