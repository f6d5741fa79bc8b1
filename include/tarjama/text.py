"""Text normalisation and sentence splitting, offline and language-aware."""

from __future__ import annotations

import html
import re
import unicodedata

# A sentence ends at . ! ? ؟ (and the Urdu full stop ۔) followed by space, and at the end of a
# line; the Arabic comma ، does not end one. Quotes or brackets right after the mark stay with
# the sentence.
_SENTENCE_END = re.compile(r"[.!?؟۔]+[\"'»”)\]]*\s+")
_SPACES = re.compile(r"[ \t\u00a0\u200f\u200e]+")
# Control characters, and bidi embeddings, overrides and isolates that can make a title display
# as something else; the zero-width space and a stray BOM are invisible. None of them is text.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\ufeff]")


# Arabic writes one word several ways. One table for the spellings of one letter: alef forms,
# alef maqsura as ya, the Persian and Urdu letters some Arabic sites type (ھ ک ی), Arabic-Indic
# and Persian digits; one character for one, so that an offset in folded text is an offset in
# the original. Matching words (dates, near-duplicates) also folds ta marbuta to ha and the
# hamza seats to their letters ("الدوحة" and "الدوحه" are one word); the NER model reads the
# plain fold, as its corpus was written.
ARABIC_FOLD = str.maketrans("أإآٱىھکی٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "اااايهكي01234567890123456789")
ARABIC_LOOSE_FOLD = {**ARABIC_FOLD, **str.maketrans("ةؤئ", "هوي")}
# The marks read over letters (harakat, superscript alef), tatweel, and invisible direction marks.
ARABIC_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640\u200e\u200f\u200b-\u200d\ufeff]")


def fold_arabic(text: str, loose: bool = False) -> str:
    """The text without marks, each letter in one spelling (`loose`: for matching words)."""
    return ARABIC_MARKS.sub("", text).translate(ARABIC_LOOSE_FOLD if loose else ARABIC_FOLD)


# HTML tags left in a text capture (a CMS's export: "<p>...</p>", "<!-- wp:paragraph -->").
_MARKUP = re.compile(
    r"<!--.*?-->|</?(?:p|br|li|ul|ol|strong|b|i|em|span|div|h[1-6]|a|blockquote|figure|figcaption|img)\b[^<>]{0,300}>",
    re.IGNORECASE | re.DOTALL,
)
MIN_MARKUP_TAGS = 3  # fewer may be text about HTML


def without_markup(text: str, min_tags: int = MIN_MARKUP_TAGS) -> str:
    """The text of a capture that kept its HTML tags: tags out (each leaves a space), entities
    read; a text with fewer than `min_tags` tags is left as it is."""
    if len(_MARKUP.findall(text)) < min_tags:
        return text
    return html.unescape(_MARKUP.sub(" ", text))


def normalize(text: str) -> str:
    """NFKC (so presentation forms become letters), collapsed spaces, trimmed lines."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(lines).strip()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the text, the space after it included: the one way
    Tarjama cuts text into sentences, for translation and for the Arabic NER alike."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end_mark in _SENTENCE_END.finditer(text, line.start(), line.end()):
            spans.append((start, end_mark.end()))
            start = end_mark.end()
        if start < line.end():
            spans.append((start, line.end()))
    return spans


def split_sentences(paragraph: str) -> list[str]:
    return [sentence for start, end in sentence_spans(paragraph) if (sentence := paragraph[start:end].strip())]


_PUNCTUATION_ALONE = re.compile(r"^[.!?؟،,؛;:]+$")
# A line that ends a sentence (or opens what follows, with a colon).
LINE_ENDS_SENTENCE = re.compile(r"[.!?؟۔:][\"'»”’)\]]*\s*$")
# A sentence never ends on a preposition, an article or a conjunction ...
_NEVER_LAST = "في من إلى الى على عن مع أن إن التي الذي و ثم of to in on the and that de du des à le la les et que"
ENDS_MID_SENTENCE = re.compile(rf"\s(?:{'|'.join(_NEVER_LAST.split())})\s*$", re.IGNORECASE)
# ... and these are the words that make prose read as prose (a menu's labels have almost none).
_OTHER_FUNCTION_WORDS = """بعد قبل ان الذين هذا هذه ذلك كان كانت قد لم لن لا حيث كما بين خلال حول منذ حتى عند لدى
for with is was by from at as en un une qui pour par dans sur est"""
FUNCTION_WORDS = frozenset(_NEVER_LAST.split()) | frozenset(_OTHER_FUNCTION_WORDS.split())
# ... and "أن" (that) or a lower-case word never starts one.
_LOWER_CASE_WORD = r"[a-zà-ÿ][a-zà-ÿ'’-]*"
_CONTINUATION = re.compile(rf"^(?:أن|ان|بأن|بان|{_LOWER_CASE_WORD})\s")  # a word, not a link
_MIN_CONTINUATION_WORDS = 3
_LOWER_CASE_START = re.compile(rf"^{_LOWER_CASE_WORD}\s")
_MIN_WRAPPED_LINE_WORDS = 8
_MIN_COLUMN_LINES = 6  # lines as long as the column: fewer may be chance (headlines of links)
_MIN_COLUMN_CHARS = 60
_COLUMN_SLACK = 0.12  # a column's lines differ by a word or two
_YEAR_NEAR_START = re.compile(r"^(?:\S+\s+){0,3}(?:19|20)\d\d\b")
# A verb of saying opens a clause ("أكد", "وأوضح", "ولفتت"): alone on its line, its paragraph
# was broken line by line, and goes on until a line ends its sentence.
REPORTING_VERB = r"[وف]?(?:قال|أكد|أضاف|أوضح|أشار|تابع|أعلن|كشف|ذكر|لفت|شدد|اعتبر|رأى|نفى)(?:ت)?"
_REPORTING_VERB_ALONE = re.compile(rf"^{fold_arabic(REPORTING_VERB)}$")
_MAX_BROKEN_LINES = 6  # an unfinished paragraph stops taking lines there (a capture cut in it)


_UNFINISHED_END = re.compile(r"\w\s+(\w+)\s*$")  # a word after a word, not a credit after a dash
_MIN_UNFINISHED_LINE_WORDS = 5  # a paragraph cut off, not a credit ("Reuters") or a name alone


def without_unfinished_word(text: str) -> str:
    """The text without its last word when it stops in a paragraph's running prose, as a capture
    cut at a number of characters does: "... نظم حزب ا" names no party "حزب ا"."""
    last_line = text.rstrip().rsplit("\n", 1)[-1]
    if len(last_line.split()) < _MIN_UNFINISHED_LINE_WORDS or not _UNFINISHED_END.search(last_line):
        return text
    return text[: _UNFINISHED_END.search(text).start(1)].rstrip()


def paragraphs(text: str) -> list[str]:
    """The text's non-empty lines; a capture that broke a sentence across lines gets it back on
    one: a line of punctuation alone ends the one before it, and a line right under one that
    stops on a comma or a preposition ("signed in November between Jordan,"), or that starts
    with "أن" or a lower-case word, goes on from it ("كشف وزير المالية" / "أن الوزارة تمكنت ..."),
    and so does a line starting with a lower-case word one blank line under a line of prose left
    unfinished, on a page that does so more than once (a paragraph hard-wrapped with blank lines;
    once, it is a headline over "le 12 mars 2020"); on a page hard-wrapped at a column's width (a
    newspaper's print, a PDF), a line as long as the column that leaves its sentence unfinished
    goes on into the next; a paragraph whose verb of saying stands alone on its first line
    ("أكد" / "محافظ النجف ...") takes the lines under it until one ends its sentence."""
    raw = [line.strip() for line in text.splitlines()]
    wrapped_page = sum(_wrapped(a, b) for a, blank, b in zip(raw, raw[1:], raw[2:], strict=False) if not blank) > 1
    column = _column_width(raw)
    lines: list[str] = []
    blanks = 0  # blank lines between this line and the last one kept
    last = ""  # the last line read, as the capture has it
    broken = 0  # lines taken so far by a paragraph broken line by line, still unfinished

    def goes_on(line: str) -> bool:
        if blanks == 0:
            return (
                0 < broken < _MAX_BROKEN_LINES
                or _continues(lines[-1], line)
                or (column is not None and _column_goes_on(last, line, column))
            )
        return blanks == 1 and wrapped_page and _wrapped(lines[-1], line)

    for line in raw:
        if lines and _PUNCTUATION_ALONE.match(line):
            lines[-1] += line
        elif lines and line and goes_on(line):
            lines[-1] += " " + line
            broken += bool(broken)
        elif line:
            lines.append(line)
            broken = int(bool(_REPORTING_VERB_ALONE.match(fold_arabic(line))))
        if not line or LINE_ENDS_SENTENCE.search(lines[-1] if lines else ""):
            broken = 0
        blanks = 0 if line else blanks + 1
        last = line or last
    return lines


def _column_width(raw: list[str]) -> int | None:
    """The width a page hard-wraps its text at, when it does (a newspaper's column, a PDF): the
    usual length of the lines that stop without ending their sentence and have a line right
    under them, when enough of them are as long as that."""
    unfinished = sorted(
        len(line)
        for line, below in zip(raw, raw[1:], strict=False)
        if below and len(line.split()) >= _MIN_WRAPPED_LINE_WORDS and not LINE_ENDS_SENTENCE.search(line)
    )
    if len(unfinished) < _MIN_COLUMN_LINES:
        return None
    width = unfinished[len(unfinished) // 2]
    wide_enough = width >= _MIN_COLUMN_CHARS
    return width if wide_enough and sum(_near(length, width) for length in unfinished) >= _MIN_COLUMN_LINES else None


def _column_goes_on(previous: str, line: str, width: int) -> bool:
    """A line broken by the column's edge (as long as the column, its sentence unfinished), then
    more of the sentence: a line of a few words, or its end ("الحقيقة" alone may be a name)."""
    broken = _near(len(previous), width) and not LINE_ENDS_SENTENCE.search(previous)
    more = len(line.split()) >= _MIN_CONTINUATION_WORDS or bool(LINE_ENDS_SENTENCE.search(line))
    return broken and len(previous.split()) >= _MIN_WRAPPED_LINE_WORDS and more


def _near(length: int, width: int) -> bool:
    return abs(length - width) <= _COLUMN_SLACK * width


def _wrapped(previous: str, line: str) -> bool:
    """A paragraph hard-wrapped with a blank line after each of its lines: a line of prose that
    stops without ending its sentence, then one that starts with a lower-case word (no paragraph
    does)."""
    if LINE_ENDS_SENTENCE.search(previous) or len(previous.split()) < _MIN_WRAPPED_LINE_WORDS:
        return False
    starts_lower_case = _LOWER_CASE_START.match(line) and not _YEAR_NEAR_START.match(line)  # "janvier 23, 2018"
    return bool(starts_lower_case) and len(line.split()) >= _MIN_CONTINUATION_WORDS


# "xinhua 2023-07-04 13:57:35": an agency's name and the time it filed, under a headline, not its words
_SOURCE_AND_DATE = re.compile(
    r"^[^\W\d_]+\s+(?:\d{4}[-/.]\d\d?[-/.]\d\d?|\d\d?[-/.]\d\d?[-/.]\d{2,4})(?:\s+\d\d?:\d\d(?::\d\d)?)?$"
)


def _continues(previous: str, line: str) -> bool:
    """Two parts of a sentence, each more than a word or two ("تابعونا على" / "فيسبوك" is a menu)."""
    if LINE_ENDS_SENTENCE.search(previous) or min(len(previous.split()), len(line.split())) < _MIN_CONTINUATION_WORDS:
        return False
    stops_mid_sentence = previous.endswith(("،", ",")) or ENDS_MID_SENTENCE.search(previous)
    return not _SOURCE_AND_DATE.match(line) and bool(_CONTINUATION.match(line) or stops_mid_sentence)
