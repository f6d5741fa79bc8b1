"""Language detection with langdetect, made deterministic."""

from __future__ import annotations

from langdetect import DetectorFactory, LangDetectException, detect

from tarjama.errors import ArticleError

DetectorFactory.seed = 0  # langdetect samples at random unless seeded


def detect_language(path: str, text: str) -> str:
    """ISO 639-1 code of the text's language (`zh-cn` and the like cut to two letters)."""
    try:
        return detect(text).split("-")[0]
    except LangDetectException as error:
        raise ArticleError(path, f"cannot detect the language: {error}") from error
