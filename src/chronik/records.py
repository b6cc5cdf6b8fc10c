"""Plain records that flow through the pipeline.

Every stage is a pure function from the previous stage's records to its own. Records are frozen
dataclasses; offsets are character offsets into ``Document.text``, end exclusive.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class TimexType(StrEnum):
    """TimeML TIMEX3 types. ``str(TimexType.DATE) == "DATE"``."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class DocType(StrEnum):
    """How relative expressions are anchored.

    ``news``: to the article date, with tense deciding past or future.
    ``narrative``: to the last date mentioned in the text (history texts).
    """

    NEWS = "news"
    NARRATIVE = "narrative"


@dataclass(frozen=True, slots=True)
class Document:
    """One dated article.

    ``date`` is a TimeML date value of the article's own date at whatever granularity is known
    (``"2017"``, ``"2017-05"``, ``"2017-05-09"``, ``"2017-05-09T14:30"``) or ``None``.
    ``source`` and ``line`` say where it was read from (for error messages and provenance).
    """

    text: str
    date: str | None = None
    lang: str | None = None
    id: str = ""
    source: str | None = None
    line: int | None = None
    doc_type: DocType = DocType.NEWS


@dataclass(frozen=True, slots=True)
class Timex:
    """A TIMEX3 time expression found in a document.

    ``value`` is the TimeML value (``2017-07-07``, ``2017-05-XXTEV``, ``P3Y``, ``PRESENT_REF`` …).
    ``earliest`` / ``latest`` are the interval the value covers, inclusive, as ISO strings
    (dates for day or coarser granularity, ``YYYY-MM-DDTHH:MM`` for times); ``None`` when the
    expression is not anchored on the calendar (durations, sets, references, unresolved).
    ``uncertain`` names the finest unit that the text fixes but the anchor could not resolve
    (``"day"`` for "am Dienstagabend" in an article dated only ``2017-05``), else ``None``.
    ``unresolved`` is true for a relative expression that had nothing to anchor to.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    quant: str | None = None
    freq: str | None = None
    earliest: str | None = None
    latest: str | None = None
    uncertain: str | None = None
    unresolved: bool = False
    anchor: str | None = None
    rule: str = ""

    @property
    def interval(self) -> tuple[str | None, str | None]:
        return (self.earliest, self.latest)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["type"] = str(self.type)
        return d


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity mention: label is one of PER, ORG, LOC, MISC; ``key`` groups mentions."""

    start: int
    end: int
    text: str
    label: str
    key: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Annotation:
    """The result of ``chronik.annotate``: the document and what was found in it."""

    document: Document
    timexes: tuple[Timex, ...] = ()
    entities: tuple[Entity, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def date(self) -> str | None:
        return self.document.date

    @property
    def lang(self) -> str | None:
        return self.document.lang

    def to_dict(self) -> dict:
        return {
            "id": self.document.id,
            "date": self.document.date,
            "lang": self.document.lang,
            "doc_type": str(self.document.doc_type),
            "source": self.document.source,
            "text": self.document.text,
            "timexes": [t.to_dict() for t in self.timexes],
            "entities": [e.to_dict() for e in self.entities],
            "warnings": list(self.warnings),
        }
