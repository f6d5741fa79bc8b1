"""parse → detect language → translate → enrich → document, for a batch of files.

This is the one place that reads like the pipeline diagram. It knows nothing of Airflow or
Elasticsearch: it turns paths into documents, quarantine records, or skips. Given a
`DocumentStore` (the index), it skips articles already indexed exactly as they would be now,
and reuses translations made from the same text by the same model version.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Protocol

import pendulum

from tarjama import __version__
from tarjama.dates import find_dates
from tarjama.entities import EnglishEntityExtractor
from tarjama.errors import ArticleError
from tarjama.fields import body_field, title_field
from tarjama.language import detect_language
from tarjama.models import DateMention, Entities, ParsedArticle, Quarantined, Skipped, StoredDocument, Translation
from tarjama.near_duplicates import Fingerprint, Known, StoryIndex, fingerprint
from tarjama.parsers import read_articles
from tarjama.settings import Settings
from tarjama.translate import ArgosTranslator, find_package

log = logging.getLogger(__name__)

UNTRANSLATED = "untranslated"  # flag on documents whose language has no installed package


class DocumentStore(Protocol):
    def lookup(self, ids: list[str]) -> dict[str, StoredDocument]:
        """What is stored under these ids; missing ids are simply absent."""

    def similar(self, fingerprints: dict[str, Fingerprint]) -> dict[str, list[Known]]:
        """Stored documents that may be near-duplicates of each fingerprint."""


@dataclass
class _Article:
    position: int
    parsed: ParsedArticle
    language: str
    id: str

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.parsed.raw).hexdigest()


@dataclass
class Pipeline:
    settings: Settings
    run_id: str = "manual"
    store: DocumentStore | None = None
    confine_to: Path | None = None  # the landing zone: inputs that resolve outside it are refused
    stats: Counter = field(default_factory=Counter)
    stories: StoryIndex = field(default_factory=StoryIndex, repr=False)
    stage_seconds: Counter = field(default_factory=Counter)
    _translators: dict[tuple[str, str], ArgosTranslator | None] = field(default_factory=dict, repr=False)
    _ner: EnglishEntityExtractor | None = field(default=None, repr=False)

    def translator(self, source: str, target: str) -> ArgosTranslator | None:
        if (source, target) not in self._translators:
            package = find_package(source, target)
            self._translators[source, target] = package and ArgosTranslator(package, self.settings.engine)
            if package is None and target == self.settings.pivot_language:
                log.warning(
                    "no Argos package for %s→%s: those articles are indexed untranslated and flagged; "
                    "fix: `tarjama models install %s_%s` or `tarjama models install FILE.argosmodel`",
                    source,
                    target,
                    source,
                    target,
                )
        return self._translators[source, target]

    def target_language(self, language: str) -> str:
        pivot = self.settings.pivot_language
        return self.settings.english_target if language == pivot else pivot

    @property
    def ner(self) -> EnglishEntityExtractor:
        if self._ner is None:
            self._ner = EnglishEntityExtractor(self.settings.english_ner_model)
        return self._ner

    def process(self, paths: Iterable[str]) -> Iterator[dict | Quarantined | Skipped]:
        """Documents, quarantine records and skips, in input order, for every article in the inputs."""
        yield from self.process_items(item for path in paths for item in read_articles(path, self.confine_to))

    def process_items(self, items: Iterable[ParsedArticle | ArticleError]) -> Iterator[dict | Quarantined | Skipped]:
        """The same, for articles already read (or refused), a batch at a time."""
        remaining = iter(items)
        while True:
            clock = _StageClock(self.stage_seconds)
            batch = list(islice(remaining, self.settings.batch_files))
            if not batch:
                return
            yield from self._process_batch(batch, clock)

    def _process_batch(
        self, items: list[ParsedArticle | ArticleError], clock: _StageClock
    ) -> list[dict | Quarantined | Skipped]:
        results: list[dict | Quarantined | Skipped | None] = [None] * len(items)
        articles: list[_Article] = []
        seen: set[str] = set()
        for position, item in enumerate(items):
            try:
                if isinstance(item, ArticleError):
                    raise item
                article = _Article(position, item, detect_language(item.path, item.text), article_id(item))
            except ArticleError as error:
                log.warning("quarantined %s: %s", error.path, error.reason)
                results[position] = Quarantined(error.path, error.reason, error.raw, error.stage)
                continue
            if article.id in seen:
                results[position] = Skipped(item.path, article.id, "duplicate")
            else:
                seen.add(article.id)
                articles.append(article)

        clock.lap("parse")
        stored = self.store.lookup([a.id for a in articles]) if self.store else {}
        for article in list(articles):
            if self._unchanged(article, stored.get(article.id)):
                results[article.position] = Skipped(article.parsed.path, article.id, "unchanged")
                articles.remove(article)
        clock.lap("lookup")

        stories = self._assign_stories(articles)
        clock.lap("duplicates")
        translations = self._translate(articles, stored)
        clock.lap("translate")
        english = [self._pivot_text(a, translations.get(a.id)) for a in articles]
        entities = self.ner.extract_many(english)
        clock.lap("names")
        for article, found in zip(articles, entities, strict=True):
            dates = find_dates(article.parsed.text, article.language, article.parsed.published_at)
            document = self._document(article, translations.get(article.id), found, dates)
            document.update(stories[article.id])
            results[article.position] = document
        clock.lap("dates")
        return results

    def _assign_stories(self, articles: list[_Article]) -> dict[str, dict]:
        """Each article's story: that of its nearest near-duplicate (in this run or in the index), or its own."""
        fingerprints = {a.id: fingerprint(a.parsed.body) for a in articles}
        indexed = self.store.similar({k: v for k, v in fingerprints.items() if v}) if self.store else {}
        fields = {}
        for article in articles:
            print_ = fingerprints[article.id]
            match = print_ and self.stories.match(print_, indexed.get(article.id, []), exclude=article.id)
            story_id = match[0].story_id if match else article.id
            fields[article.id] = {
                "story_id": story_id,
                "duplicate_of": story_id if story_id != article.id else None,
                "near_duplicate_similarity": round(match[1], 3) if match else None,
                "minhash_bands": print_.bands if print_ else [],
                "minhash": print_.to_hex() if print_ else None,
            }
            if match:
                self.stats["near_duplicates"] += 1
            if print_:
                self.stories.add(Known(article.id, story_id, print_))
        return fields

    def _unchanged(self, article: _Article, stored: StoredDocument | None) -> bool:
        """Indexed from the same bytes by this pipeline version with the models installed now."""
        if stored is None:
            return False
        translator = self.translator(article.language, self.target_language(article.language))
        now = (article.content_hash, __version__, self.ner.model_version, translator and translator.model_label)
        return now == (stored.content_hash, stored.pipeline_version, stored.ner_model, stored.translation_model)

    def _translate(self, articles: list[_Article], stored: dict[str, StoredDocument]) -> dict[str, Translation]:
        by_pair: dict[tuple[str, str], list[_Article]] = {}
        for article in articles:
            by_pair.setdefault((article.language, self.target_language(article.language)), []).append(article)

        translations: dict[str, Translation] = {}
        for (source, target), group in by_pair.items():
            translator = self.translator(source, target)
            if translator is None:
                continue
            todo = []
            for article in group:
                hit = stored[article.id].translation if article.id in stored else None
                if hit and (hit.model, hit.model_version, hit.target_language) == (
                    translator.model_name,
                    translator.model_version,
                    target,
                ):
                    translations[article.id] = hit
                    self.stats["translations_reused"] += 1
                else:
                    todo.append(article)
            if todo:
                outputs = translator.translate_articles([(a.parsed.title, a.parsed.paragraphs) for a in todo])
                translations.update((a.id, t) for a, t in zip(todo, outputs, strict=True))
                self.stats["translated"] += len(todo)
        return translations

    def _pivot_text(self, article: _Article, translation: Translation | None) -> str:
        """The article in the pivot language (English), for NER; empty when there is none."""
        if article.language == self.settings.pivot_language:
            return article.parsed.text
        if translation is not None:
            return f"{translation.title}\n\n{translation.body}"
        return ""

    def _document(
        self, article: _Article, translation: Translation | None, entities: Entities, dates: list[DateMention]
    ) -> dict:
        parsed, lang = article.parsed, article.language
        document = {
            "id": article.id,
            "path": parsed.path,
            "language": lang,
            "source": parsed.source,
            "url": parsed.url,
            "published_at": parsed.published_at,
            "byline": parsed.byline,
            "dateline": parsed.dateline,
            title_field(lang): parsed.title,
            body_field(lang): parsed.body,
        }
        flags = []
        if translation is not None:
            document[title_field(translation.target_language)] = translation.title
            document[body_field(translation.target_language)] = translation.body
        elif lang != self.settings.pivot_language:
            flags.append(UNTRANSLATED)
            self.stats["untranslated"] += 1
        document.update(entity_fields(entities))
        document.update(
            dates=[d.to_json() for d in dates],
            translation=translation.to_json() if translation else None,
            flags=flags,
            provenance={
                "pipeline_version": __version__,
                "translation_model": translation.model_label if translation else None,
                "ner_model": self.ner.model_version,
                "content_hash": article.content_hash,
                "run_id": self.run_id,
                "processed_at": pendulum.now("UTC").to_iso8601_string(),
                "removed_boilerplate": list(parsed.removed_lines),
                "input_format": parsed.input_format,
                "encoding": parsed.encoding,
                "repairs": list(parsed.repairs),
                "published_at_from": parsed.published_at_from,
            },
        )
        return document


class _StageClock:
    """Adds the seconds since the last lap to a named stage."""

    def __init__(self, totals: Counter):
        self.totals = totals
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.totals[stage] += now - self.last
        self.last = now


def entity_fields(entities: Entities) -> dict:
    """Entities as stored: linked forms per kind, and flat name lists for Kibana facets."""
    return {
        "entities": {kind: [{"en": name} for name in getattr(entities, kind)] for kind in ("person", "org", "place")},
        "persons": list(entities.person),
        "orgs": list(entities.org),
        "places": list(entities.place),
    }


def article_id(article: ParsedArticle) -> str:
    """The same text always gets the same id, wherever it was read from, so re-runs overwrite."""
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:32]
