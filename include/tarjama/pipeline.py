"""parse → detect language → translate → enrich → document, for a batch of files.

This is the one place that reads like the pipeline diagram. It knows nothing of Airflow
or Elasticsearch: it turns paths into documents (or quarantine records).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

import pendulum

from tarjama import __version__
from tarjama.dates import find_dates
from tarjama.entities import EnglishEntityExtractor
from tarjama.errors import ArticleError
from tarjama.language import detect_language
from tarjama.models import DateMention, Entities, ParsedArticle, Quarantined, Translation
from tarjama.parsers import parse_file
from tarjama.settings import Settings
from tarjama.translate import ArgosTranslator

log = logging.getLogger(__name__)


@dataclass
class Pipeline:
    settings: Settings
    run_id: str = "manual"
    _translator: ArgosTranslator | None = field(default=None, init=False, repr=False)
    _ner: EnglishEntityExtractor | None = field(default=None, init=False, repr=False)

    @property
    def translator(self) -> ArgosTranslator:
        if self._translator is None:
            self._translator = ArgosTranslator.for_pair(
                self.settings.translation_source,
                self.settings.translation_target,
                threads=self.settings.translation_threads,
                batch_size=self.settings.translation_batch_size,
                beam_size=self.settings.beam_size,
            )
        return self._translator

    @property
    def ner(self) -> EnglishEntityExtractor:
        if self._ner is None:
            self._ner = EnglishEntityExtractor(self.settings.english_ner_model)
        return self._ner

    def process(self, paths: Iterable[str]) -> Iterator[dict | Quarantined]:
        """Documents and quarantine records, in input order, a batch of files at a time."""
        remaining = iter(paths)
        while batch := list(islice(remaining, self.settings.batch_files)):
            yield from self._process_batch(batch)

    def _process_batch(self, paths: list[str]) -> list[dict | Quarantined]:
        results: list[dict | Quarantined | None] = [None] * len(paths)
        parsed: list[tuple[int, ParsedArticle, str]] = []
        for position, path in enumerate(paths):
            try:
                article = parse_file(path)
                parsed.append((position, article, detect_language(path, article.text)))
            except ArticleError as error:
                log.warning("quarantined %s: %s", error.path, error.reason)
                results[position] = Quarantined(path=error.path, reason=error.reason, raw=_read_quietly(path))

        to_translate = [(i, a) for i, (_, a, lang) in enumerate(parsed) if lang == self.settings.translation_source]
        translations: dict[int, Translation] = {}
        if to_translate:
            outputs = self.translator.translate_articles([(a.title, a.paragraphs) for _, a in to_translate])
            translations = {i: t for (i, _), t in zip(to_translate, outputs, strict=True)}

        english_texts = [
            _english_text(article, lang, translations.get(i)) for i, (_, article, lang) in enumerate(parsed)
        ]
        entities = self.ner.extract_many(english_texts)
        for i, (position, article, lang) in enumerate(parsed):
            dates = find_dates(article.text, lang, article.published_at)
            results[position] = self._document(article, lang, translations.get(i), entities[i], dates)
        return results

    def _document(
        self,
        article: ParsedArticle,
        lang: str,
        translation: Translation | None,
        entities: Entities,
        dates: list[DateMention],
    ) -> dict:
        target = self.settings.translation_target
        document = {
            "id": article_id(article),
            "path": article.path,
            "language": lang,
            "source": article.source,
            "url": article.url,
            "published_at": article.published_at,
            f"title_{lang}": article.title,
            f"body_{lang}": article.body,
        }
        translation_info = None
        if translation is not None:
            document[f"title_{target}"] = translation.title
            document[f"body_{target}"] = translation.body
            translation_info = {
                "model": self.translator.model_name,
                "model_version": self.translator.model_version,
                "source_language": lang,
                "target_language": target,
                "score": translation.score,
                "sentences": translation.sentences,
            }
        document.update(
            entities={kind: [{"en": name} for name in getattr(entities, kind)] for kind in ("person", "org", "place")},
            persons=list(entities.person),
            orgs=list(entities.org),
            places=list(entities.place),
            dates=[{"text": d.text, "value": d.value, "lang": d.lang} for d in dates],
            translation=translation_info,
            provenance={
                "pipeline_version": __version__,
                "translation_model": (
                    f"{translation_info['model']} {translation_info['model_version']}" if translation_info else None
                ),
                "ner_model": self.ner.model_version,
                "content_hash": hashlib.sha256(article.raw).hexdigest(),
                "run_id": self.run_id,
                "processed_at": pendulum.now("UTC").to_iso8601_string(),
                "removed_boilerplate": list(article.removed_lines),
            },
        )
        return document


def article_id(article: ParsedArticle) -> str:
    """The same text always gets the same id, wherever it was read from, so re-runs overwrite."""
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:32]


def _english_text(article: ParsedArticle, lang: str, translation: Translation | None) -> str:
    if translation is not None:
        return f"{translation.title}\n\n{translation.body}"
    return article.text if lang == "en" else ""


def _read_quietly(path: str) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError:
        return b""
