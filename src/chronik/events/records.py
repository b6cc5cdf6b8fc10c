"""Event records: mentions found in one article, and timeline entries merged across articles.

Offsets are character offsets into ``Document.text``, end exclusive. Dates are TimeML values with the
inclusive ISO interval they cover (``start``/``end``), as in ``chronik.records.Timex``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Modality(StrEnum):
    """How sure the text is that the event took place."""

    HAPPENED = "happened"
    PLANNED = "planned"  # planned or expected
    REPORTED = "reported"  # reported or alleged
    NEGATED = "negated"
    ONGOING = "ongoing"
    HYPOTHETICAL = "hypothetical"


@dataclass(frozen=True, slots=True)
class Participant:
    """An entity taking part in an event. ``role``: ``agent`` (who acts), ``patient`` (acted on), ``participant``."""

    name: str
    key: str
    label: str  # PER, ORG, LOC, MISC
    role: str
    start: int = -1
    end: int = -1

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event took place, as far as the text tells.

    ``value`` is a TimeML value (``2017-07-07``, ``2017-05-XXTEV``, ``2017-04``); ``start`` / ``end``
    the inclusive ISO interval it covers (``None`` when unknown); ``source`` how it was found:
    ``timex`` (an expression in the same clause or sentence), ``context`` (carried over from another
    mention), ``tense`` (the article date, read through the tense), ``none``. ``timex`` holds the
    text of the expression(s); ``uncertain`` the unit the text fixes but the anchor could not
    (``"day"`` for "am Dienstagabend" in an article dated only to the month); ``approximate`` is
    true for vague references (``zur Zeit``, the article date of an undated present-tense event).
    """

    value: str | None
    start: str | None
    end: str | None
    source: str = "none"
    timex: str | None = None
    uncertain: str | None = None
    approximate: bool = False
    detail: str | None = None  # what the text tells beyond the value: "a Tuesday evening"
    timex_value: str | None = None  # the value of the linked expression, whatever its type (P3D, PRESENT_REF)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class EventMention:
    """One mention of an event in one article.

    ``trigger`` is the word(s) that name the event (``start``/``end`` its offsets), ``lemma`` its
    base form, ``event_class`` a TimeML-like class (``occurrence``, ``reporting``, ``state``,
    ``aspectual``, ``intention``), ``sentence`` the sentence text with its offsets.
    """

    doc_id: str
    start: int
    end: int
    trigger: str
    lemma: str
    label: str
    event_class: str
    modality: Modality
    date: EventDate
    participants: tuple[Participant, ...] = ()
    place: str | None = None
    sentence: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    lang: str = ""
    doc_date: str | None = None
    cues: tuple[str, ...] = ()
    key: str = ""  # merge key: the lower-case lemma ("g20-treffen", "chemiewaffenangriff")
    head: str = ""  # the head of a compound ("treffen", "angriff")

    def to_dict(self) -> dict:
        d = asdict(self)
        d["modality"] = str(self.modality)
        return d


@dataclass(frozen=True, slots=True)
class Source:
    """Where a timeline entry was told: the article, the sentence and the trigger's offsets."""

    doc_id: str
    sentence: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    trigger: str
    doc_date: str | None = None
    source: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One event on the timeline, merged from all the mentions that tell it.

    ``date`` is the TimeML value of the most specific date consistent with the mentions, ``start``
    / ``end`` the interval it covers, ``agreeing`` how many mentions agree with it; ``salience``
    ranks entries (more sources, more participants, a specific date rank higher).
    """

    id: str
    date: str | None
    start: str | None
    end: str | None
    label: str
    trigger: str
    lemma: str
    modality: Modality
    event_class: str
    participants: tuple[Participant, ...]
    place: str | None
    sources: tuple[Source, ...]
    date_source: str = "none"
    uncertain: str | None = None
    approximate: bool = False
    agreeing: int = 1
    salience: float = 0.0
    mentions: tuple[EventMention, ...] = field(default=(), repr=False, compare=False)
    detail: str | None = None

    def to_dict(self, with_mentions: bool = False) -> dict:
        d = {
            "id": self.id,
            "date": self.date,
            "start": self.start,
            "end": self.end,
            "when": describe_date(self),
            "label": self.label,
            "trigger": self.trigger,
            "lemma": self.lemma,
            "modality": str(self.modality),
            "event_class": self.event_class,
            "participants": [p.to_dict() for p in self.participants],
            "place": self.place,
            "sources": [s.to_dict() for s in self.sources],
            "date_source": self.date_source,
            "uncertain": self.uncertain,
            "approximate": self.approximate,
            "detail": self.detail,
            "agreeing": self.agreeing,
            "salience": round(self.salience, 3),
        }
        if with_mentions:
            d["mentions"] = [m.to_dict() for m in self.mentions]
        return d


_PODS = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}


def describe_date(entry: TimelineEntry | EventMention) -> str:
    """The date of an entry as a reader wants it: ``2017-05, a Tuesday evening (the day is not known)``,
    ``2017-07-07 – 2017-07-08``, ``around 2017-05``, ``2017-05 (article date)``, ``undated``."""
    if isinstance(entry, EventMention):
        d = entry.date
        value, start, end, uncertain, approx, detail, source = (
            d.value, d.start, d.end, d.uncertain, d.approximate, d.detail, d.source)
    else:
        value, start, end = entry.date, entry.start, entry.end
        uncertain, approx, detail, source = entry.uncertain, entry.approximate, entry.detail, entry.date_source
    if not value and not start:
        return "undated"
    if uncertain and value:
        known = value.split("-XX")[0].split("T")[0]
        what = f"{detail} " if detail else ""
        return f"{known}, {what}(the {uncertain} is not known)"
    if start and end and start[:10] != end[:10] and value and len(value) >= 10 and value[:10] == start[:10]:
        return f"{start[:10]} – {end[:10]}"
    shown = value or start or ""
    if "T" in shown and shown.split("T", 1)[1] in _PODS:
        day, pod = shown.split("T", 1)
        shown = f"{day}, {_PODS[pod]}"
    if source == "tense":
        return f"{shown} (article date)"
    return f"around {shown}" if approx else shown
