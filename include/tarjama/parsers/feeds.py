"""RSS 2.0 and Atom feeds (or a single `<item>`/`<entry>`, as quarantine keeps them): one
article per item. XML is read by defusedxml, which refuses DTD entities (billion laughs) and
external references instead of expanding them.
"""

from __future__ import annotations

import email.utils
from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError, tostring

import defusedxml.ElementTree as SafeXML
from defusedxml import DefusedXmlException

from tarjama.dates import publication_date
from tarjama.errors import ArticleError
from tarjama.models import ParsedArticle
from tarjama.parsers.html_page import main_text, read_page
from tarjama.parsers.layout import finish
from tarjama.text import normalize, paragraphs

ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"


def parse(path: str, raw: bytes) -> Iterator[ParsedArticle | ArticleError]:
    try:
        root = SafeXML.fromstring(raw, forbid_dtd=True)
    except DefusedXmlException as error:
        raise ArticleError(path, f"unsafe XML refused: {type(error).__name__}") from error
    except ParseError as error:
        raise ArticleError(path, f"not well-formed XML: {error}") from error
    channel = root.find("channel")
    if root.tag == "rss" and channel is not None:
        items, feed_title = channel.findall("item"), channel.findtext("title")
        read = _rss_item
    elif root.tag == f"{ATOM}feed":
        items, feed_title = root.findall(f"{ATOM}entry"), root.findtext(f"{ATOM}title")
        read = _atom_entry
    elif root.tag in ("item", f"{ATOM}entry"):
        items, feed_title = [root], None
        read = _rss_item if root.tag == "item" else _atom_entry
    else:
        raise ArticleError(path, f"XML root <{root.tag}> is neither an RSS 2.0 <rss> nor an Atom <feed>")
    if not items:
        raise ArticleError(path, "the feed has no items")
    for number, item in enumerate(items, start=1):
        item_path = f"{path}#{number}" if len(items) > 1 else path
        item_raw = tostring(item, encoding="utf-8") if len(items) > 1 else raw
        try:
            yield read(item_path, item_raw, item, feed_title)
        except ArticleError as error:
            error.raw = item_raw
            yield error


def _rss_item(path: str, raw: bytes, item: Element, feed_title: str | None) -> ParsedArticle:
    date_text = item.findtext("pubDate") or item.findtext(_DC_DATE)
    return _article(
        path,
        raw,
        title=item.findtext("title"),
        body=item.findtext(_CONTENT) or item.findtext("description"),
        url=item.findtext("link") or item.findtext("guid"),
        published_at=_rfc822_date(date_text) or (publication_date(date_text) if date_text else None),
        source=item.findtext("source") or feed_title,
        byline=item.findtext(_CREATOR) or item.findtext("author"),
        input_format="rss",
    )


def _atom_entry(path: str, raw: bytes, entry: Element, feed_title: str | None) -> ParsedArticle:
    link = next(
        (el.get("href") for el in entry.findall(f"{ATOM}link") if el.get("rel", "alternate") == "alternate"), None
    )
    date_text = entry.findtext(f"{ATOM}published") or entry.findtext(f"{ATOM}updated")
    return _article(
        path,
        raw,
        title=entry.findtext(f"{ATOM}title"),
        body=entry.findtext(f"{ATOM}content") or entry.findtext(f"{ATOM}summary"),
        url=link or entry.findtext(f"{ATOM}id"),
        published_at=publication_date(date_text) if date_text else None,
        source=feed_title,
        byline=entry.findtext(f"{ATOM}author/{ATOM}name"),
        input_format="atom",
    )


def _article(path: str, raw: bytes, *, title, body, url, published_at, source, byline, input_format) -> ParsedArticle:
    if not body or not body.strip():
        raise ArticleError(path, "feed item without text: no description, content or summary")
    lines = paragraphs(normalize("\n".join(main_text(read_page(path, body), min_chars=1)) if "<" in body else body))
    return finish(
        ParsedArticle(
            path=path,
            raw=raw,
            title=normalize(title) if title else lines[0],
            paragraphs=tuple(lines),
            source=source.strip() if source else None,
            url=url.strip() if url else None,
            published_at=published_at,
            published_at_from="metadata" if published_at else None,
            byline=byline.strip() if byline else None,
            input_format=input_format,
        )
    )


def _rfc822_date(text: str | None) -> str | None:
    """RSS dates: "Sat, 30 Nov 2024 10:00:00 +0300", as the publisher's own calendar day."""
    if not text:
        return None
    try:
        return email.utils.parsedate_to_datetime(text.strip()).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
