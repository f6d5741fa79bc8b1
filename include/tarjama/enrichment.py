"""Names (people, organisations, places) and dates for a batch of articles, as stored.

Names are found in the pivot-language (English) text by spaCy, and in the original when it is
French (spaCy) or Arabic (the project's model); Arabic names are translated one by one in a
single batch and paired with the English names of the translation (`tarjama.linking`)."""

from __future__ import annotations

from tarjama.dates import find_dates
from tarjama.linking import link, link_original, with_known_arabic
from tarjama.run_models import RunModels
from tarjama.text import without_unfinished_word

NAME_TRANSLATION_MIN_SCORE = 0.8


def enrich(models: RunModels, texts: list[tuple[str, str, str, str | None]]) -> list[dict]:
    """(language, original text, pivot-language text, published_at) → the fields of each
    article's names, linked across languages, and dates."""
    texts = [
        (language, without_unfinished_word(original), without_unfinished_word(pivot), published_at)
        for language, original, pivot, published_at in texts
    ]
    english = models.english_ner.extract_many([pivot for _, _, pivot, _ in texts])
    french_positions = [i for i, (language, *_) in enumerate(texts) if language == "fr"]
    french_names = models.french_ner.extract_many([texts[i][1] for i in french_positions])
    french = dict(zip(french_positions, french_names, strict=True))
    arabic_positions = [i for i, (language, *_) in enumerate(texts) if language == "ar"]
    found = models.arabic_ner.extract_many([texts[i][1] for i in arabic_positions]) if arabic_positions else []
    arabic = dict(zip(arabic_positions, found, strict=True))
    names = sorted({name.text for names in found for name in names})
    translator = models.translator("ar", models.settings.pivot_language) if names else None
    translated = {}
    if translator is not None:  # a name the model is unsure of is no evidence of its English form
        outputs = zip(names, translator.translate_texts(names), strict=True)
        translated = {name: t.text for name, t in outputs if t.score >= NAME_TRANSLATION_MIN_SCORE}
    results = []
    for position, (language, original, _, published_at) in enumerate(texts):
        if position in french:
            linked = link_original(french[position], english[position], "fr")
        elif language == "ar":
            linked = link(arabic.get(position, []), english[position], translated)
        else:
            linked = with_known_arabic(link([], english[position], {}))
        dates = find_dates(original, language, published_at)
        results.append({**entity_fields(linked), "dates": [d.to_json() for d in dates]})
    return results


def entity_fields(linked: dict[str, list[dict]]) -> dict:
    """Entities as stored: linked forms per kind, flat name lists per language for Kibana facets,
    and the linked places' points, GeoNames ids and countries for the map and its facets."""
    fields: dict = {"entities": linked}
    for kind, flat in (("person", "persons"), ("org", "orgs"), ("place", "places")):
        fields[flat] = [item["en"] for item in linked[kind] if item.get("en")]
        fields[f"{flat}_ar"] = [item["ar"] for item in linked[kind] if item.get("ar")]
    located = [item for item in linked["place"] if "geonames_id" in item]
    fields["places_geo"] = [item["location"] for item in located]
    fields["place_ids"] = list(dict.fromkeys(item["geonames_id"] for item in located))
    fields["countries"] = list(dict.fromkeys(item["country"] for item in located))
    return fields
