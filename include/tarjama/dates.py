"""Explicit dates in Arabic, English and French news text, read by the project's own grammar.

Forms read: ISO (2024-11-30), numeric day-first (30/11/2024, 09.01.2016), day month year
(30 نوفمبر 2024, 18/نوفمبر/2023, 1st, February 2024), month day year (December 18th 2022,
janvier 23, 2018), month names in their Egyptian, Levantine (كانون الثاني, حزيران), Maghrebi
(يوليوز, غشت, شتنبر), Algerian-Tunisian (جانفي, جوان) and Urdu (جون) forms, pairs of two names
for one month (يونيو/حزيران, فبراير شباط), Arabic-Indic and Persian digits, and Hijri dates
(29 شعبان 1442هـ) converted by the Umm al-Qura calendar. A month and year without a day
(فبراير/شباط 2022) is kept with month precision, never as a made-up day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from hijridate import Hijri

from tarjama.models import DateMention

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# One character for one, so that a match in the folded text is a match in the original.
_FOLD = str.maketrans("أإآٱىة", "اااايه")

_GREGORIAN_NAMES = {
    1: "يناير ينير جانفي كانون الثاني جنوری ژانویه january jan janvier",
    2: "فبراير فبرير شباط فيفري فروری فوریه february feb février fevrier",
    3: "مارس آذار اذار مارچ march mar mars",
    4: "أبريل ابريل إبريل نيسان أفريل افريل اپریل آوریل april apr avril",
    5: "مايو ماي أيار ايار مئی مه may mai",
    6: "يونيو يونيه حزيران جوان جون ژوئن june jun juin",
    7: "يوليو يوليه يوليوز تموز جويلية جولائی ژوئیه july jul juillet",
    8: "أغسطس اغسطس آب غشت أوت اوت اگست august aug août aout",
    9: "سبتمبر أيلول ايلول شتنبر ستمبر سپتامبر september sept sep septembre",
    10: "أكتوبر اكتوبر تشرين الأول تشرين الاول اکتوبر اکتبر october oct octobre",
    11: "نوفمبر نونبر تشرين الثاني نومبر نوامبر november nov novembre",
    12: "ديسمبر دجنبر كانون الأول كانون الاول دسمبر دسامبر december dec décembre decembre",
}
_TWO_WORD = ("كانون الثاني", "كانون الأول", "كانون الاول", "تشرين الأول", "تشرين الاول", "تشرين الثاني")
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
_HIJRI_MONTHS = {name: month for month, names in _HIJRI_NAMES.items() for name in names}


def _alternation(names) -> str:
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))


_WORD_END = r"(?![\w\u0621-\u064a\u0671-\u06d3])"
_WORD_START = r"(?<![\w\u0621-\u064a\u0671-\u06d3])"
_MONTH = rf"(?:{_alternation(_MONTHS)})\.?{_WORD_END}"
# "يونيو/حزيران", "فبراير شباط", "نوفمبر/ تشرين الثاني", "June (حزيران)": two names, one month.
_MONTH_PAIR = rf"(?P<month>{_MONTH})(?:\s*[/(-]?\s*(?P<month2>{_MONTH})\)?)?"
# A day may be glued to the word before it ("و3 كانون الثاني", a byline "سيد30 مارس").
_DAY = r"(?<!\d)(?P<day>[0-3]?\d)(?:st|nd|rd|th|er)?"
# A year may be glued to a reading-time widget ("20223 دقائق" is 2022, then "3 minutes").
_YEAR = r"(?P<year>(?:19|20)\d\d)(?:(?!\d)|(?=\d\d?\s*(?:دقائق|دقيقه|min)))"
_SEP = r"\s*[/\-.,،]?\s*"
_HIJRI_MARK = r"\s*(?:هـ|ه|هجري|هجريه|ah|a\.h\.)" + _WORD_END

_WEEKDAY = (
    r"(?:(?:يوم\s+)?(?:السبت|الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه)|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s*[,،]?\s*"
)
_OPTIONAL_WEEKDAY = rf"(?:{_WORD_START}{_WEEKDAY})?"
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(rf"{_WORD_START}{_YEAR}-(?P<mon>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)")),
    (
        "hijri",
        re.compile(
            rf"{_WORD_START}(?:(?P<day>[0-3]?\d)\s*)?(?P<hmonth>{_alternation(_HIJRI_MONTHS)}){_WORD_END}"
            rf"\s*(?P<hyear>1[345]\d\d)(?:{_HIJRI_MARK})?",
            re.IGNORECASE,
        ),
    ),
    ("dmy", re.compile(rf"{_OPTIONAL_WEEKDAY}{_DAY}{_SEP}{_MONTH_PAIR}{_SEP}{_YEAR}", re.IGNORECASE)),
    ("mdy", re.compile(rf"{_OPTIONAL_WEEKDAY}{_WORD_START}{_MONTH_PAIR}\s*{_DAY}{_SEP}{_YEAR}", re.IGNORECASE)),
    ("numeric", re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)([/.\-])(?P<mon>[01]?\d)\2(?P<year>(?:19|20)\d\d)(?!\d)")),
    ("my", re.compile(rf"{_WORD_START}{_MONTH_PAIR}{_SEP}{_YEAR}", re.IGNORECASE)),
]


@dataclass(frozen=True)
class FoundDate:
    text: str
    value: str  # YYYY-MM-DD, or YYYY-MM for a month
    precision: str  # "day" or "month"
    calendar: str  # "gregorian" or "hijri"
    start: int
    end: int


def find_explicit_dates(text: str) -> list[FoundDate]:
    """Every explicit date in the text, left to right, without overlaps."""
    folded = text.translate(_DIGITS).translate(_FOLD).lower()
    taken: list[tuple[int, int]] = []
    found: list[FoundDate] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(folded):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            value = _value(kind, match)
            if value is None:
                continue
            taken.append(match.span())
            surface = text[match.start() : match.end()].strip(" ،,.-/")
            found.append(FoundDate(surface, value[0], value[1], value[2], match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


def _value(kind: str, match: re.Match) -> tuple[str, str, str] | None:
    groups = match.groupdict()
    if kind == "hijri":
        return _hijri(int(groups["hyear"]), _HIJRI_MONTHS[_squash(groups["hmonth"])], groups.get("day"))
    if groups.get("month"):
        month = _MONTHS[_squash(groups["month"])]
        second = groups.get("month2")
        if second and _MONTHS[_squash(second)] != month:
            return None  # "May June 2024" is not one month
    else:
        month = int(groups["mon"])
    year = int(groups["year"])
    if kind == "my":
        return (f"{year:04d}-{month:02d}", "month", "gregorian") if 1 <= month <= 12 else None
    try:
        return date(year, month, int(groups["day"])).isoformat(), "day", "gregorian"
    except ValueError:
        return None


def _hijri(year: int, month: int, day: str | None) -> tuple[str, str, str] | None:
    try:
        if day is None:
            start = Hijri(year, month, 1).to_gregorian()
            return f"{start.year:04d}-{start.month:02d}", "month", "hijri"
        return Hijri(year, month, int(day)).to_gregorian().isoformat(), "day", "hijri"
    except (ValueError, OverflowError):
        return None  # outside the Umm al-Qura table (1343–1500 AH), or no such day


def _squash(name: str) -> str:
    return re.sub(r"\s+", " ", name.rstrip(".")).lower()


def publication_date(line: str) -> str | None:
    """The day a date line names (YYYY-MM-DD), or None unless it names day, month and year."""
    for found in find_explicit_dates(line):
        if found.precision == "day":
            return found.value
    return None


def find_dates(text: str, lang: str, published_at: str | None = None) -> list[DateMention]:
    """Explicit dates mentioned in the text, one mention per surface form and value."""
    mentions: dict[tuple[str, str], DateMention] = {}
    for found in find_explicit_dates(text):
        mention = DateMention(found.text, found.value, lang, found.precision, found.calendar)
        mentions.setdefault((mention.text, mention.value), mention)
    return list(mentions.values())
