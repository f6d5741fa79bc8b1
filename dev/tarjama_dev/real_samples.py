"""The 54 real articles of ../shared/samples/real and the table read by hand from them
(tests/fixtures/real-samples-expected.tsv: language, publication date, source)."""

from __future__ import annotations

from tarjama.language import detect_language
from tarjama.parsers import parse_file
from tarjama_dev import REPO, SHARED_SAMPLES, read_table

REAL = SHARED_SAMPLES / "real"
EXPECTED = REPO / "tests" / "fixtures" / "real-samples-expected.tsv"


def texts() -> dict[str, tuple[str, str, str | None]]:
    """file → (language, parsed headline and body, publication date from the hand-read table)."""
    found = {}
    for name, language, published_at, _ in (row.values() for row in read_table(EXPECTED)):
        if language in ("ar", "en"):
            found[name] = (language, parse_file(REAL / name).text, None if published_at == "-" else published_at)
    return found


def field_scores() -> dict | None:
    """Language, date and source against the table read by hand; None without ../shared."""
    if not REAL.is_dir():
        return None
    rows = [row.values() for row in read_table(EXPECTED)]
    right = {"language": 0, "published_at": 0, "source": 0}
    misses = []
    for name, language, published_at, source in rows:
        article = parse_file(REAL / name)
        got = {
            "language": detect_language(name, article.text),
            "published_at": article.published_at or "-",
            "source": article.source or "-",
        }
        for key, expected in (("language", language), ("published_at", published_at), ("source", source)):
            if got[key] == expected:
                right[key] += 1
            else:
                misses.append(f"{name} {key}: expected {expected}, got {got[key]}")
    return {"files": len(rows), "right": right, "misses": misses}
