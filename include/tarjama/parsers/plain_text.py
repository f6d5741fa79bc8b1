"""Plain-text articles in the layout news sites are saved in:

headline
source line           (optional, e.g. "أ ف ب-الامة برس")
date line             (optional, e.g. "2024-11-30")
body paragraphs ...
site boilerplate      (short trailing lines such as "كاريكاتير")
"""

from __future__ import annotations

import re

from tarjama.errors import ArticleError
from tarjama.models import ParsedArticle
from tarjama.text import normalize, paragraphs, split_sentences

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:]+Z?)?\s*$")
_URL = re.compile(r"^https?://\S+$")
_SENTENCE_PUNCTUATION = re.compile(r"[.!?؟،,:؛\"«»]")
_MAX_SOURCE_WORDS = 6
_MAX_HEADLINE_WORDS = 30
_MAX_BOILERPLATE_WORDS = 4


def parse(path: str, raw: bytes) -> ParsedArticle:
    text = _decode(path, raw)
    lines = paragraphs(normalize(text))
    if not lines:
        raise ArticleError(path, "empty article: no text after decoding")
    if not _looks_like_headline(lines[0]) or len(lines) == 1:
        # A saved page that starts straight with the story: keep every line as body.
        lines = [_first_sentence(lines[0]), *lines]
    title, rest = lines[0], lines[1:]
    source = url = published_at = None
    for _ in range(3):  # the metadata lines, in any order, right after the headline
        if not rest:
            break
        line = rest[0]
        if published_at is None and (date := _iso_date(line)):
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


def _iso_date(line: str) -> str | None:
    match = _ISO_DATE.match(line)
    return "-".join(match.groups()) if match else None


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
