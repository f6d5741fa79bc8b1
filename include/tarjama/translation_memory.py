"""The sentence translation memory: each sentence is translated once, by whichever worker meets it first.

News repeats itself (agency copy on many sites, standard lines), so the engine looks every
sentence up before it decodes anything. An entry is keyed by the model's own view of the
sentence, its SentencePiece tokens, which is the source sentence after the model's
normalisation (NFKC, spaces), together with the model, its version, the language pair and the
decoding settings. A hit therefore returns what the model would produce for that sentence:
the target tokens and their log-probability, from which the paragraph's text and the
document's score are built exactly as for a freshly decoded sentence. Misses are decoded in
the batch as before and written back.

The store is an Elasticsearch index of its own (see `es_index.ensure_memory_index` and
docs/translation.md): every worker of a distributed deployment already reaches the cluster, a
lookup is one realtime `mget` by id per batch, and each model version has its own index, so an
upgrade starts an empty memory and drops the older version's index whole. The size is bounded:
past `max_entries`, the least recently used entries (last use recorded to the day) are
deleted until 90% of the bound remains.

The memory is an optimisation: if its index cannot be reached or written (a missing
privilege, a read-only index), the run goes on without it, with a warning that says why.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

log = logging.getLogger(__name__)

DEFAULT_MAX_ENTRIES = 5_000_000  # per model version; about 0.9 KB of disk each (docs/translation.md)
KEEP_FRACTION = 0.9  # eviction brings the memory down to this share of max_entries
TOUCH_SECONDS = 86_400  # a hit refreshes an entry's last use at most once a day
LOOKUP_CHUNK = 5_000  # ids per mget request


@dataclass(frozen=True)
class MemoryEntry:
    """One sentence's translation as the model made it."""

    tokens: tuple[str, ...]  # target SentencePiece tokens, as CTranslate2 returned them
    log_probability: float  # summed over the tokens and the end of sentence, as the engine computes it
    source: str = ""  # the source sentence, for people reading the index
    text: str = ""  # the sentence's translation alone, for people reading the index
    last_used: int = 0  # epoch seconds


def sentence_key(namespace: str, tokens: list[str]) -> str:
    """The entry's id: the model's namespace (model, version, pair, decoding settings) and the tokens."""
    digest = hashlib.sha256(namespace.encode("utf-8"))
    digest.update(b"\x00")
    digest.update("\x1f".join(tokens).encode("utf-8"))
    return digest.hexdigest()[:40]


class SentenceMemory(Protocol):
    """What the engine needs from a memory: entries by key, and new entries kept."""

    def lookup(self, keys: list[str]) -> dict[str, MemoryEntry]: ...

    def store(self, entries: dict[str, MemoryEntry]) -> None: ...


@dataclass
class MemoryStats:
    lookups: int = 0  # keys looked up
    hits: int = 0
    stored: int = 0
    evicted: int = 0
    errors: int = 0
    lookup_seconds: float = 0.0  # mget, and the daily touch of the entries hit
    store_seconds: float = 0.0  # bulk writes and the size check

    def to_json(self) -> dict:
        return {
            **{k: v for k, v in vars(self).items() if not k.endswith("seconds")},
            "lookup_seconds": round(self.lookup_seconds, 4),
            "store_seconds": round(self.store_seconds, 4),
        }


@dataclass
class ElasticsearchMemory:
    """The memory of one model version, in its own index; shared by every worker that reaches the cluster."""

    client: object  # elasticsearch.Elasticsearch
    index: str
    max_entries: int = DEFAULT_MAX_ENTRIES
    clock: Callable[[], float] = time.time
    stats: MemoryStats = field(default_factory=MemoryStats)
    disabled: str | None = None  # why the memory stopped, after an error

    @classmethod
    def open(
        cls, client, alias: str, model: str, model_version: str, max_entries: int = DEFAULT_MAX_ENTRIES
    ) -> ElasticsearchMemory | None:
        """The memory for this model version (its index created on first use; older versions'
        indices dropped), or None, with a warning, when the cluster refuses it."""
        from tarjama import es_index

        try:
            index = es_index.ensure_memory_index(client, alias, model, model_version)
        except Exception as error:  # noqa: BLE001 - the memory is optional; say why and go on without it
            log.warning("the translation memory is off for this run: %s", _explain(error, f"{alias}-*"))
            return None
        return cls(client, index, max_entries)

    def lookup(self, keys: list[str]) -> dict[str, MemoryEntry]:
        if self.disabled or not keys:
            return {}
        from tarjama import es_index

        started = time.perf_counter()
        try:
            found: dict[str, MemoryEntry] = {}
            for start in range(0, len(keys), LOOKUP_CHUNK):
                found.update(es_index.memory_lookup(self.client, self.index, keys[start : start + LOOKUP_CHUNK]))
            now = int(self.clock())
            stale = [key for key, entry in found.items() if now - entry.last_used >= TOUCH_SECONDS]
            if stale:
                es_index.memory_touch(self.client, self.index, stale, now)
        except Exception as error:  # noqa: BLE001
            self._fail(error)
            return {}
        finally:
            self.stats.lookup_seconds += time.perf_counter() - started
        self.stats.lookups += len(keys)
        self.stats.hits += len(found)
        return found

    def store(self, entries: dict[str, MemoryEntry]) -> None:
        if self.disabled or not entries:
            return
        from tarjama import es_index

        started = time.perf_counter()
        try:
            es_index.memory_write(self.client, self.index, entries, int(self.clock()))
            self.stats.stored += len(entries)
            if es_index.memory_size(self.client, self.index) > self.max_entries:
                self.evict()
        except Exception as error:  # noqa: BLE001
            self._fail(error)
        finally:
            self.stats.store_seconds += time.perf_counter() - started

    def evict(self) -> int:
        """Least recently used first, down to KEEP_FRACTION of max_entries; returns how many went."""
        from tarjama import es_index

        evicted = es_index.memory_evict(self.client, self.index, int(self.max_entries * KEEP_FRACTION))
        if evicted:
            log.info("translation memory %s: %d least recently used entries evicted", self.index, evicted)
        self.stats.evicted += evicted
        return evicted

    def _fail(self, error: Exception) -> None:
        self.stats.errors += 1
        self.disabled = _explain(error, self.index)
        log.warning("the translation memory is off for the rest of this run: %s", self.disabled)


def _explain(error: Exception, index: str) -> str:
    status = getattr(error, "status_code", None) or getattr(getattr(error, "meta", None), "status", None)
    if status == 403:
        return (
            f"Elasticsearch refused access to {index} ({error}); fix: grant the ETL's role "
            f"create_index, read, write and manage on it, and manage_index_templates on the cluster"
        )
    return f"{type(error).__name__}: {error}"
