"""Search benchmark, one run, one JSON object:  ELASTICSEARCH_URL=... python bench/search.py --json

Relevance: 240 generated Arabic news articles, each about one person in one city, go through
the real pipeline (parse, detect, translate with the installed ar→en package, NER, index).
The judged queries in tests/fixtures/gold/search-queries.json (Arabic and English, some spelt with other
letter forms) name a person and a city; the relevant articles are the ones about both.
recall@10 and nDCG@10 (binary relevance) are averaged over the queries.

Speed: 100,000 generated bilingual documents are bulk-indexed twice in the same run, by
tarjama's `index_documents` and by a bare `helpers.bulk`, for `bulk_ratio`; then the
standard query (`tarjama.search.build_query`) runs 300 times for p50 and p95 latency.

`--write-queries` regenerates the judged query set from the generator (deterministic).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import uuid
from datetime import date, timedelta

from elasticsearch import helpers

from tarjama import es_index
from tarjama.search import build_query
from tarjama_dev import SHARED_SAMPLES
from tarjama_dev.search_relevance import (
    ARTICLES,
    QUERIES,
    REAL_QUERIES,
    SEED,
    cleanup,
    real_relevance,
    relevance,
    stories,
)


def write_queries() -> None:
    """Person + city and topic + country queries, in Arabic and in English, some with other
    Arabic letter forms; relevant: the articles about both."""
    by_pair: dict[tuple[str, str], list[str]] = {}
    names = {}
    for key, story, _, _ in stories(ARTICLES, SEED):
        for first, second in (("PERSON", "CITY"), ("TOPIC", "COUNTRY")):
            pair = (story[first][1], story[second][1])
            by_pair.setdefault(pair, []).append(key)
            names[pair] = (story[first], story[second])
    rng = random.Random(SEED)
    pairs = rng.sample(sorted(by_pair), 56)
    variants = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي", "ي": "ى"})
    queries = []
    for n, pair in enumerate(pairs):
        (person_ar, person_en), (city_ar, city_en) = names[pair]
        if n % 2 == 0:
            text, language = f"{person_en} {city_en}", "en"
        elif n % 4 == 1:
            text, language = f"{person_ar} {city_ar}", "ar"
        else:
            text, language = f"{person_ar} {city_ar}".translate(variants), "ar-variant"
        queries.append({"query": text, "language": language, "relevant": sorted(by_pair[pair])})
    QUERIES.write_text(json.dumps(queries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def bilingual_documents(count: int):
    """Documents as the pipeline writes them, with the generator's own English as translation."""
    start = date(2024, 1, 1)
    for n, (key, story, (title_ar, title_en), sentences) in enumerate(stories(count, seed=99)):
        yield {
            "id": key,
            "language": "ar",
            "source": "وكالة الاختبار",
            "published_at": (start + timedelta(days=n % 700)).isoformat(),
            "title_ar": title_ar,
            "body_ar": "\n\n".join(a for a, _ in sentences),
            "title_en": title_en,
            "body_en": "\n\n".join(e for _, e in sentences),
            "persons": [story["PERSON"][1]],
            "places": [story["CITY"][1], story["COUNTRY"][1]],
            "orgs": [story["ORG"][1]],
            "translation": {
                "model": "generator",
                "model_version": "0",
                "source_language": "ar",
                "target_language": "en",
                "score": 1.0,
                "sentences": len(sentences) + 1,
            },
        }


def speed(client, count: int) -> dict:
    documents = list(bilingual_documents(count))
    ours, bare = f"bench-speed-{uuid.uuid4().hex[:8]}", f"bench-bare-{uuid.uuid4().hex[:8]}"

    def tarjama_bulk():
        indexed, errors = es_index.index_documents(client, ours, (dict(d) for d in documents))
        assert indexed == count and not errors

    def bare_bulk():
        helpers.bulk(client, ({"_index": bare, "_id": d["id"], "_source": d} for d in documents))
        client.indices.refresh(index=bare)

    def timed_into_fresh_index(alias, bulk) -> float:
        client.indices.delete(index=f"{alias}-*", allow_no_indices=True)
        client.indices.create(index=f"{alias}-v1", aliases={alias: {"is_write_index": True}})
        started = time.perf_counter()
        bulk()
        return time.perf_counter() - started

    es_index.install_templates(client, ours)
    es_index.install_templates(client, bare)
    # Alternate the order and keep each path's best round: the node's merges and caches favour neither.
    rounds = [(ours, tarjama_bulk), (bare, bare_bulk), (bare, bare_bulk), (ours, tarjama_bulk)]
    seconds: dict[str, list[float]] = {ours: [], bare: []}
    for alias, bulk in rounds:
        seconds[alias].append(timed_into_fresh_index(alias, bulk))
    ours_seconds, bare_seconds = min(seconds[ours]), min(seconds[bare])

    rng = random.Random(3)
    words = [d["title_en"].split()[0] for d in documents[:500]] + [d["title_ar"].split()[0] for d in documents[:500]]
    texts = [" ".join(rng.sample(words, 2)) for _ in range(300)]
    for text in texts[:20]:  # warm the caches like a running service
        client.search(index=ours, query=build_query(text), size=10)
    latencies = []
    for text in texts:
        started = time.perf_counter()
        client.search(index=ours, query=build_query(text), size=10, highlight={"fields": {"title_*": {}}})
        latencies.append((time.perf_counter() - started) * 1000)
    cleanup(client, ours)
    cleanup(client, bare)
    latencies.sort()
    return {
        "documents": count,
        "tarjama_docs_per_s": round(count / ours_seconds),
        "bare_bulk_docs_per_s": round(count / bare_seconds),
        "bulk_ratio": round(bare_seconds / ours_seconds, 3),
        "p50_ms": round(latencies[len(latencies) // 2], 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95)], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    parser.add_argument("--documents", type=int, default=100_000, help="documents for the speed part")
    parser.add_argument("--write-queries", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--real-only", action="store_true", help="only the judged queries on real articles")
    args = parser.parse_args()
    if args.write_queries:
        write_queries()
        return
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        sys.exit("set ELASTICSEARCH_URL (scripts/elasticsearch-local start prints one)")
    client = es_index.connect(url)
    if args.real_only:
        print(json.dumps(real_relevance(client, url), ensure_ascii=False, indent=None if args.json else 2))
        return
    result = {**relevance(client, url)}
    if REAL_QUERIES.exists() and SHARED_SAMPLES.is_dir():
        result["real_articles"] = real_relevance(client, url)
    result.update(speed(client, args.documents))
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
