"""Plain-text articles in the layout news sites are saved in:

date line             (optional, above the headline; some capture tools write
                       "date 2024-11-30 <headline>" on one line)
headline              (when the first line is long, the story has none: its first
                       sentence stands in, and every line is body)
source line           (optional, e.g. "أ ف ب-الامة برس")
date line             (optional: "2024-11-30", "الخميس 07 نوفمبر 2024", "Sunday, December 18th 2022")
body paragraphs ...
site boilerplate      (short trailing lines such as "كاريكاتير")
"""

from __future__ import annotations

import re

import dateparser

from tarjama.errors import ArticleError
from tarjama.models import ParsedArticle
from tarjama.text import normalize, paragraphs, split_sentences

_CAPTURE_PREFIX = re.compile(r"^date (\d{4}-\d{2}-\d{2})\s*(.*)$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:]+Z?)?\s*$")
_URL = re.compile(r"^https?://\S+$")
_SENTENCE_PUNCTUATION = re.compile(r"[.!?؟،,:؛\"«»]")
_MAX_SOURCE_WORDS = 6
_MAX_HEADLINE_WORDS = 30
_MAX_DATE_WORDS = 6
_DATE_LANGUAGES = ["ar", "en", "fr", "de"]
_MAX_BOILERPLATE_WORDS = 4


def parse(path: str, raw: bytes) -> ParsedArticle:
    text = _decode(path, raw)
    lines = paragraphs(normalize(text))
    if not lines:
        raise ArticleError(path, "empty article: no text after decoding")
    published_at = None
    if match := _CAPTURE_PREFIX.match(lines[0]):
        published_at = match.group(1)
        lines = [match.group(2), *lines[1:]] if match.group(2) else lines[1:]
    if len(lines) > 1 and (date := _date_line(lines[0])):
        published_at = published_at or date
        lines = lines[1:]
    if not lines:
        raise ArticleError(path, "no text: the file holds a date only")
    if not _looks_like_headline(lines[0]) or len(lines) == 1:
        # A saved page that starts straight with the story: keep every line as body.
        lines = [_first_sentence(lines[0]), *lines]
    title, rest = lines[0], lines[1:]
    source = url = None
    for _ in range(3):  # the metadata lines, in any order, right after the headline
        if not rest:
            break
        line = rest[0]
        if published_at is None and (date := _date_line(line)):
            published_at = date
        elif url is None and _URL.match(line):
            url = line
        elif source is None and _looks_like_source(line):
            source = line
        else:
            break
        rest = rest[1:]
    body, removed = _strip_trailing_boilerplate(rest)
    if not body:
        raise ArticleError(path, "no body text: the file holds a headline and metadata only")
    return ParsedArticle(
        path=path,
        raw=raw,
        title=title,
        paragraphs=tuple(body),
        source=source,
        url=url,
        published_at=published_at,
        removed_lines=tuple(removed),
    )


def _decode(path: str, raw: bytes) -> str:
    if not raw.strip():
        raise ArticleError(path, "empty file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError(path, f"not valid UTF-8 (byte {error.start}); re-save the file as UTF-8") from error


def _date_line(line: str) -> str | None:
    """The date a short line consists of, as YYYY-MM-DD; None unless it names day, month and year."""
    if match := _ISO_DATE.match(line):
        return "-".join(match.groups())
    if len(line.split()) > _MAX_DATE_WORDS or not any(c.isdigit() for c in line):
        return None
    found = dateparser.parse(line, languages=_DATE_LANGUAGES, settings={"STRICT_PARSING": True})
    return found.date().isoformat() if found else None


def _looks_like_headline(line: str) -> bool:
    return len(line.split()) <= _MAX_HEADLINE_WORDS


def _first_sentence(text: str) -> str:
    """A stand-in headline for a story saved without one: its first sentence, kept short."""
    words = (split_sentences(text) or [text])[0].split()
    return " ".join(words[:_MAX_HEADLINE_WORDS]) + (" …" if len(words) > _MAX_HEADLINE_WORDS else "")


def _looks_like_source(line: str) -> bool:
    return len(line.split()) <= _MAX_SOURCE_WORDS and not _SENTENCE_PUNCTUATION.search(line)


def _strip_trailing_boilerplate(lines: list[str]) -> tuple[list[str], list[str]]:
    """Short unpunctuated lines at the end are site chrome ("كاريكاتير"), not article text."""
    end = len(lines)
    while end > 1 and _is_chrome(lines[end - 1]):
        end -= 1
    return lines[:end], lines[end:]


def _is_chrome(line: str) -> bool:
    return len(line.split()) <= _MAX_BOILERPLATE_WORDS and not _SENTENCE_PUNCTUATION.search(line)
