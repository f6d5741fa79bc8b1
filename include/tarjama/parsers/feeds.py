"""Feeds: RSS 0.9x, 1.0 and 2.0 and Atom (or a single `<item>`/`<entry>`, as quarantine keeps
them), one article per item, read by feedparser (Atom's XHTML content included). The XML is
first read by defusedxml, which refuses DTD entities (billion laughs) and external references
instead of expanding them; only a feed it accepts reaches feedparser, which fetches nothing
given bytes. defusedxml's tree also gives each item its own bytes, for the quarantine.
"""

from __future__ import annotations

import email.utils
from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError, tostring

import defusedxml.ElementTree as SafeXML
import feedparser
from defusedxml import DefusedXmlException

from tarjama.dates import publication_date
from tarjama.errors import ArticleError
from tarjama.models import ParsedArticle
from tarjama.parsers.html_page import main_text, read_page
from tarjama.parsers.layout import finish
from tarjama.text import normalize, paragraphs

_ITEM_TAGS = ("item", "entry")  # RSS (any version) and Atom, whatever their namespace


def parse(path: str, raw: bytes) -> Iterator[ParsedArticle | ArticleError]:
    try:
        root = SafeXML.fromstring(raw, forbid_dtd=True)
    except DefusedXmlException as error:
        raise ArticleError(path, f"unsafe XML refused: {type(error).__name__}") from error
    except ParseError as error:
        raise ArticleError(path, f"not well-formed XML: {error}") from error
    if _local(root.tag) not in ("rss", "RDF", "feed", *_ITEM_TAGS):
        raise ArticleError(path, f"XML root <{_local(root.tag)}> is not an RSS or Atom feed, nor one of their items")
    elements = [root] if _local(root.tag) in _ITEM_TAGS else [el for el in root.iter() if _local(el.tag) in _ITEM_TAGS]
    feed = feedparser.parse(raw if _local(root.tag) not in _ITEM_TAGS else _wrapped(root, raw))
    entries = feed.entries
    if not entries or len(entries) != len(elements):
        raise ArticleError(path, "the feed has no items" if not elements else "the feed's items cannot be read")
    feed_title = feed.feed.get("title")
    input_format = "atom" if feed.version.startswith("atom") or _local(root.tag) in ("feed", "entry") else "rss"
    for number, (entry, element) in enumerate(zip(entries, elements, strict=True), start=1):
        item_path = f"{path}#{number}" if len(entries) > 1 else path
        item_raw = tostring(element, encoding="utf-8") if len(entries) > 1 else raw
        try:
            yield _article(item_path, item_raw, entry, feed_title, input_format)
        except ArticleError as error:
            error.raw = item_raw
            yield error


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _wrapped(item: Element, raw: bytes) -> bytes:
    """A lone item, as quarantine keeps it, inside the feed element feedparser expects."""
    if _local(item.tag) == "entry":
        return b'<feed xmlns="http://www.w3.org/2005/Atom">' + tostring(item, encoding="utf-8") + b"</feed>"
    return b"<rss><channel>" + raw.split(b"?>", 1)[-1] + b"</channel></rss>"


def _article(path: str, raw: bytes, entry, feed_title: str | None, input_format: str) -> ParsedArticle:
    content = entry.get("content") or []
    body = (content[0].get("value") if content else None) or entry.get("summary")
    if not body or not body.strip():
        raise ArticleError(path, "feed item without text: no description, content or summary")
    lines = paragraphs(normalize("\n".join(main_text(read_page(path, body), min_chars=1)) if "<" in body else body))
    if not lines:
        raise ArticleError(path, "feed item without text: its content holds no words")
    published_at = _published(entry)
    source = (entry.get("source") or {}).get("title") or feed_title
    return finish(
        ParsedArticle(
            path=path,
            raw=raw,
            title=normalize(entry["title"]) if entry.get("title") else lines[0],
            paragraphs=tuple(lines),
            source=source.strip() if source else None,
            url=(entry.get("link") or entry.get("id") or "").strip() or None,
            published_at=published_at,
            published_at_from="metadata" if published_at else None,
            byline=(entry.get("author") or "").strip() or None,
            input_format=input_format,
        )
    )


def _published(entry) -> str | None:
    """The publisher's own calendar day: "Sat, 30 Nov 2024 10:00:00 +0300" is the 30th, whatever
    the time in UTC; else any date form the project reads; else feedparser's (in UTC)."""
    for text in (entry.get("published"), entry.get("updated"), entry.get("dc_date")):
        if text and (found := _rfc822_date(text) or publication_date(text)):
            return found
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}" if parsed else None


def _rfc822_date(text: str) -> str | None:
    try:
        return email.utils.parsedate_to_datetime(text.strip()).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
