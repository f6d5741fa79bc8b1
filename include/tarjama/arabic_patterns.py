"""Names the model misses, found from the words that announce them and from the gazetteer.

A model trained on 2006 newswire misses names of today's institutions and of small places.
Arabic announces most of them with a head noun: an organisation's (`وزارة الصيد والاقتصاد
البحري`, `المحكمة الابتدائية ببني ملال`) or a place's (`مخيم الجلزون`, `بلدة عنبتا`, `شارع
الحرية`, `مطار الرئيس رفيق الحريري`). After the head, a name runs over definite words (`ال...`),
words joined by `و`, a known place after `ب`, and, for places, a word the head
announces; it stops at punctuation, prepositions, verbs, titles and time words. A place the
gazetteer knows is taken without a head when it cannot be a common word and is a country, a
city of 500,000 people or more, or one of 50,000 or more in the region (the Arab countries and
their neighbours), or when a place word or preposition stands before it; and so is a
name the annotated corpora tag as a place more often than not (`القصيم`, `الضفة الغربية`).

Works on the segmented tokens the model reads (`arabic_ner.Segmenter`), returning spans as
(kind, first token, end token).
"""

from __future__ import annotations

from tarjama.arabic_ner import (
    COMMON_GIVEN_NAME,
    TITLES,
    Token,
    clitic_and_word,
    in_name_lists,
    name_key,
    name_likeness,
    name_word_uses,
)
from tarjama.gazetteer import LARGE_CITY_POPULATION, gazetteer
from tarjama.parsers.layout import AGENCIES


def _keys(words: str) -> frozenset[str]:
    return frozenset(name_key(word) for word in words.split())


# Heads of organisation names, written without the article; `ال` + head is the same head.
ORGANISATION_HEADS = _keys(
    """
    وزارة هيئة مجلس محكمة دائرة شركة بلدية جامعة حركة حزب جمعية منظمة مؤسسة وكالة لجنة قوات جهاز
    مديرية مصلحة بنك صندوق اتحاد نقابة معهد أكاديمية بعثة تجمع تحالف جبهة ائتلاف نيابة وحدة ديوان
    غرفة كلية سلطة مفوضية شرطة حرس جيش دفاع قوى كتائب ألوية إذاعة قناة صحيفة تلفزيون صليب هلال
    حكومة مركز إدارة قيادة رئاسة نادي مولودية شبيبة أولمبي أولمبيك ترجي
    """
)
# ... of which these are also verbal nouns ("إدارة الجامعة", the university's management): only
# definite, with an adjective ("الإدارة الذاتية", "القيادة العامة").
VERBAL_HEADS = _keys("إدارة قيادة رئاسة")
_COACH = "مدرب"
# Offices a person's name follows ("وزير المالية عبدالحكيم الشبلي").
OFFICE_HEADS = _keys("وزير وزيرة رئيس رئيسة والي محافظ سفير أمين مدير نائب قائد مدرب مستشار عميد مندوب")
MAX_OFFICE_WORDS = 3
# Heads of buildings and sites that the model may read as organisations (landmarks' heads also).
FACILITY_HEADS = _keys("مدرسة مجمع")
# Words before a person's name: titles, and roles news give with a name.
PERSON_CUES = frozenset(TITLES) | _keys(
    """
    الحارس المدافع المهاجم الوالي البابا الممثل الممثلة المخرج المخرجة المرشح المترشح الناخب المحامي
    المحامية الصحفي الصحفية الشاعرة الناشط الناشطة اللاعبة الإعلامي الإعلامية الروائي الروائية المطرب
    المطربة
    """
)
# Heads of place names: settlements and regions take one word (or a known compound) after them ...
SETTLEMENT_HEADS = _keys(
    """
    مدينة بلدة قرية مخيم محافظة ولاية إقليم مقاطعة منطقة حي ضاحية جزيرة دولة سلطنة مملكة إمارة جمهورية
    قطاع قضاء ناحية مديرية
    """
)
# ... of which these name only a place the gazetteer knows ("دولة قطر", not "دولة عربية"; "قطاع
# غزة", not "قطاع الطاقة"; "قضاء سنجار", not "قضاء الجزائر", the judiciary).
STATE_HEADS = _keys("دولة سلطنة مملكة إمارة جمهورية قطاع قضاء")
# ... buildings, streets and natural features a longer name.
LANDMARK_HEADS = _keys(
    """
    شارع ساحة ميدان ملعب استاد مطار ميناء قصر مستشفى متحف حديقة جسر سد وادي جبل جبال نهر بحر بحيرة خليج
    كورنيش مسجد جامع الحرم دوار مضيق معبر سجن فندق
    """
)
# First words of compound place names: "بني ياس", "بيت لحم", "عين مصباح", "أم غويلينا".
COMPOUND_STARTS = _keys("بني بيت عين أم أبو دير كفر تل رأس بئر خان سيدي ابن بن عرب")
# Words before a place: a place noun, a direction, a preposition of place.
PLACE_CUES = SETTLEMENT_HEADS | _keys("شمال جنوب شرق غرب شمالي جنوبي شرقي غربي وسط قرب ضواحي عاصمة أطراف")
PLACE_PREPOSITIONS = _keys("في من إلى الى ب نحو")
# Words a name never runs into.
STOPS = (
    _keys(
        """
    في من إلى الى على عن مع بعد قبل منذ حتى عند لدى نحو خلال حول ضد بين دون عبر أن إن كان التي الذي الذين
    اللذين اللتين هذا هذه ذلك تلك اليوم أمس غدا الحالي الجاري الماضي المقبل القادم الأسبوع الشهر العام
    السنة الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت صباح مساء ظهر قال قالت أكد أكدت أعلن أعلنت
    حيث كما أيضا وقد قد لا لم لن ما الأول الثاني الثالث الرابع الخامس العاشر العشرين المدير الأمين المتحدث
    الناطق رئيس مدير وزير نائب عضو أمين المستشار السفير المقدم الرائد النقيب الملازم العميد المشير الجنرال
    الجديد الجديدة السابق السابقة الحالية المقبلة الكبير الكبيرة شمالي جنوبي شرقي غربي شمال جنوب شرق غرب
    """
    )
    | TITLES
)
# Nouns of number, which follow a verb that looks like a head ("تجمع مئات المتظاهرين", they gathered).
QUANTITIES = _keys("عشرات مئات آلاف ملايين مليارات عدد بعض كل جميع")
# A definite head ("المحكمة", "البحر") names something only with an adjective of origin or kind
# ("المحكمة الابتدائية", "الجيش الموريتاني") or one of these ("البحر الأحمر", "المحكمة العليا").
NAMING_ADJECTIVES = _keys("الأحمر الأبيض الأسود الميت المتوسط الأعلى العليا العام العامة الكبرى الأوسط الشرقي")
# The countries the news in Arabic is mostly about: the Arab League's, and their neighbours'.
REGION = frozenset(
    {"DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY",
     "TN", "AE", "YE", "IL", "IR", "TR"}
)  # fmt: skip
MAJOR_CITY_POPULATION = 500_000
MIN_CUED_POPULATION = 1_000
MAX_NAME_TOKENS = 6
MAX_CHAIN_NOUNS = 2
_QUOTES = {'"', "«", "»", "“", "”"}
MAX_LANDMARK_NAME_TOKENS = 4
MAX_PLACE_NAME_WORDS = 4
AGENCY_NAMES = frozenset(name_key(name) for name in AGENCIES if name != "وكالات")  # many are also towns' or words
COMMON_WORD_USES = 3  # a word the corpus holds this often, and not as a name, is no place's name
JOINED_WORD_USES = 20  # a letter joined to a word this common is a clitic, not the start of a name
_WORD_LIKE = frozenset(f"n{score}" for score in range(-4, 1))  # name_likeness of a common word's letters
VERY_COMMON_WORD_USES = 50  # a word this common is a noun, however much its letters look like a name's


def pattern_spans(text: str, tokens: list[Token], word_counts: dict[str, int]) -> list[tuple[str, int, int]]:
    """Organisations and places announced by a head noun, in token order."""
    words = _words(text, tokens)
    spans, i = [], 0
    while i < len(words):
        head, definite = _bare(words[i]), words[i].startswith("ال")
        kind, end = None, i + 1
        if head in ORGANISATION_HEADS and (definite or head not in VERBAL_HEADS):
            kind, end = "org", _name_end(words, i + 1, definite, word_counts)
            if end == i + 1 and (quoted := _quoted(words, i + 1)):
                i, end = quoted  # "حركة "فتح"": the name in quotes, without its head
            elif end == i + 1:
                kind = None
        elif words[i] in SETTLEMENT_HEADS:
            first, end = _settlement_name(words, i + 1, word_counts)
            kind, i = ("place", i if first == i + 1 else first) if end > first else (None, i)
        elif head in LANDMARK_HEADS:
            kind, end = "place", _landmark_end(words, i + 1, definite)
            kind = kind if end > i + 1 else None
        if kind:
            spans.append((kind, i, end))
            i = end
        else:
            i += 1
    return spans


def _words(text: str, tokens: list[Token]) -> list[str]:
    """Tokens in lookup form; "لل" + word (لِ + ال) read as its definite word."""
    words = [name_key(text[t.start : t.end]) for t in tokens]
    return ["ال" + w[2:] if w.startswith("لل") and len(w) > 4 else w for w in words]


def with_patterns(
    text: str, tokens: list[Token], spans: list[tuple], word_counts: dict[str, int], place_names: frozenset[str]
) -> list[tuple]:
    """The model's (kind, first, end) spans with the pattern and gazetteer spans: a pattern name
    wins over a model name of its kind inside it (`وزارة الصيد` inside `وزارة الصيد والاقتصاد
    البحري`) and over a person inside a place (`عنبتا` read as a person in `بلدة عنبتا`), and
    loses to one that crosses its edge."""
    patterns = [
        (kind, a, b)
        for kind, a, b in pattern_spans(text, tokens, word_counts)
        if all(end <= a or b <= first or (a <= first and end <= b) for _, first, end in spans)
    ]

    def inside(span: tuple) -> bool:
        kind, first, end = span
        return any(
            a <= first and end <= b and (a, b) != (first, end) and (kind == k or (k, kind) == ("place", "person"))
            for k, a, b in patterns
        )

    words = _words(text, tokens)
    kept = [span for span in spans if not inside(span) and _plausible(span, words, word_counts, place_names)]
    merged = kept + [p for p in patterns if not any(p[1:] == span[1:] for span in kept)]
    merged = [("place", a, b) if kind == "org" and _facility(words[a:b]) else (kind, a, b) for kind, a, b in merged]
    persons = _office_holders(words, merged, word_counts)
    merged = [span for span in merged if not any(span[1] < end and first < span[2] for _, first, end in persons)]
    merged += persons
    merged += _agency_credits(text, tokens, merged)
    merged += gazetteer_spans(text, tokens, merged, place_names, word_counts)
    merged += _listed_places(words, merged, word_counts)
    return sorted(merged, key=lambda span: span[1])


def _facility(words: list[str]) -> bool:
    """A building or a site is a place, whatever the model reads: "مستشفى أسوان التخصصي العام",
    "مدرسة الوحدة", "مركز صحي الشعب" (a centre that an adjective of kind makes a facility)."""
    head = _bare(words[0])
    kind_of_centre = head == "مركز" and len(words) > 1 and not _definite(words[1]) and words[1].endswith("ي")
    return head in LANDMARK_HEADS or head in FACILITY_HEADS or kind_of_centre


def _agency_credits(text: str, tokens: list[Token], taken: list[tuple]) -> list[tuple]:
    """A news agency credited between brackets or slashes ("(وام)", "/واج/"): its acronym is
    an organisation there, and a word or a town anywhere else ("قنا", "وال")."""
    covered = {i for _, first, end in taken for i in range(first, end)}
    found = []
    for first in range(len(tokens)):
        for end in range(min(len(tokens), first + 3), first, -1):
            start, stop = tokens[first].start, tokens[end - 1].end
            if name_key(text[start:stop]) not in AGENCY_NAMES or covered & set(range(first, end)):
                continue
            if text[:start].rstrip()[-1:] in ("(", "/") and text[stop:].lstrip()[:1] in (")", "/"):
                found.append(("org", first, end))
            break
    return found


def _office_holders(words: list[str], spans: list[tuple], word_counts: dict[str, int]) -> list[tuple]:
    """The person an office or a title names: "وزير المالية عبدالحكيم الشبلي", "رئيس الوزراء بشر
    الخصاونة" (the office and up to three definite words), "الشيخ أحمد المشعل", "الممثلة الألمانية
    ديان كروجر" (a title and its adjectives of origin), then a given name and the name words after
    it. A name inside a place's or an organisation's name that holds the title too is that place's
    ("مستشفى الملك عبد العزيز")."""
    persons = {i for kind, first, end in spans if kind == "person" for i in range(first, end)}
    found = []
    for at, word in enumerate(words):
        if _bare(word) in OFFICE_HEADS:
            qualifies = _office_word  # "وزير المالية"
        elif word in PERSON_CUES:
            qualifies = _naming_adjective  # "الممثلة الألمانية"
        else:
            continue
        first = at + 1
        while first < len(words) and first - at <= MAX_OFFICE_WORDS and qualifies(words[first]):
            first += 1
        if first < len(words) and words[first] in ("،", ",") and first > at + 1:
            first += 1  # "رئيس الوزراء التونسي، الحبيب الصيد": the name in apposition
        if first >= len(words) or first in persons or not _given_name(words[first], word_counts):
            continue
        if any(a < at < b and kind != "person" for kind, a, b in spans):
            continue  # "مستشفى الملك عبد العزيز", "شارع الشيخ زايد"
        if _bare(word) == _COACH and any(a == first and kind == "org" for kind, a, _ in spans):
            continue  # "مدرب الحسين إربد": a coach's club, whose name is no person's
        end = first + 1
        while (
            end < len(words)
            and end - first < MAX_NAME_TOKENS
            and end not in persons
            and _is_name(words[end], word_counts)
        ):
            end += 1
        if end - first >= 2:
            found.append(("person", first, end))
            persons.update(range(first, end))
    return found


def _office_word(word: str) -> bool:
    """A definite word of an office's name ("وزير المالية"), not a given name ("النائب إلياس")."""
    return _definite(word) and not _common_given_name(word)


def _given_name(word: str, word_counts: dict[str, int]) -> bool:
    """A given name after an office or a title: a common one, or one that Wikidata's people carry
    and that is no common word, office or title ("بشر", not "وزير" or "في")."""
    if _common_given_name(word):
        return True
    if word in STOPS or _bare(word) in OFFICE_HEADS or word in PERSON_CUES:
        return False
    return name_word_uses().get(word, (0, 0))[0] > 0 and word_counts.get(word, 0) < VERY_COMMON_WORD_USES


def _common_given_name(word: str) -> bool:
    """A given name many people carry, or one of the عبد names written as one word (عبدالحكيم)."""
    solid_abd = word.startswith("عبد") and len(word) > len("عبدال")
    return solid_abd or name_word_uses().get(word, (0, 0))[0] >= COMMON_GIVEN_NAME


def _listed_places(words: list[str], spans: list[tuple], word_counts: dict[str, int]) -> list[tuple]:
    """Names listed after a place, joined by و or a comma, are places too: "الرياض والقصيم
    والباحة" (definite names, not common words)."""
    taken = {i for _, first, end in spans for i in range(first, end)}
    found = []
    for kind, _, end in sorted(spans, key=lambda span: span[1]):
        while kind == "place" and end + 1 < len(words) and words[end] in ("و", "،", ","):
            listed = words[end + 1]
            if end + 1 in taken or not (_definite(listed) and _is_name(listed, word_counts)):
                break
            found.append(("place", end + 1, end + 2))
            taken.add(end + 1)
            end += 2
    return found


def _plausible(span: tuple, words: list[str], word_counts: dict[str, int], place_names: frozenset[str]) -> bool:
    """The model's mistakes: a person of one word that no list of names holds ("مكونو",
    "بنوده"); a place of one word that is a letter joined to a common word ("بأنه": ب + أنه),
    or a word the corpora use as a common word and no list knows as a place (`الخميس`,
    `السلطات`)."""
    kind, first, end = span
    word = words[first]
    if end - first > 1 or kind == "org":
        return True
    if kind == "person":
        return in_name_lists(word)
    return (word in place_names or _is_name(word, word_counts)) and not _clitic_and_word(word, word_counts)


def _clitic_and_word(word: str, word_counts: dict[str, int]) -> bool:
    """A letter joined to a common word, unless the whole is a country or a major city the
    gazetteer knows ("لبنان", "بغداد")."""
    if not clitic_and_word(word, word_counts, JOINED_WORD_USES):
        return False
    known = gazetteer().by_arabic.get(word, [])
    return not any(place.kind == "country" or place.population >= MAJOR_CITY_POPULATION for place in known)


def gazetteer_spans(
    text: str,
    tokens: list[Token],
    taken: list[tuple[str, int, int]],
    place_names: frozenset[str],
    word_counts: dict[str, int],
) -> list[tuple[str, int, int]]:
    """Places the gazetteer knows, where nothing says they are words, and names the annotated
    corpora tag as places (regions, seas: `place_names`), that no other span covers."""
    words = _words(text, tokens)
    covered = {i for _, first, last in taken for i in range(first, last)}
    places = gazetteer()
    spans, i = [], 0
    while i < len(words):
        glued = _glued_word(text, tokens, i)  # "وجدة" read as و + جدة, "بايدن" as ب + ايدن
        found = places.by_arabic.get(glued) if glued and not _clitic_and_word(glued, word_counts) else None
        if found and {i - 1, i}.isdisjoint(covered) and _is_place_here(found, words, i - 1):
            spans.append(("place", i - 1, i + 1))
            i += 1
            continue
        for n in range(min(MAX_PLACE_NAME_WORDS, len(words) - i), 0, -1):
            if in_name_lists(glued) or i in covered:
                break
            # a window the next name ends ("غرب كردفان") is not a name; one listed before it is ("وميلة وسيدي بلعباس")
            if any(j in covered for j in range(i, i + n + 1)) and words[i + n : i + n + 1] not in (["و"], ["،"], [","]):
                continue
            key = " ".join(words[i : i + n])
            found = places.by_arabic.get(key)
            if key in AGENCY_NAMES:
                continue  # "/قنا/" credits Qatar's agency, not Egypt's town
            if n == 1 and _clitic_and_word(key, word_counts):
                continue
            if key in place_names or (found and _is_place_here(found, words, i)):
                spans.append(("place", i, i + n))
                i += n - 1
                break
        i += 1
    return spans


def _glued_word(text: str, tokens: list[Token], at: int) -> str | None:
    """The written word when the segmenter split a letter off the front of token `at`."""
    if at and tokens[at - 1].end == tokens[at].start and tokens[at - 1].text in ("و", "ب", "ل", "ف", "ك"):
        return name_key(text[tokens[at - 1].start : tokens[at].end])
    return None


def _is_place_here(found, words: list[str], at: int) -> bool:
    before = words[at - 1] if at else ""
    best = max(found, key=lambda place: (place.kind == "country", place.population))
    # "في" or "من" before a word is no sign of a town far away ("من مجلسي": of the two councils)
    cue = before in PLACE_CUES or (before in PLACE_PREPOSITIONS and best.country in REGION)
    if best.common_word:
        return cue and _bare(before) in PLACE_CUES
    if best.kind == "country" or best.population >= MAJOR_CITY_POPULATION:
        return True
    if best.population >= LARGE_CITY_POPULATION and best.country in REGION:
        return True  # a far-away town of the same name ("كورونا", California) needs a word before it
    return cue and best.population >= MIN_CUED_POPULATION


def _bare(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _name_end(words: list[str], start: int, definite_head: bool, word_counts: dict[str, int]) -> int:
    """Where an organisation's name that starts at `start` ends: definite words, `و` + a
    definite word, `ب` + a known place. After a definite head ("المحكمة"), only from an
    adjective of origin or kind, and without `و`."""
    if definite_head and not (start < len(words) and _naming_adjective(words[start])):
        return start
    end, i = start, start
    if not definite_head and (place := _cued_place_length(words, start)):
        return start + place  # "بلدية خانيونس", "جامعة دمشق": a body of a place
    if not definite_head:
        i = _construct_chain_end(words, start, word_counts)  # "لجنة تقييم الأضرار", "هيئة مكافحة المخدرات"
    while i < len(words) and i - start < MAX_NAME_TOKENS:
        word = words[i]
        if word == "و" and not definite_head and i + 1 < len(words) and _definite(words[i + 1]):
            i = end = i + 2  # "وزارة الصيد والاقتصاد البحري"
            continue
        if word == "ب" and (place := _known_place_length(words, i + 1)):
            i = end = i + 1 + place  # "المحكمة الابتدائية ببني ملال"
            continue
        if not _definite(word):
            break
        i = end = i + 1
    return end


def _landmark_end(words: list[str], start: int, definite: bool) -> int:
    """Where a landmark's name ends: definite words, titles and people's names ("مطار الرئيس
    رفيق الحريري"), or one place's name ("ميناء عدن"); after a definite head ("البحر"), only
    an adjective of origin or kind ("البحر الأحمر")."""
    if definite:
        return start + 1 if start < len(words) and _naming_adjective(words[start]) else start
    if start < len(words) and words[start] in gazetteer().by_arabic:
        return start + 1
    end = start
    while end < len(words) and end - start < MAX_LANDMARK_NAME_TOKENS:
        word = words[end]
        if not (_definite(word) or word in TITLES or (word in name_word_uses() and word not in STOPS)):
            break
        end += 1
    return end


def _settlement_name(words: list[str], start: int, word_counts: dict[str, int]) -> tuple[int, int]:
    """(first, end) of the name after a settlement's head: one word that is a name, not a
    common word; two for a compound ("بني ياس") or a name the gazetteer knows in two words; a
    quoted name ("مخيم "الجلزون"") starts after its quote."""
    quoted = start < len(words) and words[start] in _QUOTES
    i = start + quoted
    if i >= len(words) or not (_is_name(words[i], word_counts) or (quoted and words[i].isalpha())):
        return start, start
    if words[start - 1] in STATE_HEADS:
        length = _known_place_length(words, i)
        return (i, i + length) if length else (start, start)
    pair = i + 1 < len(words) and words[i + 1].isalpha() and words[i + 1] not in STOPS
    if pair and (words[i] in COMPOUND_STARTS or f"{words[i]} {words[i + 1]}" in gazetteer().by_arabic):
        return i, i + 2
    return i, i + 1


def _quoted(words: list[str], at: int) -> tuple[int, int] | None:
    """(first, end) of up to three words in quotes at `at`."""
    if at >= len(words) or words[at] not in _QUOTES:
        return None
    close = next((j for j in range(at + 1, min(len(words), at + 5)) if words[j] in _QUOTES), None)
    return (at + 1, close) if close and close > at + 1 and all(w.isalpha() for w in words[at + 1 : close]) else None


def _known_place_length(words: list[str], at: int) -> int:
    """The number of words of the longest gazetteer name at `at`, or 0."""
    places = gazetteer().by_arabic
    return next((n for n in range(3, 0, -1) if " ".join(words[at : at + n]) in places), 0)


def _construct_chain_end(words: list[str], start: int, word_counts: dict[str, int]) -> int:
    """Where the indefinite nouns between a head and the definite word that ends its chain end
    ("لجنة تقييم الأضرار", "شركة تسيير محطات النقل"); `start` when no definite word ends it. A
    present-tense verb ("لجنة تزور المستشفى") is no noun of the chain."""
    i = start
    while i < len(words) and i - start < MAX_CHAIN_NOUNS and _chain_noun(words[i], word_counts):
        i += 1
    return i if i > start and i < len(words) and _definite(words[i]) else start


def _chain_noun(word: str, word_counts: dict[str, int]) -> bool:
    """A common noun: a word the corpus holds often ("صحيفة هأرتس الإسرائيلية" is a paper's name
    and its adjective), that is no preposition's clitic, verb or definite word."""
    if not word.isalpha() or len(word) < 3 or word in STOPS | QUANTITIES or _definite(word):
        return False
    if word[0] in "يولبك":  # a verb ("يطالب"), or a preposition's or conjunction's clitic ("لفحص")
        return False
    uses = max(word_counts.get(form, 0) for form in (word, word[:-1] + "ة"))
    if uses < COMMON_WORD_USES or (uses < VERY_COMMON_WORD_USES and name_likeness(word) not in _WORD_LIKE):
        return False
    if word[0] == "ت":  # a verbal noun ("تقييم", "تنمية"), not a verb ("تعلن", "تطالب")
        return (len(word) == 5 and word[3] == "ي") or word.endswith(("ه", "ة"))
    return True


def _cued_place_length(words: list[str], at: int) -> int:
    """The number of words of a place's name at `at` that a head announces: one the gazetteer
    knows as a country or a town, not as a common word."""
    for length in range(3, 0, -1):
        found = gazetteer().by_arabic.get(" ".join(words[at : at + length]), [])
        if any(not p.common_word and (p.kind == "country" or p.population >= MIN_CUED_POPULATION) for p in found):
            return length
    return 0


def _definite(word: str) -> bool:
    return word.startswith("ال") and len(word) > 3 and word.isalpha() and word not in STOPS


def _naming_adjective(word: str) -> bool:
    """An adjective of origin or kind (a nisba: "الموريتاني", "الابتدائية"), or one of a few
    others ("الأحمر", "العليا")."""
    return _definite(word) and (word.endswith(("ي", "يه")) or word in NAMING_ADJECTIVES)


def _is_name(word: str, word_counts: dict[str, int]) -> bool:
    """A word that can be a name: not a stop word, and a name the lists know or no common word."""
    if not word.isalpha() or len(word) < 2 or word in STOPS:
        return False
    if word in gazetteer().by_arabic or _bare(word) in gazetteer().by_arabic or word in name_word_uses():
        return True
    forms = {word, _bare(word), word[1:] if word[0] in "وبلف" else word}  # "بعموم" is ب + عموم
    # the counts are of words as written, with ة; lookup forms end in ه
    forms |= {form[:-1] + "ة" for form in forms if form.endswith("ه")}
    return all(word_counts.get(form, 0) < COMMON_WORD_USES for form in forms)
