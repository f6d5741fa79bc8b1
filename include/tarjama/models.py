"""What one article is at each step: parsed, then indexed."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ParsedArticle:
    path: str  # file path or URL; "#N" names the Nth article of a JSON Lines file or a feed
    raw: bytes  # the original bytes of this article, as received
    title: str
    paragraphs: tuple[str, ...]
    source: str | None = None
    url: str | None = None
    published_at: str | None = None
    published_at_from: str | None = None  # where the date was read: "text", "metadata", "capture" or "url"
    byline: str | None = None
    dateline: str | None = None  # the place the story was filed from: "LUSAIL, Qatar", "دبي"
    removed_lines: tuple[str, ...] = ()
    input_format: str = "text"
    encoding: str = "utf-8"
    repairs: tuple[str, ...] = ()  # what decoding had to fix: mojibake, reversed lines, ...

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def text(self) -> str:
        return f"{self.title}\n\n{self.body}" if self.title else self.body


@dataclass(frozen=True)
class Translation:
    """One article's translation and the model that made it."""

    title: str
    paragraphs: tuple[str, ...]
    source_language: str
    target_language: str
    model: str
    model_version: str
    score: float  # geometric-mean token probability, 0..1
    sentences: int
    # sentences not decoded for this document: found in the translation memory or earlier in its
    # batch (all of them when the whole translation was reused from the index)
    sentences_reused: int = 0

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def model_label(self) -> str:
        return f"{self.model} {self.model_version}"

    def to_json(self) -> dict:
        return {
            "model": self.model,
            "model_version": self.model_version,
            "source_language": self.source_language,
            "target_language": self.target_language,
            "score": self.score,
            "sentences": self.sentences,
            "sentences_reused": self.sentences_reused,
        }


@dataclass(frozen=True)
class DateMention:
    text: str
    value: str  # YYYY-MM-DD, or YYYY-MM when the text names a month only
    lang: str
    precision: str = "day"  # day, range, week, month or year
    calendar: str = "gregorian"  # the calendar the text used; `value` is always Gregorian
    end: str | None = None  # a range's last day
    relative: bool = False  # "أمس", "السبت", "last week": resolved against the publication date

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "value": self.value,
            "lang": self.lang,
            "precision": self.precision,
            "calendar": self.calendar,
            "end": self.end,
            "relative": self.relative,
        }


@dataclass(frozen=True)
class Entities:
    person: tuple[str, ...] = ()
    org: tuple[str, ...] = ()
    place: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quarantined:
    path: str
    reason: str
    raw: bytes | None = field(repr=False, default=None)  # None: keep the file at `path` as it is
    stage: str = "parse"  # read, decode, parse or index

    def to_json(self) -> dict:
        return {"quarantined": True, "path": self.path, "reason": self.reason, "stage": self.stage}


@dataclass(frozen=True)
class Skipped:
    """An article that needs no work: already indexed as it would be now, or seen twice in a batch."""

    path: str
    id: str
    reason: str  # "unchanged" or "duplicate"


@dataclass(frozen=True)
class StoredDocument:
    """What the index already holds for an id, enough to decide whether to redo it."""

    content_hash: str | None
    pipeline_version: str | None
    ner_model: str | None
    translation: Translation | None

    @property
    def translation_model(self) -> str | None:
        return self.translation.model_label if self.translation else None
