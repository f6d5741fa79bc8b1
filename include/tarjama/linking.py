"""Pairing each Arabic name with its English form, and one entry per person, organisation or
place however many ways a document spells it.

The English form of an Arabic name is, in order of trust: a name the English NER found in the
translation that sounds like it (`skeleton`); for a well-known person or organisation, the
English name on record; a name in the translation that the Arabic name's own translation names (each name is
translated alone, so a badly translated sentence around it does not matter); that translation
itself when it reads as a name; else a transliteration, so that an English search still has
something to match. A person's translation counts only when it sounds like the Arabic: names
of people are transliterated, not translated.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache

from rapidfuzz.distance import Levenshtein

from tarjama.arabic_ner import ArabicName, famous_people, fold, known_organisations, name_key, person_name_units
from tarjama.gazetteer import division_word, latin_key, link_places
from tarjama.models import Entities
from tarjama.text import ARABIC_MARKS

KINDS = ("person", "org", "place")
MATCH_RATIO = 0.8
_SOUND = {
    **dict.fromkeys("بپفbpfv", "B"), **dict.fromkeys("تطدضثذظtd", "T"), **dict.fromkeys("كقگغجkqcgj", "K"),
    **dict.fromkeys("سصزشژچszx", "S"), **dict.fromkeys("لl", "L"), **dict.fromkeys("مm", "M"),
    **dict.fromkeys("نn", "N"), **dict.fromkeys("رr", "R"), **dict.fromkeys("هحخعءئؤh", "H"),
    "B": "B", "T": "T", "K": "K", "S": "S", "H": "H",
}  # fmt: skip
SKELETON_RATIO = 0.8
_LATIN_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,5}$")
# A readable transliteration: consonants by the usual English spellings, long vowels as written,
# hamza and ع as "'" inside a word only, the article as "al-"; a word that opens with two
# consonants gets the "a" its unwritten short vowel most often is (صنعاء → San'a, وكالة → Wakala).
_CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "gh", "ف": "f", "ق": "q", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h", "ع": "'", "ء": "'", "ئ": "'", "ؤ": "'", "أ": "'",
    "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ڤ": "v",
}  # fmt: skip
_VOWELS = {"ا": "a", "آ": "a", "إ": "i", "ى": "a", "ة": "a"}


def transliterate(name: str, person: bool = False) -> str:
    """A readable Latin spelling when nothing better is known: وكالة تاس → Wkala Tas. A person's
    name is spelled unit by unit as Wikidata's people spell it where it can be (حسن نصر الله →
    Hassan Nasrallah), letter by letter where not (بوتن → Butn)."""
    if not re.search("[\u0621-\u064a]", name):
        return name  # already in Latin script ("SWI")
    words = ARABIC_MARKS.sub("", name).split()
    latin = []
    while words:
        for size in (2, 1) if person else ():
            unit = name_key(" ".join(words[:size]))
            if len(words) >= size and unit in person_name_units():
                latin.append(person_name_units()[unit][2])
                words = words[size:]
                break
        else:
            latin.append(_transliterate_word(words.pop(0)))
    return " ".join(latin)


def known_english(name: str, kind: str) -> str | None:
    """The English name of a well-known person (ArWikiCats: فلاديمير بوتين → Vladimir Putin) or
    organisation (الاتحاد الأوروبي → European Union, also after the word that says what it is:
    وكالة بلومبيرغ → Bloomberg)."""
    names = {"person": famous_people, "org": known_organisations}.get(kind)
    if names is None:
        return None
    key = name_key(name)
    found = names().get(key)
    if found is None and kind == "org" and len(key.split()) > 1:
        found = names().get(key.split(" ", 1)[1])
    return found


def _transliterate_word(word: str) -> str:
    article = word.startswith(("ال", "أل")) and len(word) > 3
    sounds: list[str] = []  # one entry per letter: a consonant, a vowel, or "" for a silent one
    body = word[2:] if article else word
    for i, char in enumerate(body):
        before = sounds[-1] if sounds else ""
        after = body[i + 1] if i + 1 < len(body) else ""
        if char in "وي" and i == 1 and sounds[0] in ("a", "i"):  # "أو", "إي": the word opens with a long vowel
            sounds[0] = "u" if char == "و" else "i"
            sounds.append("")
        elif char in "وي":  # a long vowel after a consonant, else a consonant (w, y)
            vowel = "u" if char == "و" else "i"
            opens_syllable = not before or before in "aiu" or (after and after in "اويى")
            sounds.append("" if before == vowel else (("w" if char == "و" else "y") if opens_syllable else vowel))
        elif char in "ءأ" and (not before or i == len(body) - 1):
            sounds.append("a" if not before and char == "أ" else "")  # initial أ is a vowel, final ء silent
        elif char == "ع" and not before:
            sounds.append("a" if after and after not in "اويى" else "")  # initial ع
        else:
            sounds.append(_VOWELS.get(char) or _CONSONANTS.get(char, char))
    letters = [sound for sound in sounds if sound]
    if len(letters) > 1 and not _is_vowel(letters[0]) and not _is_vowel(letters[1]):
        letters.insert(1, "a")
    latin = "".join(letters).strip("'")
    latin = latin[:1].upper() + latin[1:]
    return f"al-{latin}" if article else latin


def _is_vowel(sound: str) -> bool:
    return sound in ("a", "i", "u")


def same_name(a: str, b: str) -> bool:
    """Variants of one name: one the other's first or last words (Kim / Kim Jong Un), each word
    at most one letter apart in words of four letters or more (بوتن / بوتين, جونغ / جونج)."""
    a_words, b_words = _key(a).split(), _key(b).split()
    if not a_words or not b_words:
        return False
    short, long = sorted((a_words, b_words), key=len)
    return _words_match(short, long[: len(short)]) or _words_match(short, long[-len(short) :])


def _words_match(a: list[str], b: list[str]) -> bool:
    return all(
        x == y or (min(len(x), len(y)) >= 4 and Levenshtein.distance(x, y) <= 1) for x, y in zip(a, b, strict=True)
    )


def skeleton(name: str) -> str:
    """The consonants of a name in sound classes, the same for its Arabic and Latin spellings:
    بوتين and Putin are both "BTN"."""
    text = fold(name).casefold()
    text = re.sub(r"\b(?:ال|al-|el-|al |el )", "", text)
    for pair, sound in (("kh", "H"), ("gh", "K"), ("sh", "S"), ("ch", "S"), ("th", "T"), ("dh", "T"), ("ph", "B")):
        text = text.replace(pair, sound)
    return "".join(_SOUND.get(c, "") for c in text)


def merge_variants(names: list[str]) -> list[str]:
    """One entry per name, the longest spelling kept, in order of first mention."""
    kept: list[str] = []
    for name in names:
        for index, seen in enumerate(kept):
            if same_name(name, seen):
                kept[index] = max(seen, name, key=len)
                break
        else:
            kept.append(name)
    return kept


def link(arabic: list[ArabicName], english: Entities, translations: dict[str, str]) -> dict[str, list[dict]]:
    """Per kind, `{"ar": ..., "en": ...}` for every Arabic name (`translations` holds each
    Arabic name translated alone, where the model was sure of it), then `{"en": ...}` for
    English names left unpaired. Each English name pairs with one Arabic name at most: first
    by sound (a transliteration), then by the Arabic name's own translation (organisations
    and places only: a person's English name must sound like the Arabic)."""
    linked: dict[str, list[dict]] = {}
    for kind in KINDS:
        names = merge_variants([n.text for n in arabic if n.kind == kind])
        english_names = merge_variants(list(getattr(english, kind)))
        paired: dict[str, str] = {}
        for name in names:
            if match := _sounds_like(name, [e for e in english_names if e not in paired.values()]):
                paired[name] = match
        for name in names:
            if name not in paired and (known := known_english(name, kind)):
                free = [e for e in english_names if e not in paired.values()]
                paired[name] = next((e for e in free if same_name(known, e)), known)
        for name in names:
            translated = translations.get(name, "").strip(" .،,")
            if name in paired or not translated:
                continue
            if kind == "person" and not _sounds_like(name, [translated]):
                continue
            free = [e for e in english_names if e not in paired.values()]
            if match := _best_match(translated, free):
                paired[name] = match
            elif _LATIN_NAME.match(translated):
                paired[name] = translated
        pairs = [{"ar": name, "en": paired.get(name) or transliterate(name, kind == "person")} for name in names]
        pairs.extend({"en": name} for name in english_names if name not in paired.values())
        linked[kind] = pairs
    return _located(linked)


def _located(linked: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Places linked to the gazetteer: each gets its GeoNames id, country and location, and the
    gazetteer's English name in place of a translation's or a transliteration; a place named
    two ways ("US", "United States") is kept once, where first named, under its fullest name."""
    places = linked["place"]
    links = link_places([_written(item) for item in places])
    for item in places:
        if found := links.get(_written(item)):
            item.update(en=found.place.english, **found.fields())
            item.setdefault("ar", found.place.arabic)  # an Arabic search finds an English article's places
    first_named: dict[tuple, dict] = {}
    for item in places:  # "محافظة مأرب" is the governorate, "مأرب" its town: two places
        place = (item.get("geonames_id", id(item)), division_word(_written(item)))
        first = first_named.setdefault(place, item)
        if first is not item and _fuller(_written(item), _written(first)):
            first.update({language: item[language] for language in ("ar", "fr") if language in item})
    linked["place"] = list(first_named.values())
    return linked


def _written(item: dict) -> str:
    return item.get("ar") or item.get("fr") or item["en"]


def _fuller(name: str, other: str) -> bool:
    """More words; of as many, fewer letters (no clitic: "أم درمان", not "وأم درمان")."""
    return (len(name.split()), -len(name)) > (len(other.split()), -len(other))


def with_known_arabic(linked: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """For an article in another language than Arabic: its well-known people and organisations
    get their Arabic names, so that an Arabic search finds them."""
    for kind in ("person", "org"):
        for item in linked[kind]:
            if "ar" not in item and (arabic := known_arabic(item["en"], kind)):
                item["ar"] = arabic
    return linked


def known_arabic(name: str, kind: str) -> str | None:
    """The Arabic name the lists give a well-known person or organisation named in English or
    French (Lionel Messi → ليونيل ميسي, OPEC → أوبك; the shortest, the one the news uses most),
    also for a person named by the surname only one of them has (Messi)."""
    names, surnames = _arabic_names(kind)
    key = latin_key(name)
    return names.get(key) or (surnames.get(key) if kind == "person" and " " not in key else None)


@cache
def _arabic_names(kind: str) -> tuple[dict[str, str], dict[str, str]]:
    listed = famous_people() if kind == "person" else known_organisations()
    names: dict[str, str] = {}
    by_surname: dict[str, set[str]] = {}
    for arabic_name, english in sorted(listed.items(), key=lambda pair: len(pair[0])):
        key = latin_key(english)
        names.setdefault(key, arabic_name)
        by_surname.setdefault(key.rsplit(" ", 1)[-1], set()).add(names[key])
    return names, {surname: next(iter(found)) for surname, found in by_surname.items() if len(found) == 1}


def link_original(original: Entities, english: Entities, language: str) -> dict[str, list[dict]]:
    """For an original in another Latin-script language (French), per kind `{language: ...,
    "en": ...}`: the English form is the translation's name that is the same name, else the
    name as written (people and most organisations are written alike; a place gets the
    gazetteer's); then the translation's names left unpaired."""
    linked: dict[str, list[dict]] = {}
    for kind in KINDS:
        english_names = merge_variants(list(getattr(english, kind)))
        pairs, paired = [], set()
        for name in merge_variants(list(getattr(original, kind))):
            match = next((e for e in english_names if e not in paired and same_name(e, name)), None)
            paired.add(match)
            pairs.append({language: name, "en": match or name})
        linked[kind] = pairs + [{"en": name} for name in english_names if name not in paired]
    return with_known_arabic(_located(linked))


def _sounds_like(arabic: str, candidates: list[str]) -> str | None:
    """The English name whose consonants match the Arabic name's: a transliteration of it.
    Short skeletons must be equal (روسيا / Russia); longer ones nearly so."""
    target = skeleton(arabic)
    best, best_score = None, 0.0
    for candidate in candidates:
        other = skeleton(candidate)
        if min(len(target), len(other)) <= 3:
            score = 1.0 if target == other else 0.0
        else:
            score = SequenceMatcher(None, target, other).ratio()
        if score > best_score:
            best, best_score = candidate, score
    return best if best_score >= SKELETON_RATIO else None


def _best_match(translated: str, candidates: list[str]) -> str | None:
    """The English name the name's own translation names (United Nations, الأمم المتحدة)."""
    if not translated:
        return None
    scored = [
        (1.0 if same_name(translated, c) else SequenceMatcher(None, _key(translated), _key(c)).ratio(), c)
        for c in candidates
    ]
    score, best = max(scored, default=(0.0, None))
    return best if score >= MATCH_RATIO else None


def _similarity(a: str, b: str) -> float:
    return 1.0 if same_name(a, b) else SequenceMatcher(None, _key(a), _key(b)).ratio()


def _key(name: str) -> str:
    folded = fold(name).casefold()
    words = [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in re.findall(r"\w+", folded)]
    return " ".join(words)
