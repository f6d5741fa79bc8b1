"""Offline translation with installed Argos Translate packages.

Packages are found and installed through `argostranslate.package`. Inference goes straight to
CTranslate2 with the package's own tokenizer, so that the sentences of many articles share
large, length-sorted `translate_batch` calls, and no sentence-splitting model is ever fetched
from the network (Argos, as shipped, downloads one on first use).

With the same sentence splitter, beam size and length penalty, the text is exactly what
`argostranslate.translate` produces: tokens of a paragraph's sentences are joined and decoded
once, and one leading space is dropped, as Argos does.

Given a sentence memory (tarjama.translation_memory), every sentence is looked up first: a hit
brings back the target tokens and log-probability the model made for it, a miss is decoded
in the batch as before and written back, and a sentence met twice in one batch is decoded once.
The text is the same either way, since a sentence's translation does not depend on its batch
(see `_decode_tokens` for the one case where it could, which is never stored).
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from tarjama.models import Translation
from tarjama.text import split_sentences
from tarjama.translation_memory import MemoryEntry, SentenceMemory, sentence_key

log = logging.getLogger(__name__)

TEST_PACKAGE_MARK = "tarjama_test"
MAX_SOURCE_TOKENS = 200  # longer "sentences" are cut into pieces, never truncated
MAX_DECODING_LENGTH = 512
MEMORY_FORMAT = 1  # part of every memory key: raise it when the engine changes what a sentence becomes


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

    @cached_property
    def memory_namespace(self) -> str:
        """Everything besides the sentence that decides its translation: the model, its version,
        the pair and the decoding settings (the bound policy sampled at three lengths)."""
        decoding = [self.decoding_options(length) for length in (1, 100, 400)]
        identity = [self.model_name, self.model_version, self.source_language, self.target_language]
        return json.dumps([MEMORY_FORMAT, *identity, self.package.target_prefix, decoding], sort_keys=True)

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

    def translate_articles(
        self, articles: list[tuple[str, tuple[str, ...]]], memory: SentenceMemory | None = None
    ) -> list[Translation]:
        """Translate (title, paragraphs) pairs; every sentence of every article in one batched pass,
        each sentence looked up in `memory` first when one is given."""
        texts: list[str] = []
        for title, paragraphs in articles:
            texts.append(title)
            texts.extend(paragraphs)
        translated = iter(self.translate_texts(texts, memory))
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
                    sentences_reused=sum(part.reused for part in parts),
                )
            )
        return results

    def translate_texts(self, texts: list[str], memory: SentenceMemory | None = None) -> list[TextTranslation]:
        """Each text is one paragraph: split into sentences, translated, joined back."""
        owners: list[int] = []
        sources: list[list[str]] = []
        sentences: list[str] = []
        for index, text in enumerate(texts):
            for sentence in split_sentences(text):
                tokens = self.package.tokenizer.encode(sentence)
                for start in range(0, len(tokens), MAX_SOURCE_TOKENS):
                    owners.append(index)
                    sources.append(tokens[start : start + MAX_SOURCE_TOKENS])
                    sentences.append(sentence)
        if memory is None:
            hypotheses, reused = self._translate_tokens(sources), [False] * len(sources)
        else:
            hypotheses, reused = self._translate_with_memory(sources, sentences, memory)

        tokens_by_text: list[list[str]] = [[] for _ in texts]
        results = [TextTranslation() for _ in texts]
        for index, (tokens, log_probability), was_reused in zip(owners, hypotheses, reused, strict=True):
            tokens_by_text[index].extend(tokens)
            results[index].add_sentence(log_probability, len(tokens) + 1, was_reused)  # + the end-of-sentence token
        for result, tokens in zip(results, tokens_by_text, strict=True):
            result.text = self._decode(tokens) if tokens else ""
        return results

    def _translate_with_memory(
        self, sources: list[list[str]], sentences: list[str], memory: SentenceMemory
    ) -> tuple[list[tuple[list[str], float]], list[bool]]:
        """Hits from the memory, every other distinct sentence decoded once in this batch and kept."""
        keys = [sentence_key(self.memory_namespace, tokens) for tokens in sources]
        found = memory.lookup(list(dict.fromkeys(keys)))
        first: dict[str, int] = {}  # each missing sentence's first position: the one that is decoded
        for position, key in enumerate(keys):
            if key not in found and key not in first:
                first[key] = position
        fresh: dict[str, tuple[list[str], float]] = {}
        kept: dict[str, MemoryEntry] = {}
        decoded = self._decode_tokens([sources[position] for position in first.values()])
        for (key, position), (tokens, log_probability, storable) in zip(first.items(), decoded, strict=True):
            fresh[key] = (tokens, log_probability)
            if storable:
                text = self._decode(tokens) if tokens else ""
                kept[key] = MemoryEntry(tuple(tokens), log_probability, source=sentences[position], text=text)
        memory.store(kept)
        hypotheses: list[tuple[list[str], float]] = []
        reused: list[bool] = []
        for position, key in enumerate(keys):
            if key in found:
                entry = found[key]
                hypotheses.append((list(entry.tokens), entry.log_probability))
            else:
                hypotheses.append(fresh[key])
            reused.append(first.get(key) != position)
        return hypotheses, reused

    def _translate_tokens(self, sources: list[list[str]]) -> list[tuple[list[str], float]]:
        """Length-sorted chunks, each bounded by its own longest source, decoded in parallel."""
        return [(tokens, log_probability) for tokens, log_probability, _ in self._decode_tokens(sources)]

    def _decode_tokens(self, sources: list[list[str]]) -> list[tuple[list[str], float, bool]]:
        """(target tokens, log-probability, batch-independent) for each source.

        A chunk's length bound comes from its longest source, so an output that ran into that
        bound could have been cut elsewhere in another batch: such an output is marked as
        depending on its batch (and never stored in a memory). Any other output is what the
        model makes of the sentence alone.
        """
        if not sources:
            return []
        order = sorted(range(len(sources)), key=lambda i: len(sources[i]))
        prefix = self.package.target_prefix
        pending = []
        for chunk in self._chunks(order):
            batch = [sources[i] for i in chunk]
            options = self.decoding_options(max(len(tokens) for tokens in batch))
            futures = self._translator.translate_batch(
                batch, target_prefix=[[prefix]] * len(batch) if prefix else None, asynchronous=True, **options
            )
            pending.append((chunk, futures, options["max_decoding_length"]))
        results: list[tuple[list[str], float, bool] | None] = [None] * len(sources)
        for chunk, futures, bound in pending:
            for index, future in zip(chunk, futures, strict=True):
                result = future.result()
                tokens = result.hypotheses[0]
                # CTranslate2 divides the summed log-probability by length ** length_penalty.
                length = len(tokens) + 1
                own_bound = self.decoding_options(len(sources[index]))["max_decoding_length"]
                alone = bound == own_bound or len(tokens) + 2 < own_bound
                results[index] = (tokens, result.scores[0] * length**self.options.length_penalty, alone)
        return results

    def _chunks(self, order: list[int]) -> list[list[int]]:
        """At most `batch_size` sentences each, as many chunks as a multiple of the workers, and
        all of one size (to one sentence): no worker idles on a short last chunk, and a batch
        with fewer sentences to decode takes proportionally less time."""
        if not order:
            return []
        workers = max(1, self.options.inter_threads)
        count = math.ceil(len(order) / self.options.batch_size)
        count = min(len(order), count + (-count % workers))
        size, larger = divmod(len(order), count)
        chunks, start = [], 0
        for index in range(count):
            end = start + size + (index < larger)
            chunks.append(order[start:end])
            start = end
        return chunks

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
    reused: int = 0  # sentences whose translation came from the memory or from earlier in the batch

    @property
    def score(self) -> float:
        """Geometric-mean token probability, 0..1, as for whole articles."""
        return math.exp(self.log_probability / self.tokens) if self.tokens else 0.0

    def add_sentence(self, log_probability: float, tokens: int, reused: bool = False) -> None:
        self.log_probability += log_probability
        self.tokens += tokens
        self.sentences += 1
        self.reused += reused
