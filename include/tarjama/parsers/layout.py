"""What every format shares once it has a headline and lines of text: site chrome removed
(and kept aside for the provenance), byline, dateline and agency read from the top of the
story, and the publication date's fallbacks (the dateline, then the URL).
"""

from __future__ import annotations

import re
from dataclasses import replace

from tarjama.dates import find_explicit_dates, publication_date
from tarjama.errors import ArticleError
from tarjama.models import ParsedArticle

SENTENCE_PUNCTUATION = re.compile(r"[.!?؟،,:؛\"«»“”]")
MAX_CHROME_WORDS = 4
MAX_TITLE_CHARS = 300
# Lines that are site furniture wherever they appear, compared after casefolding.
CHROME_LINES = {
    line.casefold()
    for line in (
        "اقرأ أيضا",
        "اقرأ أيضاً",
        "اقرأ أيضًا",
        "اقرأ المزيد",
        "الأكثر قراءة",
        "الأكثر مشاهدة",
        "الأكثر تداولا",
        "أخبار ذات صلة",
        "مواضيع ذات صلة",
        "شارك",
        "شارك الخبر",
        "مشاركة",
        "تابعنا",
        "أخبار عاجلة",
        "أخر الأخبار",
        "آخر الأخبار",
        "أحدث الأخبار",
        "الرئيسية",
        "إعلان",
        "تطبيق مصراوي",
        "شخصية العام",
        "كاريكاتير",
        "إستطلاعات الرأي",
        "استطلاعات الرأي",
        "اتصل بنا",
        "من نحن",
        "Advertisement",
        "Accessibility links",
        "Close Menu",
        "Skip to content",
        "Subscribe to a channel",
        "Share",
        "Share this",
        "Related",
        "Related articles",
        "Newsletter",
        "Most read",
        "Most popular",
        "Read more",
        "Sign up",
        "fbpx",
        "logo-print",
        "reuters_tickers",
        "Publicité",
        "Lire aussi",
    )
}
_CHROME_PATTERNS = re.compile(
    r"^(?:[•·▪►»|]\s*)?(?:facebook|twitter|x \(twitter\)|google\+|youtube|rss|instagram|telegram|whatsapp|"
    r"فيسبوك|تويتر|يوتيوب|الانستغرام|واتساب)\b.{0,40}$"
    r"|^(?:تم نشر هذا المحتوى على|أنت الآن تتصفح|More forecasts:|Posts Tagged|Page \d+ of)"
    r"|^(?:[^»]*»){2}"  # breadcrumbs: الرئيسية » أخبار وطنية » ...
    r"|^\d+\s*(?:دقيقة|دقائق|min read|minutes? read)$"
    r"|^[\d\s|:.,/-]*$",
    re.IGNORECASE,
)
AGENCIES = {
    "رويترز": "رويترز",
    "reuters": "Reuters",
    "أ ف ب": "أ ف ب",
    "أ.ف.ب": "أ ف ب",
    "فرانس برس": "أ ف ب",
    "afp": "AFP",
    "ap": "AP",
    "أسوشيتد برس": "أسوشيتد برس",
    "الأناضول": "الأناضول",
    "واس": "واس",
    "وام": "وام",
    "قنا": "قنا",
    "كونا": "كونا",
    "بترا": "بترا",
    "سانا": "سانا",
    "د ب أ": "د ب أ",
    "وكالات": "وكالات",
}
_AGENCY = "|".join(re.escape(name) for name in sorted(AGENCIES, key=len, reverse=True))
# "LUSAIL, Qatar (AP) — ...", "PARIS (Reuters) - ...", "دبي 6 فبراير شباط (رويترز) – ...", "(وكالات):"
# A dash after the agency, or a one-word place ("Paris (AFP) Die ..."); not "Agence France-Presse (AFP) signed".
_AGENCY_DATELINE = re.compile(
    rf"^(?:(?P<place>[^()\n]{{0,60}}?)\s*\((?P<agency>{_AGENCY})\)\s*[—–:\-]"
    rf"|(?P<city>[^\W\d]+) \((?P<city_agency>{_AGENCY})\))\s*",
    re.IGNORECASE,
)
# "بيونغ يانغ - لبنان البوم", "الرياض - عبدالعزيز الدوسري", "Washington – Le président ..."
_PLACE_DASH = re.compile(r"^(?P<place>[^\s\d\-–—:]+(?: [^\s\d\-–—:]+)?)\s+[-–—]\s*(?P<rest>.+)$")
_BYLINE = re.compile(r"^(?:كتب|كتبت|بقلم|إعداد|by|par)\b\s*:?\s*(?P<name>.+)$", re.IGNORECASE)
_MAX_BYLINE_WORDS = 8
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[-_]|$)")


def is_chrome(line: str) -> bool:
    text = line.strip()
    return text.casefold() in CHROME_LINES or bool(_CHROME_PATTERNS.match(text)) or _is_doubled(text)


def _is_doubled(text: str) -> bool:
    """A logo's text captured twice: "صحيفة وطن – الأرشيفصحيفة وطن – الأرشيف"."""
    letters = text.replace(" ", "")
    half = len(letters) // 2
    short = len(text.split()) <= 2 * MAX_CHROME_WORDS + 2
    return short and len(letters) >= 8 and len(letters) % 2 == 0 and letters[:half] == letters[half:]


def byline_name(line: str) -> str | None:
    """ "كتب: شادى سعد" → "شادى سعد"; "By DAVID McHUGH" → "DAVID McHUGH"."""
    match = _BYLINE.match(line)
    return match.group("name").strip() if match and len(line.split()) <= _MAX_BYLINE_WORDS else None


def is_place_line(line: str) -> bool:
    """A short line that is a dateline and a credit: "بيونغ يانغ - لبنان البوم"."""
    return bool(_PLACE_DASH.match(line)) and len(line.split()) <= 5


def is_short_unpunctuated(line: str) -> bool:
    return len(line.split()) <= MAX_CHROME_WORDS and not SENTENCE_PUNCTUATION.search(line)


def strip_chrome(lines: list[str]) -> tuple[list[str], list[str]]:
    """Known site furniture anywhere, and short unpunctuated lines trailing the story."""
    kept, removed = [], []
    for line in lines:
        (removed if is_chrome(line) else kept).append(line)
    end = len(kept)
    while end > 1 and is_short_unpunctuated(kept[end - 1]):
        end -= 1
    return kept[:end], removed + kept[end:]


def _is_date_only(line: str) -> bool:
    return (
        len(line.split()) <= 8
        and bool(found := find_explicit_dates(line))
        and not any(c.isalpha() for c in line[: found[0].start] + line[found[-1].end :] if c not in "مصpmPMGT")
    )


def finish(article: ParsedArticle) -> ParsedArticle:
    """Chrome out, byline and dateline read, date fallbacks applied; refuses an article with no body."""
    body, removed = strip_chrome(list(article.paragraphs))
    body = [line for line in body if line != article.title] or body  # headline repeated in the page
    while len(body) > 1 and _is_date_only(body[0]):  # "30 نوفمبر 2024" printed above the story
        removed.append(body.pop(0))
    byline, dateline, source = article.byline, article.dateline, article.source
    published_at, published_from = article.published_at, article.published_at_from
    for _ in range(2):  # a byline and a dateline line, in either order, at the top of the story
        if len(body) < 2:
            break
        line = body[0]
        if byline is None and (name := byline_name(line)):
            byline = name
            body = body[1:]
        elif dateline is None and is_place_line(line):
            match = _PLACE_DASH.match(line)
            dateline, rest = match.group("place"), match.group("rest")
            if published_at is None and (found := publication_date(rest)):
                published_at, published_from = found, "text"
            elif byline is None and source is None:
                source = rest  # "بيونغ يانغ - لبنان البوم": place, then the outlet
            body = body[1:]
        else:
            break
    agency_line = next((m for m in map(_AGENCY_DATELINE.match, body[:3]) if m), None)
    if agency_line:  # the agency in a dateline names the source better than a line above the story
        agency = agency_line["agency"] or agency_line["city_agency"]
        source = AGENCIES.get(agency.lower(), AGENCIES.get(agency, source))
        place = (agency_line["place"] or agency_line["city"] or "").strip(" ,")
        if place and not dateline:
            dateline = re.sub(r"\s*\d.*$", "", place).strip(" ,") or None  # "دبي 6 فبراير شباط" → "دبي"
        if published_at is None and (found := publication_date(place)):
            published_at, published_from = found, "text"
    elif body and dateline is None and (match := _PLACE_DASH.match(body[0])) and len(body[0].split()) > 5:
        dateline = match.group("place")  # "Washington – Le président américain ..."
    if published_at is None and article.url and (match := _URL_DATE.search(article.url)):
        published_at, published_from = "-".join(match.groups()), "url"
    if not body:
        raise ArticleError(article.path, "no body text: only a headline, metadata or site chrome")
    title, repairs = article.title, article.repairs
    if len(title) > MAX_TITLE_CHARS:  # a whole story in the title field of an export
        title = title[:MAX_TITLE_CHARS].rsplit(" ", 1)[0] + " …"
        repairs = (*repairs, f"title cut to {MAX_TITLE_CHARS} characters from {len(article.title)}")
    return replace(
        article,
        title=title,
        repairs=repairs,
        paragraphs=tuple(body),
        removed_lines=article.removed_lines + tuple(removed),
        byline=byline,
        dateline=dateline,
        source=source,
        published_at=published_at,
        published_at_from=published_from if published_at else None,
    )
