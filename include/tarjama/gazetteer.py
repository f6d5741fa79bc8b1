"""Places by name: GeoNames cities and countries with their Arabic, English and other
Latin-script names (resources/places.tsv, built by scripts/build_gazetteer.py; GeoNames data,
CC BY 4.0, and CLDR country names). Loaded once, on first use.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from tarjama.arabic_ner import name_key

PLACES = Path(__file__).parent / "resources" / "places.tsv"


@dataclass(frozen=True)
class Place:
    geonames_id: int
    kind: str  # "country" or "city"
    country: str  # ISO 3166-1 alpha-2
    population: int
    lat: float
    lon: float
    english: str
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
                )
                common = set(row["common"].split("|"))
                for key in filter(None, row["arabic"].split("|")):
                    self.by_arabic.setdefault(key, []).append(replace(place, common_word=key in common))
                for key in filter(None, row["latin"].split("|")):
                    self.by_latin.setdefault(key, []).append(place)
        self.longest_arabic = max(len(key.split()) for key in self.by_arabic)

    def places(self, name: str) -> list[Place]:
        """Every place of that name, countries first, then by population."""
        if any("\u0621" <= c <= "\u064a" for c in name):
            key = arabic_key(name)
            found = self.by_arabic.get(key) or self.by_arabic.get(key[2:] if key.startswith("ال") else "ال" + key, [])
        else:
            found = self.by_latin.get(latin_key(name), [])
        return sorted(found, key=lambda p: (p.kind != "country", -p.population))


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()
