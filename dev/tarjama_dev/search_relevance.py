"""Search relevance against judged queries, through the real pipeline into a real index:
240 articles generated from the test model's corpus with the queries of
tests/fixtures/gold/search-queries.json (bench/search.py --write-queries), and the real articles
of ../shared/samples with queries written by reading them (search-queries-real.json).
recall@10 and nDCG@10 (binary relevance), averaged over the queries."""

from __future__ import annotations

import json
import math
import os
import random
import statistics
import tempfile
import uuid
from datetime import date, timedelta
from pathlib import Path

from elasticsearch import helpers

from tarjama.runner import process_and_index
from tarjama.search import search
from tarjama.settings import Settings
from tarjama_dev import GOLD, SHARED_SAMPLES, read_table
from tarjama_dev.news_corpus import SLOTS, TEMPLATES

QUERIES = GOLD / "search-queries.json"
REAL_QUERIES = GOLD / "search-queries-real.json"
SPLIT = GOLD / "dev-corpus-split.tsv"
ARTICLES = 240
SEED = 17


def stories(count: int, seed: int):
    """Articles as (key, story slots, title_ar, paragraphs_ar, paragraphs_en)."""
    rng = random.Random(seed)
    about_person = [t for t in TEMPLATES if "{PERSON}" in t[0] and "{CITY}" in t[0]]
    others = [t for t in TEMPLATES if "{PERSON}" not in t[0] and "{CITY}" not in t[0]]
    for n in range(count):
        story = {slot: rng.choice(values) for slot, values in SLOTS.items()}

        def fill(template, story=story):
            arabic, english = template
            for slot, (value_ar, value_en) in story.items():
                arabic = arabic.replace("{" + slot + "}", value_ar)
                english = english.replace("{" + slot + "}", value_en)
            number = str(rng.randint(2, 900))
            return arabic.replace("{NUM}", number), english.replace("{NUM}", number)

        sentences = [fill(rng.choice(about_person)) for _ in range(2)] + [fill(rng.choice(others)) for _ in range(2)]
        title = fill(next(t for t in TEMPLATES if not t[0].endswith(".")))
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
    """The judged queries of tests/fixtures/gold/search-queries-real.json, written by reading the real
    articles of ../shared/samples (real/ and the development corpus's read half) as an analyst
    would, with every relevant article judged by reading: those articles go through the real
    pipeline into an index of their own, and each query's recall@10 and nDCG@10 are averaged
    per kind (language, what it asks for, and whether it is spelt otherwise than the articles)."""
    alias = f"bench-search-real-{uuid.uuid4().hex[:8]}"
    queries = json.loads(REAL_QUERIES.read_text(encoding="utf-8"))
    paths = sorted(SHARED_SAMPLES.glob("real/*.txt")) + [
        SHARED_SAMPLES / "dev" / row["group"] / "texts" / row["file"]
        for row in read_table(SPLIT)
        if row["half"] == "dev"
    ]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "TARJAMA_INDEX_ALIAS": alias, "ELASTICSEARCH_URL": url, "TARJAMA_QUARANTINE_DIR": tmp}
        settings = Settings.from_env(env)
        process_and_index([str(p) for p in paths], settings, client, run_id="bench-search-real")
    key_of = {
        hit["_id"]: str(Path(hit["_source"]["path"]).relative_to(SHARED_SAMPLES))
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


def cleanup(client, alias: str) -> None:
    client.indices.delete(index=f"{alias}-*", allow_no_indices=True)
    client.indices.delete_index_template(name=alias)
    for part in ("settings", "mappings"):
        client.cluster.delete_component_template(name=f"{alias}-{part}")
