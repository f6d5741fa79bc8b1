"""Explicit dates in Arabic, English and French news text, read by the project's own grammar.

Forms read: ISO (2024-11-30), numeric day-first (30/11/2024, 09.01.2016), day month year
(30 نوفمبر 2024, 18/نوفمبر/2023, 1st, February 2024), month day year (December 18th 2022,
janvier 23, 2018), month names in their Egyptian, Levantine (كانون الثاني, حزيران), Maghrebi
(يوليوز, غشت, شتنبر), Algerian-Tunisian (جانفي, جوان) and Urdu (جون) forms, pairs of two names
for one month (يونيو/حزيران, فبراير شباط), Arabic-Indic and Persian digits, and Hijri dates
(29 شعبان 1442هـ) converted by the Umm al-Qura calendar (before 1343 AH, which its tables do
not hold, by the arithmetic one). A month and year without a day
(فبراير/شباط 2022) is kept with month precision, a year alone (عام 2019) with year precision,
never as a made-up day. Given the publication date, `find_dates` also resolves relative
mentions: weekdays, أمس and غدا, this month, last year, a month, a day or a range of days
without a year, a day of this or last month ("في 17 من هذا الشهر").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from hijridate import Hijri

from tarjama.models import DateMention
from tarjama.text import ARABIC_LOOSE_FOLD

# One character for one, so that a match in the folded text is a match in the original. The
# patterns below are written folded: "الفايت" for "الفائت", "حتي" for "حتى".
_FOLD = {**ARABIC_LOOSE_FOLD, ord("’"): "'"}  # aujourd’hui

# Lebanese papers shorten the Levantine names of four months: "٩ ت١ ٢٠٢٥" is 9 October 2025.
_GREGORIAN_NAMES = {
    1: "يناير ينير جانفي كانون الثاني كانون ثاني كانون2 ك2 جنوری ژانویه january jan janvier",
    2: "فبراير فبرير شباط فيفري فروری فوریه february feb février fevrier",
    3: "مارس آذار اذار مارچ march mar mars",
    4: "أبريل ابريل إبريل نيسان أفريل افريل اپریل آوریل april apr avril",
    5: "مايو ماي أيار ايار مئی مه may mai",
    6: "يونيو يونيه حزيران جوان جون ژوئن june jun juin",
    7: "يوليو يوليه يوليوز تموز جويلية جولائی ژوئیه july jul juillet",
    8: "أغسطس اغسطس آب غشت أوت اوت اگست august aug août aout",
    9: "سبتمبر أيلول ايلول شتنبر ستمبر سپتامبر september sept sep septembre",
    10: "أكتوبر اكتوبر تشرين الأول تشرين الاول تشرين اول تشرين1 ت1 اکتوبر اکتبر october oct octobre",
    11: "نوفمبر نونبر تشرين الثاني تشرين ثاني تشرين2 ت2 نومبر نوامبر november nov novembre",
    12: "ديسمبر دجنبر كانون الأول كانون الاول كانون اول كانون1 ك1 دسمبر دسامبر december dec décembre decembre",
}
# Levantine and Iraqi month names of two words, with the article or without ("كانون ثاني").
_TWO_WORD = tuple(
    f"{name} {article}{order}"
    for name in ("كانون", "تشرين")
    for article in ("ال", "")
    for order in ("أول", "اول", "ثاني")
)
_HIJRI_NAMES = {
    1: ["محرم"],
    2: ["صفر"],
    3: ["ربيع الاول"],
    4: ["ربيع الاخر", "ربيع الثاني"],
    5: ["جمادي الاولي", "جمادي الاول"],
    6: ["جمادي الاخره", "جمادي الثانيه", "جمادي الاخر"],
    7: ["رجب"],
    8: ["شعبان"],
    9: ["رمضان"],
    10: ["شوال"],
    11: ["ذو القعده", "ذي القعده"],
    12: ["ذو الحجه", "ذي الحجه"],
}


def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for month, names in _GREGORIAN_NAMES.items():
        words = names
        for pair in _TWO_WORD:
            if pair in words:
                table[pair.translate(_FOLD).lower()] = month
                words = words.replace(pair, "")
        for name in words.split():
            table[name.translate(_FOLD).lower()] = month
    return table


_MONTHS = _month_table()
UMM_AL_QURA_FIRST_YEAR = 1343
_CENTURY = 2000  # of a year written with two digits, which news sites began to print this century
_HIJRI_MONTHS = {name: month for month, names in _HIJRI_NAMES.items() for name in names}


_MARKS = "[\u064b-\u065f\u0670\u0640]*"  # harakat and tatweel a word may carry: "أيّار", "مـايو"


def _alternation(names) -> str:
    """Names in one pattern, the longest first; an Arabic letter may carry its marks."""

    def pattern(name: str) -> str:
        return "".join(
            r"\s+" if c == " " else re.escape(c) + (_MARKS if "\u0600" <= c <= "\u06ff" else "") for c in name
        )

    return "|".join(pattern(name) for name in sorted(names, key=len, reverse=True))


_WORD_END = r"(?![\w\u0621-\u064a\u0671-\u06d3])"
_WORD_START = r"(?<![\w\u0621-\u064a\u0671-\u06d3])"
# A month name may touch digits ("7فبراير2019م", "13ذو القعدة1441هـ"), never another letter.
_NO_LETTER_AFTER = r"(?![^\W\d_]|[\u0621-\u064a\u0671-\u06d3])"
_MONTH = rf"(?:{_alternation(_MONTHS)})\.?{_NO_LETTER_AFTER}"
# "يونيو/حزيران", "فبراير شباط", "نوفمبر/ تشرين الثاني", "June (حزيران)": two names, one month;
# three where a pan-Arab outlet writes every region's ("حزيران (يونيو - جوان)"); a second name
# after a slash however it is spelt (a CMS's "تشرين1/أكتوير": تشرين1 is تشرين الأول).
_MONTH_PAIR = rf"(?P<month>{_MONTH})(?:\s*[/(-]?\s*(?P<month2>{_MONTH})(?:\s*[/-]\s*{_MONTH})?\s*\)?|/[^\W\d_]+)?"
# A day may be glued to the word before it ("و3 كانون الثاني", a byline "سيد30 مارس").
_DAY = r"(?<!\d)(?P<day>[0-3]?\d)(?:st|nd|rd|th|er)?"
# ... or written as an ordinal, as agencies write datelines: "صلالة في الأول من فبراير 2026".
_UNITS = ["الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
_ORDINAL_DAYS = {
    **{unit: n for n, unit in enumerate(_UNITS, 1)},
    "العاشر": 10,
    **{f"{unit if n > 1 else 'الحادي'} عشر": 10 + n for n, unit in enumerate(_UNITS, 1)},
    "العشرين": 20,
    **{f"{unit if n > 1 else 'الحادي'} والعشرين": 20 + n for n, unit in enumerate(_UNITS, 1)},
    "الثلاثين": 30,
    "الحادي والثلاثين": 31,
}
# (not "الأسبوع الأول من مايو", the first week of May, nor "الخميس الأول من شهر حزيران", the first
# Thursday of June)
_ORDINAL_DAY = (
    rf"{_WORD_START}(?<!اسبوع )(?<!نصف )(?<!شهر )(?<!ربع )(?<!ثلث )(?<!عشر )(?<!جزء )(?<!دور )"
    + "".join(f"(?<!{day} )" for day in ("السبت", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه"))
    + rf"(?P<ordinal>{_alternation(_ORDINAL_DAYS)})\s+من"
)
# The first of a month, in Maghrebi and in Egyptian: "فاتح يناير", "أول يوليو 2025".
_FIRST_DAY = rf"{_WORD_START}(?P<first_of>فاتح|اول)"
# A year may be glued to a reading-time widget ("20223 دقائق" is 2022, then "3 minutes") or to
# a time ("24 سبتمبر 201710:42").
_YEAR = r"(?P<year>(?:19|20)\d\d)(?:(?!\d)|(?=\d\d?\s*(?:دقايق|دقيقه|min))|(?=(?:[01]?\d|2[0-3]):[0-5]\d))"
_SEP = r"\s*[/\-.,،]?\s*"
# A year of two digits, only where a date line ends on it, or on its time after a "|" or a dash
# ("29 تشرين الثاني 19 - 14:00").
_SHORT_YEAR = r"(?P<year>[0-3]\d)(?=\s*(?:\||$|[-–—]\s*(?:[01]?\d|2[0-3]):[0-5]\d\s*$))"
# Between a month and its year, Arabic often writes "عام" or "من عام": "ديسمبر عام 1945".
_YEAR_SEP = r"\s*[/\-.,،]?\s*(?:(?:من\s+)?(?:عام|العام|سنه)\s+)?"
_HIJRI_MARK = r"\s*(?:هـ|ه|هجري|هجريه|ah|a\.h\.)" + _WORD_END

_WEEKDAY = (
    r"(?:(?:يوم\s+)?(?:السبت|الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه)|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s*[,،]?\s*"
)
_OPTIONAL_WEEKDAY = rf"(?:{_WORD_START}{_WEEKDAY}(?:الموافق\s+)?)?"  # "يوم الثلاثاء الموافق 9 أيلول 2025"
_CLITIC_START = rf"(?:{_WORD_START}|(?<=\b[وفبل]))"  # "وأمس", "فالسبت", "وفي عام 2019"
_YEAR_WORD = r"(?:عام|العام|لعام|للعام|سنه|السنه|year)"
_RANGE_WORD = r"\s*(?:-|–|الي|حتي|to|au|through)\s*"
_YEAR_CUE = (
    r"(?:عام|العام|لعام|للعام|عامي|اعوام|سنه|السنه|في|منذ|حتي|قبل|بعد|خلال|افق|بحلول|نهايه|بدايه|مطلع|"
    r"in|into|since|until|by|through|before|after|during|year|of|en|depuis|l'an)"
)
# A range of days in one month: "22 إلى 27 يناير", "3rd to 7th May", "الثامن إلى الثاني عشر من فبراير";
# with its year, or resolved.
_DAYS_OF_A_MONTH = (
    rf"(?:(?<!\d)(?P<day>[0-3]?\d)(?:st|nd|rd|th|er)?{_RANGE_WORD}(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
    rf"|{_WORD_START}(?P<ordinal>{_alternation(_ORDINAL_DAYS)}){_RANGE_WORD}(?P<ordinal2>{_alternation(_ORDINAL_DAYS)})\s+من)"
    rf"{_SEP}{_MONTH_PAIR}"
)
# Days listed before one month: "أيام 4 و5 و6 أكتوبر", "les 7, 8 et 9 mai 2024".
_DAY_LIST = rf"(?<![\d.])(?P<days>(?:[0-3]?\d\s*(?:و|،|,|and|et)\s*)+)(?P<day>[0-3]?\d)\s+{_MONTH_PAIR}"
_PATTERNS: list[tuple[str, re.Pattern]] = [
    # Year first, also glued to a section label or a weekday: "2017-01-22", "دولية2017/01/22",
    # "الخميس-2023-01-02".
    ("iso", re.compile(rf"(?<![\d./])(?<!\d-){_YEAR}([-/.])(?P<mon>[01]?\d)\2(?P<day>[0-3]?\d)(?![\d./-])")),
    # ... with colons, a time after a full stop: "2019:10:18.08:28"
    ("iso", re.compile(rf"(?<![\d:.]){_YEAR}:(?P<mon>[01]\d):(?P<day>[0-3]\d)(?=\.[0-2]\d:[0-5]\d|[^\d:.]|$)")),
    # A Hijri date in figures, marked as Hijri: "1429/8/6 هـ".
    (
        "hijri_numeric",
        re.compile(rf"(?<![\d./-])(?P<hyear>1[345]\d\d)([/.-])(?P<hmon>[01]?\d)\2(?P<day>[0-3]?\d)(?!\d){_HIJRI_MARK}"),
    ),
    (
        "hijri",
        re.compile(
            rf"{_OPTIONAL_WEEKDAY}{_WORD_START}(?:(?P<day>[0-3]?\d)\s*)?(?P<hmonth>{_alternation(_HIJRI_MONTHS)}){_NO_LETTER_AFTER}"
            rf"(?:\s+(?:المبارك|الكريم|المعظم|الحرام))?\s*(?P<hyear>1[345]\d\d)(?:{_HIJRI_MARK})?",
            re.IGNORECASE,
        ),
    ),
    (
        "range",
        re.compile(
            rf"{_DAYS_OF_A_MONTH}{_SEP}{_YEAR}",
            re.IGNORECASE,
        ),
    ),
    # ... the month first, as English writes it: "April 13-18, 2020".
    (
        "range",
        re.compile(
            rf"(?<![a-z\d]){_MONTH_PAIR}\s+{_DAY}{_RANGE_WORD}(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s*,?\s*{_YEAR}",
            re.IGNORECASE,
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"{_OPTIONAL_WEEKDAY}(?:{_DAY}(?:\s+من)?|{_ORDINAL_DAY}|{_FIRST_DAY})(?:\s+شهر)?{_SEP}{_MONTH_PAIR}{_YEAR_SEP}{_YEAR}",
            re.IGNORECASE,
        ),
    ),
    # The month may be glued to a section label before it: "عربي و دولينوفمبر 28, 2009".
    ("mdy", re.compile(rf"{_OPTIONAL_WEEKDAY}(?<![a-z\d]){_MONTH_PAIR}\s*{_DAY}{_SEP}{_YEAR}", re.IGNORECASE)),
    (
        "numeric",
        re.compile(
            rf"{_OPTIONAL_WEEKDAY}(?<![\d.])(?P<first>[0-3]?\d)\s?([/.\-_–])\s?(?P<second>[0-3]?\d)\s?\2\2?\s?"
            r"(?P<year>(?:19|20)\d\d)(?!\d)",  # a separator typed twice: "16/5//2005"; "١٨ – ٣ – ٢٠٢١" (SUNA)
            re.IGNORECASE,
        ),
    ),
    # ... with a year of two digits, as a time stamp writes it, the time after it, or where a date
    # line ends on it: "05/10/17 17:38", "19/10/19 | 11:00", "24/01/20"
    (
        "numeric",
        re.compile(
            r"(?<![\d./])(?P<first>[0-3]?\d)([/.])(?P<second>[0-3]?\d)\2(?P<year>[0-3]\d)"
            r"(?=\s+(?:[01]?\d|2[0-3]):[0-5]\d|\s*(?:\||$))"
        ),
    ),
    # ... its parts spaced, as a date line alone: "23 04 2019"
    ("numeric", re.compile(r"^\s*(?P<first>[0-3]\d) (?P<second>[01]\d) (?P<year>(?:19|20)\d\d)\s*$")),
    # a year of two digits, where a date line ends on it: "الأثنين, 10 يناير 22", "Sep 20 25|17:29PM"
    ("dmy", re.compile(rf"{_OPTIONAL_WEEKDAY}{_DAY}{_SEP}{_MONTH_PAIR}\s+{_SHORT_YEAR}", re.IGNORECASE)),
    ("mdy", re.compile(rf"(?<![a-z\d]){_MONTH_PAIR}\s*{_DAY}\s+{_SHORT_YEAR}", re.IGNORECASE)),
    ("day_list", re.compile(rf"{_DAY_LIST}{_YEAR_SEP}{_YEAR}", re.IGNORECASE)),
    ("my", re.compile(rf"{_WORD_START}{_MONTH_PAIR}{_YEAR_SEP}{_YEAR}", re.IGNORECASE)),
    ("hijri_year", re.compile(rf"{_WORD_START}(?P<hyear>1[345]\d\d){_HIJRI_MARK}", re.IGNORECASE)),
    ("year", re.compile(rf"{_CLITIC_START}{_YEAR_CUE}\s+{_YEAR}", re.IGNORECASE)),
    # Older years only after a word that says "year": "سنة 1647", but not "في 1500 انفجار".
    ("year", re.compile(rf"{_CLITIC_START}{_YEAR_WORD}\s+(?P<year>1[0-8]\d\d)(?!\d)(?!{_HIJRI_MARK})", re.IGNORECASE)),
    # A year after another one ("عامي 1987 و 1988", "1945 - 1952"), or alone in brackets: "( 1931 )".
    ("year", re.compile(rf"(?<=\d{{4}})\s*(?:و|-|–|الي|to|and)\s*{_YEAR}", re.IGNORECASE)),
    ("year", re.compile(rf"\(\s*{_YEAR}(?=\s*[)\-–])")),
    # A year closing a list or a sentence: "الارجنتين - انجلترا - 1986", "الي حدود 1956 ."
    ("year", re.compile(rf"(?<=[-–]\s){_YEAR}")),
    ("year", re.compile(rf"{_WORD_START}{_YEAR}(?=\s*\.(?:\s|$))")),
]

# Relative mentions, resolved against the publication date. A bare weekday names the most
# recent such day on or before publication (news convention: "السبت" in a Saturday paper is
# that Saturday); "الماضي"/"last" the one before it, "المقبل"/"next" the one after.
_WEEKDAYS = {
    "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}  # fmt: skip
_PAST = r"الماضيه|الماضي|الفايته|الفايت|last|dernier|dernière"
_NEXT = r"المقبله|المقبل|القادمه|القادم|next|prochain|prochaine"
_RELATIVE_DAY = {
    "امس": -1, "البارحه": -1, "yesterday": -1, "hier": -1,
    "غدا": 1, "غد": 1, "tomorrow": 1, "demain": 1, "today": 0, "aujourd'hui": 0, "اليوم": 0,
    "اول امس": -2, "اول من امس": -2, "امس الاول": -2, "avant-hier": -2, "the day before yesterday": -2,
}  # fmt: skip
_RELATIVE_PERIOD = [
    (r"هذا الشهر|الشهر الجاري|الشهر الحالي|this month|ce mois", "month", 0),
    (r"الشهر الماضي|last month|le mois dernier", "month", -1),
    (r"الشهر المقبل|الشهر القادم|next month|le mois prochain", "month", 1),
    (r"هذا العام|العام الجاري|العام الحالي|هذه السنه|this year|cette année", "year", 0),
    (r"العام الماضي|السنه الماضيه|last year|l'année dernière|l'an dernier", "year", -1),
    (r"العام المقبل|العام القادم|السنه المقبله|next year|l'année prochaine", "year", 1),
    (r"الاسبوع الماضي|last week|la semaine dernière", "week", -1),
    (r"الاسبوع المقبل|الاسبوع القادم|next week|la semaine prochaine", "week", 1),
]
# A bare weekday in a sentence about what is to come is the next such day ("will be elected on
# Sunday", "schools closed until Saturday"), as a weekday with "next" is.
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|would|shall|expected|set to|scheduled|planned|due to|until|till|to (?:happen|take place|begin|start)"
    r"|starting|beginning|sera|seront|va|vont|jusqu'(?:à|au)|à partir d)\b[^.!?؟]*$"
    # not "حتى": "even" as often as "until"; written folded, as the text is read
    r"|(?:سوف|المقرر|المنتظر|المتوقع|المرتقب|علي ان|(?:اعتبارا|ابتداء|بدءا|بدايه) من"
    r"|س[يت](?:تم|عقد|قام|كون|بدا|نطلق|لتقي|زور|جري|ستمر|ستانف)|[تي][\u064b-\u065f]*(?:عقد|قام|نتهي))\s[^.!?؟]*$",
    re.IGNORECASE,
)
# A year a few words after a day and month: "الثالث عشر من سبتمبر المجيد، سنة 1990م" (read folded).
_YEAR_SOON_AFTER = re.compile(
    r"(?:\s+(?!الجاري|المقبل|القادم|الماضي)[^\W\d_]+)?\s*[,،]?\s*"
    r"(?:سنه|عام|العام|من عام)\s+(?P<year>(?:19|20)\d\d)(?!\d)"
)
# "الماضي" or "المقبل" after a day and month says which way from the publication date it lies.
_DIRECTION_AFTER = re.compile(rf"\s+(?P<which>{_PAST}|{_NEXT})(?![\w\u0621-\u064a])")
# A verb of saying in the past between a future's cue and a weekday: "will not tolerate ..., said,
# Thursday" is what was said on Thursday.
_SAID_SINCE = re.compile(
    r"\b(?:said|told|announced|added|stated|declared|stressed|a (?:déclaré|annoncé|affirmé|indiqué))\b"
)
# A French verb in the future, "se poursuivra", in French words ("Al-Jazeera said on" is none).
_FRENCH_FUTURE_VERB = re.compile(r"\b\w{2,}(?:era|ira|dra|vra|ura|ront)\b[^.!?؟]*$")
_FRENCH_WORD = re.compile(r"\b(?:le|la|les|de|du|des|et|que|qui|se|s'|il|elle|ils|elles|ne|au|aux)\s")
# "خطبة الجمعة", "صلاة الجمعة": the prayer, not a day; "كل ثلاثاء", "يوم الثلاثاء من كل أسبوع",
# "every Monday": a habit, not a day (the text is read folded).
_PRAYER_OR_HABIT_BEFORE = re.compile(r"(?:خطبه|صلاه|كل|every|each|chaque|tous les)\s+$")
_HABIT_AFTER = re.compile(r"\s+(?:(?:من|في)\s+)?كل\s+اسبوع|s?\s+(?:of\s+)?(?:every|each)\s+week|\s+de chaque semaine")
# "اليوم الأول لإنشائها", "the first day": a day counted, not today.
_ORDINAL = r"الاول|الثاني|الثالث|الرابع|الخامس|السادس|السابع|الثامن|التاسع|العاشر|الاخير"
# "mercredi (24 septembre)": the weekday's date is given beside it.
_DATE_IN_BRACKETS_AFTER = re.compile(r"\s*\(\s*\d")
# "ذلك اليوم", "that day": a day the story spoke of, not today; "the last Friday" (of a month, a
# film's title): not the last one before publication.
_NOT_RELATIVE_BEFORE = re.compile(r"(?:ذلك|تلك|that|the)\s+$")
# "يوم الأربعاء أو الخميس", "Monday or Tuesday": no one day.
_EITHER_DAY = re.compile(
    rf"\s+(?:او|or|ou)\s+(?:يوم\s+)?(?:{_alternation(_WEEKDAYS)})|(?:{_alternation(_WEEKDAYS)})\s+(?:او|or|ou)\s+$",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    rf"{_CLITIC_START}(?:(?P<period>{'|'.join(p for p, _, _ in _RELATIVE_PERIOD)})"
    rf"|(?:(?P<before>{_PAST}|{_NEXT}|this)\s+)?(?:يوم\s+)?(?P<weekday>{_alternation(_WEEKDAYS)})"
    rf"(?:\s+(?P<after>{_PAST}|{_NEXT}))?"
    rf"|(?P<day>{_alternation(_RELATIVE_DAY)})(?!\s+(?:{_ORDINAL}|التالي|الوطني|العالمي|الدولي|الدراسي|التكويني|التحسيسي|المفتوح|نفسه|ذاته))[\u064b\u064d]?(?:[\s,،(]+(?:يوم\s+)?(?P<dayname>{_alternation(_WEEKDAYS)}))?)"
    rf"{_WORD_END}",
    re.IGNORECASE,
)
# A day and month without a year: the nearest such date to publication ("ملعب 20 أوت 55" has
# one: a two-digit year). A month alone, after "في", "منذ", "in", ...: the nearest such month,
# unless "الماضي" or "المقبل" says which way.
_DAY_MONTH = re.compile(
    rf"{_OPTIONAL_WEEKDAY}(?:(?:the\s+)?{_DAY}(?:\s+of)?|{_FIRST_DAY}(?:\s+شهر)?|{_ORDINAL_DAY}(?:\s+شهر)?){_SEP}{_MONTH_PAIR}"
    r"(?![\s-]*\d)",
    re.IGNORECASE,
)
# Days of a month named without a year: "من 15 إلى 20 مارس الجاري", "du 3 au 7 mai".
_RANGE_NO_YEAR = re.compile(_DAYS_OF_A_MONTH, re.IGNORECASE)
# A place or an event named after its date: "ملعب 5 جويلية", "مدينة 6 أكتوبر", "ثورة 25 يناير",
# "rue du 8 mai", "اتفاق 17 أيار" (the text is read folded).
_NAMED_AFTER_A_DATE = re.compile(
    r"(?:^|\s)[وبل]?(?:ال)?(?:ملعب|استاد|شارع|ساحه|ميدان|جسر|مستشفي|مدرسه|ثانويه|مدينه|اتفاق|اتفاقيه|ثوره|انتفاضه"
    r"|stade|stadium|rue|avenue|boulevard|street|square|place|pont)(?:\s+(?:du|de|of|the))?[\s-]*$"
)
_NO_DATE = ()  # words read as a whole that name no day to resolve: not read again in parts
_WEEKDAY_FIRST = re.compile(rf"\W*(?:يوم\s+)?(?P<weekday>{_alternation(_WEEKDAYS)})", re.IGNORECASE)
# A day of the month the article appears in, or of the one before or after: "في 17 من هذا الشهر",
# "يوم 5 من الشهر الماضي", "on the 17th of this month".
_MONTH_OFFSET = {
    "هذا الشهر": 0, "الشهر الجاري": 0, "الشهر الحالي": 0, "this month": 0,
    "الشهر الماضي": -1, "last month": -1, "الشهر المقبل": 1, "الشهر القادم": 1, "next month": 1,
}  # fmt: skip
_DAY_OF_MONTH = re.compile(
    rf"(?:(?:the\s+)?{_DAY}\s+(?:من|of)|{_ORDINAL_DAY})\s+(?P<which>{_alternation(_MONTH_OFFSET)}){_WORD_END}",
    re.IGNORECASE,
)
# ... or the month first, as English writes it: "adjourned to April 27" (not "may", read lower-cased;
# never an Arabic month: "حزيران 26 قانونا" is June, then 26 laws).
_MONTH_DAY = re.compile(
    rf"(?<![a-z\d])(?=[a-z])(?!may\b){_MONTH_PAIR}\s+{_DAY}(?![\d%:]|\s*,?\s*(?:19|20)\d\d)", re.IGNORECASE
)
# ... and a range of its days, the month first: "between November 11 and 14", "May 3-7".
_MONTH_DAYS = re.compile(
    rf"(?<![a-z\d])(?=[a-z])(?!may\b){_MONTH_PAIR}\s+{_DAY}(?:{_RANGE_WORD}|\s+and\s+)(?P<day2>[0-3]?\d)"
    r"(?:st|nd|rd|th)?(?![\d%:]|\s*,?\s*(?:19|20)\d\d)",
    re.IGNORECASE,
)
_MONTH_CUE = r"في|خلال|منذ|حتي|مطلع|اوايل|اواخر|نهايه|بدايه|منتصف|in|since|until|during|en|depuis"
_MONTH_ALONE = re.compile(
    rf"{_CLITIC_START}(?:{_MONTH_CUE})\s+(?:شهر\s+)?{_MONTH_PAIR}(?:\s+(?P<after>{_PAST}|{_NEXT}))?", re.IGNORECASE
)


@dataclass(frozen=True)
class FoundDate:
    text: str
    value: str  # YYYY-MM-DD; YYYY-MM for a month; YYYY for a year; a range's or a week's first day
    precision: str  # "day", "range", "week", "month" or "year"
    calendar: str  # "gregorian" or "hijri"
    start: int
    end: int
    end_value: str | None = None  # a range's last day
    relative: bool = False  # resolved against the publication date


def find_explicit_dates(text: str) -> list[FoundDate]:
    """Every explicit date in the text, left to right, without overlaps."""
    return _find(text, None)


def _find(text: str, reference: date | None) -> list[FoundDate]:
    folded = text.translate(_FOLD).lower()
    taken: list[tuple[int, int]] = []
    found: list[FoundDate] = []
    relative = [
        ("day_list", re.compile(_DAY_LIST, re.IGNORECASE)),
        ("range_month", _RANGE_NO_YEAR),
        ("range_month", _MONTH_DAYS),
        ("day_of_month", _DAY_OF_MONTH),
        ("day_month", _DAY_MONTH),
        ("day_month", _MONTH_DAY),
        ("month_alone", _MONTH_ALONE),
        ("relative", _RELATIVE),
    ]
    patterns = [*_PATTERNS, *relative] if reference else _PATTERNS
    for kind, pattern in patterns:
        for match in pattern.finditer(folded):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            value = _relative(kind, match, reference) if reference and kind in dict(relative) else _value(kind, match)
            if value is None:
                continue
            taken.append(match.span())
            if value is _NO_DATE:
                continue
            surface = text[match.start() : match.end()].strip(" ،,.-/")
            end_value = value[3] if len(value) > 3 else None
            is_relative = reference is not None and kind in dict(relative)
            found.append(FoundDate(surface, *value[:3], match.start(), match.end(), end_value, is_relative))
            if kind == "day_list":  # the other days of the list, in the same month
                for day in re.findall(r"\d+", match["days"]):
                    if other := _same_month(value[0], int(day)):
                        found.append(FoundDate(surface, other, "day", "gregorian", match.start(), match.end()))
    return _weekdays_as_dated(sorted(found, key=lambda d: d.start), reference)


def _weekdays_as_dated(found: list[FoundDate], reference: date | None) -> list[FoundDate]:
    """A weekday alone is the day of that name the story dates in full within a week of its
    publication ("يوم الأحد 23 ماي 2021 ... الأحد" is 23 May, though published on the 19th)."""
    if reference is None:
        return found
    dated = {}
    for item in found:
        if item.precision == "day" and not item.relative:
            day = date.fromisoformat(item.value)
            if abs((day - reference).days) < 7:
                dated.setdefault(day.weekday(), item.value)
    named = [_WEEKDAYS.get(_squash(item.text.translate(_FOLD))) if item.relative else None for item in found]
    return [replace(item, value=dated[day]) if day in dated else item for item, day in zip(found, named, strict=True)]


def _same_month(day_value: str, day: int) -> str | None:
    try:
        return date.fromisoformat(day_value).replace(day=day).isoformat()
    except ValueError:
        return None


def _value(kind: str, match: re.Match) -> tuple | None:
    groups = match.groupdict()
    if kind == "hijri":
        return _hijri(int(groups["hyear"]), _HIJRI_MONTHS[_squash(groups["hmonth"])], groups.get("day"))
    if kind == "hijri_year":
        return _hijri(int(groups["hyear"]), None, None)
    if kind == "hijri_numeric":
        return _hijri(int(groups["hyear"]), int(groups["hmon"]), groups["day"])
    if kind == "numeric":  # day first, unless only the month-first reading is a date (01/19/2020)
        first, second = int(groups["first"]), int(groups["second"])
        day, month = (first, second) if second <= 12 else (second, first)
        groups = {**groups, "day": str(day), "mon": str(month)}
    if kind == "year":
        return groups["year"], "year", "gregorian"
    if groups.get("month"):
        month = _MONTHS[_squash(groups["month"])]
        second = groups.get("month2")
        if second and _MONTHS[_squash(second)] != month:
            return None  # "May June 2024" is not one month
    else:
        month = int(groups["mon"])
    year = int(groups["year"])
    year += _CENTURY if year < 100 else 0
    if kind == "my":
        return (f"{year:04d}-{month:02d}", "month", "gregorian") if 1 <= month <= 12 else None
    try:
        first = date(year, month, _day(groups))
        if kind == "range":
            last = date(year, month, _day(groups, "2"))
            return (first.isoformat(), "range", "gregorian", last.isoformat()) if last > first else None
        return first.isoformat(), "day", "gregorian"
    except ValueError:
        return None


def _day(groups: dict, which: str = "") -> int:
    """The day of a match, in digits or as an ordinal ("الثاني عشر من"); "2" for a range's last."""
    if not which and groups.get("first_of"):
        return 1
    ordinal = groups.get(f"ordinal{which}")
    return _ORDINAL_DAYS[_squash(ordinal)] if ordinal else int(groups[f"day{which}"])


def _hijri(year: int, month: int | None, day: str | None) -> tuple | None:
    try:
        start = _hijri_to_gregorian(year, month or 1, int(day or 1))
    except (ValueError, OverflowError):
        return None  # no such day
    if month is None:
        return f"{start.year:04d}", "year", "hijri"
    if day is None:
        return f"{start.year:04d}-{start.month:02d}", "month", "hijri"
    return start.isoformat(), "day", "hijri"


def _hijri_to_gregorian(year: int, month: int, day: int) -> date:
    """By the Umm al-Qura tables (1343–1500 AH); before them by the arithmetic (tabular)
    calendar, which can differ from the sighted month by a day or two."""
    if year >= UMM_AL_QURA_FIRST_YEAR:
        return Hijri(year, month, day).to_gregorian()
    if not (1 <= month <= 12 and 1 <= day <= 30):
        raise ValueError(f"no Hijri day {year}-{month}-{day}")
    julian_day = day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30 + 1948439
    return date.fromordinal(julian_day - 1721425)


def _relative(kind: str, match: re.Match, reference: date) -> tuple | None:
    groups = match.groupdict()
    if kind == "day_of_month":
        index = reference.year * 12 + reference.month - 1 + _MONTH_OFFSET[_squash(groups["which"])]
        try:
            day = int(groups["day"]) if groups["day"] else _ORDINAL_DAYS[_squash(groups["ordinal"])]
            return date(index // 12, index % 12 + 1, day).isoformat(), "day", "gregorian"
        except ValueError:
            return None
    if kind == "range_month":
        first = _relative("day_month", match, reference)
        if first is None:
            return None
        last = _same_month(first[0], _day(groups, "2"))
        return (first[0], "range", "gregorian", last) if last and last > first[0] else None
    if kind in ("day_month", "day_list", "month_alone"):
        month = _MONTHS[_squash(groups["month"])]
        if groups.get("month2") and _MONTHS[_squash(groups["month2"])] != month:
            return None
        if kind == "month_alone":  # the nearest such month, unless "الماضي" or "المقبل" says which way
            direction = (groups.get("after") or "").lower()
            years = [reference.year - 1, reference.year, reference.year + 1]
            if re.fullmatch(_PAST, direction):
                years = [y for y in years if (y, month) < (reference.year, reference.month)]
            elif re.fullmatch(_NEXT, direction):
                years = [y for y in years if (y, month) > (reference.year, reference.month)]
            here = reference.year * 12 + reference.month
            year = min(years, key=lambda y: abs(y * 12 + month - here))
            return f"{year:04d}-{month:02d}", "month", "gregorian"
        candidates = []
        day = _day(groups)
        for year in (reference.year - 1, reference.year, reference.year + 1):
            try:
                candidates.append(date(year, month, day))
            except ValueError:
                continue
        if not candidates:
            return None
        if _NAMED_AFTER_A_DATE.search(match.string[max(0, match.start() - 20) : match.start()]):
            return _NO_DATE
        if year := _YEAR_SOON_AFTER.match(match.string, match.end()):
            try:  # "13 سبتمبر المجيد، سنة 1990": the year, after an epithet
                return date(int(year["year"]), month, day).isoformat(), "day", "gregorian"
            except ValueError:
                return None
        if direction := _DIRECTION_AFTER.match(match.string, match.end()):  # "منذ 21 سبتمبر الماضي"
            past = re.fullmatch(_PAST, direction["which"])
            candidates = [d for d in candidates if (d < reference if past else d > reference)] or candidates
        nearest = min(candidates, key=lambda d: abs(d - reference))
        weekday = _WEEKDAY_FIRST.match(match[0])
        if weekday and _WEEKDAYS[_squash(weekday["weekday"])] != nearest.weekday():
            return _NO_DATE  # "Mercredi 1er avril" that is no Wednesday this year: another year's
        return nearest.isoformat(), "day", "gregorian"
    before = match.string[max(0, match.start() - 12) : match.start()]
    if _NOT_RELATIVE_BEFORE.search(before):
        return _NO_DATE
    if groups["day"]:
        day = reference + timedelta(days=_RELATIVE_DAY[_squash(groups["day"])])  # "غدا الاحد": tomorrow
        if groups["dayname"] and _WEEKDAYS[_squash(groups["dayname"])] != day.weekday():
            return _NO_DATE  # "اليوم الأحد" on a Wednesday: the page's date is not the day it was written
        return day.isoformat(), "day", "gregorian"
    if groups["weekday"]:
        if (
            _PRAYER_OR_HABIT_BEFORE.search(before)
            or _HABIT_AFTER.match(match.string, match.end())
            or _EITHER_DAY.match(match.string, match.end())
            or _EITHER_DAY.search(match.string[max(0, match.start() - 20) : match.start()])
            or _DATE_IN_BRACKETS_AFTER.match(match.string, match.end())
        ):
            return _NO_DATE
        weekday = _WEEKDAYS[_squash(groups["weekday"])]
        back = (reference.weekday() - weekday) % 7  # the most recent such day, on or before
        direction = (groups["before"] or groups["after"] or "").lower()
        if re.fullmatch(_PAST, direction):
            back = back or 7
        elif re.fullmatch(_NEXT, direction) or _about_the_future(match):
            ahead = (weekday - reference.weekday()) % 7  # "se tiendra vendredi", on a Friday: today
            ahead = ahead or (7 if re.fullmatch(_NEXT, direction) else 0)  # "الجمعة المقبل": next week's
            return (reference + timedelta(days=ahead)).isoformat(), "day", "gregorian"
        return (reference - timedelta(days=back)).isoformat(), "day", "gregorian"
    phrase = groups["period"].lower()
    unit, offset = next((u, o) for p, u, o in _RELATIVE_PERIOD if re.fullmatch(p, phrase, re.IGNORECASE))
    if unit == "year":
        return f"{reference.year + offset:04d}", "year", "gregorian"
    if unit == "week":
        monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=offset)
        return monday.isoformat(), "week", "gregorian"
    month_index = reference.year * 12 + reference.month - 1 + offset
    return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month", "gregorian"


# "اليوم الجمعة", "today (Tuesday)", "aujourd'hui mardi": the story names its own day.
_TODAY_WEEKDAY = re.compile(
    rf"{_CLITIC_START}(?:اليوم|today|aujourd'hui)[\s,،(]+(?:يوم\s+)?(?P<weekday>{_alternation(_WEEKDAYS)}){_WORD_END}",
    re.IGNORECASE,
)


def weekdays_called_today(text: str) -> set[int]:
    """The weekdays (Monday 0) a story calls today."""
    folded = text.translate(_FOLD).lower()
    return {_WEEKDAYS[_squash(match["weekday"])] for match in _TODAY_WEEKDAY.finditer(folded)}


def _about_the_future(match: re.Match) -> bool:
    before = match.string[max(0, match.start() - 80) : match.start()]
    before = before[max((said.end() for said in _SAID_SINCE.finditer(before)), default=0) :]
    french_future = _FRENCH_FUTURE_VERB.search(before) and _FRENCH_WORD.search(before)
    return bool(_FUTURE_BEFORE.search(before) or french_future)


def _squash(name: str) -> str:
    """A matched name as the tables hold it: one space between words, no marks, lower case."""
    return re.sub(r"\s+", " ", re.sub(_MARKS, "", name.rstrip("."))).lower()


def publication_date(line: str) -> str | None:
    """The day a date line names (YYYY-MM-DD), or None unless it names day, month and year.
    Of a Hijri date and its Gregorian equivalent on one line, the Gregorian (the Hijri one is
    converted by tables that may differ from the sighted month by a day)."""
    days = [found for found in find_explicit_dates(line) if found.precision == "day"]
    gregorian = [found for found in days if found.calendar == "gregorian"]
    return (gregorian or days)[0].value if days else None


def find_dates(text: str, lang: str, published_at: str | None = None) -> list[DateMention]:
    """Dates mentioned in the text, one mention per surface form and value. Relative ones
    (weekdays, أمس, last month) only when the publication date is known: never a guess."""
    reference = date.fromisoformat(published_at[:10]) if published_at else None
    mentions: dict[tuple[str, str], DateMention] = {}
    for found in _find(text, reference):
        mention = DateMention(
            found.text, found.value, lang, found.precision, found.calendar, found.end_value, found.relative
        )
        mentions.setdefault((mention.text, mention.value), mention)
    return list(mentions.values())
