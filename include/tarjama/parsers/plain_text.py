"""Plain-text articles in the layouts news pages are saved in:

site chrome           (optional: navigation words, "أخبار عاجلة", the site's date of today)
date line             (optional; some capture tools write "date 2024-11-30 <headline>" on one line)
headline              (when the first line is long, the story has none: its first
                       sentence stands in, and every line is body)
metadata lines        (optional, short: source "أ ف ب-الامة برس", date line in any form
                       `tarjama.dates` reads, URL, section name, caption)
byline, dateline      (optional: "كتب: شادى سعد", "بيونغ يانغ - لبنان البوم", "PARIS (Reuters) -")
body paragraphs ...
site chrome           (short trailing lines such as "كاريكاتير")

A date line right after the headline wins over one above it, which is often the site's
"today" rather than the story's date.
"""

from __future__ import annotations

import re

from tarjama.dates import publication_date
from tarjama.errors import ArticleError
from tarjama.models import ParsedArticle
from tarjama.parsers.decoding import decode
from tarjama.parsers.layout import SENTENCE_PUNCTUATION, byline_name, finish, is_chrome, is_place_line
from tarjama.text import normalize, paragraphs, split_sentences

_CAPTURE_PREFIX = re.compile(r"^date (\d{4}-\d{2}-\d{2})\s*(.*)$")
_URL = re.compile(r"^https?://\S+$")
_MAX_HEADLINE_WORDS = 30
_MAX_DATE_LINE_WORDS = 12
_MAX_LEADING_WORDS = 3  # "رئيس التحرير", "أخبار", "رياضة دولية": navigation above the headline
_MAX_MENU_ITEM_WORDS = 8
_MAX_METADATA_WORDS = 6
_METADATA_LINES = 6


def parse(path: str, raw: bytes) -> ParsedArticle:
    decoded = decode(path, raw)
    lines = paragraphs(normalize(decoded.text))
    if not lines:
        raise ArticleError(path, "empty article: no text after decoding")
    captured = None
    if match := _CAPTURE_PREFIX.match(lines[0]):
        captured = match.group(1)
        lines = [match.group(2), *lines[1:]] if match.group(2) else lines[1:]
    leading, lines, date_above = _leading_lines(lines)
    if not lines:
        raise ArticleError(path, "no text: the file holds a date or site chrome only")
    starts_with_story = byline_name(lines[0]) or is_place_line(lines[0])  # "كتب: ...", "الرياض - ..."
    if starts_with_story or len(lines[0].split()) > _MAX_HEADLINE_WORDS or len(lines) == 1:
        # A saved page that starts straight with the story: keep every line as body.
        story = next((line for line in lines if not (byline_name(line) or is_place_line(line))), lines[0])
        lines = [_first_sentence(story), *lines]
    title, rest = lines[0], lines[1:]
    source = url = date_below = byline = None
    removed = list(leading)
    for _ in range(_METADATA_LINES):  # the short lines right after the headline, in any order
        if not rest:
            break
        line = rest[0]
        if date_below is None and (date := _date_line(line)):
            date_below = date
        elif url is None and _URL.match(line):
            url = line
        elif byline is None and (name := byline_name(line)):
            byline = name
        elif is_chrome(line) or is_place_line(line) or not _is_metadata(line):
            break
        elif source is None:
            source = line
        else:
            removed.append(line)  # a section name or caption between headline and story
        rest = rest[1:]
    published_at, published_from = (captured, "capture") if captured else (date_below or date_above, "text")
    return finish(
        ParsedArticle(
            path=path,
            raw=raw,
            title=title,
            paragraphs=tuple(rest),
            source=source,
            byline=byline,
            url=url,
            published_at=published_at,
            published_at_from=published_from,
            removed_lines=tuple(removed),
            input_format="text",
            encoding=decoded.encoding,
            repairs=decoded.repairs,
        )
    )


def _leading_lines(lines: list[str]) -> tuple[list[str], list[str], str | None]:
    """Site chrome and a date line above the headline: (removed lines, the rest, the date)."""
    removed: list[str] = []
    date = None
    while len(lines) > 1:
        line = lines[0]
        if found := _date_line(line):
            date = date or found
        elif not (is_chrome(line) or _is_navigation(line) and _longer_line_follows(lines[1:])):
            break
        removed.append(line)
        lines = lines[1:]
    return removed, lines, date


def _date_line(line: str) -> str | None:
    return publication_date(line) if len(line.split()) <= _MAX_DATE_LINE_WORDS else None


def _is_navigation(line: str) -> bool:
    if line.startswith(("•", "·", "▪")):  # a menu item
        return len(line.split()) <= _MAX_MENU_ITEM_WORDS
    return len(line.split()) <= _MAX_LEADING_WORDS and not SENTENCE_PUNCTUATION.search(line)


def _longer_line_follows(lines: list[str]) -> bool:
    return any(len(line.split()) > _MAX_LEADING_WORDS for line in lines[:12])


def _is_metadata(line: str) -> bool:
    return len(line.split()) <= _MAX_METADATA_WORDS and not SENTENCE_PUNCTUATION.search(line)


def _first_sentence(text: str) -> str:
    """A stand-in headline for a story saved without one: its first sentence, kept short."""
    words = (split_sentences(text) or [text])[0].split()
    return " ".join(words[:_MAX_HEADLINE_WORDS]) + (" …" if len(words) > _MAX_HEADLINE_WORDS else "")
