"""Places by name: GeoNames cities and countries with their Arabic, English and other
Latin-script names (resources/places.tsv, built by scripts/build_gazetteer.py; GeoNames data,
CC BY 4.0, and CLDR country names). Loaded once, on first use.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from tarjama.arabic_ner import name_key

PLACES = Path(__file__).parent / "resources" / "places.tsv"
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_CLITICS = ("و", "ب", "ل", "ف")
LARGE_CITY_POPULATION = 50_000


@dataclass(frozen=True)
class Place:
    geonames_id: int
    kind: str  # "country" or "city"
    country: str  # ISO 3166-1 alpha-2
    population: int
    lat: float
    lon: float
    english: str
    arabic: str  # one Arabic name as written: the form an Arabic search for the place names it by
    common_word: bool = False  # the name it was found by is also a common word


def arabic_key(name: str) -> str:
    """An Arabic name in lookup form: diacritics and tatweel gone, alef, ya and ta marbuta folded."""
    return name_key(name)


def latin_key(name: str) -> str:
    """A Latin-script name in lookup form: case and accents gone, one kind of apostrophe and dash."""
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'").replace("‐", "-"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace("-", " ").split())


class Gazetteer:
    def __init__(self, path: Path = PLACES):
        self.by_arabic: dict[str, list[Place]] = {}
        self.by_latin: dict[str, list[Place]] = {}
        with path.open(encoding="utf-8", newline="") as rows:
            for row in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE):
                place = Place(
                    int(row["geonames_id"]),
                    row["kind"],
                    row["country"],
                    int(row["population"]),
                    float(row["lat"]),
                    float(row["lon"]),
                    row["english"],
                    row["arabic_name"],
                )
                common = set(row["common"].split("|"))
                for key in filter(None, row["arabic"].split("|")):
                    self.by_arabic.setdefault(key, []).append(replace(place, common_word=key in common))
                for key in filter(None, row["latin"].split("|")):
                    self.by_latin.setdefault(key, []).append(place)
        self.longest_arabic = max(len(key.split()) for key in self.by_arabic)

    def places(self, name: str) -> list[Place]:
        """Every place of that name, countries first, then by population."""
        if _ARABIC_LETTER.search(name):
            key = arabic_key(name)
            forms = [key, key[2:] if key.startswith("ال") else "ال" + key]
            if key[:1] in _CLITICS:  # "بوجدة": in Oujda
                forms.append(key[1:])
            found = next((self.by_arabic[form] for form in forms if form in self.by_arabic), [])
        else:
            found = self.by_latin.get(latin_key(name), [])
            if not found and _INITIALS.match(name):  # "US", "UK": initials the gazetteer holds dotted
                found = self.by_latin.get(latin_key(".".join(name) + "."), [])
        return sorted(found, key=lambda p: (p.kind != "country", -p.population))

    def is_large_place(self, name: str) -> bool:
        """The name's best-known place is a country or a city of 50,000 people or more."""
        found = self.places(name)
        return bool(found) and (found[0].kind == "country" or found[0].population >= LARGE_CITY_POPULATION)


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()


# Words that say what a place is, before its name: "مدينة جدة", "دولة قطر", "la ville de Fès".
_PLACE_WORDS = {
    arabic_key(word)
    for word in ("مدينة", "بلدة", "قرية", "مخيم", "محافظة", "ولاية", "إقليم", "منطقة", "مقاطعة", "حي", "جزيرة")
    + ("دولة", "سلطنة", "مملكة", "إمارة", "جمهورية")
}
_LATIN_PLACE_WORDS = re.compile(r"^(?:(?:the )?(?:city|town|village|province|state) of |(?:la )?ville de )")
# ... of which these name a division of a country, not the town it is named after ("محافظة مأرب").
_DIVISION_WORDS = {arabic_key(word) for word in ("محافظة", "ولاية", "إقليم", "منطقة", "مقاطعة")}
_LATIN_DIVISION = re.compile(r"^(?:the )?(?:province|state|governorate|region) of ", re.IGNORECASE)
_INITIALS = re.compile(r"^[A-Z]{2,3}$")  # "US", "UK"
# The Arab League's members and Israel: where a place named in Arabic most often is.
ARABIC_SPEAKING = {"AE", "BH", "DJ", "DZ", "EG", "IL", "IQ", "JO", "KM", "KW", "LB", "LY", "MA", "MR", "OM", "PS"}
ARABIC_SPEAKING |= {"QA", "SA", "SD", "SO", "SY", "TN", "YE"}
CONTEXT_CONFIDENCE = 0.9  # chosen among places of one name because the article names their country
MIN_CONTEXT_RATIO = 10  # a city this many times larger than any other of its name places its country


@dataclass(frozen=True)
class PlaceLink:
    place: Place
    confidence: float  # 1.0: one place of that name; 0.9: chosen by the article's countries; else its share

    def fields(self) -> dict:
        return {
            "geonames_id": str(self.place.geonames_id),
            "country": self.place.country,
            "location": {"lat": self.place.lat, "lon": self.place.lon},
            "link_confidence": round(self.confidence, 2),
        }


def link_places(names: list[str]) -> dict[str, PlaceLink]:
    """The GeoNames place each name of one article most likely is. Ambiguity is resolved by the
    article: a candidate in a country the article names (as a country, or as a city no other
    place shares its name with) wins; then, for a name written in Arabic, one in an
    Arabic-speaking country unless another is ten times larger (بيت لحم is Bethlehem in
    Palestine, not Pennsylvania's; باريس is Paris); then the most populous. The confidence says
    which."""
    places = gazetteer()
    candidates = {name: found for name in names if (found := places.places(_without_place_word(name)))}
    context = {found[0].country for found in candidates.values() if _places_its_country(found)}
    links = {}
    for name, found in candidates.items():
        in_context = [place for place in found if place.country in context]
        best = (in_context or found)[0]
        if not in_context and _ARABIC_LETTER.search(name):
            regional = next((place for place in found if place.country in ARABIC_SPEAKING), None)
            if regional and best.population < MIN_CONTEXT_RATIO * max(1, regional.population):
                best = regional
        if len(found) == 1:
            confidence = 1.0
        elif in_context or best.kind == "country" or best is not (in_context or found)[0]:
            confidence = CONTEXT_CONFIDENCE
        else:
            confidence = best.population / max(1, sum(place.population for place in found))
        links[name] = PlaceLink(best, confidence)
    return links


def _places_its_country(found: list[Place]) -> bool:
    if found[0].kind == "country" or len(found) == 1:
        return True
    return found[0].population >= MIN_CONTEXT_RATIO * max(1, found[1].population)


def division_word(name: str) -> str:
    """The word that makes a name a division's ("محافظة مأرب" → "محافظة"), else ""."""
    if _ARABIC_LETTER.search(name):
        first = arabic_key(name.split()[0]) if len(name.split()) > 1 else ""
        return first if first in _DIVISION_WORDS else ""
    match = _LATIN_DIVISION.match(name)
    return match.group().lower().strip() if match else ""


def _without_place_word(name: str) -> str:
    """ "مدينة جدة" → "جدة", "city of Fes" → "Fes": the name the gazetteer holds."""
    words = name.split()
    if len(words) > 1 and arabic_key(words[0]) in _PLACE_WORDS:
        return " ".join(words[1:])
    return _LATIN_PLACE_WORDS.sub("", name, count=1) if not _ARABIC_LETTER.search(name) else name
