"""How well places are linked to the gazetteer, on real articles: the 40 Arabic files of
../shared/samples/real (tests/fixtures/gold/ner-real.tsv) and the development corpus of
../shared/samples/dev (both halves, per tests/fixtures/gold/dev-corpus-split.tsv; the test half
only scored).

    python bench/linking_quality.py --json
    python bench/linking_quality.py --sample 60 > links.tsv   # links to check by hand

It prints, per corpus and half:
- `gold_places`: names of places in the gold tables; `in_gazetteer`: those the gazetteer holds
  (cities and countries, as GeoNames has them);
- `found_and_linked`: share of the gazetteer's gold places that the pipeline found and linked;
- `english_from_gazetteer`: share of the places found that carry the gazetteer's English name
  (the rest are translations or transliterations: places the gazetteer does not hold);
- `linked_right`: share of the hand-checked links (tests/fixtures/gold/place-links.tsv) that
  point at the right GeoNames place;
- `linking_ms_per_article` beside `enrich_ms_per_article`: what linking adds to enrichment;
- `people`: gold people found, and the share of those that carry a name on record (ArWikiCats's
  well-known people): the identifier that makes every spelling of one person one facet value.
  No package in use carries Wikidata ids for people, so this is the nearest measure of
  "linked to an id".
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402

from extract_quality import load_pages  # noqa: E402

from tarjama.arabic_ner import fold  # noqa: E402
from tarjama.enrichment import enrich  # noqa: E402
from tarjama.errors import ArticleError  # noqa: E402
from tarjama.gazetteer import Gazetteer, gazetteer, link_places  # noqa: E402
from tarjama.language import detect_language  # noqa: E402
from tarjama.linking import known_arabic, known_english, same_name  # noqa: E402
from tarjama.parsers import parse_file  # noqa: E402
from tarjama_dev import GOLD, SHARED_SAMPLES, read_table  # noqa: E402

REAL = SHARED_SAMPLES / "real"
CHECKED_LINKS = GOLD / "place-links.tsv"
NER_WINDOW = 1500  # the real files' gold names the first 1,500 characters of the parse
TIMING_ROUNDS = 3


def articles() -> list[tuple[str, str, Path, dict[str, list[str]], int | None]]:
    """(corpus, half, path, gold place and person names, characters read) for every gold file."""
    found = []
    real: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"place": [], "person": []})
    for row in read_table(GOLD / "ner-real.tsv"):
        if row["type"] in ("place", "person"):
            real[row["file"]][row["type"]].append(row["name"])
    for name in sorted(real):
        found.append(("real", "read", REAL / name, real[name], NER_WINDOW))
    for page in load_pages():
        gold = {"place": page.gold_list("places"), "person": page.gold_list("people")}
        found.append((page.group, page.half, page.path, gold, None))
    return found


def _same(a: str, b: str) -> bool:
    return " ".join(fold(a).casefold().split()) == " ".join(fold(b).casefold().split()) or same_name(a, b)


def enriched_names(items, models) -> list[tuple[str, dict[str, list[dict]]]]:
    """(language, linked items per kind) per article, as `tarjama process` makes them (no translation)."""
    inputs = []
    for _, _, path, _, window in items:
        try:
            article = parse_file(path)
        except ArticleError:
            inputs.append(("ar", "", "", None))
            continue
        text = article.text[:window] if window else article.text
        language = detect_language(str(path), text)
        inputs.append((language, text, text if language == "en" else "", article.published_at))
    enriched = enrich(models, inputs)
    return [(language, found["entities"]) for (language, *_), found in zip(inputs, enriched, strict=True)]


def _on_record(person: dict) -> bool:
    """A person the list of well-known people holds, by the Arabic or the English name."""
    return bool((person.get("ar") and known_english(person["ar"], "person")) or known_arabic(person["en"], "person"))


def _original(item: dict, language: str) -> str:
    """The place's name as the article writes it."""
    return item.get(language) or item["en"]


def evaluate(items, results) -> dict:
    checked = {(row["file"], row["name"]): row for row in read_table(CHECKED_LINKS)} if CHECKED_LINKS.exists() else {}
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for (corpus, half, path, gold, _), (language, entities) in zip(items, results, strict=True):
        key = ("real" if corpus == "real" else "dev", half)
        places = entities["place"]
        for name in gold["person"]:
            match = next((item for item in entities["person"] if _same(_original(item, language), name)), None)
            counts[key]["gold_people"] += 1
            counts[key]["people_found"] += match is not None
            counts[key]["people_on_record"] += bool(match and _on_record(match))
        for name in gold["place"]:
            counts[key]["gold_places"] += 1
            if not gazetteer().places(name):
                continue
            counts[key]["in_gazetteer"] += 1
            match = next((item for item in places if _same(_original(item, language), name)), None)
            counts[key]["found_and_linked"] += bool(match and "geonames_id" in match)
        for item in places:
            counts[key]["found"] += 1
            counts[key]["english_from_gazetteer"] += "geonames_id" in item
            row = checked.get((path.name, _original(item, language)))
            if row and "geonames_id" in item:  # an empty id in the table: no place should be linked
                counts[key]["checked"] += 1
                counts[key]["linked_right"] += row["geonames_id"] == item["geonames_id"]
    report = {}
    for (corpus, half), c in sorted(counts.items()):
        report[f"{corpus}/{half}"] = {
            "gold_places": c["gold_places"],
            "in_gazetteer": c["in_gazetteer"],
            "found_and_linked": _ratio(c["found_and_linked"], c["in_gazetteer"]),
            "english_from_gazetteer": _ratio(c["english_from_gazetteer"], c["found"]),
            "linked_right": _ratio(c["linked_right"], c["checked"]),
            "links_checked": c["checked"],
            "people": {
                "gold": c["gold_people"],
                "found": _ratio(c["people_found"], c["gold_people"]),
                "found_on_record": _ratio(c["people_on_record"], c["people_found"]),
            },
        }
    return report


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


def timing(items, results, models) -> dict:
    """What linking costs beside the whole enrichment: `link_places` timed on each article's
    place names (the difference of two enrichment runs is lost in their noise)."""
    texts = []
    for _, _, path, _, window in items:
        try:
            article = parse_file(path)
        except ArticleError:
            continue
        text = article.text[:window] if window else article.text
        language = detect_language(str(path), text)
        texts.append((language, text, text if language == "en" else "", article.published_at))
    enrich(models, texts)  # models loaded and warm before the clock
    started = time.process_time()
    for _ in range(TIMING_ROUNDS):
        enrich(models, texts)
    enrich_s = (time.process_time() - started) / TIMING_ROUNDS
    names = [[_original(item, language) for item in entities["place"]] for language, entities in results]
    started = time.process_time()
    for _ in range(TIMING_ROUNDS * 10):
        for article_names in names:
            link_places(article_names)
    linking_s = (time.process_time() - started) / (TIMING_ROUNDS * 10)
    started = time.perf_counter()
    Gazetteer()
    return {
        "articles": len(texts),
        "gazetteer_load_s": round(time.perf_counter() - started, 2),  # once per process
        "enrich_ms_per_article": round(1000 * enrich_s / len(texts), 2),
        "linking_ms_per_article": round(1000 * linking_s / len(names), 3),
        "linking_share_of_enrichment": round(linking_s / enrich_s, 4),
    }


def sample(items, results, size: int) -> list[str]:
    """Links to check by hand, drawn at random (seeded) from the read files: file, name, and
    what they were linked to."""
    rows = []
    for (_, half, path, _, _), (language, entities) in zip(items, results, strict=True):
        if half in ("read", "dev"):
            rows += [
                (path.name, _original(item, language), item) for item in entities["place"] if "geonames_id" in item
            ]
    chosen = random.Random(7).sample(rows, min(size, len(rows)))
    lines = ["file\tname\tgeonames_id\tenglish\tcountry\tconfidence"]
    for file, name, item in sorted(chosen):
        lines.append(
            f"{file}\t{name}\t{item['geonames_id']}\t{item['en']}\t{item['country']}\t{item['link_confidence']}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one line")
    parser.add_argument("--sample", type=int, help="print this many links of the read files to check by hand")
    args = parser.parse_args()
    if not REAL.is_dir():
        sys.exit(f"the real samples are not at {REAL}: this benchmark needs ../shared")
    from tarjama.run_models import RunModels
    from tarjama.settings import Settings

    models = RunModels(Settings.from_env())
    items = articles()
    results = enriched_names(items, models)
    if args.sample:
        print("\n".join(sample(items, results, args.sample)))
        return
    report = {**evaluate(items, results), "timing": timing(items, results, models)}
    print(json.dumps(report, ensure_ascii=False, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
