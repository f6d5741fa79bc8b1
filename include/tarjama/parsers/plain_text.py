"""Plain-text articles in the layouts news pages are saved in: a header (site menus, widgets,
the headline, a date line, a byline, a credit), the story, then a trailer (related links,
comments, footers). Some capture tools write "date 2024-11-30 <first line>" on the first line;
some keep the page's HTML tags, which are taken out.

The story is found first, from its prose (`layout.split_page`); the header is read second:
- the headline is the header line printed twice (a page's title and its heading), else the
  first one that can be a headline: not furniture, a date, a byline, a credit, a caption, a
  masthead's name, a menu item, a teaser cut with "...", a breadcrumb path, a ticker, a clock or
  a single word or two;
- a page without one gets its story's first sentence as a stand-in, and keeps every line;
- the line right under the headline, when it reads as a summary (twelve words or more, no
  furniture), is the story's first paragraph;
- the publication date is the date on the line that holds the headline again ("22-09-2020
  10:04 - <headline>"), else a date line labelled as such ("نشر في"), else the date line
  nearest below the headline (one with other words than the date only before the story's
  second paragraph: after it, a date is the story's), else a date line right above
  it (at most two lines between) that holds nothing but the date and stands apart from widgets
  (a "today" date beside the weather or a place name, at the top of the page above a masthead,
  or over the site's logo or ticker label, or when the story calls another day "today", is
  the site's, not the story's); a date over the headline beside its section's name
  ("Government | Sunday 23 April, 2017") is the story's, one over a city's name the site's;
  without a headline, the date line nearest the story;
- when the header gives no date: the capture tool's record of the day, else a date line right
  under the story's lead, else a date line below the story (labelled as such, "نشر في البيان
  بتاريخ ...", or right under it with nothing but the date), else the one date the page labels
  as its publication date wherever it stands, else the story's dateline (`layout.finish`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from tarjama.dates import find_explicit_dates, weekdays_called_today
from tarjama.errors import ArticleError
from tarjama.gazetteer import gazetteer
from tarjama.models import ParsedArticle
from tarjama.parsers.decoding import decode
from tarjama.parsers.layout import (
    CLAUSE_COMMA,
    HEADER_DATE_LINE_OTHER_WORDS,
    MAX_LABEL_WORDS,
    MENU_ITEM,
    PUBLICATION_LABELS,
    SENTENCE_PUNCTUATION,
    TIME_OF_DAY,
    agency_credit_date,
    agency_source,
    byline_name,
    date_line,
    finish,
    in_other_script,
    is_breadcrumb,
    is_caption,
    is_chrome,
    is_credit_alone,
    is_credit_line,
    is_dated_label,
    is_link_list_heading,
    is_masthead_name,
    is_menu_line,
    is_metadata,
    is_place_line,
    is_prose,
    is_section_name,
    is_site_header,
    is_update_label,
    place_and_source,
    split_page,
    without_agency_sign,
    words_beside_date,
)
from tarjama.text import normalize, paragraphs, split_sentences, without_markup

# A capture's own metadata before the page's text: the day it gives is the publication date; a
# month alone ("date 2020-04") is not a date and is dropped.
_CAPTURE_PREFIX = re.compile(r"^date (?:(?P<day>\d{4}-\d{2}-\d{2})|\d{4}-\d{2})(?!\d)\s*(?P<rest>.*)$")
_URL = re.compile(r"^https?://\S+$")
_MIN_GLUED_PAGE_WORDS = 25  # a page captured as one line ...
_GLUED_HEADER_WORDS = 40  # ... has its headline and date within its first words
_SENTENCE_END = re.compile(r"[.!?؟]")
_TIME_AFTER_DATE = re.compile(rf"[,،\s-]*{TIME_OF_DAY}", re.IGNORECASE)
_TODAY_BEFORE_DATE = re.compile(r"(?:اليوم|today|aujourd['’]hui)(?:\s+[^\W\d_]+)?\s*[،,:-]?\s*$", re.IGNORECASE)
_GLUED_HEADER_SEPARATOR = re.compile(r"[-–—|]\s*$")  # "Headline - 03/10/2019 Story ..."
_SOURCE_AND_DASH = re.compile(r"^\s*(?:[^\W\d_]+\s){0,2}[^\W\d_]+\s*[-–—]\s")  # "... 2022 الوصال - ناقش ..."
_MAX_HEADLINE_WORDS = 30
# What kind of piece follows: news, a video, an interview (not a place, "مصر: ...", nor "Report: ...",
# which are the headline's own)
_KIND_LABEL = re.compile(
    r"^\s*(?:خبر|فيديو|بالفيديو|بالصور|حوار|video|interview|vidéo|reportage|entretien)\s*:\s*",
    re.IGNORECASE,
)
_LONGEST_LIKELY_HEADLINE_WORDS = 25  # a longer line is a headline only where no other can be: a site's blurb is one
_MIN_HEADLINE_WORDS = 3
_PREFERRED_HEADLINE_WORDS = 4
_MIN_TITLE_CASE_LETTERS = 4  # "Casablanca Derby Ends in Goalless Draw": its words but "in" capitalised
_TITLE_CASE_SHARE = 0.8
_MIN_STANDFIRST_WORDS = 12
# A headline's form, a speaker and their words, which a standfirst's sentence is not: "وزير الري
# الأسبق: السد الأثيوبي مخطط أمريكي ..." (no comma, no full stop at its end).
_SPEAKER_HEADLINE = re.compile(r"^[^:.،,]{3,60}:\s[^.،,]+(?<![.!?؟])$")
_MAX_SOURCE_WORDS = 6
_SOURCE_LINES = 6  # a source line stands within this many lines below the headline
# A teaser cut off: "عاجل/ الرئيس يعلن..". Two dots are enough to refuse a headline, not to refuse
# prose (layout's teaser takes three: writers end sentences with "..").
_TEASER = re.compile(r"(?:\.\.+|…)\s*$")
# "بلاغ هام من وزارة الداخلية ..": two dots end a short headline, as Arabic sites write them; an
# ellipsis ("...", "…") or a longer line is a teaser cut short
_HEADLINE_DOTS = re.compile(r"^(?:\S+\s+){2,9}\S*(?<!\.)\.\.\s*$")
_TICKER = re.compile(r"::.*::")  # "item :: item :: item", a news ticker
_CLOCK = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)")  # "Heure de Tunis : 02:13", a clock widget
_MAX_CLOCK_WORDS = 6
_MAX_WIDGET_WORDS = 6
_MIN_LABEL_LETTERS = 3  # a section's name, not "صـ" (before noon)
_MAX_SECTION_WORDS = 2  # "أخبار اليوم"
# The site's founding, the line above its date: "جريدة الكترونية تأسست" over "1/1/2015".
_FOUNDED = re.compile(
    r"(?:تأسست|تأسس|تاسست|تاسس|founded|established|fondée?)(?:\s+(?:on|in|le|en|في|عام|سنة))?\s*:?\s*$", re.I
)
_WIDGET = re.compile(
    r"°|\b\d+(?:[.,]\d+)?\s?[CF]\b|weather|طقس|الطقس|مواقيت الصلاة|prayer|\b(?:booked\.net|timeanddate|accuweather)\b",
    re.IGNORECASE,
)
# A table of prayer times, of any length: "City Fajr Shuruq Duhr Asr Magrib Isha".
_PRAYER_NAMES = re.compile(
    r"\b(?:Fajr|Shuruq|Sunrise|Dhuhr|Duhr|Zuhr|Asr|Maghrib|Magrib|Isha)\b|\b(?:ال)?(?:فجر|شروق|ظهر|عصر|مغرب|عشاء)\b",
    re.IGNORECASE,
)
_MIN_PRAYER_NAMES = 4
# A field of the page's record, not a headline: "المصدر: وزارة الصحة العامة", "Source : Kataeb.org".
_FIELD_LABEL = re.compile(
    r"^\s*(?:المصدر|المصادر|source|sources|القسم|التصنيف|section|category|catégorie|rubrique)\s*:", re.IGNORECASE
)
_STANDFIRST_PARAGRAPHS = 1
_TRAILER_DATE_LINES = 3  # a date printed under the story stands within this many lines of it
_LABELLED_DATE = re.compile(
    rf"(?:{PUBLICATION_LABELS})(?:\s+(?:at|on))?\s*:?\s*(?P<date>[^|–—]{{6,40}})", re.IGNORECASE
)
# A paper's or a newsletter's issue, dated: "العدد الحادي والسبعون- 15 سبتمبر 2025", "N° 1234 du 3 mai 2021".
_ISSUE_LABEL = re.compile(r"^\s*(?:العدد|عدد|issue|n°|no\.|numéro)\s", re.IGNORECASE)
_DATE_ABOVE_HEADLINE_LINES = 3  # the date line right above a headline, at most two lines between
_TITLE_SUFFIX = re.compile(r"\s+[|\-–—:]")  # "Headline - Outlet"; "Name title of a body" is a caption
_TITLE_PARTS = re.compile(r"\s+\|\s+")  # "Headline | Outlet", as a page's <title> reads
_MAX_TITLE_PART_CHARS = 40  # the outlet's name or the label
# ة ends a word: a letter right after it is a run of labels glued together ("أخبار محليةالأخبار
# الرئيسيةغير مصنف"), a menu that lost its separators.
_GLUED_LABELS = re.compile(r"ة[\u0621-\u063a\u0641-\u064a]")
_MAX_LABEL_RUN_WORDS = 8
_MAX_PLACE_WORDS = 2
_MIN_LEAD_CLAUSE_COMMAS = 2


@dataclass
class _Header:
    title: str | None = None
    published_at: str | None = None
    date_above_headline: bool = False
    source: str | None = None
    byline: str | None = None
    dateline: str | None = None
    url: str | None = None
    standfirst: str | None = None
    removed: list[str] = field(default_factory=list)


def parse(path: str, raw: bytes) -> ParsedArticle:
    decoded = decode(path, raw)
    lines = paragraphs(normalize(without_markup(decoded.text)))
    if not lines:
        raise ArticleError(path, "empty article: no text after decoding")
    captured = None
    if match := _CAPTURE_PREFIX.match(lines[0]):
        captured = match["day"]
        lines = [match["rest"], *lines[1:]] if match["rest"] else lines[1:]
    if not lines:
        raise ArticleError(path, "no text: the file holds a date or site chrome only")
    lines = [*_header_glued_to_story(lines[0]), *lines[1:]]
    page = split_page(lines)
    header = _read_header(page.header, page.arabic)
    standfirst = [header.standfirst] if header.standfirst and header.standfirst not in page.story else []
    body = standfirst + [line for line in page.story if line != header.title]
    if not body:
        raise ArticleError(path, "no body text: only a headline, metadata or site chrome")
    title = header.title or _first_sentence(next((line for line in body if not is_place_line(line)), body[0]))
    if header.date_above_headline and not _the_storys_day(header.published_at, body):
        header.published_at = None
    published_at = (
        header.published_at  # the page's own date line, over the capture tool's record of the day
        or captured
        or _date_under_lead(lines, page.story)
        or _trailer_date(_trailer(lines, page.story))
        or agency_credit_date(body[-1])
        or _labelled_date(lines)
        or _date_amid_story(lines, page.story)
        or _date_called_today(header.title)  # a headline's, not a lead's: "met today, 21 February"
    )
    return finish(
        ParsedArticle(
            path=path,
            raw=raw,
            title=title,
            paragraphs=tuple(body),
            source=header.source,
            byline=header.byline,
            dateline=header.dateline,
            url=header.url,
            published_at=published_at,
            published_at_from=("text" if published_at != captured else "capture") if published_at else None,
            removed_lines=tuple(header.removed + page.removed),
            input_format="text",
            encoding=decoded.encoding,
            repairs=decoded.repairs,
        ),
        story="found",
    )


def _date_called_today(title: str | None) -> str | None:
    """The date a headline calls today: "سعر الدولار اليوم 22 نوفمبر 2025", "Prayer times today, 3 March 2024"."""
    for found in find_explicit_dates(title or ""):
        if found.precision == "day" and _TODAY_BEFORE_DATE.search(title[: found.start]):
            return found.value
    return None


def _header_glued_to_story(line: str) -> list[str]:
    """A page captured as one line, its header glued to its story: "<breadcrumb><headline>
    <headline> 25 أكتوبر 2022 الوصال - ناقش ...", "Irak: <headline> - 03/10/2019 Les policiers
    ...", "تم النشر في: 17 فبراير 2026, 12:34 مساءً رأس ...", read as its lines: what the date
    follows is its label, or the headline when it ends on a separator, when a source and a dash
    open the story after the date, or when it is printed twice; or nothing, the date opening the
    page before a dateline ("January 26, 2025 Zalingei – Darfur24 Displaced ...")."""
    day = next((found for found in find_explicit_dates(line) if found.precision == "day"), None)
    if day is None or len(line.split()) < _MIN_GLUED_PAGE_WORDS:
        return [line]
    before, after = line[: day.start].strip(), line[day.end :].strip()
    if is_dated_label(before) and len(before.split()) <= MAX_LABEL_WORDS:
        time = _TIME_AFTER_DATE.match(line, day.end)
        cut = time.end() if time else day.end
        return [line[:cut].strip(), line[cut:].strip()]
    if not before and _SOURCE_AND_DASH.match(after):  # "January 26, 2025 Zalingei – Darfur24 Displaced ..."
        return [line[: day.end].strip(), after]
    words_before = len(before.split())
    headline_like = _MIN_HEADLINE_WORDS < words_before <= _GLUED_HEADER_WORDS and not _SENTENCE_END.search(before)
    headline_like = headline_like and not is_credit_line(_GLUED_HEADER_SEPARATOR.sub("", before))  # "Place - Writer -"
    doubled = _printed_twice(before)
    if not headline_like or not (_GLUED_HEADER_SEPARATOR.search(before) or _SOURCE_AND_DASH.match(after) or doubled):
        return [line]
    header = list(doubled) if doubled else [_GLUED_HEADER_SEPARATOR.sub("", before).strip()]
    return [part for part in header if part] + [line[day.start : day.end].strip(), after]


def _printed_twice(text: str) -> tuple[str, str] | None:
    """(what stands before, the headline) when the text ends with a headline printed twice (the
    first copy may be glued to a breadcrumb before it)."""
    words = text.split()
    for count in range(len(words) // 2, _MIN_HEADLINE_WORDS, -1):
        tail = " ".join(words[-count:])
        rest = text[: len(text) - len(tail)].rstrip()
        if rest.endswith(tail):
            return rest[: len(rest) - len(tail)].strip(), tail
    return None


def _read_header(lines: list[str], arabic_page: bool) -> _Header:
    header = _Header()
    headline = _headline(lines, arabic_page)
    if _standfirst(headline, lines):
        header.standfirst, headline = lines[headline], None
    first_seen = headline
    if headline is not None:
        header.title = _without_label_or_outlet(lines[headline])
        first_seen = next(i for i, line in enumerate(lines) if header.title in line)  # "خبر : <headline>"
        header.standfirst = _standfirst_under(headline, lines, arabic_page)
    used = {headline}
    dated = _headline_date(lines, header.title) or _publication_date(lines, headline)
    header.published_at, used_date = dated
    header.date_above_headline = (
        used_date is not None
        and first_seen is not None
        and used_date < first_seen
        and not is_dated_label(lines[used_date])  # "نشر بتاريخ: ...": the page's own, not the site's today
    )
    used.add(used_date)
    for index, line in enumerate(lines):
        if index in used or (date_line(line, HEADER_DATE_LINE_OTHER_WORDS) and not is_dated_label(line)):
            continue  # another date line: a widget's, or an update stamp
        if header.url is None and _URL.match(line):
            header.url = line
        elif header.byline is None and (name := byline_name(line)):
            header.byline = name
        elif header.dateline is None and (found := place_and_source(line)):
            header.dateline, source = found
            header.source = header.source or source
        elif agency := agency_source(line):
            header.source = agency  # "(وكالات):", "PARIS (Reuters) -": the agency names the source best
        elif header.source is None and _is_source(line, index, headline, lines):
            header.source = line
        else:
            continue
        used.add(index)
    header.removed = [line for index, line in enumerate(lines) if index not in used and line != header.standfirst]
    return header


def _headline(lines: list[str], arabic_page: bool) -> int | None:
    """The header line that is the headline: of four words or more, one printed twice (whole,
    or inside another line with a label or the outlet's name), else the first; else the same
    among lines of three words."""
    candidates = [i for i, line in enumerate(lines) if _can_be_headline(i, lines, arabic_page)]
    if not candidates:
        return None

    def repeated(index: int) -> bool:
        text = lines[index]
        return any(
            other == text
            or other.endswith(text)
            or (other.startswith(text) and _title_suffix(other[len(text) :], lines))
            for j, other in enumerate(lines)
            if j != index
        )

    def unlikely_length(index: int) -> bool:
        return not _PREFERRED_HEADLINE_WORDS <= len(_words(lines[index])) <= _LONGEST_LIKELY_HEADLINE_WORDS

    return min(candidates, key=lambda i: (unlikely_length(i), not repeated(i), i))


def _title_suffix(rest: str, lines: list[str]) -> bool:
    """What follows a headline printed again: the outlet's name after a separator ("Headline -
    Outlet"), or the page's next line, joined (a kicker and its headline on one line); not the
    rest of a caption ("Name title" / "Name title of a body")."""
    if _menu_after(rest):
        return False  # the site's name beside its menu ("... | اتصل بنا"): the site's header
    return bool(_TITLE_SUFFIX.match(rest)) or rest.strip() in lines


def _menu_after(rest: str) -> bool:
    item = _TITLE_SUFFIX.sub("", rest, count=1).strip()
    return bool(item) and is_chrome(item)


def _site_name(index: int, lines: list[str]) -> bool:
    """The site's name, printed again beside its menu: "المجلس الإسلامي العالمي ... | اتصل بنا"."""
    name = lines[index]
    return any(other.startswith(name) and _menu_after(other[len(name) :]) for other in lines if other != name)


def _words(line: str) -> list[str]:
    return [word for word in line.split() if any(c.isalpha() for c in word)]


def _without_label_or_outlet(line: str) -> str:
    """ "Headline | Outlet" as a page's <title> reads, "فيديو | Headline" or "Section | Headline |
    Outlet": the longest part, when the others are short; "الأخبار - Headline": without its section;
    "خبر: Headline", "Vidéo : Headline": without the label of its kind."""
    section, dash, rest = line.partition(" - ")
    if dash and is_section_name(section) and len(rest.split()) >= _MIN_HEADLINE_WORDS:
        return rest
    if (kind := _KIND_LABEL.match(line)) and len(line[kind.end() :].split()) >= _MIN_HEADLINE_WORDS:
        return line[kind.end() :]  # "خبر: أجهزة السلطة تصيب 20 مواطنا بطولكرم"
    parts = sorted(_TITLE_PARTS.split(line), key=lambda part: len(part.split()))
    if len(parts) == 1 or len(parts) > 3 or max(len(part) for part in parts[:-1]) > _MAX_TITLE_PART_CHARS:
        return line
    return parts[-1]


def _can_be_headline(index: int, lines: list[str], arabic_page: bool) -> bool:
    line = lines[index]
    words = _words(line)
    # a caption over its photo's credit, not a headline In Title Case over the credit of the photo under it
    followed_by_credit = index + 1 < len(lines) and is_credit_alone(lines[index + 1]) and not _title_case(line)
    return (
        _MIN_HEADLINE_WORDS <= len(words) <= _MAX_HEADLINE_WORDS
        and not (is_prose(line) and line.rstrip().endswith(".") and not _headline_with_full_stop(index, lines))
        and not line.rstrip().endswith((":", "|"))  # it introduces what follows: a kicker, a list's label
        and not (is_chrome(line) or is_caption(line) or followed_by_credit)
        and not (date_line(line, HEADER_DATE_LINE_OTHER_WORDS) or byline_name(line) or is_credit_line(line))
        and not (is_place_line(line) or is_masthead_name(index, lines) or is_site_header(line))
        and not (MENU_ITEM.match(line) or is_menu_line(line) or is_breadcrumb(line))
        and not ((_TEASER.search(line) and not _HEADLINE_DOTS.search(line)) or _URL.match(line))
        and not (_TICKER.search(line) or (len(words) <= _MAX_CLOCK_WORDS and _CLOCK.search(line)))
        and not (_prayer_times(line) or _FIELD_LABEL.match(line))
        and not in_other_script(line, arabic_page)
        and not (len(words) <= _MAX_LABEL_RUN_WORDS and _GLUED_LABELS.search(line))
        and not (_dated_link(line) and sum(_dated_link(other) for other in lines) > 1)
        and not (_site_name(index, lines) or any(_menu_after(part) for part in _TITLE_PARTS.split(line)[1:]))
        and not _in_dated_run(index, lines)
    )


def _in_dated_run(index: int, lines: list[str]) -> bool:
    """A link in a list of dated links, each over its date alone, printed the same way:
    "<title>", "2025-01-14", "<title>", "2025-01-14". A headline's own date line is no pair in
    the run before it."""

    def date_shape(first: int) -> str | None:
        if not (first >= 0 and first + 1 < len(lines) and (found := date_line(lines[first + 1])) and found[1]):
            return None
        return re.sub(r"\d+", "0", re.sub(r"[^\W\d_]+", "a", lines[first + 1]))  # "2 juin 2025" as "29 mai 2025"

    shape = date_shape(index)
    return shape is not None and shape in (date_shape(index + 2), date_shape(index - 2))


def _dated_link(line: str) -> bool:
    """ "6 December 2018   A Two-Pronged Policy ... - By: ...": a link in a list of dated links."""
    found = find_explicit_dates(line)
    return (
        bool(found)
        and found[0].precision == "day"
        and not line[: found[0].start].strip()
        and (len(_words(line[found[0].end :])) >= _MIN_HEADLINE_WORDS)
    )


def _title_case(line: str) -> bool:
    long_words = [word for word in _words(line) if len(word) >= _MIN_TITLE_CASE_LETTERS]
    capitalised = [word for word in long_words if word[0].isupper()]
    return len(capitalised) >= _MIN_HEADLINE_WORDS and len(capitalised) >= _TITLE_CASE_SHARE * len(long_words)


def _headline_with_full_stop(index: int, lines: list[str]) -> bool:
    """A headline that ends with a full stop is told from a lead by the date line under it, and
    by being one clause: a lead's sentence runs on through its commas."""
    metadata_follows = index + 1 < len(lines) and is_metadata(lines[index + 1])
    return metadata_follows and len(CLAUSE_COMMA.findall(lines[index])) < _MIN_LEAD_CLAUSE_COMMAS


def _standfirst_under(headline: int, lines: list[str], arabic_page: bool) -> str | None:
    """The line right under the headline when it reads as the story's summary: a sentence of
    twelve words or more that is no caption, credit, date line, furniture or second headline
    printed again."""
    if headline + 1 >= len(lines):
        return None
    line = lines[headline + 1]
    summary = len(_words(line)) >= _MIN_STANDFIRST_WORDS and lines.count(line) == 1
    furniture = is_chrome(line) or is_caption(line) or is_metadata(line) or MENU_ITEM.match(line)
    return line if summary and not furniture and not in_other_script(line, arabic_page) else None


def _standfirst(headline: int | None, lines: list[str]) -> bool:
    """A long line between the last date line or credit and the story, with nothing above that
    could be a headline, is the story's standfirst (its headline was not captured)."""
    if headline is None or headline != len(lines) - 1 or len(lines[headline].split()) < _MIN_STANDFIRST_WORDS:
        return False
    if _title_case(lines[headline]) or _SPEAKER_HEADLINE.match(lines[headline]):
        return False  # "Govt. Chief: Morocco Will Not Tolerate Any Attack on its National Fundamental Values"
    return any(is_metadata(line) for line in lines[:headline])


def _headline_date(lines: list[str], title: str | None) -> tuple[str, int] | None:
    """The date printed on a line that holds the headline again: "22-09-2020 10:04 - Headline",
    "30 Mar 2022 Headline By MOHAMMED TAHA" (its writer's name beside it)."""
    if title is None:
        return None
    for index, line in enumerate(lines):
        if title not in line or line == title:
            continue
        rest = line.replace(title, " ").strip(" -–—|:")
        found = date_line(rest, HEADER_DATE_LINE_OTHER_WORDS)
        if found and (found[1] or byline_name(" ".join(words_beside_date(rest)))):
            return found[0], index
    return None


def _publication_date(lines: list[str], headline: int | None) -> tuple[str | None, int | None]:
    """(date, its line) by the order in the module's docstring, the capture's date aside."""
    dates = [
        (i, found)
        for i, line in enumerate(lines)
        if (found := date_line(line, HEADER_DATE_LINE_OTHER_WORDS))
        and not (_site_founded(i, lines) or is_caption(line))  # a photo's date is not the story's
    ]
    labelled = [(i, found) for i, found in dates if is_dated_label(lines[i])]
    first = -1 if headline is None else headline
    # below the headline, before its story (a standfirst may stand between): a date line with
    # other words after paragraphs of the story is the story's ("العقوبات حسب قرار 24 أفريل 2008")
    below = [
        (i, found)
        for i, found in dates
        if i > first and (found[1] or sum(map(is_prose, lines[first + 1 : i])) <= _STANDFIRST_PARAGRAPHS)
    ]
    above = [
        (i, found)
        for i, found in dates
        if headline is not None
        and headline - _DATE_ABOVE_HEADLINE_LINES <= i < headline
        and (found[1] or _beside_section_label(lines[i]) or _ISSUE_LABEL.match(lines[i]))
        and not _beside_widget(i, lines)
        and not any(is_site_header(line) or is_breadcrumb(line) for line in lines[i + 1 : headline])  # the site's
        and not any(map(_names_a_place, lines[i + 1 : headline]))  # "Saturday, May 11, 2024" / "Baghdad"
    ]
    if headline is None:  # no headline to measure from: a date that stands apart from widgets and above no
        # masthead ("الجمعة 29 مارس 2024" over "المشهد اليمني رئيس التحريرعبد الرحمن البيل"), nearest the story
        below = [
            (i, found)
            for i, found in dates
            if not (_beside_widget(i, lines) or any(map(is_site_header, lines[i + 1 :])))
        ]
        # a date printed alone or beside its writer's name ("بواسطة : محمد العتيق 04-03-2020")
        below = ([(i, found) for i, found in below if found[1] or byline_name(lines[i])] or below)[::-1]
    for index, (value, _) in (labelled or below or above[-1:])[:1]:
        return value, index
    return None, None


def _site_founded(index: int, lines: list[str]) -> bool:
    """The date the site was founded, the words that say so ending the line above it."""
    return index > 0 and bool(_FOUNDED.search(lines[index - 1]))


def _beside_section_label(line: str) -> bool:
    """A date line that holds the date and the story's section apart: "Government | Sunday 23
    April, 2017 12:11 am", "الإثنين 25 آذار 2019 الساعة 23:07 سياسة", "... 12:17:39 أخبار اليوم" (a place
    there would mark the site's "today")."""
    words = words_beside_date(line)
    if "|" not in line and date_line(line, _MAX_SECTION_WORDS) and 1 <= len(words) <= _MAX_SECTION_WORDS:
        label = " ".join(words).strip(" -–—,،:")
        places = [label, *(word.strip(" -–—,،:") for word in words)]
        return sum(c.isalpha() for c in label) >= _MIN_LABEL_LETTERS and not any(map(gazetteer().places, places))
    segments = [part.strip() for part in line.split("|") if part.strip()]
    dated = [part for part in segments if date_line(part)]
    labels = [part for part in segments if part not in dated]
    return (
        len(dated) == 1
        and date_line(dated[0])[1]
        and bool(labels)
        and all(len(label.split()) <= MAX_LABEL_WORDS and not _names_a_place(label) for label in labels)
    )


def _names_a_place(line: str) -> bool:
    """A line of a word or two naming a country or a large city: a widget's place."""
    name = line.strip(" -–—|,،:")
    return bool(name) and len(name.split()) <= _MAX_PLACE_WORDS and gazetteer().is_large_place(name)


def _story_lines(lines: list[str], story: list[str]) -> list[int]:
    """Where the story's paragraphs stand among the page's lines."""
    kept = set(story)
    return [i for i, line in enumerate(lines) if line in kept]


def _trailer(lines: list[str], story: list[str]) -> list[str]:
    """The lines after the story's last, up to a heading over links to other stories."""
    trailer = lines[max(_story_lines(lines, story), default=len(lines) - 1) + 1 :]
    return trailer[: next((i for i, line in enumerate(trailer) if is_link_list_heading(line)), len(trailer))]


def _trailer_date(trailer: list[str]) -> str | None:
    """The date printed below the story: a line labelled as the publication date ("نشر في
    البيان بتاريخ ..."), when only one date is so labelled, else a line that holds nothing but a
    date (and its time, or the agency signing it: "MAP 14 January 2020") among the first lines
    after the story, when no other date follows (a list of dated links)."""
    labelled = {
        found[0]
        for line in trailer
        if is_dated_label(line) and (found := date_line(line, HEADER_DATE_LINE_OTHER_WORDS))
    }
    if labelled:
        return labelled.pop() if len(labelled) == 1 else None
    alone = [
        (i, found[0]) for i, line in enumerate(trailer) if (found := date_line(without_agency_sign(line))) and found[1]
    ]
    if any(not is_update_label(trailer[i]) for i, _ in alone):  # "آخر تحديث : ...": the day of an edit, when
        alone = [(i, value) for i, value in alone if not is_update_label(trailer[i])]  # the story's own is there
    if alone and alone[0][0] < _TRAILER_DATE_LINES and len({value for _, value in alone}) == 1:
        return alone[0][1]
    if alone and alone[0][0] == 0 and (len(alone) == 1 or alone[1][0] >= _TRAILER_DATE_LINES):
        return alone[0][1]  # right under the story, and apart from a list of dated links below
    return None  # none, or a list of dated links


def _date_under_lead(lines: list[str], story: list[str]) -> str | None:
    """The date line between the story's first paragraph and its second (or right under the only
    one): a lead printed above the date and byline ("25 septembre 2019 à 9h31 par AFP")."""
    paragraphs = _story_lines(lines, story)
    if not paragraphs:
        return None
    end = paragraphs[1] if len(paragraphs) > 1 else paragraphs[0] + 1 + _TRAILER_DATE_LINES
    for line in lines[paragraphs[0] + 1 : end]:
        if found := date_line(line, HEADER_DATE_LINE_OTHER_WORDS):
            return found[0]
    return None


def _date_amid_story(lines: list[str], story: list[str]) -> str | None:
    """The one date a line holds alone between the story's first paragraph and its last, when
    the page gives no other (the story ran on into links under its date: "Le 02/10/2021")."""
    paragraphs = _story_lines(lines, story)
    values = {
        found[0]
        for line in lines[min(paragraphs, default=0) : max(paragraphs, default=0)]
        if (found := date_line(line)) and found[1]
    }
    return values.pop() if len(values) == 1 else None


def _labelled_date(lines: list[str]) -> str | None:
    """The date a page labels as its publication date wherever it stands, when it labels one
    only: under the story's first paragraph ("Publié le 24.04.2024 à 4h40 GMT"), or at the end
    of its only paragraph ("... - تاريخ النشر : 2021/02/27")."""
    values = {
        found[0]
        for line in lines
        for match in _LABELLED_DATE.finditer(line)
        if (found := date_line(match["date"].strip(), HEADER_DATE_LINE_OTHER_WORDS))
    }
    return values.pop() if len(values) == 1 else None


def _the_storys_day(published_at: str, body: list[str]) -> bool:
    """A date over the headline is the site's "today" when the story calls another day today
    (a day later is the same: a story filed after midnight says "today" of the day before; a day
    earlier is not: "18 مايو 2024" over a story of "اليوم الأحد" is the Saturday the page was seen)."""
    called_today = weekdays_called_today(" ".join(body))
    weekday = date.fromisoformat(published_at[:10]).weekday()
    return not called_today or any((weekday - day) % 7 in (0, 1) for day in called_today)


def _beside_widget(index: int, lines: list[str]) -> bool:
    """A weather or prayer-times widget near the line: a short one (a weather story's headline
    names the weather too)."""
    near = lines[max(0, index - 2) : index + 3]
    return any(
        (_WIDGET.search(line) and len(line.split()) <= _MAX_WIDGET_WORDS) or _prayer_times(line) for line in near
    )


def _prayer_times(line: str) -> bool:
    return len(_PRAYER_NAMES.findall(line)) >= _MIN_PRAYER_NAMES


def _is_source(line: str, index: int, headline: int | None, lines: list[str]) -> bool:
    """A short line among the metadata right under the headline naming the outlet or the
    agency: "أ ف ب-الامة برس"."""
    if headline is None or not 0 < index - headline <= _SOURCE_LINES:
        return False
    return all(_is_short_metadata(other) for other in lines[headline + 1 : index + 1]) and not (
        is_chrome(line) or is_caption(line) or MENU_ITEM.match(line) or date_line(line, HEADER_DATE_LINE_OTHER_WORDS)
    )


def _is_short_metadata(line: str) -> bool:
    short = len(line.split()) <= _MAX_SOURCE_WORDS and not SENTENCE_PUNCTUATION.search(line)
    return short or bool(date_line(line, HEADER_DATE_LINE_OTHER_WORDS) or byline_name(line) or _URL.match(line))


def _first_sentence(text: str) -> str:
    """A stand-in headline for a story saved without one: its first sentence, kept short."""
    words = (split_sentences(text) or [text])[0].split()
    return " ".join(words[:_MAX_HEADLINE_WORDS]) + (" …" if len(words) > _MAX_HEADLINE_WORDS else "")
