"""Re-translate, in place, the indexed documents that an installed model can now do better:
those translated by an older version of the same model, and those flagged untranslated
because no package for their language was installed then. The original text is read from
the index, so the source files are not needed."""

from __future__ import annotations

import logging
from collections import Counter

import pendulum
from elasticsearch import Elasticsearch, helpers
from packaging.version import InvalidVersion, Version

from tarjama.fields import body_field, title_field
from tarjama.pipeline import UNTRANSLATED, Pipeline, entity_fields
from tarjama.settings import Settings
from tarjama.translate import ArgosTranslator, installed_packages

log = logging.getLogger(__name__)
BATCH = 50


def retranslate_outdated(client: Elasticsearch, settings: Settings, run_id: str, dry_run: bool = False) -> dict:
    pipeline = Pipeline(settings, run_id=run_id)
    counts: Counter = Counter()
    for source in sorted({package.from_code for package in installed_packages()}):
        translator = pipeline.translator(source, pipeline.target_language(source))
        if translator is None:
            continue
        batch = []
        for hit in _candidates(client, settings.index_alias, translator):
            reason = _outdated(hit["_source"], translator)
            counts[reason] += 1
            if reason in ("older_version", "untranslated"):
                batch.append(hit)
            if len(batch) == BATCH:
                counts["retranslated"] += _redo(client, settings, pipeline, translator, batch, dry_run)
                batch = []
        if batch:
            counts["retranslated"] += _redo(client, settings, pipeline, translator, batch, dry_run)
    log.info("retranslation: %s", dict(counts))
    return {"retranslated": 0, "older_version": 0, "untranslated": 0, "other_model": 0, "newer_version": 0, **counts}


def _candidates(client: Elasticsearch, alias: str, translator: ArgosTranslator):
    """Documents in the translator's source language not already translated by exactly this model."""
    current = {
        "bool": {
            "filter": [
                {"term": {"translation.model": translator.model_name}},
                {"term": {"translation.model_version": translator.model_version}},
            ]
        }
    }
    query = {"bool": {"filter": [{"term": {"language": translator.source_language}}], "must_not": [current]}}
    return helpers.scan(client, index=alias, query={"query": query}, size=200)


def _outdated(document: dict, translator: ArgosTranslator) -> str:
    info = document.get("translation")
    if info is None:
        return "untranslated" if UNTRANSLATED in document.get("flags", []) else "other_model"
    if info["model"] != translator.model_name or info["target_language"] != translator.target_language:
        return "other_model"
    try:
        older = Version(info["model_version"]) < Version(translator.model_version)
    except InvalidVersion:
        older = info["model_version"] != translator.model_version
    return "older_version" if older else "newer_version"


def _redo(client, settings: Settings, pipeline: Pipeline, translator: ArgosTranslator, hits, dry_run: bool) -> int:
    if dry_run:
        return len(hits)
    source, target = translator.source_language, translator.target_language
    articles = [
        (hit["_source"].get(title_field(source), ""), tuple(hit["_source"].get(body_field(source), "").split("\n\n")))
        for hit in hits
    ]
    translations = translator.translate_articles(articles)
    if target == settings.pivot_language:
        entities = pipeline.ner.extract_many([f"{t.title}\n\n{t.body}" for t in translations])
    else:
        entities = [None] * len(translations)
    actions = []
    for hit, translation, found in zip(hits, translations, entities, strict=True):
        update = {
            title_field(target): translation.title,
            body_field(target): translation.body,
            "translation": translation.to_json(),
            "flags": [flag for flag in hit["_source"].get("flags", []) if flag != UNTRANSLATED],
            "provenance": {
                "translation_model": translation.model_label,
                "run_id": pipeline.run_id,
                "processed_at": pendulum.now("UTC").to_iso8601_string(),
            },
        }
        if found is not None:
            update.update(entity_fields(found))
            update["provenance"]["ner_model"] = pipeline.ner.model_version
        actions.append({"_op_type": "update", "_index": hit["_index"], "_id": hit["_id"], "doc": update})
    done, errors = helpers.bulk(client, actions, raise_on_error=False, refresh="wait_for")
    for error in errors:
        log.error("not updated: %s", error)
    return done
