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
import csv  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from tarjama.arabic_ner import arabic_extractor, fold  # noqa: E402
from tarjama.dates import find_dates  # noqa: E402
from tarjama.linking import merge_variants, same_name  # noqa: E402
from tarjama.settings import Settings  # noqa: E402

GOLD = REPO / "tests" / "fixtures" / "gold"
REAL = REPO.parent / "shared" / "samples" / "real"
EXPECTED = REPO / "tests" / "fixtures" / "real-samples-expected.tsv"
NER_WINDOW = 1500
KINDS = ("person", "org", "place")
MODEL_DIR = Settings.from_env().arabic_ner_model  # TARJAMA_AR_NER_MODEL scores another model


def _rows(path: Path) -> list[list[str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [row for row in csv.reader(lines[1:], delimiter="\t")]


def _scores(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def real_texts() -> dict[str, tuple[str, str, str | None]]:
    """file → (language, parsed headline and body, publication date from the hand-read table)."""
    from tarjama.parsers import parse_file

    table = {row[0]: row for row in _rows(EXPECTED)}
    texts = {}
    for name, (_, language, published_at, _) in table.items():
        if language in ("ar", "en"):
            texts[name] = (language, parse_file(REAL / name).text, None if published_at == "-" else published_at)
    return texts


def ner_newsfane() -> dict:
    """The shipped model on NewsFANE's test split (gold tokens), scored again here."""
    from spacy.tokens import Doc
    from train_arabic_ner import CORPUS, per_type_scores, read_corpus, split

    nlp = arabic_extractor(MODEL_DIR).nlp
    test = split(read_corpus(CORPUS))["test"]
    scores = per_type_scores(nlp, [Doc(nlp.vocab, words=words, ents=tags) for words, tags in test])
    return {kind: scores[kind] for kind in KINDS}


def ner_real(texts: dict) -> dict:
    """Distinct names per article (variants of one name count once), matched by `same_name`."""
    gold: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for name, kind, entity in _rows(GOLD / "ner-real.tsv"):
        gold[name][kind].append(entity)
    files = sorted(name for name, (language, _, _) in texts.items() if language == "ar")
    found = arabic_extractor(MODEL_DIR).extract_many([texts[name][1][:NER_WINDOW] for name in files])
    counts = {kind: Counter() for kind in KINDS}
    for name, names in zip(files, found, strict=True):
        for kind in KINDS:
            predicted = merge_variants([n.text for n in names if n.kind == kind])
            expected = merge_variants(gold[name][kind])
            matched = {p for p in predicted for e in expected if _same(p, e)}
            hit = {e for e in expected for p in predicted if _same(p, e)}
            counts[kind]["tp"] += len(hit)
            counts[kind]["fn"] += len(expected) - len(hit)
            counts[kind]["fp"] += len(predicted) - len(matched)
    return {kind: _scores(c["tp"], c["fp"], c["fn"]) for kind, c in counts.items()}


def _same(a: str, b: str) -> bool:
    return fold(a) == fold(b) or same_name(a, b)


def date_sources(texts: dict, gold: Path = GOLD / "dates.tsv") -> dict[str, tuple[str, str, str | None, list]]:
    """source → (language, text window, publication date, gold mentions)."""
    from train_arabic_ner import CORPUS, read_corpus, sentence_split

    parts = sentence_split(read_corpus(CORPUS))
    sources: dict = {}
    for name, (language, text, published_at) in texts.items():
        sources[f"real/{name}"] = (language, text, published_at, [])
    for source, window, _, mention, value in _rows(gold):
        if source.startswith("newsfane/") and source not in sources:
            _, part, index = source.split("/")
            sources[source] = ("ar", " ".join(parts[part][int(index)][0])[: int(window)], None, [])
        if mention != "-":
            sources[source][3].append((mention, value))
    return sources


def date_scores(sources: dict, finder) -> dict:
    tp = fp = fn = 0
    for language, text, published_at, gold in sources.values():
        found = finder(text, language, published_at)
        used = set()
        for surface, value in found:
            match = next(
                (
                    i
                    for i, (g_text, g_value) in enumerate(gold)
                    if i not in used and _date_match(surface, value, g_text, g_value)
                ),
                None,
            )
            if match is None:
                fp += 1
            else:
                used.add(match)
                tp += 1
        fn += len(gold) - len(used)
    return _scores(tp, fp, fn)


def _date_match(surface: str, value: str, gold_text: str, gold_value: str) -> bool:
    a, b = fold(surface).casefold(), fold(gold_text).casefold()
    return (a in b or b in a) and value.startswith(gold_value)


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


def ours(text: str, language: str, published_at: str | None) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in find_dates(text, language, published_at)]


def plain_dateparser(text: str, language: str, published_at: str | None) -> list[tuple[str, str]]:
    """dateparser's own search, as a pipeline would call it: day values, the publication date as
    the base for relative mentions."""
    from dateparser.search import search_dates

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published_at:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(published_at)
    found = search_dates(text, languages=[language], settings=settings) or []
    return [(surface, value.date().isoformat()) for surface, value in found]


def throughput(texts: dict) -> dict:
    """Names (English and Arabic, linked) and dates for every real sample, one core."""
    from tarjama.pipeline import Pipeline
    from tarjama.settings import Settings

    pipeline = Pipeline(Settings.from_env())
    items = [
        (language, text, text if language == "en" else "", published_at)
        for language, text, published_at in texts.values()
    ]
    pipeline.enrich(items[:2])  # load the models outside the clock
    started = time.process_time()
    rounds = 3
    for _ in range(rounds):
        pipeline.enrich(items)
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
    texts = real_texts()
    speed = throughput(texts)
    result = {
        "ner_newsfane": ner_newsfane(),
        "ner_real": ner_real(texts),
        "dates": compare_dates(date_sources(texts)),
        # read after the date rules were frozen (see the file's header)
        "dates_held_out": compare_dates(date_sources({}, GOLD / "dates-held-out.tsv")),
        "articles_per_s": speed["articles_per_s"],
        "throughput": speed,
    }
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
