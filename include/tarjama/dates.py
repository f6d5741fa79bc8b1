"""Dates mentioned in article text, found offline by dateparser."""

from __future__ import annotations

import re
from datetime import datetime

from dateparser.search import search_dates

from tarjama.models import DateMention

_DIGIT = re.compile(r"\d")


def find_dates(text: str, lang: str, published_at: str | None = None) -> list[DateMention]:
    """Explicit dates only: a mention must carry a number, since dateparser resolves bare
    weekdays ("السبت") to the wrong week."""
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published_at:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(published_at[:10])
    found = search_dates(text, languages=[lang], settings=settings) or []
    mentions: dict[tuple[str, str], DateMention] = {}
    for surface, value in found:
        if _DIGIT.search(surface) and not surface.strip().isdigit():
            mention = DateMention(text=surface.strip(" ،,.؛"), value=value.date().isoformat(), lang=lang)
            mentions.setdefault((mention.text, mention.value), mention)
    return list(mentions.values())
