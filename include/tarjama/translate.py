"""Offline translation with installed Argos Translate packages.

Packages are found and installed through `argostranslate.package`. Inference goes straight to
CTranslate2 with the package's own tokenizer, so that the sentences of many articles share
large, length-sorted `translate_batch` calls, and no sentence-splitting model is ever fetched
from the network (Argos, as shipped, downloads one on first use).

With the same sentence splitter, beam size and length penalty, the text is exactly what
`argostranslate.translate` produces: tokens of a paragraph's sentences are joined and decoded
once, and one leading space is dropped, as Argos does.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from tarjama.models import Translation
from tarjama.text import split_sentences

log = logging.getLogger(__name__)

TEST_PACKAGE_MARK = "tarjama_test"
MAX_SOURCE_TOKENS = 200  # longer "sentences" are cut into pieces, never truncated
MAX_DECODING_LENGTH = 512


class TranslationUnavailable(RuntimeError):
    """No installed Argos package translates the requested pair: a setup problem, not bad input."""


@dataclass(frozen=True)
class EngineOptions:
    """Defaults measured best on two cores with bench/translate.py (see README)."""

    beam_size: int = 4
    length_penalty: float = 0.2  # Argos's value
    batch_size: int = 32  # sentences per translate_batch chunk
    inter_threads: int = 2  # chunks decoded in parallel
    intra_threads: int = 1  # threads inside one chunk


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


def installed_packages() -> list:
    import argostranslate.package

    return [p for p in argostranslate.package.get_installed_packages() if p.type == "translate"]


def find_package(source: str, target: str):
    """The installed package for the pair; the project's tiny test package only if no other is."""
    candidates = [p for p in installed_packages() if p.from_code == source and p.to_code == target]
    candidates.sort(key=lambda package: TEST_PACKAGE_MARK in package.package_path.name)
    return candidates[0] if candidates else None


class ArgosTranslator:
    """One installed Argos package. Load once per process and reuse: loading is the slow part."""

    def __init__(self, package, options: EngineOptions | None = None):
        self.package = package
        self.options = options or EngineOptions()

    @classmethod
    def for_pair(cls, source: str, target: str, options: EngineOptions | None = None) -> ArgosTranslator:
        package = find_package(source, target)
        if package is None:
            raise TranslationUnavailable(
                f"no Argos package installed for {source}→{target}; "
                f"fix: `tarjama models install {source}_{target}` (downloads it) "
                f"or `tarjama models install FILE.argosmodel`"
            )
        return cls(package, options)

    @property
    def source_language(self) -> str:
        return self.package.from_code

    @property
    def target_language(self) -> str:
        return self.package.to_code

    @property
    def model_name(self) -> str:
        return self.package.package_path.name

    @property
    def model_version(self) -> str:
        return self.package.package_version

    @property
    def model_label(self) -> str:
        return f"{self.model_name} {self.model_version}"

    def load(self) -> None:
        """Load the model and tokenizer now, so that a broken package fails before any work."""
        self._translator  # noqa: B018
        self.package.tokenizer.encode("test")

    @cached_property
    def _translator(self):
        import ctranslate2

        return ctranslate2.Translator(
            str(self.package.package_path / "model"),
            device="cpu",
            inter_threads=self.options.inter_threads,
            intra_threads=self.options.intra_threads,
        )

    def translate_articles(self, articles: list[tuple[str, tuple[str, ...]]]) -> list[Translation]:
        """Translate (title, paragraphs) pairs; every sentence of every article in one batched pass."""
        texts: list[str] = []
        for title, paragraphs in articles:
            texts.append(title)
            texts.extend(paragraphs)
        translated = iter(self.translate_texts(texts))
        results = []
        for _, paragraphs in articles:
            parts = [next(translated) for _ in range(len(paragraphs) + 1)]
            log_probability = sum(part.log_probability for part in parts)
            tokens = sum(part.tokens for part in parts)
            results.append(
                Translation(
                    title=parts[0].text,
                    paragraphs=tuple(part.text for part in parts[1:]),
                    source_language=self.source_language,
                    target_language=self.target_language,
                    model=self.model_name,
                    model_version=self.model_version,
                    score=round(math.exp(log_probability / tokens), 4) if tokens else 0.0,
                    sentences=sum(part.sentences for part in parts),
                )
            )
        return results

    def translate_texts(self, texts: list[str]) -> list[TextTranslation]:
        """Each text is one paragraph: split into sentences, translated, joined back."""
        owners: list[int] = []
        sources: list[list[str]] = []
        for index, text in enumerate(texts):
            for sentence in split_sentences(text):
                tokens = self.package.tokenizer.encode(sentence)
                for start in range(0, len(tokens), MAX_SOURCE_TOKENS):
                    owners.append(index)
                    sources.append(tokens[start : start + MAX_SOURCE_TOKENS])
        hypotheses = self._translate_tokens(sources)

        tokens_by_text: list[list[str]] = [[] for _ in texts]
        results = [TextTranslation() for _ in texts]
        for index, (tokens, log_probability) in zip(owners, hypotheses, strict=True):
            tokens_by_text[index].extend(tokens)
            results[index].add_sentence(log_probability, len(tokens) + 1)  # + the end-of-sentence token
        for result, tokens in zip(results, tokens_by_text, strict=True):
            result.text = self._decode(tokens) if tokens else ""
        return results

    def _translate_tokens(self, sources: list[list[str]]) -> list[tuple[list[str], float]]:
        """Length-sorted chunks, each bounded by its own longest source, decoded in parallel."""
        order = sorted(range(len(sources)), key=lambda i: len(sources[i]))
        prefix = self.package.target_prefix
        pending = []
        for start in range(0, len(order), self.options.batch_size):
            chunk = order[start : start + self.options.batch_size]
            batch = [sources[i] for i in chunk]
            futures = self._translator.translate_batch(
                batch,
                target_prefix=[[prefix]] * len(batch) if prefix else None,
                asynchronous=True,
                **self.decoding_options(max(len(tokens) for tokens in batch)),
            )
            pending.append((chunk, futures))
        results: list[tuple[list[str], float] | None] = [None] * len(sources)
        for chunk, futures in pending:
            for index, future in zip(chunk, futures, strict=True):
                result = future.result()
                tokens = result.hypotheses[0]
                # CTranslate2 divides the summed log-probability by length ** length_penalty.
                length = len(tokens) + 1
                results[index] = (tokens, result.scores[0] * length**self.options.length_penalty)
        return results

    def decoding_options(self, longest_source: int) -> dict:
        return {
            "beam_size": self.options.beam_size,
            "length_penalty": self.options.length_penalty,
            "max_decoding_length": min(MAX_DECODING_LENGTH, 2 * longest_source + 10),  # no runaway output
            "replace_unknowns": True,
            "return_scores": True,
        }

    @cached_property
    def _target_tokenizer(self):
        """Marian (OPUS-MT) conversions keep a second SentencePiece model for the target side."""
        from argostranslate.tokenizer import SentencePieceTokenizer

        target_model = self.package.package_path / "target.spm"
        return SentencePieceTokenizer(target_model) if target_model.exists() else self.package.tokenizer

    def _decode(self, tokens: list[str]) -> str:
        value = self._target_tokenizer.decode(tokens)
        prefix = self.package.target_prefix
        if prefix and value.startswith(prefix):
            value = value[len(prefix) :]
        return value[1:] if value.startswith(" ") else value


@dataclass
class TextTranslation:
    text: str = ""
    log_probability: float = 0.0
    tokens: int = 0
    sentences: int = 0

    @property
    def score(self) -> float:
        """Geometric-mean token probability, 0..1, as for whole articles."""
        return math.exp(self.log_probability / self.tokens) if self.tokens else 0.0

    def add_sentence(self, log_probability: float, tokens: int) -> None:
        self.log_probability += log_probability
        self.tokens += tokens
        self.sentences += 1
