"""Text normalisation and sentence splitting, offline and language-aware."""

from __future__ import annotations

import re
import unicodedata

# A sentence ends at . ! ? ؟ (and the Arabic full stop ۔) followed by space; the Arabic comma ،
# does not end one. Quotes or brackets right after the mark stay with the sentence.
_SENTENCE_END = re.compile(r"([.!?؟۔][\"'»”)\]]*)\s+")
_SPACES = re.compile(r"[ \t\u00a0\u200f\u200e]+")
# Control characters, and bidi embeddings, overrides and isolates that can make a title display
# as something else; the zero-width space and a stray BOM are invisible. None of them is text.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\ufeff]")


def normalize(text: str) -> str:
    """NFKC (so presentation forms become letters), collapsed spaces, trimmed lines."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(lines).strip()


def split_sentences(paragraph: str) -> list[str]:
    parts = _SENTENCE_END.split(paragraph)  # text, end mark, text, end mark, ..., text
    sentences = (text + (parts[i + 1] if i + 1 < len(parts) else "") for i, text in enumerate(parts) if i % 2 == 0)
    return [sentence.strip() for sentence in sentences if sentence.strip()]


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
