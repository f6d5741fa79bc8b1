"""Ingestion benchmark: parse + normalise throughput on one core, and peak memory at 1,000 and
10,000 articles of a generated corpus in mixed formats (plain text in five encodings, JSON,
JSON Lines, HTML, RSS), 2% of them broken. Also prints the near-duplicate similarities the
threshold was chosen from, and, when ../shared/samples/real is present, how many of those files
get language, date and source right against tests/fixtures/real-samples-expected.tsv.

    python bench/ingest.py --json
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tarjama_dev import REPO
from tarjama_dev.news_corpus import make_pair
from tarjama_dev.real_samples import REAL, field_scores

NEAR_DUPLICATES = REPO / "tests" / "fixtures" / "near-duplicates"
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1256", "iso-8859-6")


def _story(rng: random.Random) -> tuple[str, list[str], str]:
    side = 1 if rng.random() > 0.85 else 0
    pairs = [make_pair(rng) for _ in range(rng.randint(5, 9))]
    sentences = [pair[side] for pair in pairs if pair[side].endswith(".")] or [pairs[0][side] + "."]
    paragraphs = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
    return pairs[0][side].rstrip("."), paragraphs, f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def write_corpus(root: Path, articles: int, seed: int = 11) -> int:
    """Files holding `articles` articles in mixed formats; returns the number of files."""
    rng = random.Random(seed)
    written = files = 0
    while written < articles:
        roll = rng.random()
        name = root / f"{files:06d}"
        files += 1
        if roll < 0.02:
            name.with_suffix(".txt").write_bytes(rng.choice([b"", b"\x00\x01binary\x00" * 50, b"title only\n"]))
            written += 1
        elif roll < 0.45:
            title, paragraphs, day = _story(rng)
            text = f"{title}\n\nTarjama Bench\n{day}\n\n" + "\n\n".join(paragraphs) + "\n\nشارك\n"
            encoding = rng.choice(ENCODINGS)
            try:
                name.with_suffix(".txt").write_bytes(text.encode(encoding))
            except UnicodeEncodeError:
                name.with_suffix(".txt").write_bytes(text.encode("utf-8"))
            written += 1
        elif roll < 0.6:
            title, paragraphs, day = _story(rng)
            body = "".join(f"<p>{p}</p>" for p in paragraphs)
            name.with_suffix(".html").write_text(
                f'<html><head><title>{title}</title><meta property="article:published_time" content="{day}">'
                f"</head><body><nav>الرئيسية</nav><article><h1>{title}</h1>{body}</article>"
                "<footer>جميع الحقوق محفوظة</footer></body></html>",
                encoding="utf-8",
            )
            written += 1
        elif roll < 0.75:
            records = []
            for _ in range(min(5, articles - written)):
                title, paragraphs, day = _story(rng)
                records.append({"title": title, "body": "\n".join(paragraphs), "date": day, "source": "Bench"})
            name.with_suffix(".json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
            written += len(records)
        elif roll < 0.9:
            lines = []
            for _ in range(min(20, articles - written)):
                title, paragraphs, day = _story(rng)
                record = {"title": title, "body": "\n".join(paragraphs), "date": day}
                lines.append(json.dumps(record, ensure_ascii=False))
            name.with_suffix(".jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
            written += len(lines)
        else:
            items = []
            for _ in range(min(10, articles - written)):
                title, paragraphs, _day = _story(rng)
                description = " ".join(paragraphs).replace("&", "&amp;").replace("<", "&lt;")
                items.append(
                    f"<item><title>{title}</title><link>https://bench.example/{rng.random()}</link>"
                    f"<pubDate>Sat, 30 Nov 2024 10:00:00 GMT</pubDate><description>{description}</description></item>"
                )
            channel = f"<channel><title>Bench</title>{''.join(items)}</channel>"
            feed = f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'
            name.with_suffix(".rss").write_text(feed, encoding="utf-8")
            written += len(items)
    return files


def measure(articles: int) -> dict:
    """Runs in a child process of its own, so that its peak RSS is its own."""
    from tarjama.errors import ArticleError
    from tarjama.landing import expand_paths
    from tarjama.parsers import read_articles

    with tempfile.TemporaryDirectory() as tmp:
        files = write_corpus(Path(tmp), articles)
        started = time.process_time()
        parsed = refused = 0
        for path in expand_paths([tmp]):
            for item in read_articles(path):
                if isinstance(item, ArticleError):
                    refused += 1
                else:
                    parsed += 1
        seconds = time.process_time() - started
    return {
        "articles": parsed + refused,
        "files": files,
        "parsed": parsed,
        "refused": refused,
        "cpu_seconds": round(seconds, 2),
        "articles_per_s": round((parsed + refused) / seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def near_duplicate_similarities() -> dict:
    from tarjama.near_duplicates import THRESHOLD, fingerprint
    from tarjama.parsers import parse_file

    prints = {p.stem: fingerprint(parse_file(p).body) for p in sorted(NEAR_DUPLICATES.glob("*.txt"))}
    same, different = [], []
    names = sorted(prints)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            story_a, story_b = a.split("-")[1], b.split("-")[1]
            pair = round(prints[a].similarity(prints[b]), 3)
            (same if a.startswith("wire") and b.startswith("wire") and story_a == story_b else different).append(pair)
    result = {"threshold": THRESHOLD, "same_story": sorted(same), "different_stories_max": max(different)}
    if REAL.is_dir():  # an AP story as republished by two sites
        real = [fingerprint(parse_file(REAL / f"article_{n}.txt").body) for n in ("013", "050")]
        result["real_wire_pair"] = round(real[0].similarity(real[1]), 3)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    runs = {}
    for size in (1_000, 10_000):
        child = [sys.executable, __file__, "--child", str(size)]
        out = subprocess.run(child, capture_output=True, text=True, check=True)
        runs[size] = json.loads(out.stdout.splitlines()[-1])
        if not args.json:
            print(f"{size} articles: {runs[size]}", file=sys.stderr)
    result = {
        "articles_per_s": runs[10_000]["articles_per_s"],
        "peak_rss_mb_1k": runs[1_000]["peak_rss_mb"],
        "peak_rss_mb_10k": runs[10_000]["peak_rss_mb"],
        "runs": runs,
        "near_duplicates": near_duplicate_similarities(),
        "real_samples": field_scores(),
    }
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
