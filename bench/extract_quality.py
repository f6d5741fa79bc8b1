"""Extraction quality on real news captures nobody wrote the rules on: the development corpus
in ../shared/samples/dev (four groups of 35 pages with a gold table each), split once by file
into a half that is read (`dev`) and a half that is only scored (`test`); the split is
tests/fixtures/gold/dev-corpus-split.tsv.

    python bench/extract_quality.py --json            # both halves, per language
    python bench/extract_quality.py --misses dev      # what went wrong, file by file (dev half only)
    python bench/extract_quality.py --corpus DIR [--misses corpus]   # another gold table, read

`--corpus` scores any folder laid out as the development corpus's groups are (`gold.tsv` with
the same columns, an optional `headline` column, and `texts/`): more real pages to read and fit
rules on, kept outside the repository as ../shared is.

Per half and per language it prints:
- `published_at`: accuracy on the files whose text states a publication date (and how many of
  them got no date at all, rather than a wrong one), and the share of the files that state none
  that get null;
- `body`: retention (share of gold body lines kept in the body) with the worst file, and
  furniture removed (share of the other non-empty lines that are not in the body);
- `headline`: accuracy against tests/fixtures/gold/dev-corpus-headlines.tsv;
- `person`/`place`/`org`: precision and recall of the distinct names found in the original's
  language, `exact` (equal after folding alef, ya and ta marbuta forms and diacritics; case for
  Latin script) and `same_entity` (also one the other's first or last words, each word at most
  one letter apart: `tarjama.linking.same_name`; for places, also two names the gazetteer
  holds for one place, "Britain" and "United Kingdom");
- `dates`: precision and recall of the day-precision dates mentioned (relative ones resolved
  against the extracted publication date; both ends of a range), as `YYYY-MM-DD` values per file.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

from tarjama.arabic_ner import fold  # noqa: E402
from tarjama.errors import ArticleError  # noqa: E402
from tarjama.gazetteer import gazetteer  # noqa: E402
from tarjama.language import detect_language  # noqa: E402
from tarjama.linking import same_name  # noqa: E402
from tarjama.parsers import parse_file  # noqa: E402
from tarjama.text import normalize, without_markup  # noqa: E402
from tarjama_dev import GOLD, SHARED_SAMPLES, read_table  # noqa: E402

DEV_CORPUS = SHARED_SAMPLES / "dev"
SPLIT = GOLD / "dev-corpus-split.tsv"
HEADLINES = GOLD / "dev-corpus-headlines.tsv"
KINDS = ("person", "place", "org")
_WORD = re.compile(r"\w+")


@dataclass
class Page:
    group: str
    name: str
    half: str
    path: Path
    gold: dict[str, str]
    lines: list[str] = field(default_factory=list)  # the file's lines, as numbered in the gold table

    def gold_list(self, column: str) -> list[str]:
        return [item.strip() for item in self.gold[column].split(";") if item.strip()]

    def body_line_numbers(self) -> set[int]:
        numbers: set[int] = set()
        for part in self.gold_list("body_lines"):
            first, _, last = part.partition("-")
            numbers.update(range(int(first), int(last or first) + 1))
        return numbers


def load_corpus(folder: Path) -> list[Page]:
    """A gold table of pages read and annotated outside the development corpus: one half, read."""
    pages = []
    for row in read_table(folder / "gold.tsv"):
        path = folder / "texts" / row["file"]
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        pages.append(Page(folder.name, row["file"], "read", path, row, lines))
    return pages


def load_pages(halves: tuple[str, ...] = ("dev", "test")) -> list[Page]:
    split = {(row["group"], row["file"]): row["half"] for row in read_table(SPLIT)}
    pages = []
    for group in sorted({g for g, _ in split}):
        for row in read_table(DEV_CORPUS / group / "gold.tsv"):
            half = split[group, row["file"]]
            if half in halves:
                path = DEV_CORPUS / group / "texts" / row["file"]
                lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
                pages.append(Page(group, row["file"], half, path, row, lines))
    return pages


@dataclass
class Extracted:
    title: str | None
    body: str
    published_at: str | None
    names: dict[str, list[str]]
    dates: set[str]
    error: str | None = None


def extract(pages: list[Page]) -> list[Extracted]:
    """What `tarjama process` makes of each page, without translation: the names are those of
    the original's language (the Arabic NER for Arabic, spaCy for English and French)."""
    from tarjama.enrichment import enrich
    from tarjama.run_models import RunModels
    from tarjama.settings import Settings

    models = RunModels(Settings.from_env())
    parsed, inputs = [], []
    for page in pages:
        try:
            article = parse_file(page.path)
        except ArticleError as error:
            parsed.append(error)
            continue
        language = detect_language(article.path, article.text)
        parsed.append(article)
        inputs.append((language, article.text, article.text if language == "en" else "", article.published_at))
    enriched = iter(zip(inputs, enrich(models, inputs), strict=True))
    results = []
    for item in parsed:
        if isinstance(item, ArticleError):
            results.append(Extracted(None, "", None, {k: [] for k in KINDS}, set(), error=item.reason))
            continue
        (language, *_), found = next(enriched)
        original = language if language in ("ar", "fr") else "en"
        names = {kind: [e[original] for e in found["entities"][kind] if original in e] for kind in KINDS}
        dates = {d["value"] for d in found["dates"] if d["precision"] == "day"}
        dates |= {v for d in found["dates"] if d["precision"] == "range" for v in (d["value"], d.get("end"))}
        results.append(Extracted(item.title, item.body, item.published_at, names, dates))
    return results


def _words(text: str) -> list[str]:
    """The words of a text, HTML tags a capture kept left out (they are no story's words)."""
    return _WORD.findall(normalize(without_markup(text, min_tags=1)).casefold())


def line_kept(line: str, body: str, body_trigrams: set[tuple[str, ...]]) -> bool:
    """The line's words are in the body, in order: 80% of its word trigrams, so that a
    dateline cut from its first paragraph still counts as kept; a line of one or two words
    only as a paragraph of its own, the start of one (a line the capture broke off its
    sentence, joined again: "Dans le" / "Tagant, on ne dénombre ...") or its end (the last
    line of a hard-wrapped paragraph: "... في مختلف حقول" / "الثقافة والعلوم."), as its words
    are found anywhere in a story."""
    words = _words(line)
    if len(words) < 3:
        ends = [(found[: len(words)], found[-len(words) :]) for found in map(_words, body.split("\n\n"))]
        return bool(words) and any(words in pair for pair in ends)
    trigrams = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
    return sum(t in body_trigrams for t in trigrams) >= 0.8 * len(trigrams)


def _same_exact(a: str, b: str) -> bool:
    return " ".join(fold(a).casefold().split()) == " ".join(fold(b).casefold().split())


def _same_entity(a: str, b: str) -> bool:
    return _same_exact(a, b) or same_name(a, b)


def _same_place(a: str, b: str) -> bool:
    """The same name, or two names of one place: "Britain" and "United Kingdom"."""
    if _same_entity(a, b):
        return True
    first, second = gazetteer().places(a), gazetteer().places(b)
    return bool(first and second) and first[0].geonames_id == second[0].geonames_id


def _same(kind: str):
    return _same_place if kind == "place" else _same_entity


def name_counts(predicted: list[str], expected: list[str], same) -> Counter:
    matched = {p for p in predicted for e in expected if same(p, e)}
    hit = {e for e in expected for p in predicted if same(p, e)}
    return Counter(tp=len(hit), fn=len(expected) - len(hit), fp=len(predicted) - len(matched))


def score_page(page: Page, got: Extracted, headlines: dict[str, int | None]) -> dict:
    """Counts for one page, summed later per half and language."""
    counts: Counter = Counter()
    gold_date = page.gold["published_date_iso"].strip()
    if gold_date:
        counts["date_stated"] += 1
        counts["date_right"] += (got.published_at or "")[:10] == gold_date
        counts["date_none_given"] += got.published_at is None
    else:
        counts["date_unstated"] += 1
        counts["date_null"] += got.published_at is None
    body_words = _words(got.body)
    trigrams = {tuple(body_words[i : i + 3]) for i in range(len(body_words) - 2)}
    body_lines = page.body_line_numbers()
    kept = lost = 0
    for number, line in enumerate(page.lines, 1):
        if not _words(line):
            continue  # blank, or punctuation only: neither story nor furniture
        in_body = line_kept(line, got.body, trigrams)
        if number in body_lines:
            kept += in_body
            lost += not in_body
        else:
            counts["furniture"] += 1
            counts["furniture_removed"] += not in_body
    counts["body_lines"] += kept + lost
    counts["body_kept"] += kept
    if page.name in headlines:
        expected = headlines[page.name]
        counts["headline_judged"] += 1
        counts["headline_right"] += _headline_right(got, expected)
    for kind, column in (("person", "people"), ("place", "places"), ("org", "orgs")):
        expected = page.gold_list(column)
        for rule, same in (("exact", _same_exact), ("same_entity", _same(kind))):
            for key, value in name_counts(got.names[kind], expected, same).items():
                counts[f"{kind}_{rule}_{key}"] += value
    gold_dates = set(page.gold_list("dates_mentioned"))
    counts["dates_tp"] += len(got.dates & gold_dates)
    counts["dates_fp"] += len(got.dates - gold_dates)
    counts["dates_fn"] += len(gold_dates - got.dates)
    return {"counts": counts, "retention": kept / (kept + lost) if kept + lost else 1.0}


def read_headlines(pages: list[Page]) -> dict[str, str | None]:
    """file → the headline's text: a --corpus table's `headline` column, else read from the page
    by the line and word range in tests/fixtures/gold/dev-corpus-headlines.tsv."""
    by_name = {page.name: page for page in pages}
    headlines: dict[str, str | None] = {
        page.name: page.gold["headline"].strip() or None for page in pages if "headline" in page.gold
    }
    for row in read_table(HEADLINES):
        page = by_name.get(row["file"])
        if page is None:
            continue
        if row["line"] == "-":
            headlines[page.name] = None
            continue
        words = page.lines[int(row["line"]) - 1].split()
        first, _, last = (row.get("words") or f"1-{len(words)}").partition("-")
        headlines[page.name] = " ".join(words[int(first) - 1 : int(last)])
    return headlines


def _headline_right(got: Extracted, expected: str | None) -> bool:
    """The title is the headline (or the headline cut after five words or more); for a page
    without one, the title stands in from the story: its words are the body's."""
    have = _words((got.title or "").rstrip(" …"))
    if expected is None:
        return not have or f" {' '.join(have)} " in f" {' '.join(_words(got.body))} "
    want = _words(expected)
    return bool(have) and (have == want or (len(have) >= 5 and want[: len(have)] == have))


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


def summarise(counts: Counter, retentions: list[tuple[float, str]]) -> dict:
    result = {
        "files": counts["files"],
        "published_at": {
            "accuracy": _ratio(counts["date_right"], counts["date_stated"]),
            "stated": counts["date_stated"],
            "none_given": counts["date_none_given"],  # of the stated: missed, rather than wrong
            "null_rate": _ratio(counts["date_null"], counts["date_unstated"]),
            "unstated": counts["date_unstated"],
        },
        "body": {
            "retention": _ratio(counts["body_kept"], counts["body_lines"]),
            "worst_file_retention": round(min(retentions)[0], 3) if retentions else None,
            "files_below_0.90": sum(r < 0.9 for r, _ in retentions),
            "furniture_removed": _ratio(counts["furniture_removed"], counts["furniture"]),
        },
        "headline": {
            "accuracy": _ratio(counts["headline_right"], counts["headline_judged"]),
            "judged": counts["headline_judged"],
        },
    }
    for kind in KINDS:
        result[kind] = {}
        for rule in ("exact", "same_entity"):
            tp, fp, fn = (counts[f"{kind}_{rule}_{k}"] for k in ("tp", "fp", "fn"))
            result[kind][rule] = {"precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn), "gold": tp + fn}
    tp, fp, fn = counts["dates_tp"], counts["dates_fp"], counts["dates_fn"]
    result["dates"] = {"precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn), "gold": tp + fn}
    return result


def evaluate(pages: list[Page], results: list[Extracted]) -> dict:
    headlines = read_headlines(pages)
    totals: dict[tuple[str, str], Counter] = defaultdict(Counter)
    retentions: dict[tuple[str, str], list] = defaultdict(list)
    for page, got in zip(pages, results, strict=True):
        scored = score_page(page, got, headlines)
        for key in ((page.half, "all"), (page.half, page.gold["language"])):
            totals[key].update(scored["counts"])
            totals[key]["files"] += 1
            retentions[key].append((scored["retention"], page.name))
    report: dict[str, dict] = {}
    for (half, language), counts in sorted(totals.items()):
        report.setdefault(half, {})[language] = summarise(counts, retentions[half, language])
    return report


def misses(pages: list[Page], results: list[Extracted]) -> list[str]:
    """What each dev-half page got wrong, to read beside the page."""
    headlines = read_headlines(pages)
    out = []
    for page, got in zip(pages, results, strict=True):
        notes = []
        if got.error:
            notes.append(f"refused: {got.error}")
        gold_date = page.gold["published_date_iso"].strip() or None
        if (got.published_at or "")[:10] != (gold_date or ""):
            notes.append(f"published_at {got.published_at} ≠ {gold_date}")
        body_words = _words(got.body)
        trigrams = {tuple(body_words[i : i + 3]) for i in range(len(body_words) - 2)}
        body_lines = page.body_line_numbers()
        for number, line in enumerate(page.lines, 1):
            if _words(line) and (number in body_lines) != line_kept(line, got.body, trigrams):
                notes.append(f"line {number} {'lost' if number in body_lines else 'kept'}: {line[:70]}")
        if page.name in headlines and not _headline_right(got, headlines[page.name]):
            notes.append(f"headline {got.title!r} ≠ {headlines[page.name]!r}")
        for kind, column in (("person", "people"), ("place", "places"), ("org", "orgs")):
            expected = page.gold_list(column)
            missed = [e for e in expected if not any(_same(kind)(p, e) for p in got.names[kind])]
            extra = [p for p in got.names[kind] if not any(_same(kind)(p, e) for e in expected)]
            if missed:
                notes.append(f"{kind} missed: {'; '.join(missed)}")
            if extra:
                notes.append(f"{kind} extra: {'; '.join(extra)}")
        gold_dates = set(page.gold_list("dates_mentioned"))
        if got.dates != gold_dates:
            notes.append(f"dates missed {sorted(gold_dates - got.dates)} extra {sorted(got.dates - gold_dates)}")
        if notes:
            out.append(f"== {page.name}\n  " + "\n  ".join(notes))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one line")
    parser.add_argument("--misses", choices=["dev", "corpus"], help="list each page's errors (dev half, or --corpus)")
    parser.add_argument("--half", choices=["dev", "test"], help="score one half only (while fitting rules: dev)")
    parser.add_argument("--corpus", type=Path, action="append", help="a folder of read pages with a gold.tsv, instead")
    args = parser.parse_args()
    if args.corpus:
        pages = [page for folder in args.corpus for page in load_corpus(folder)]
        results = extract(pages)
        if args.misses:
            print("\n".join(misses(pages, results)))
        else:
            print(json.dumps(evaluate(pages, results), ensure_ascii=False, indent=None if args.json else 2))
        return
    if not DEV_CORPUS.is_dir():
        sys.exit(f"the development corpus is not at {DEV_CORPUS}: this benchmark needs ../shared")
    if args.misses:
        pages = load_pages(("dev",))
        print("\n".join(misses(pages, extract(pages))))
        return
    pages = load_pages((args.half,) if args.half else ("dev", "test"))
    report = evaluate(pages, extract(pages))
    print(json.dumps(report, ensure_ascii=False, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
