"""One parser per input format, chosen by file suffix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tarjama.errors import ArticleError
from tarjama.models import ParsedArticle
from tarjama.parsers import plain_text

Parser = Callable[[str, bytes], ParsedArticle]

PARSERS: dict[str, Parser] = {
    ".txt": plain_text.parse,
}


def parse_file(path: str | Path) -> ParsedArticle:
    path = Path(path)
    parser = PARSERS.get(path.suffix.lower())
    if parser is None:
        raise ArticleError(
            str(path), f"unsupported file type {path.suffix or '(none)'}; expected one of {sorted(PARSERS)}"
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ArticleError(str(path), f"cannot read file: {error.strerror}") from error
    return parser(str(path), raw)
