"""The bilingual document an article becomes (docs/document-and-index.md): the original beside
its translation, and the provenance that says how it was made."""

from __future__ import annotations

import hashlib

import pendulum

from tarjama import __version__
from tarjama.fields import body_field, title_field
from tarjama.models import ParsedArticle, Translation

UNTRANSLATED = "untranslated"  # flag on documents whose language has no installed package


def article_id(article: ParsedArticle) -> str:
    """The same text always gets the same id, wherever it was read from, so re-runs overwrite."""
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:32]


def content_hash(article: ParsedArticle) -> str:
    """The input's bytes: a file that changed in any way is processed again."""
    return hashlib.sha256(article.raw).hexdigest()


def build_document(
    parsed: ParsedArticle,
    language: str,
    translation: Translation | None,
    *,
    pivot_language: str,
    ner_model: str,
    run_id: str,
) -> dict:
    """The document without its names, dates and story fields, which enrichment and
    near-duplicate matching add. Flagged untranslated when a non-pivot article has no translation."""
    document = {
        "id": article_id(parsed),
        "path": parsed.path,
        "language": language,
        "source": parsed.source,
        "url": parsed.url,
        "published_at": parsed.published_at,
        "byline": parsed.byline,
        "dateline": parsed.dateline,
        title_field(language): parsed.title,
        body_field(language): parsed.body,
    }
    if translation is not None:
        document[title_field(translation.target_language)] = translation.title
        document[body_field(translation.target_language)] = translation.body
    document.update(
        translation=translation.to_json() if translation else None,
        flags=[UNTRANSLATED] if translation is None and language != pivot_language else [],
        provenance={
            "pipeline_version": __version__,
            "translation_model": translation.model_label if translation else None,
            "ner_model": ner_model,
            "content_hash": content_hash(parsed),
            "run_id": run_id,
            "processed_at": pendulum.now("UTC").to_iso8601_string(),
            "removed_boilerplate": list(parsed.removed_lines),
            "input_format": parsed.input_format,
            "encoding": parsed.encoding,
            "repairs": list(parsed.repairs),
            "published_at_from": parsed.published_at_from,
        },
    )
    return document
