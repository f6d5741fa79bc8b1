"""Every input format, detected from the name and the first bytes: plain text, JSON, JSON
Lines, HTML pages, RSS and Atom feeds. One input may hold many articles; each comes out as a
`ParsedArticle` or as the `ArticleError` that says why it cannot be one, so that one bad
article never stops the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from tarjama.errors import ArticleError
from tarjama.models import ParsedArticle
from tarjama.parsers import feeds, html_page, json_records, plain_text
from tarjama.sources import is_web, read_bytes, read_lines

_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
}
# Formats recognised by content; a file of another kind (PDF, images, archives) is refused by name.
_REFUSED_SUFFIXES = {".pdf", ".doc", ".docx", ".png", ".jpg", ".jpeg", ".gif", ".zip", ".gz", ".exe"}
_SNIFF_BYTES = 2048


def read_articles(location: str, confine_to: Path | None = None) -> Iterator[ParsedArticle | ArticleError]:
    """The articles in one file or URL, in order, each parsed or refused with its reason."""
    try:
        input_format = format_by_name(location)
        if input_format == "jsonl":
            yield from json_records.parse_json_lines(location, read_lines(location, confine_to))
            return
        yield from parse_bytes(location, read_bytes(location, confine_to=confine_to), input_format)
    except ArticleError as error:
        yield error


def parse_bytes(location: str, raw: bytes, input_format: str | None = None) -> Iterator[ParsedArticle | ArticleError]:
    """The articles in bytes read from `location`; the format is sniffed when not given."""
    try:
        input_format = input_format or sniff_format(raw)
        if input_format == "text":
            yield plain_text.parse(location, raw)
        elif input_format == "html":
            yield html_page.parse(location, raw)
        elif input_format in ("json", "jsonl"):
            yield from json_records.parse_json(location, raw)
        else:
            yield from feeds.parse(location, raw)
    except ArticleError as error:
        yield error


def parse_file(path: str | Path) -> ParsedArticle:
    """The one article a file holds; raises its ArticleError."""
    first = next(read_articles(str(path)))
    if isinstance(first, ArticleError):
        raise first
    return first


def format_by_name(location: str) -> str | None:
    name = location.split("?", 1)[0] if is_web(location) else location
    suffix = PurePosixPath(name.rstrip("/")).suffix.lower()
    if suffix in _REFUSED_SUFFIXES:
        raise ArticleError(
            location, f"unsupported file type {suffix}; expected text, JSON, JSON Lines, HTML or an RSS/Atom feed"
        )
    return _BY_SUFFIX.get(suffix)


def sniff_format(raw: bytes) -> str:
    head = raw[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        return "json"
    if head.startswith(b"<"):
        if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head or head.startswith((b"<item", b"<entry")):
            return "feed"
        if b"<html" in head or b"<!doctype html" in head or b"<body" in head or b"<article" in head:
            return "html"
        if head.startswith(b"<?xml"):
            return "feed"
    return "text"
