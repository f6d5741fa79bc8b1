"""Offline translation with an installed Argos Translate package.

Argos packages are found and installed through `argostranslate.package`; inference goes
straight to CTranslate2 with the package's own tokenizer, so that sentences from many
articles share one `translate_batch` call and no sentence-splitting model is ever fetched
from the network (Argos, as shipped, downloads one on first use).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from tarjama.models import Translation
from tarjama.text import split_sentences

_MAX_SOURCE_TOKENS = 200  # longer sentences are cut into pieces rather than truncated


class TranslationUnavailable(RuntimeError):
    """No installed Argos package translates the requested pair: a setup problem, not bad input."""


def install_package(path: str | Path) -> None:
    """Install a local .argosmodel file (never downloads)."""
    import argostranslate.package

    argostranslate.package.install_from_path(Path(path))


def install_from_index(source: str, target: str) -> bool:
    """Download and install the pair's package from the Argos index; False when unreachable."""
    import argostranslate.package
    import argostranslate.settings

    argostranslate.package.update_package_index()  # logs and returns on network errors
    if not Path(argostranslate.settings.local_package_index).exists():
        return False  # get_available_packages() would retry the download recursively
    for package in argostranslate.package.get_available_packages():
        if package.from_code == source and package.to_code == target and package.type == "translate":
            package.install()
            return True
    return False


TEST_PACKAGE_MARK = "tarjama_test"


def find_package(source: str, target: str):
    """The installed package for the pair; the project's tiny test package only if no other is."""
    import argostranslate.package

    candidates = [
        package
        for package in argostranslate.package.get_installed_packages()
        if package.from_code == source and package.to_code == target and package.type == "translate"
    ]
    candidates.sort(key=lambda package: TEST_PACKAGE_MARK in package.package_path.name)
    return candidates[0] if candidates else None


@dataclass
class ArgosTranslator:
    """One loaded Argos package. Load once per process and reuse: loading is the slow part."""

    package: object
    threads: int = 2
    batch_size: int = 32
    beam_size: int = 4

    @classmethod
    def for_pair(cls, source: str, target: str, **options) -> ArgosTranslator:
        package = find_package(source, target)
        if package is None:
            raise TranslationUnavailable(
                f"no Argos package installed for {source}→{target}; install one with "
                f"`tarjama install-model FILE.argosmodel`"
            )
        return cls(package, **options)

    @property
    def model_name(self) -> str:
        return self.package.package_path.name

    @property
    def model_version(self) -> str:
        return self.package.package_version

    @cached_property
    def _translator(self):
        import ctranslate2

        return ctranslate2.Translator(
            str(self.package.package_path / "model"), device="cpu", inter_threads=1, intra_threads=self.threads
        )

    def translate_articles(self, articles: list[tuple[str, tuple[str, ...]]]) -> list[Translation]:
        """Translate (title, paragraphs) pairs; every sentence of every article in one batched call."""
        segments: list[tuple[int, int, list[str]]] = []  # (article, paragraph or -1 for title, tokens)
        for article_index, (title, paragraphs) in enumerate(articles):
            for paragraph_index, text in [(-1, title), *enumerate(paragraphs)]:
                for sentence in split_sentences(text):
                    for piece in self._cut(self.package.tokenizer.encode(sentence)):
                        segments.append((article_index, paragraph_index, piece))
        outputs = self._translate_tokens([tokens for _, _, tokens in segments])

        pieces: dict[tuple[int, int], list[str]] = {}
        scores: dict[int, list[float]] = {}
        for (article_index, paragraph_index, _), (text, score) in zip(segments, outputs, strict=True):
            pieces.setdefault((article_index, paragraph_index), []).append(text)
            scores.setdefault(article_index, []).append(score)
        results = []
        for article_index, (_, paragraphs) in enumerate(articles):
            article_scores = scores.get(article_index, [])
            results.append(
                Translation(
                    title=" ".join(pieces.get((article_index, -1), [])),
                    paragraphs=tuple(" ".join(pieces.get((article_index, i), [])) for i in range(len(paragraphs))),
                    score=round(math.exp(sum(article_scores) / len(article_scores)), 4) if article_scores else 0.0,
                    sentences=len(article_scores),
                )
            )
        return results

    def _translate_tokens(self, batch: list[list[str]]) -> list[tuple[str, float]]:
        if not batch:
            return []
        longest = max(len(tokens) for tokens in batch)
        results = self._translator.translate_batch(
            batch,
            max_batch_size=self.batch_size,
            beam_size=self.beam_size,
            max_decoding_length=min(512, 2 * longest + 10),  # a bad model cannot run away
            replace_unknowns=True,
            return_scores=True,
        )
        decoded = []
        for result in results:
            text = self.package.tokenizer.decode(result.hypotheses[0]).strip()
            decoded.append((text, result.scores[0]))  # score: mean log-probability per token
        return decoded

    @staticmethod
    def _cut(tokens: list[str]) -> list[list[str]]:
        return [tokens[i : i + _MAX_SOURCE_TOKENS] for i in range(0, len(tokens), _MAX_SOURCE_TOKENS)]
