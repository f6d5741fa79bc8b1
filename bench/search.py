"""Search benchmark, one run, one JSON object:  ELASTICSEARCH_URL=... python bench/search.py --json

Relevance: 240 generated Arabic news articles, each about one person in one city, go through
the real pipeline (parse, detect, translate with the installed ar→en package, NER, index).
The judged queries in bench/search_queries.json (Arabic and English, some spelt with other
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
import math
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from elasticsearch import helpers
from generator import generator

from tarjama import es_index
from tarjama.runner import process_and_index
from tarjama.search import build_query, search
from tarjama.settings import Settings

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "bench" / "search_queries.json"
REAL_QUERIES = REPO / "bench" / "search_queries_real.json"
SAMPLES = REPO.parent / "shared" / "samples"
SPLIT = REPO / "tests" / "fixtures" / "gold" / "dev-corpus-split.tsv"
ARTICLES = 240
SEED = 17


def stories(count: int, seed: int):
    """Articles as (key, story slots, title_ar, paragraphs_ar, paragraphs_en)."""
    corpus = generator()
    rng = random.Random(seed)
    about_person = [t for t in corpus.TEMPLATES if "{PERSON}" in t[0] and "{CITY}" in t[0]]
    others = [t for t in corpus.TEMPLATES if "{PERSON}" not in t[0] and "{CITY}" not in t[0]]
    for n in range(count):
        story = {slot: rng.choice(values) for slot, values in corpus.SLOTS.items()}

        def fill(template, story=story):
            arabic, english = template
            for slot, (value_ar, value_en) in story.items():
                arabic = arabic.replace("{" + slot + "}", value_ar)
                english = english.replace("{" + slot + "}", value_en)
            number = str(rng.randint(2, 900))
            return arabic.replace("{NUM}", number), english.replace("{NUM}", number)

        sentences = [fill(rng.choice(about_person)) for _ in range(2)] + [fill(rng.choice(others)) for _ in range(2)]
        title = fill(next(t for t in corpus.TEMPLATES if not t[0].endswith(".")))
        yield f"bench-{n:04d}", story, title, sentences


def write_landing(folder: Path, count: int, seed: int) -> dict[str, Path]:
    start = date(2024, 11, 1)
    paths = {}
    for n, (key, _, (title, _), sentences) in enumerate(stories(count, seed)):
        path = folder / f"{key}.txt"
        day = start + timedelta(days=n % 60)
        body = "\n\n".join(arabic for arabic, _ in sentences)
        path.write_text(f"{title}\n\nوكالة الاختبار\n{day.isoformat()}\n\n{body}\n", encoding="utf-8")
        paths[key] = path
    return paths


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


def ndcg_at_10(ranked: list[str], relevant: set[str]) -> float:
    gains = sum(1 / math.log2(rank + 2) for rank, key in enumerate(ranked[:10]) if key in relevant)
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(10, len(relevant))))
    return gains / ideal


def relevance(client, url: str) -> dict:
    alias = f"bench-search-{uuid.uuid4().hex[:8]}"
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_landing(Path(tmp), ARTICLES, SEED)
        settings = Settings.from_env(
            {
                **os.environ,
                "TARJAMA_INDEX_ALIAS": alias,
                "ELASTICSEARCH_URL": url,
                "TARJAMA_QUARANTINE_DIR": str(Path(tmp) / "quarantine"),
            }
        )
        counts = process_and_index([str(p) for p in paths.values()], settings, client, run_id="bench-search")
    key_of = {
        hit["_id"]: hit["_source"]["path"].rsplit("/", 1)[1].removesuffix(".txt")
        for hit in helpers.scan(client, index=alias, _source=["path"])
    }
    recalls, ndcgs, by_language = [], [], {}
    for query in queries:
        ranked = [key_of[hit["id"]] for hit in search(client, alias, query["query"], size=10)["hits"]]
        relevant = set(query["relevant"])
        recall = len(relevant & set(ranked)) / len(relevant)
        recalls.append(recall)
        ndcgs.append(ndcg_at_10(ranked, relevant))
        by_language.setdefault(query["language"], []).append(recall)
    cleanup(client, alias)
    return {
        "queries": len(queries),
        "articles_indexed": counts["indexed"],
        "recall_at_10": round(statistics.mean(recalls), 4),
        "ndcg_at_10": round(statistics.mean(ndcgs), 4),
        "recall_by_query_language": {k: round(statistics.mean(v), 4) for k, v in sorted(by_language.items())},
    }


def real_relevance(client, url: str) -> dict:
    """The judged queries of bench/search_queries_real.json, written by reading the real
    articles of ../shared/samples (real/ and the development corpus's read half) as an analyst
    would, with every relevant article judged by reading: those articles go through the real
    pipeline into an index of their own, and each query's recall@10 and nDCG@10 are averaged
    per kind (language, what it asks for, and whether it is spelt otherwise than the articles)."""
    alias = f"bench-search-real-{uuid.uuid4().hex[:8]}"
    queries = json.loads(REAL_QUERIES.read_text(encoding="utf-8"))
    split = [line.split("\t") for line in SPLIT.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    paths = sorted(SAMPLES.glob("real/*.txt")) + [
        SAMPLES / "dev" / group / "texts" / name for group, name, half in split[1:] if half == "dev"
    ]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "TARJAMA_INDEX_ALIAS": alias, "ELASTICSEARCH_URL": url, "TARJAMA_QUARANTINE_DIR": tmp}
        settings = Settings.from_env(env)
        process_and_index([str(p) for p in paths], settings, client, run_id="bench-search-real")
    key_of = {
        hit["_id"]: str(Path(hit["_source"]["path"]).relative_to(SAMPLES))
        for hit in helpers.scan(client, index=alias, _source=["path"])
    }
    by_kind: dict[str, list[tuple[float, float]]] = {}
    for query in queries:
        ranked = [key_of[hit["id"]] for hit in search(client, alias, query["query"], size=10)["hits"]]
        relevant = set(query["relevant"])
        scores = (len(relevant & set(ranked)) / len(relevant), ndcg_at_10(ranked, relevant))
        kind = f"{query['language']}/{query['kind']}{'/variant' if query['variant'] else ''}"
        for key in (query["language"], kind, "all"):
            by_kind.setdefault(key, []).append(scores)
    cleanup(client, alias)
    return {
        key: {
            "queries": len(scores),
            "recall_at_10": round(statistics.mean(r for r, _ in scores), 3),
            "ndcg_at_10": round(statistics.mean(n for _, n in scores), 3),
        }
        for key, scores in sorted(by_kind.items())
    }


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


def cleanup(client, alias: str) -> None:
    client.indices.delete(index=f"{alias}-*", allow_no_indices=True)
    client.indices.delete_index_template(name=alias)
    for part in ("settings", "mappings"):
        client.cluster.delete_component_template(name=f"{alias}-{part}")


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
    if REAL_QUERIES.exists() and SAMPLES.is_dir():
        result["real_articles"] = real_relevance(client, url)
    result.update(speed(client, args.documents))
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
