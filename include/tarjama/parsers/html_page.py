"""Saved HTML article pages. The story's text comes from trafilatura (which scores best on a
peer's benchmark of real pages: bench/html_extraction.py), without the readers' comments; the
metadata from JSON-LD `NewsArticle` where the page has it (the publisher's own record of its
headline, date and author), else from trafilatura's (htmldate for the date), else Open Graph,
`<title>`, `<h1>`, `<link rel=canonical>` and `<time>` when trafilatura finds no text.

Nothing a page references is fetched: both parsers read the string they are given. The
standard library's HTMLParser reads the metadata and, should trafilatura find no text (or
fail on hostile markup), the paragraphs inside `<article>`; it expands no entity beyond HTML's
fixed named ones, so a billion-laughs DOCTYPE stays inert text.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from tarjama.dates import publication_date
from tarjama.errors import ArticleError
from tarjama.models import ParsedArticle
from tarjama.parsers.decoding import decode
from tarjama.parsers.layout import finish
from tarjama.text import normalize

_SKIPPED = {"script", "style", "noscript", "template", "svg", "iframe", "nav", "header", "footer", "aside", "form"}
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "blockquote", "div", "section", "article", "br", "tr", "figcaption"}
_VOID = {"br", "img", "meta", "link", "input", "hr", "source", "wbr", "area", "base", "col", "embed", "param", "track"}
_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting"}
_MIN_PARAGRAPH_CHARS = 40
_JSON_LD = re.compile(
    r"<script[^>]*type\s*=\s*[\"']?application/ld\+json[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL
)


class _PageReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.skipping = 0
        self.meta: dict[str, str] = {}
        self.json_ld: list[str] = []
        self.title = ""
        self.h1 = ""
        self.canonical = None
        self.time = None
        self.blocks: list[tuple[bool, str, str]] = []  # (inside <article>, tag, text)
        self._text: list[str] = []
        self._in_json_ld = False
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta":
            key = attributes.get("property") or attributes.get("name") or attributes.get("itemprop")
            if key and "content" in attributes:
                self.meta.setdefault(key.lower(), attributes["content"])
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self.canonical = attributes.get("href")
        elif tag == "time" and self.time is None and attributes.get("datetime"):
            self.time = attributes["datetime"]
        if tag in _VOID:
            if tag == "br":
                self._flush()
            return
        if tag in _BLOCKS:
            self._flush()
        self.stack.append(tag)
        if tag == "script" and attributes.get("type", "").lower() == "application/ld+json":
            self._in_json_ld = True
        elif tag == "title":
            self._in_title = True
        if tag in _SKIPPED:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in _VOID or tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if open_tag in _BLOCKS or open_tag in ("h1", "title"):
                self._flush(open_tag)
            if open_tag in _SKIPPED:
                self.skipping -= 1
            if open_tag == "script":
                self._in_json_ld = False
            if open_tag == "title":
                self._in_title = False
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(data)
        elif self._in_title:
            self.title += data
        elif not self.skipping:
            self._text.append(data)

    def _flush(self, tag: str = "p"):
        text = " ".join("".join(self._text).split())
        self._text = []
        if not text:
            return
        if tag == "h1" and not self.h1:
            self.h1 = text
        self.blocks.append(("article" in self.stack, tag, text))


def parse(path: str, raw: bytes) -> ParsedArticle:
    decoded = decode(path, raw)
    ld = _news_article(_JSON_LD.findall(decoded.text))
    extracted = _extract(decoded.text)
    left_out: tuple[str, ...] = ()
    if extracted is not None and extracted.text:
        meta = extracted.as_dict()
        paragraphs = paragraphs_of(extracted.text)
        left_out = _left_out(read_page(path, decoded.text), paragraphs, _first(ld.get("headline"), meta.get("title")))
        title = _first(ld.get("headline"), meta.get("title"))
        date_text = _first(ld.get("datePublished"), meta.get("date"))
        source = _first(_name(ld.get("publisher")), meta.get("sitename"))
        url = _first(ld.get("url"), meta.get("url"))
        byline = _first(_name(ld.get("author")), meta.get("author"))
    else:  # trafilatura found no text: the standard library's reading of the page
        page = read_page(path, decoded.text)
        paragraphs = main_text(page)
        title = _first(ld.get("headline"), page.meta.get("og:title"), page.h1, page.title)
        date_text = _first(ld.get("datePublished"), page.meta.get("article:published_time"), page.time)
        source = _first(_name(ld.get("publisher")), page.meta.get("og:site_name"))
        url = _first(ld.get("url"), page.canonical, page.meta.get("og:url"))
        byline = _first(_name(ld.get("author")), page.meta.get("author"))
    if not paragraphs and ld.get("articleBody"):
        paragraphs = paragraphs_of(str(ld["articleBody"]))
    if not title:
        raise ArticleError(path, "no headline: the page has no <title>, <h1>, og:title or JSON-LD headline")
    published_at = publication_date(date_text) if date_text else None
    return finish(
        ParsedArticle(
            path=path,
            raw=raw,
            title=normalize(title),
            paragraphs=tuple(paragraphs),
            source=source,
            url=url,
            published_at=published_at,
            published_at_from="metadata" if published_at else None,
            byline=byline,
            input_format="html",
            encoding=decoded.encoding,
            repairs=decoded.repairs,
            removed_lines=left_out,
        ),
        story="extracted" if extracted is not None and extracted.text else "raw",
    )


def _extract(html: str):
    """trafilatura's reading of the page, or None when it finds nothing or cannot parse it."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html,
            include_comments=False,
            fast=True,  # no second opinion from readability and jusText: better on the benchmark, and faster
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, RecursionError, TypeError):  # lxml's limits on hostile markup
        return None


def _left_out(page: _PageReader, story: list[str], title: str | None) -> tuple[str, ...]:
    """The lines the page shows inside its <article> (without one: between the story's first and
    last lines) that the extracted story leaves out, such as share buttons, captions and date
    lines: recorded in the document's provenance, so that nothing is dropped unseen."""
    kept = {_squeezed(line) for line in story} | {_squeezed(title or "")}
    lines = [normalize(text) for _, tag, text in page.blocks if tag != "h1"]
    inside = [normalize(text) for in_article, tag, text in page.blocks if in_article and tag != "h1"]
    if not inside:
        found = [index for index, line in enumerate(lines) if _squeezed(line) in kept]
        inside = lines[found[0] : found[-1] + 1] if found else []
    return tuple(dict.fromkeys(line for line in inside if _squeezed(line) not in kept))


def _squeezed(text: str) -> str:
    return "".join(text.split())


def paragraphs_of(text: str) -> list[str]:
    return [line for line in normalize(text).split("\n") if line.strip()]


def read_page(path: str, html: str) -> _PageReader:
    reader = _PageReader()
    try:
        reader.feed(html)
        reader.close()
    except (AssertionError, ValueError) as error:  # HTMLParser's rare hard failures on broken markup
        raise ArticleError(path, f"unreadable HTML: {error}") from error
    return reader


def main_text(page: _PageReader, min_chars: int = _MIN_PARAGRAPH_CHARS) -> list[str]:
    """The paragraphs inside <article> when there is one; else every paragraph long enough to be prose."""
    inside = [text for in_article, tag, text in page.blocks if in_article and tag != "h1"]
    if inside:
        return [normalize(text) for text in inside]
    return [normalize(text) for _, tag, text in page.blocks if tag != "h1" and len(text) >= min_chars]


def _news_article(scripts: list[str]) -> dict:
    for script in scripts:
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue
        for item in _walk(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(kind in _ARTICLE_TYPES for kind in kinds):
                return item
    return {}


def _walk(data, depth: int = 0):
    if depth > 4:
        return
    if isinstance(data, dict):
        yield data
        yield from _walk(data.get("@graph"), depth + 1)
    elif isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)


def _name(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return str(value).strip() if value else None


def _first(*values) -> str | None:
    return next((str(v).strip() for v in values if v and str(v).strip()), None)
