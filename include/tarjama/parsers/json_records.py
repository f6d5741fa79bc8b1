"""JSON and JSON Lines exports: one article per object.

A JSON file may hold one object, a list of them, or an object with an "articles", "items",
"data" or "results" list. Fields are found by the usual names, or by an explicit mapping in
TARJAMA_JSON_FIELDS ("title=headline,body=content.text,date=meta.published"; dots go into
nested objects). A body given as HTML is reduced to its text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from tarjama.dates import publication_date
from tarjama.errors import ArticleError
from tarjama.models import ParsedArticle
from tarjama.parsers.decoding import decode
from tarjama.parsers.html_page import main_text, read_page
from tarjama.parsers.layout import finish
from tarjama.text import normalize, paragraphs

DEFAULT_FIELDS = {
    "title": ("title", "headline", "name"),
    "body": ("body", "text", "content", "articleBody", "article", "description", "summary"),
    "url": ("url", "link", "canonical_url", "permalink"),
    "date": ("published_at", "date", "datePublished", "published", "pubDate", "publication_date", "created_at"),
    "source": ("source", "publisher", "site", "outlet", "agency", "site_name"),
    "byline": ("byline", "author", "authors", "creator"),
}
_LIST_KEYS = ("articles", "items", "data", "results", "records")


def field_mapping(spec: str | None = None) -> dict[str, tuple[str, ...]]:
    if spec is None:
        from tarjama.settings import Settings

        spec = Settings.from_env().json_fields
    mapping = dict(DEFAULT_FIELDS)
    for pair in filter(None, (part.strip() for part in spec.split(","))):
        name, _, key = pair.partition("=")
        if name not in DEFAULT_FIELDS or not key:
            raise ValueError(f"TARJAMA_JSON_FIELDS: {pair!r}; expected NAME=KEY with NAME in {sorted(DEFAULT_FIELDS)}")
        mapping[name] = (key,)
    return mapping


def _load(path: str, raw: bytes, what: str = "the file"):
    try:
        return json.loads(decode(path, raw).text)
    except RecursionError as error:
        raise ArticleError(path, "JSON nested too deeply to be an article export") from error
    except ValueError as error:
        raise ArticleError(path, f"{what} is not valid JSON: {error}") from error


def parse_json(path: str, raw: bytes) -> Iterator[ParsedArticle | ArticleError]:
    data = _load(path, raw)
    records = data
    if "#" in path:  # one article of a larger export, as the quarantine keeps it
        records = [data]
    elif isinstance(data, dict):
        records = next((data[key] for key in _LIST_KEYS if isinstance(data.get(key), list)), [data])
    if not isinstance(records, list):
        raise ArticleError(path, f"JSON holds a {type(data).__name__}, not an article object or a list of them")
    if not records:
        raise ArticleError(path, "JSON holds no articles")
    mapping = field_mapping()
    for number, record in enumerate(records, start=1):
        item_path = f"{path}#{number}" if len(records) > 1 else path
        item_raw = raw if len(records) == 1 else json.dumps(record, ensure_ascii=False).encode("utf-8")
        try:
            yield article_from_record(item_path, item_raw, record, mapping, "json")
        except ArticleError as error:
            error.raw = item_raw
            yield error


def parse_json_lines(
    path: str, lines: Iterator[tuple[int, bytes | ArticleError]]
) -> Iterator[ParsedArticle | ArticleError]:
    mapping = field_mapping()
    for number, line in lines:
        if isinstance(line, ArticleError):
            yield line
            continue
        if not line.strip():
            continue
        item_path = f"{path}#{number}"
        try:
            record = _load(item_path, line, f"line {number}")
            yield article_from_record(item_path, line, record, mapping, "jsonl")
        except ArticleError as error:
            error.raw = line
            yield error


def article_from_record(path: str, raw: bytes, record, mapping: dict, input_format: str) -> ParsedArticle:
    if not isinstance(record, dict):
        raise ArticleError(path, f"a {type(record).__name__} where an article object was expected")
    fields = {name: _lookup(record, keys) for name, keys in mapping.items()}
    title, body = _text(fields["title"]), _text(fields["body"])
    if not body:
        raise ArticleError(path, f"no body: none of the fields {list(mapping['body'])} holds text")
    lines = paragraphs(normalize(_html_to_text(body) if "<" in body else body))
    title = normalize(title) if title else lines[0]
    date_text = _text(fields["date"])
    published_at = publication_date(date_text) if date_text else None
    return finish(
        ParsedArticle(
            path=path,
            raw=raw,
            title=title,
            paragraphs=tuple(lines),
            source=_text(fields["source"]),
            url=_text(fields["url"]),
            published_at=published_at,
            published_at_from="metadata" if published_at else None,
            byline=_text(fields["byline"]),
            input_format=input_format,
        )
    )


def _lookup(record: dict, keys: tuple[str, ...]):
    for key in keys:
        value = record
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value not in (None, "", []):
            return value
    return None


def _text(value) -> str | None:
    if isinstance(value, list):
        value = ", ".join(filter(None, (_text(item) for item in value)))
    if isinstance(value, dict):
        value = value.get("name") or value.get("text") or value.get("value")
    return str(value).strip() if value not in (None, "") else None


def _html_to_text(html: str) -> str:
    page = read_page("", html)
    return "\n".join(main_text(page, min_chars=1)) or html
