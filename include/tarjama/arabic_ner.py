"""Arabic names (person, organisation, place) by the project's own spaCy model, trained on
NewsFANE Gold (scripts/train_arabic_ner.py).

NewsFANE's text is normalised (alef forms folded, alef maqsura written ya, no diacritics) and
segmented (the clitics و ف ب ل and the pronouns ه ها هم stand as tokens of their own). Real
articles are neither, so `segment` puts them in the same form before the model sees them:
words split off their punctuation, letters folded, and a clitic split off where the corpus
counts say the remainder is the more common word. Every token keeps its offsets in the
original text, so that names come back exactly as the article wrote them.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import spacy
from spacy.tokens import Doc

from tarjama.text import fold_arabic, sentence_spans

LABELS = {"PER": "person", "ORG": "org", "LOC": "place"}
PREFIXES = ("و", "ف", "ب", "ل")
SUFFIXES = ("هما", "هم", "ها", "ه")
_TOKEN = re.compile(r"[\w\u064b-\u065f\u0670\u0640]+|[^\w\s\u064b-\u065f\u0670\u0640]")
_ARABIC = re.compile(r"^[\u0621-\u064a]+$")
_ARABIC_OR_LATIN = re.compile(r"^\w+$")
_TANWEEN = re.compile(r"[\u064b-\u064d]")  # searched up to two marks past a span's last letter (ّ then ٍ)


def fold(word: str) -> str:
    """The corpus's spelling: diacritics and tatweel removed, alef, ya and heh forms folded."""
    return fold_arabic(word)


def name_key(name: str) -> str:
    """The name lists' spelling: folded, ta marbuta written heh as name indexes do, one space
    between words."""
    return " ".join(fold(name).replace("ة", "ه").split())


PERSON_NAME_UNITS = Path(__file__).parent / "resources" / "person_name_units.tsv"
FAMOUS_PEOPLE = Path(__file__).parent / "resources" / "famous_people.tsv"
NEWSMAKERS = Path(__file__).parent / "resources" / "newsmakers.tsv"
_MIN_SURNAME_LETTERS = 4  # a newsmaker's surname alone names him when it is this long and no word
NAME_TRIGRAMS = Path(__file__).parent / "resources" / "name_trigrams.tsv"
KNOWN_ORGANISATIONS = Path(__file__).parent / "resources" / "known_organisations.tsv"
FOOTBALL_CLUBS = Path(__file__).parent / "resources" / "football_clubs.tsv"
# Football's words, with a clitic or the article: a story with several of them is about football.
_FOOTBALL_WORDS = re.compile(
    r"(?<!\w)[وفبل]?(?:ال)?(مباراه|مباريات|دوري|ملعب|لاعب|لاعبي|لاعبو|لاعبين|مدرب|بطوله|شوط|ركله|نادي|فريقان|فريقين"
    r"|ديربي|كلاسيكو|كره القدم)(?!\w)"
)
# ... and in English and French.
_LATIN_FOOTBALL_WORDS = re.compile(
    r"\b(?:match(?:es|s)?|goals?|buts|league|ligue|championnat|derby|coach|entraîneur|striker|attaquant"
    r"|goalkeeper|gardien|stade|stadium|penalty|pénalty|mi-temps|half-time|joueurs?|players?)\b",
    re.IGNORECASE,
)
_MIN_FOOTBALL_WORDS = 3
_MIN_FOOTBALL_WORD_KINDS = 2
# Words before a club's name in football's news: "فوز الهلال", "لاعب الفيصلي", "أمام العين".
_CLUB_CUES = frozenset(
    name_key(word)
    for words in (
        "فريق نادي لاعب لاعبي لاعبو مدرب مهاجم حارس مدافع نجم جماهير جمهور",
        "فوز تعادل خسارة هزيمة أمام ضد مباراة لقاء مواجهة ديربي قمة شباك",
        "يلتقي يلاقي يواجه يستضيف تغلب فاز هزم",  # "يلتقي النهضة مع الاتحاد"
    )
    for word in words.split()
)
_CLUBS_JOINED_BY = frozenset(name_key(word) for word in ("و", "أمام", "ضد", "على", "مع"))
_CLUBS_FACING = frozenset(name_key(word) for word in ("أمام", "ضد", "مع"))
_IN_TOWN = frozenset(name_key(word) for word in ("ب", "في"))


@cache
def person_name_units() -> dict[str, tuple[int, int, str]]:
    """Name unit → (uses as a given name, uses as a surname, Latin spelling), from Wikidata
    (scripts/build_name_lists.py)."""
    return {unit: (int(given), int(surname), latin) for unit, given, surname, latin in _rows(PERSON_NAME_UNITS)}


def _rows(path: Path) -> list[list[str]]:
    """The cells of a resource table's rows, its header left out."""
    with path.open(encoding="utf-8") as lines:
        next(lines)
        return [line.rstrip("\n").split("\t") for line in lines]


@cache
def famous_people() -> dict[str, str]:
    """Arabic name in lookup form → English name, for 3,000 well-known people (ArWikiCats) and
    about 160 heads of state, ministers and leaders the Arab news names most."""
    return {**newsmakers(), **_arwikicats_people()}


@cache
def _arwikicats_people() -> dict[str, str]:
    return dict(_rows(FAMOUS_PEOPLE))


@cache
def newsmakers() -> dict[str, str]:
    """The heads of state, ministers and leaders the Arab news names most, written for this
    project: found wherever they are named, in full or by a surname no other word has."""
    return {name_key(arabic): english for arabic, english in _rows(NEWSMAKERS)}


@cache
def _football_club_rows() -> list[tuple[str, str, bool]]:
    """(Arabic name, English name, whether the Arabic is also a common word or a place) for the
    clubs of the Arab football leagues' first divisions, written for this project."""
    return [(arabic, english, cue == "1") for arabic, english, cue in _rows(FOOTBALL_CLUBS)]


@cache
def football_clubs() -> dict[str, bool]:
    """Arabic name in lookup form → whether it is also a common word or a place."""
    return {name_key(arabic): cued for arabic, _, cued in _football_club_rows()}


@cache
def football_club_english_names() -> dict[str, bool]:
    """The clubs' English names → whether the Arabic name is also a common word or a place."""
    return {english: bool(cued) for _, english, cued in _football_club_rows()}


@cache
def known_organisations() -> dict[str, str]:
    """Arabic name in lookup form → English name, for 172 organisations the news names most
    (the UN and its agencies, alliances, armed groups, news agencies and media, civil defence,
    platforms, football bodies and clubs), written for this project; words that are also common nouns (فتح, حماس,
    الجزيرة) are left out."""
    return {name_key(arabic): english for arabic, english in _rows(KNOWN_ORGANISATIONS)}


@cache
def famous_name_words() -> frozenset[str]:
    """The words of the famous people's names the model was trained with (a feature of its)."""
    return frozenset(word for name in _arwikicats_people() for word in name.split())


def in_name_lists(word: str) -> bool:
    """The word (in lookup form) is a name unit or a word of a listed person's name, the
    newsmakers' too."""
    return word in name_word_uses() or word in _listed_name_words()


@cache
def _listed_name_words() -> frozenset[str]:
    return frozenset(word for name in famous_people() for word in name.split())


@cache
def name_word_uses() -> dict[str, tuple[int, int]]:
    uses: dict[str, tuple[int, int]] = {}
    for unit, (given, surname, _) in person_name_units().items():
        for word in unit.split():
            g, s = uses.get(word, (0, 0))
            uses[word] = (g + given, s + surname)
    return uses


def _bucket(uses: int) -> int:
    return 0 if uses == 0 else 1 if uses < 5 else 2 if uses < 50 else 3


def name_class(word: str) -> str:
    """The model's SHAPE feature, which says nothing in Arabic script, replaced by how often
    Wikidata's people carry the word as a given name and as a surname, and whether it is in a
    well-known person's name: it lets the model recognise names the training corpus never saw."""
    key = name_key(word)
    given, surname = name_word_uses().get(key, (0, 0))
    return f"g{_bucket(given)}s{_bucket(surname)}p{int(key in famous_name_words())}"


def letter_trigrams(word: str) -> list[str]:
    padded = f"^{word}$"
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


@cache
def _trigram_log_ratios() -> tuple[dict[str, float], float]:
    """log P(trigram | names) - log P(trigram | common words), add-half smoothed; and the
    ratio of a trigram seen in neither."""
    counts = {gram: (int(a), int(b)) for gram, a, b in _rows(NAME_TRIGRAMS)}
    in_names = sum(a for a, _ in counts.values()) + 0.5 * len(counts)
    in_words = sum(b for _, b in counts.values()) + 0.5 * len(counts)
    ratio = {gram: math.log((a + 0.5) / in_names) - math.log((b + 0.5) / in_words) for gram, (a, b) in counts.items()}
    return ratio, math.log(in_words / in_names)


def name_likeness(word: str) -> str:
    """The model's LOWER feature (the same as the word itself in Arabic script) replaced by how
    much the word's letters look like a name's rather than a common word's: `لوكاشنكو` and
    `شونسوكي` look like names although no list holds them."""
    key = name_key(word)
    if not _ARABIC.match(key):
        return "-"
    ratios, unseen = _trigram_log_ratios()
    grams = letter_trigrams(key)
    score = sum(ratios.get(gram, unseen) for gram in grams) / len(grams)
    return f"n{max(-4, min(4, round(2 * score)))}"


def norm(word: str) -> str:
    """The model's NORM feature: the folded word without its article, so that الحكومة and
    حكومة share what the model learns."""
    word = fold(word)
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


class WhitespaceTokenizer:
    """Text already segmented by `Segmenter`: one token per space-separated word."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return Doc(self.vocab, words=text.split())

    def to_disk(self, path, **kwargs):
        pass

    def from_disk(self, path, **kwargs):
        return self

    def to_bytes(self, **kwargs):
        return b""

    def from_bytes(self, data, **kwargs):
        return self


_TITLE_WORDS = """
الرئيس الرئيسة المنتخب السيد السيدة الدكتور الدكتورة الشيخ الشيخة الأمير الأميرة الملك الملكة الفريق اللواء
العقيد المهندس المهندسة الأستاذ الأستاذة معالي سمو فخامة سماحة القاضي الوزير الوزيرة النائب المستشار الزعيم
الكاتب الكاتبة الشاعر الفنان الفنانة اللاعب المدرب الحاج العماد العميد المقدم الرائد النقيب الملازم المشير
"""
TITLES = {fold(word) for word in _TITLE_WORDS.split()}  # never part of a person's name
# A preposition or a particle with a pronoun after it: "منه", "عليها", "لكنه" (written folded).
_PARTICLE_WITH_PRONOUN = re.compile(
    r"^[وف]?(?:من|عن|في|علي|الي|لدي|مع|لكن|ان|كان|بين|عند|حول|ضد|منذ|ل|ب)(?:ه|ها|هم|هما|هن|ك|كم|نا|ي)$"
)
_PUNCTUATION = "\"'«»“”()[].,،:;؛!?؟"
# "son of", "daughter of": the word after them is a name, title or not ("محمد ولد الشيخ الغزواني").
_SON_OF = {fold(word) for word in ("بن", "ابن", "بنت", "ولد")}
# ... but for a pilgrim's title between a given name and a name, a family's: "عباس الحاج حسن".
_FAMILY_NAME_TITLES = {fold(word) for word in ("الحاج", "الحج")}
# Offices the news names their holders by ("the country's emir"), which are no names.
_ROLES = frozenset(
    name_key(role)
    for role in (
        "أمير البلاد", "أمير الدولة", "ولي العهد", "رئيس الجمهورية", "رئيس الوزراء", "رئيس الحكومة",
        "رئيس الدولة", "خادم الحرمين الشريفين", "رئيس البلاد", "ملك البلاد",
    )
)  # fmt: skip
# Titles that places and organisations are named with ("مطار الملك خالد", "شرم الشيخ"); any other
# title inside a place's or an organisation's name starts a person's ("رئيس الجمهورية العماد ميشال
# عون", "مجلس النواب الدكتور").
_NAMING_TITLES = {
    fold(word) for word in ("الملك", "الملكة", "الأمير", "الأميرة", "الشيخ", "الشيخة", "الرئيس", "السلطان")
}


@spacy.registry.tokenizers("tarjama.whitespace_tokenizer.v1")
def whitespace_tokenizer():
    return lambda nlp: WhitespaceTokenizer(nlp.vocab)


@spacy.registry.callbacks("tarjama.arabic_norms.v1")
def arabic_norms():
    def apply(nlp):
        from spacy.attrs import LOWER, NORM, SHAPE

        nlp.vocab.lex_attr_getters[NORM] = norm
        nlp.vocab.lex_attr_getters[SHAPE] = name_class
        nlp.vocab.lex_attr_getters[LOWER] = name_likeness
        return nlp

    return apply


COMMON_GIVEN_NAME = 20  # Wikidata people with the name as their given name


@dataclass(frozen=True)
class Token:
    text: str  # as the model sees it
    start: int  # offsets in the original text
    end: int


class Segmenter:
    """Real text into NewsFANE's tokens, by the corpus's own word counts."""

    def __init__(self, counts: dict[str, int]):
        self.counts = counts

    def segment(self, text: str) -> list[Token]:
        tokens: list[Token] = []
        for match in _TOKEN.finditer(text):
            if fold(match.group(0)):  # a lone diacritic or tatweel is no token
                tokens.extend(self._split(match.group(0), match.start()))
        return tokens

    def _split(self, word: str, start: int) -> list[Token]:
        # Offsets of the letters that folding keeps, so that a split maps back to the original.
        kept = [i for i, char in enumerate(word) if fold(char)]
        return [Token(text, start + kept[a], start + kept[b - 1] + 1) for text, a, b in self._pieces(fold(word))]

    def _pieces(self, folded: str, offset: int = 0) -> list[tuple[str, int, int]]:
        """(piece, first letter, end) of a folded word, a clitic split off where the counts say so."""
        whole = [(folded, offset, offset + len(folded))]
        if not _ARABIC.match(folded) or len(folded) < 4:
            return whole
        count = self.counts.get(folded, 0)
        if folded[0] in PREFIXES and self._count(folded[1:]) > self._count(folded) and not self._given_name(folded):
            return [(folded[0], offset, offset + 1), *self._pieces(folded[1:], offset + 1)]
        for suffix in SUFFIXES:
            stem = folded[: -len(suffix)]
            if folded.endswith(suffix) and len(stem) >= 3 and self.counts.get(stem, 0) > count:
                cut = offset + len(stem)
                return [(stem, offset, cut), (suffix, cut, offset + len(folded))]
        return whole

    @staticmethod
    def _given_name(folded: str) -> bool:
        """A word that is a common given name, more common than what is left without its first
        letter: وسام is Wissam, not و + سام; ليلى is Leila."""
        units = person_name_units()
        whole, rest = units.get(name_key(folded)), units.get(name_key(folded[1:]))
        return bool(whole) and whole[0] >= COMMON_GIVEN_NAME and whole[0] > (rest[0] if rest else 0)

    def _count(self, word: str) -> int:
        """The corpus's count, or 1 for a name it never saw (وقيس is و and قيس, وقالمة is و and
        a town the gazetteer knows; بايدن stays whole, a well-known person's name)."""
        key = name_key(word)
        return self.counts.get(word, 0) or int(
            key in name_word_uses()
            or key in famous_name_words()
            or key in football_clubs()
            or (_town(key) and not clitic_and_word(word, self.counts))  # وجدة: Oujda, and و + جدة
        )


def clitic_and_word(word: str, word_counts: dict[str, int], min_uses: int = 1) -> bool:
    """The word reads as a clitic letter joined to a word the corpus has seen at least min_uses
    times: بأنه is ب + أنه."""
    return word[:1] in PREFIXES and word_counts.get(word[1:], 0) >= min_uses


def _places(key: str) -> list:
    from tarjama.gazetteer import gazetteer  # it builds on this module's name_key

    return gazetteer().by_arabic.get(key, [])


def _town(key: str) -> bool:
    """A place the gazetteer knows by this name, that is no common word."""
    return any(not place.common_word for place in _places(key))


def _country(key: str) -> bool:
    return any(place.kind == "country" for place in _places(key))


@dataclass(frozen=True)
class ArabicName:
    kind: str  # person, org or place
    text: str  # as written in the article
    start: int
    end: int


class ArabicEntityExtractor:
    def __init__(self, model_dir: Path):
        if not (model_dir / "meta.json").exists():
            raise FileNotFoundError(
                f"no Arabic NER model in {model_dir}; build it with `python scripts/train_arabic_ner.py`"
            )
        self.nlp = spacy.load(model_dir)
        self.segmenter = Segmenter(json.loads((model_dir / "word_counts.json").read_text(encoding="utf-8")))
        places = model_dir / "place_names.json"  # written beside the model by scripts/train_arabic_ner.py
        self.place_names = frozenset(json.loads(places.read_text(encoding="utf-8")) if places.exists() else ())
        self.newsmakers = _NameList("person", [*newsmakers(), *self._surnames_alone(newsmakers())])
        meta = self.nlp.meta
        self.model_version = f"{meta['name']} {meta['version']}"

    def _surnames_alone(self, names: Iterable[str]) -> list[str]:
        """The surnames that name their bearer alone: no word the corpus has seen, no name unit,
        no place ("ترامب", "نتنياهو"; not "عون", "الأسد", "صالح")."""
        found = []
        for name in names:
            *given, surname = name.split()
            common = self.segmenter.counts.get(surname) or surname in name_word_uses() or _town(surname)
            if given and len(surname) >= _MIN_SURNAME_LETTERS and not common:
                found.append(surname)
        return found

    def extract_many(self, texts: list[str]) -> list[list[ArabicName]]:
        """Names in each text, found sentence by sentence as the model was trained, with the
        known organisations and the names their head nouns or the gazetteer announce."""
        from tarjama.arabic_patterns import with_patterns  # it builds on this module's tokens

        owners: list[int] = []
        sentences: list[list[Token]] = []
        football = [about_football(text) for text in texts]
        for index, text in enumerate(texts):
            for start, end in sentence_spans(text):
                tokens = self.segmenter.segment(text[start:end])
                if tokens:
                    owners.append(index)
                    sentences.append([Token(t.text, t.start + start, t.end + start) for t in tokens])
        docs = (Doc(self.nlp.vocab, words=[t.text for t in tokens]) for tokens in sentences)
        results: list[list[ArabicName]] = [[] for _ in texts]
        for index, tokens, doc in zip(owners, sentences, self.nlp.pipe(docs, batch_size=256), strict=True):
            spans = [(LABELS.get(ent.label_), ent.start, ent.end) for ent in doc.ents]
            spans = _with_listed(spans, _organisation_list().spans(texts[index], tokens, spans))
            spans = _with_listed(spans, self.newsmakers.spans(texts[index], tokens, spans))
            if football[index]:
                clubs = _club_list().spans(texts[index], tokens, spans)
                spans = _with_listed(spans, _cued_clubs(texts[index], tokens, clubs))
            spans = with_patterns(texts[index], tokens, spans, self.segmenter.counts, self.place_names)
            for model_kind, first, last in spans:
                for kind, part in _split_at_title(model_kind, tokens[first:last]):
                    span = _trim(part, kind)
                    if kind == "org" and _organ_of(texts[index], span):
                        span = span[_ORGAN_OF_WORDS:]  # "مجلس إدارة المؤسسة الوطنية للنفط": the body
                    if kind and span and not (kind == "org" and _is_organ(texts[index], span)):
                        if _particle_with_pronoun(texts[index], span[0].start, span[-1].end):
                            continue  # "منه", "لكنه": "from him", "but he", not a name
                        if kind == "person" and name_key(texts[index][span[0].start : span[-1].end]) in _ROLES:
                            continue  # "أمير البلاد": an office, not a name
                        if kind == "person" and len(span) > 1 and name_key(span[0].text) in _PLACE_FIRST_WORDS:
                            kind = "place"  # "بير مراد رايس", "حاسي مسعود": towns
                        if kind == "place" and _TANWEEN.search(texts[index], span[0].start, span[-1].end + 2):
                            continue  # "بصورٍ": pictures, a noun made indefinite; a place's name takes no tanween
                        named = name_key(texts[index][span[0].start : span[-1].end])
                        if kind == "place" and named in _KINDS_OF_PLACE:
                            continue  # "البلاد", "المدينة": the country, the city, named by no name
                        start, end = span[0].start, span[-1].end
                        results[index].append(ArabicName(kind, _as_named(kind, texts[index][start:end]), start, end))
        return results


def _particle_with_pronoun(text: str, start: int, end: int) -> bool:
    """The whole word a name stands in is a preposition or a particle with a pronoun after it."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return bool(_PARTICLE_WITH_PRONOUN.match(fold(text[start:end].strip(_PUNCTUATION))))


class _NameList:
    """Names matched on a text as written (so `للبترول` matches however it was segmented), with
    what a scan of its tokens needs: their first words, and an upper bound on their length in
    tokens (a clitic counts as one)."""

    def __init__(self, kind: str, names: Iterable[str]):
        self.kind = kind
        self.names = frozenset(names)
        self.first_words = frozenset(name.split()[0] for name in self.names)
        self.longest = max(2 * len(name.split()) for name in self.names)

    def spans(self, text: str, tokens: list[Token], spans: list[tuple]) -> list[tuple]:
        """(kind, first, last) of each listed name that crosses the edge of none of `spans`."""
        found, first = [], 0
        while first < len(tokens):
            if name_key(text[tokens[first].start : tokens[first].end]) not in self.first_words:
                first += 1
                continue
            longest = min(len(tokens), first + self.longest)
            last = next(
                (n for n in range(longest, first, -1) if self._at(text, tokens[first], tokens[n - 1])),
                None,
            )
            if last is None:
                first += 1
                continue
            if all(last <= a or b <= first or (first <= a and b <= last) for _, a, b in spans):
                found.append((self.kind, first, last))
            first = last
        return found

    def _at(self, text: str, first: Token, last: Token) -> bool:
        return name_key(text[first.start : last.end]) in self.names


def _with_listed(spans: list[tuple], listed: list[tuple]) -> list[tuple]:
    """The model's (kind, first, last) spans with the listed names: the list wins over a model
    name inside one of its names (`بلومبيرغ` read as a person, `مانشستر` of `مانشستر سيتي` as a
    place), and loses to one that crosses its edge."""
    inside = [(kind, a, b) for kind, a, b in spans if any(f <= a and b <= to for _, f, to in listed)]
    return sorted([span for span in spans if span not in inside] + listed, key=lambda span: span[1])


@cache
def _organisation_list() -> _NameList:
    return _NameList("org", known_organisations())


@cache
def _club_list() -> _NameList:
    return _NameList("org", football_clubs())


def about_football(text: str) -> bool:
    """A match report or a league's news: enough of football's words in it, Arabic, English or French."""
    found = _FOOTBALL_WORDS.findall(name_key(text)) + [word.lower() for word in _LATIN_FOOTBALL_WORDS.findall(text)]
    return len(found) >= _MIN_FOOTBALL_WORDS and len(set(found)) >= _MIN_FOOTBALL_WORD_KINDS


def _cued_clubs(text: str, tokens: list[Token], found: list[tuple]) -> list[tuple]:
    """The clubs found in a football story whose names are only theirs (`الفيصلي`), and those
    whose names are common words or places (`الهلال`, `العين`) where football's words stand
    before them (`فوز الهلال`, `أمام العين`), another club is joined to them (`الفيصلي
    والوحدات`, `الشباب أمام الهلال`) or two face each other (`الشباب مع السويق`)."""
    clubs = football_clubs()
    words = [name_key(text[token.start : token.end]) for token in tokens]

    def also_a_place_or_word(span: tuple) -> bool:
        return clubs[name_key(text[tokens[span[1]].start : tokens[span[2] - 1].end])]

    in_town = [span for span in found if also_a_place_or_word(span) and span[1] and words[span[1] - 1] in _IN_TOWN]
    found = [span for span in found if span not in in_town]  # "بصحار": in the town of Sohar
    accepted = [span for span in found if not also_a_place_or_word(span)]
    by_start = {first: (kind, first, end) for kind, first, end in found}
    facing = [  # two of them facing each other: "يلتقي الشباب مع السويق"
        pair
        for kind, first, end in found
        if end + 1 < len(words) and words[end] in _CLUBS_FACING and end + 1 in by_start
        for pair in ((kind, first, end), by_start[end + 1])
    ]
    accepted += [span for span in facing if span not in accepted]
    waiting = [span for span in found if span not in accepted]
    while waiting:
        ends = {end for _, _, end in accepted}
        starts = {first for _, first, _ in accepted}
        joined = [
            (kind, first, end)
            for kind, first, end in waiting
            if (first and words[first - 1] in _CLUB_CUES)
            or (first > 1 and words[first - 1] in _CLUBS_JOINED_BY and first - 1 in ends)
            or (end + 1 < len(words) and words[end] in _CLUBS_JOINED_BY and end + 1 in starts)
        ]
        if not joined:
            break
        accepted += joined
        waiting = [span for span in waiting if span not in joined]
    return accepted


def _as_named(kind: str, text: str) -> str:
    """An organisation or place written after لِ with its article: "للأمم المتحدة" names
    "الأمم المتحدة"."""
    return "ال" + text[2:] if kind != "person" and text.startswith("لل") and len(text.split()[0]) > 4 else text


# A town's first word (well, river, anchorage, a Berber "col", hamlet), never a person's.
_PLACE_FIRST_WORDS = frozenset(map(name_key, ("حاسي", "وادي", "بئر", "بير", "مرسى", "تيزي", "دوار")))
# A kind of place, alone: no place's name ("the country", "the city", "a neighbourhood").
_KINDS_OF_PLACE = frozenset(
    map(
        name_key,
        ("البلاد", "المدينة", "العاصمة", "الدولة", "المنطقة", "القرية", "البلدة", "الحي", "حي", "المحافظة")
        + ("الولاية", "المستوطنة", "مستوطنة", "الإقليم", "الجمهورية", "الميناء", "المطار", "المخيم"),
    )
)
# A body's organs and groups named by their role, which name no organisation of their own
# ("وافق مجلس الإدارة", the board; "الوفد", the delegation).
_ORGANS = frozenset(
    name_key(organ)
    for organ in (
        "مجلس الإدارة",
        "مجلس الأمناء",
        "الهيئة العامة",
        "الجمعية العمومية",
        "اللجنة التنفيذية",
        "الهيئة الإدارية",
        "الهيئة التدريسية",
        "المكتب التنفيذي",
        "الوفد",
        "الإدارة المحلية",
        "هيئة الدفاع",
    )
)
# ... and occupation forces, named by what they do, with whatever words the span ran on to
# ("قوات الاحتلال البلدة", the forces and the village they stormed).
_NAMED_BY_ROLE = tuple(name_key(role) for role in ("قوات الاحتلال", "جيش الاحتلال", "شرطة الاحتلال", "سلطات الاحتلال"))
# ... and the organs of a named body, whose last words name the body ("مجلس إدارة البنك").
_ORGANS_OF = tuple(
    name_key(organ) + " " for organ in ("مجلس إدارة", "مجلس ادارة", "مجلس أمناء", "هيئة مكتب", "لجنة تحكيم")
)
_ORGAN_OF_WORDS = 2
# ... and a head noun that names no body with these words after it: "مصلحة الوطن" (the nation's
# interest), "حركة المرور" (traffic), "المركز الثاني" (second place), "الوحدة الوطنية" (unity),
# "السلطة المحلية" (the local authorities, not one body).
_NO_BODY_AFTER = {
    name_key(head): frozenset(name_key(word) for word in words.split())
    for head, words in (
        ("مصلحة", "الوطن البلاد الشعب المواطن المواطنين الطلبة الجميع الوطنية العليا العامة"),
        (
            "حركة",
            "المرور السير الزوار الملاحة الطيران النقل التجارة البيع الشراء الأسواق السفن المسافرين النزوح "
            "الأسعار التنقل الحافلات القطارات الشاحنات المركبات الحجاج المعتمرين السيارات",
        ),
        ("مركز", "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر الحادي الأخير"),
        ("وحدة", "الوطنية الصف الأراضي الكلمة المصير الموقف"),
        ("سلطة", "المحلية القضائية المدنية التنفيذية التشريعية السياسية"),
    )
}
# ... nor one named only by its kind and what kind it is, with nothing after: "القوات الحكومية"
# (government forces), "الحكومة الاتحادية", "الدائرة الجنائية" (a court's chamber), "المنتخب الوطني"
# (whichever country's): a description; with a name after it, a body ("قوات الأمن الداخلي").
_DESCRIBED_ONLY = {
    name_key(head): frozenset(name_key(word) for word in words.split())
    for head, words in (
        ("قوات", "الحكومية النظامية الأمنية العسكرية الشرعية العمومية الأمن الجيش النظام"),
        ("حكومة", "الاتحادية الشرعية المحلية المركزية الولاية البلاد"),
        ("شرطة", "القضائية المحلية الحكومية"),
        ("هيئة", "التنفيذية التشريعية التعليمية التدريسية"),
        ("مؤسسة", "العسكرية الدينية الأمنية النفطية"),
        ("وكالة", "الرسمية"),
        ("وزارة", "الوصية الاتحادية المعنية المختصة"),
        ("دائرة", "الجنائية المدنية الأولى الثانية الثالثة الرابعة الخامسة"),
        ("منتخب", "الوطني الأولمبي"),
        ("إدارة", "الترابية المعنية المختصة"),
        ("جهاز", "التنفيذي الأمني"),
    )
}


# ... nor a body told only by its rank, its kind of session or its side, whatever the head:
# "المجلس العادي", "الجلسة الاعتيادية الثانية", "الجبهة الشمالية الشرقية", "الحركة الجزئية"
# (a partial reshuffle).
_NO_NAME_ADJECTIVE_WORDS = """
الأول الأولى الثاني الثانية الثالث الثالثة الرابع الرابعة الخامس الخامسة الأخير الأخيرة
العادي العادية الاعتيادي الاعتيادية الاستثنائي الاستثنائية الطارئ الطارئة الجزئي الجزئية
الشمالي الشمالية الجنوبي الجنوبية الشرقي الشرقية الغربي الغربية
"""
_NO_NAME_ADJECTIVES = frozenset(name_key(word) for word in _NO_NAME_ADJECTIVE_WORDS.split())
# ... nor a match: "ديربي امدرمان", "كلاسيكو الأرض".
_COMPETITION_HEADS = frozenset(name_key(head) for head in ("ديربي", "كلاسيكو"))
# ... and forces, a government or a national team named by whose they are: "القوات الإسرائيلية",
# "القوى الغربية", "الحكومة العراقية", "المنتخب القطري", "منتخب العراق" (not the Lebanese Forces, a
# party the list of known organisations holds, nor "حكومة الوفاق", named by its own name).
_DESCRIBED_BY_NISBA = frozenset(name_key(head) for head in ("قوات", "قوى", "حكومة", "منتخب"))
_NISBA = re.compile(r"^ال\w+(?:يه|ي)$")
_NAMED_BY_COUNTRY = frozenset(name_key(head) for head in ("حكومة", "منتخب"))


def _is_organ(text: str, span: list[Token]) -> bool:
    name = name_key(_as_named("org", text[span[0].start : span[-1].end]))
    return name in _ORGANS or name.startswith(_NAMED_BY_ROLE) or _names_no_body(name)


def _names_no_body(name: str) -> bool:
    head, *rest = name.split()
    head = head[2:] if head.startswith("ال") else head
    if head in _COMPETITION_HEADS:
        return True  # "ديربي بيروت": a match, not a body
    if rest and all(word in _NO_NAME_ADJECTIVES for word in rest):
        return True
    described = len(rest) == 1 and (
        rest[0] in _DESCRIBED_ONLY.get(head, ())
        or (head in _DESCRIBED_BY_NISBA and _NISBA.match(rest[0]) and name not in known_organisations())
        or (head in _NAMED_BY_COUNTRY and _country(rest[0]))
    )
    return bool(rest) and (rest[0] in _NO_BODY_AFTER.get(head, ()) or described)


def _organ_of(text: str, span: list[Token]) -> bool:
    return len(span) > _ORGAN_OF_WORDS and name_key(text[span[0].start : span[-1].end]).startswith(_ORGANS_OF)


def _split_at_title(kind: str | None, tokens: list[Token]) -> list[tuple[str | None, list[Token]]]:
    """A place or an organisation ends at a person's title; the words after it are the person's."""
    if kind == "person":
        return [(kind, tokens)]
    at = next((i for i, t in enumerate(tokens) if i and t.text in TITLES - _NAMING_TITLES), None)
    if at is None:
        return [(kind, tokens)]
    person = tokens[at + 1 :]
    return [(kind, tokens[:at])] + [("person", person)] * (len(person) >= 2)


def _trim(tokens: list[Token], kind: str | None) -> list[Token]:
    """A name stops at punctuation ("كيم جونغ أون (يسار" is Kim Jong Un), and a person's
    title is not part of the name ("الرئيس المنتخب دونالد ترامب"), nor what follows one."""
    cut = next((i for i, t in enumerate(tokens) if not _ARABIC_OR_LATIN.match(t.text)), len(tokens))
    tokens = tokens[:cut]
    while kind == "person" and tokens and tokens[0].text in TITLES:
        tokens = tokens[1:]
    if kind == "person":  # a title after a name starts another phrase: "عبد الله الثاني الزعيم الكوري"
        titled = (
            i
            for i, t in enumerate(tokens)
            if i
            and t.text in TITLES
            and tokens[i - 1].text not in _SON_OF
            and not (t.text in _FAMILY_NAME_TITLES and i + 1 < len(tokens) and tokens[i + 1].text not in TITLES)
        )
        tokens = tokens[: next(titled, len(tokens))]
    return tokens


@cache
def arabic_extractor(model_dir: Path) -> ArabicEntityExtractor:
    return ArabicEntityExtractor(model_dir)
