"""parse → detect language → translate → enrich → document, for a batch of files.

This is the one place that reads like the pipeline diagram. It knows nothing of Airflow or
Elasticsearch: it turns paths into documents, quarantine records, or skips. Given a
`DocumentStore` (the index), it skips articles already indexed exactly as they would be now,
and reuses translations made from the same text by the same model version. The models are
loaded by `tarjama.run_models`, names and dates found by `tarjama.enrichment`, and documents
built by `tarjama.documents`.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Protocol

from tarjama import __version__
from tarjama.documents import UNTRANSLATED, article_id, build_document, content_hash
from tarjama.enrichment import enrich
from tarjama.errors import ArticleError
from tarjama.language import detect_language
from tarjama.models import ParsedArticle, Quarantined, Skipped, StoredDocument, Translation
from tarjama.near_duplicates import Fingerprint, Known, StoryIndex, fingerprint
from tarjama.parsers import read_articles
from tarjama.run_models import RunModels
from tarjama.settings import Settings
from tarjama.translate import ArgosTranslator
from tarjama.translation_memory import SentenceMemory

log = logging.getLogger(__name__)


class DocumentStore(Protocol):
    def lookup(self, ids: list[str]) -> dict[str, StoredDocument]:
        """What is stored under these ids; missing ids are simply absent."""

    def similar(self, fingerprints: dict[str, Fingerprint]) -> dict[str, list[Known]]:
        """Stored documents that may be near-duplicates of each fingerprint."""

    # A store may also offer `translation_memory(model, model_version, max_entries)`: the shared
    # sentence memory of that model version, or None (es_index.IndexedDocuments does).


@dataclass
class _Article:
    position: int
    parsed: ParsedArticle
    language: str
    id: str


@dataclass
class Pipeline:
    settings: Settings
    run_id: str = "manual"
    store: DocumentStore | None = None
    confine_to: Path | None = None  # the landing zone: inputs that resolve outside it are refused
    stats: Counter = field(default_factory=Counter)
    stories: StoryIndex = field(default_factory=StoryIndex, repr=False)
    stage_seconds: Counter = field(default_factory=Counter)
    models: RunModels = field(init=False, repr=False)
    _memories: dict[str, SentenceMemory | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.models = RunModels(self.settings)

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
        enrichment = enrich(
            self.models,
            [
                (a.language, a.parsed.text, self._pivot_text(a, translations.get(a.id)), a.parsed.published_at)
                for a in articles
            ],
        )
        clock.lap("enrich")
        ner_model = self.models.ner_version
        for article, found in zip(articles, enrichment, strict=True):
            translation = translations.get(article.id)
            document = build_document(
                article.parsed,
                article.language,
                translation,
                pivot_language=self.settings.pivot_language,
                ner_model=ner_model,
                run_id=self.run_id,
            )
            self.stats["untranslated"] += UNTRANSLATED in document["flags"]
            document.update(found)
            document.update(stories[article.id])
            results[article.position] = document
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
        translator = self.models.translator(article.language, self.models.target_language(article.language))
        translation_model = translator and translator.model_label
        now = (content_hash(article.parsed), __version__, self.models.ner_version, translation_model)
        return now == (stored.content_hash, stored.pipeline_version, stored.ner_model, stored.translation_model)

    def _translate(self, articles: list[_Article], stored: dict[str, StoredDocument]) -> dict[str, Translation]:
        by_pair: dict[tuple[str, str], list[_Article]] = {}
        for article in articles:
            by_pair.setdefault((article.language, self.models.target_language(article.language)), []).append(article)

        translations: dict[str, Translation] = {}
        for (source, target), group in by_pair.items():
            translator = self.models.translator(source, target)
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
                    translations[article.id] = replace(hit, sentences_reused=hit.sentences)
                    self.stats["translations_reused"] += 1
                    self.stats["sentences_reused"] += hit.sentences
                else:
                    todo.append(article)
            if todo:
                outputs = translator.translate_articles(
                    [(a.parsed.title, a.parsed.paragraphs) for a in todo], self._memory(translator)
                )
                translations.update((a.id, t) for a, t in zip(todo, outputs, strict=True))
                self.stats["translated"] += len(todo)
                self.stats["sentences_translated"] += sum(t.sentences - t.sentences_reused for t in outputs)
                self.stats["sentences_reused"] += sum(t.sentences_reused for t in outputs)
        return translations

    def _memory(self, translator: ArgosTranslator) -> SentenceMemory | None:
        """The shared sentence memory of the translator's model version, when the store keeps one."""
        open_memory = getattr(self.store, "translation_memory", None)
        if not self.settings.translation_memory or open_memory is None:
            return None
        if translator.model_label not in self._memories:
            self._memories[translator.model_label] = open_memory(
                translator.model_name, translator.model_version, self.settings.translation_memory_max_entries
            )
        return self._memories[translator.model_label]

    def _pivot_text(self, article: _Article, translation: Translation | None) -> str:
        """The article in the pivot language (English), for NER; empty when there is none."""
        if article.language == self.settings.pivot_language:
            return article.parsed.text
        if translation is not None:
            return f"{translation.title}\n\n{translation.body}"
        return ""


class _StageClock:
    """Adds the seconds since the last lap to a named stage."""

    def __init__(self, totals: Counter):
        self.totals = totals
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.totals[stage] += now - self.last
        self.last = now
