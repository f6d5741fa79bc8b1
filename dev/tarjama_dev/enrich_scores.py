"""Enrichment against gold read by hand (tests/fixtures/gold/, docs/annotation-guideline.md):
Arabic names on NewsFANE's test split and on the real samples, and date mentions on the real
samples and NewsFANE sentences. bench/enrich_quality.py reports these figures; tests hold floors
under them."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from tarjama.arabic_ner import arabic_extractor, fold
from tarjama.dates import find_dates
from tarjama.linking import merge_variants, same_name
from tarjama.settings import Settings
from tarjama_dev import GOLD, read_table

NER_WINDOW = 1500
KINDS = ("person", "org", "place")
MODEL_DIR = Settings.from_env().arabic_ner_model  # TARJAMA_AR_NER_MODEL scores another model


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


def ner_newsfane() -> dict:
    """The shipped model on NewsFANE's test split (gold tokens), scored again here."""
    from spacy.tokens import Doc

    from tarjama_dev.newsfane import CORPUS, per_type_scores, read_corpus, split

    nlp = arabic_extractor(MODEL_DIR).nlp
    test = split(read_corpus(CORPUS))["test"]
    scores = per_type_scores(nlp, [Doc(nlp.vocab, words=words, ents=tags) for words, tags in test])
    return {kind: scores[kind] for kind in KINDS}


def ner_real(texts: dict) -> dict:
    """Distinct names per article (variants of one name count once), matched by `same_name`."""
    gold: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for name, kind, entity in (row.values() for row in read_table(GOLD / "ner-real.tsv")):
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
    from tarjama_dev.newsfane import CORPUS, read_corpus, sentence_split

    parts = sentence_split(read_corpus(CORPUS))
    sources: dict = {}
    for name, (language, text, published_at) in texts.items():
        sources[f"real/{name}"] = (language, text, published_at, [])
    for source, window, _, mention, value in (row.values() for row in read_table(gold)):
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


def ours(text: str, language: str, published_at: str | None) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in find_dates(text, language, published_at)]
