"""Names of indexed fields that more than one module needs."""

from __future__ import annotations

DEFAULT_ALIAS = "news-articles"
# Languages with their own title_<code>/body_<code> fields in the mapping (which is strict);
# text in any other language goes to title_other/body_other, its code kept in `language`.
TEXT_LANGUAGES = ("ar", "en", "fa", "ur", "de", "es", "fr", "he", "it", "ru", "tr", "zh")
OTHER_LANGUAGE = "other"


def title_field(language: str) -> str:
    return f"title_{_suffix(language)}"


def body_field(language: str) -> str:
    return f"body_{_suffix(language)}"


def _suffix(language: str) -> str:
    return language if language in TEXT_LANGUAGES else OTHER_LANGUAGE
