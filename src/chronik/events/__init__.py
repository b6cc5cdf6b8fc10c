"""Events and timelines: event mentions per article, merged across articles into timeline entries.

    extract_events(document_or_annotation) -> list[EventMention]
    EventExtractor(entities="heuristic")            reusable, loads language data once ("nlp": spaCy NER)
    merge_mentions(mentions) -> list[TimelineEntry] one entry per event, all its sources, in date order
    Timeline                                        the Python API over articles or a store
"""

from __future__ import annotations

from chronik.events.extract import EventExtractor, extract_events
from chronik.events.merge import merge_mentions
from chronik.events.records import (
    EventDate,
    EventMention,
    Modality,
    Participant,
    Source,
    TimelineEntry,
    describe_date,
)
from chronik.events.timeline import Timeline

__all__ = [
    "EventDate",
    "EventExtractor",
    "EventMention",
    "Modality",
    "Participant",
    "Source",
    "Timeline",
    "TimelineEntry",
    "describe_date",
    "extract_events",
    "merge_mentions",
]
