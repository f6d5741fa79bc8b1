"""Quality and speed of enrichment: Arabic NER on NewsFANE's test split and on real articles,
dates against a hand-read gold set and a held-out one (beside plain dateparser on the same text),
and articles per second through names and dates on one core.

    python bench/enrich_quality.py --json

Needs ../shared (the NewsFANE corpus and the real samples); the gold sets are in
tests/fixtures/gold/ and their guideline in docs/annotation-guideline.md.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")  # one core, as the figure says
os.environ.setdefault("TARJAMA_TRANSLATION_INTER_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from datetime import datetime  # noqa: E402

from tarjama_dev import GOLD  # noqa: E402
from tarjama_dev.enrich_scores import date_scores, date_sources, ner_newsfane, ner_real, ours  # noqa: E402
from tarjama_dev.real_samples import REAL, texts  # noqa: E402


def compare_dates(sources: dict) -> dict:
    """Ours and plain dateparser on the same gold mentions."""
    ours_scores, baseline = date_scores(sources, ours), date_scores(sources, plain_dateparser)
    return {
        "precision": ours_scores["precision"],
        "recall": ours_scores["recall"],
        "dateparser_precision": baseline["precision"],
        "dateparser_recall": baseline["recall"],
        "gold_mentions": ours_scores["tp"] + ours_scores["fn"],
        "detail": {"ours": ours_scores, "dateparser": baseline},
    }


def plain_dateparser(text: str, language: str, published_at: str | None) -> list[tuple[str, str]]:
    """dateparser's own search, as a pipeline would call it: day values, the publication date as
    the base for relative mentions."""
    from dateparser.search import search_dates

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published_at:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(published_at)
    found = search_dates(text, languages=[language], settings=settings) or []
    return [(surface, value.date().isoformat()) for surface, value in found]


def throughput(articles: dict) -> dict:
    """Names (English and Arabic, linked) and dates for every real sample, one core."""
    from tarjama.enrichment import enrich
    from tarjama.run_models import RunModels
    from tarjama.settings import Settings

    models = RunModels(Settings.from_env())
    items = [
        (language, text, text if language == "en" else "", published_at)
        for language, text, published_at in articles.values()
    ]
    enrich(models, items[:2])  # load the models outside the clock
    started = time.process_time()
    rounds = 3
    for _ in range(rounds):
        enrich(models, items)
    seconds = time.process_time() - started
    return {
        "articles": len(items) * rounds,
        "cpu_seconds": round(seconds, 2),
        "articles_per_s": round(len(items) * rounds / seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one line")
    args = parser.parse_args()
    if not REAL.is_dir():
        sys.exit(f"the real samples are not at {REAL}: this benchmark needs ../shared")
    articles = texts()
    speed = throughput(articles)
    result = {
        "ner_newsfane": ner_newsfane(),
        "ner_real": ner_real(articles),
        "dates": compare_dates(date_sources(articles)),
        # read after the date rules were frozen (see the file's header)
        "dates_held_out": compare_dates(date_sources({}, GOLD / "dates-held-out.tsv")),
        "articles_per_s": speed["articles_per_s"],
        "throughput": speed,
    }
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
