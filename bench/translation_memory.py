"""Translation memory benchmark, one JSON object:  ELASTICSEARCH_URL=... python bench/translation_memory.py --json

A backfill-like stream of Arabic articles in which stories recur the way they do in news: a
share of the articles retell a story published a few days earlier (up to WINDOW articles
back), as another outlet would: most sentences kept word for word, some rewritten, the
headline often rewritten. The stream is translated in pipeline-sized batches, once without
the memory and once with a fresh memory in the real node (the same `translate_articles` call
the pipeline makes), in alternating rounds, at each recurrence rate.

The recurrence rate is the share of the stream's sentences that already appeared earlier in
it: the most a memory can save. It is chosen from the real samples (see docs/translation.md);
the benchmark measures 0%, that rate, and twice it. On the realistic model (the default) every
sentence decodes exactly FORCED_LENGTH tokens, as in bench/translate.py.

Printed per rate: sentences, sentences_translated, memory_hit_rate, wall time with and
without the memory (median, min, max of the rounds), time_saved (median of the rounds' 1 -
with/without), time_saved_vs_hit_rate, and the memory's own cost per sentence looked up.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid

from translate import summary  # noqa: E402

from tarjama import es_index  # noqa: E402
from tarjama.text import split_sentences  # noqa: E402
from tarjama.translation_memory import ElasticsearchMemory  # noqa: E402
from tarjama_dev.news_corpus import make_pair  # noqa: E402

DEFAULT_RATE = 0.035  # measured on the real samples: docs/translation.md, "The translation memory"
WINDOW = 300  # a story recurs within this many articles (a few days of one outlet group's stream)
KEEP = 0.8  # a retold story keeps this share of its body sentences word for word
NEW_HEADLINE = 0.5  # and rewrites its headline this often
BATCH = 50  # articles per engine call


class _Sentences:
    """Fresh Arabic sentences from the generator that trained the test package, never one twice."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.seen: set[str] = set()

    def __call__(self) -> str:
        while True:
            arabic, _ = make_pair(self.rng)
            if arabic.endswith(".") and arabic not in self.seen:
                self.seen.add(arabic)
                return arabic


def stream(count: int, rate: float, seed: int = 7) -> list[tuple[str, tuple[str, ...]]]:
    """`count` articles (a headline and three paragraphs of one to three sentences) in which
    `rate` of the sentences repeat earlier ones, through retold stories only.

    An article retells an earlier story whenever the stream's recurrence so far is below the
    rate, so the realised rate stays within one article of it; which story, and which of its
    sentences are kept, is random."""
    rng = random.Random(seed)
    fresh = _Sentences(rng)
    articles: list[tuple[str, tuple[str, ...]]] = []
    stories: list[tuple[str, tuple[tuple[str, ...], ...]]] = []  # originals, as sentence lists
    seen: set[str] = set()
    sentences = repeated = 0
    for _ in range(count):
        if rate > 0 and stories and repeated < rate * (sentences + 1):
            title, paragraphs = rng.choice(stories[-WINDOW:])
            title = fresh().rstrip(".") if rng.random() < NEW_HEADLINE else title
            paragraphs = tuple(tuple(s if rng.random() < KEEP else fresh() for s in p) for p in paragraphs)
        else:
            title = fresh().rstrip(".")
            paragraphs = tuple(tuple(fresh() for _ in range(rng.randint(1, 3))) for _ in range(3))
            stories.append((title, paragraphs))
        for sentence in (title, *(s for p in paragraphs for s in p)):
            sentences += 1
            repeated += sentence in seen
            seen.add(sentence)
        articles.append((title, tuple(" ".join(p) for p in paragraphs)))
    return articles


def recurrence(articles) -> float:
    """Share of sentences (as the engine splits them) already seen earlier in the stream."""
    seen: set[str] = set()
    total = repeated = 0
    for title, paragraphs in articles:
        for text in (title, *paragraphs):
            for sentence in split_sentences(text):
                total += 1
                repeated += sentence in seen
                seen.add(sentence)
    return repeated / total if total else 0.0


def run(translator, articles, client=None) -> dict:
    """The stream through the engine in pipeline-sized batches, with a fresh memory when a client is given."""
    memory = None
    alias = f"bench-memory-{uuid.uuid4().hex[:8]}"
    if client is not None:
        memory = ElasticsearchMemory.open(client, alias, translator.model_name, translator.model_version)
    started = time.perf_counter()
    sentences = reused = 0
    for start in range(0, len(articles), BATCH):
        for translation in translator.translate_articles(articles[start : start + BATCH], memory):
            sentences += translation.sentences
            reused += translation.sentences_reused
    seconds = time.perf_counter() - started
    result = {"seconds": seconds, "sentences": sentences, "sentences_translated": sentences - reused}
    if memory is not None:
        client.indices.refresh(index=memory.index)
        stats = client.indices.stats(index=memory.index, metric="store,docs")["indices"][memory.index]["primaries"]
        looked_up = max(memory.stats.lookups, 1)
        result.update(
            memory_hit_rate=reused / sentences,
            lookup_ms_per_sentence=1000 * memory.stats.lookup_seconds / looked_up,
            store_ms_per_sentence=1000 * memory.stats.store_seconds / looked_up,
            entries=stats["docs"]["count"],
            bytes_per_entry=stats["store"]["size_in_bytes"] / max(stats["docs"]["count"], 1),
            errors=memory.stats.errors,
        )
        client.indices.delete(index=memory.index)
    return result


def translator_for(model: str):
    from tarjama.translate import ArgosTranslator, find_package

    if model == "test":
        package = find_package("ar", "en")
        if package is None:
            sys.exit("no ar→en package installed: run scripts/setup first")
        return ArgosTranslator(package)
    from argostranslate.package import Package
    from make_realistic_model import DEFAULT_OUTPUT, make
    from translate import ForcedLengthTranslator

    if not (DEFAULT_OUTPUT / "model" / "model.bin").exists():
        make(DEFAULT_OUTPUT)
    return ForcedLengthTranslator(Package(DEFAULT_OUTPUT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    parser.add_argument("--articles", type=int, default=200, help="articles in the stream")
    parser.add_argument(
        "--rate", type=float, default=DEFAULT_RATE, help="the chosen recurrence rate (share of sentences)"
    )
    parser.add_argument("--extra-rate", type=float, action="append", default=[], help="further rates to measure")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", choices=("realistic", "test"), default="realistic")
    args = parser.parse_args()

    def say(message):
        if not args.json:
            print(message, file=sys.stderr, flush=True)

    client = es_index.connect(os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200"))
    translator = translator_for(args.model)
    translator.translate_texts(["تجربة."])  # load the model before timing
    rates = [0.0, args.rate, 2 * args.rate, *args.extra_rate]
    streams = {rate: stream(args.articles, rate) for rate in rates}
    runs: dict[float, dict[str, list[dict]]] = {rate: {"with": [], "without": []} for rate in rates}
    for round_ in range(args.rounds):
        for rate in rates:
            order = ("without", "with") if (round_ + rates.index(rate)) % 2 == 0 else ("with", "without")
            for mode in order:
                say(f"round {round_ + 1}, rate {rate:.3f}, {mode} the memory")
                runs[rate][mode].append(run(translator, streams[rate], client if mode == "with" else None))

    results = []
    for rate in rates:
        with_, without = runs[rate]["with"], runs[rate]["without"]
        saved = [1 - w["seconds"] / wo["seconds"] for w, wo in zip(with_, without, strict=True)]
        hit_rate = with_[0]["memory_hit_rate"]
        results.append(
            {
                "recurrence_rate": rate,
                "realised_recurrence": round(recurrence(streams[rate]), 4),
                "articles": len(streams[rate]),
                "sentences": with_[0]["sentences"],
                "sentences_translated": with_[0]["sentences_translated"],
                "memory_hit_rate": round(hit_rate, 4),
                "wall_seconds_without": summary([r["seconds"] for r in without], 3),
                "wall_seconds_with": summary([r["seconds"] for r in with_], 3),
                "time_saved": summary(saved, 4),
                "time_saved_vs_hit_rate": round(statistics.median(saved) / hit_rate, 3) if hit_rate else None,
                "extra_cost": round(-statistics.median(saved), 4) if not hit_rate else None,
                "lookup_ms_per_sentence": summary([r["lookup_ms_per_sentence"] for r in with_], 4),
                "store_ms_per_sentence": summary([r["store_ms_per_sentence"] for r in with_], 4),
                "bytes_per_entry": round(statistics.median(r["bytes_per_entry"] for r in with_)),
                "memory_errors": sum(r["errors"] for r in with_),
            }
        )
    report = {
        "model": translator.model_label,
        "rounds": args.rounds,
        "batch_articles": BATCH,
        "rates": results,
        "settings": {"window": WINDOW, "keep": KEEP, "new_headline": NEW_HEADLINE, "engine": vars(translator.options)},
    }
    print(json.dumps(report, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
