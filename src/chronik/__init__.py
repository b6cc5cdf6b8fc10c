"""Chronik: timelines from dated news (German and English).

Public API:
    annotate(text, date=None, lang=None, doc_type="news") -> Annotation   time expressions (TIMEX3)
    nlp(lang) -> spacy.Language                                            shipped language pipelines
    Timeline.from_files(paths) / Timeline.from_store(db)                  events in date order
"""

from __future__ import annotations

from typing import Any

from chronik.records import Annotation, DocType, Document, Entity, Timex, TimexType

__all__ = ["annotate", "nlp", "Timeline", "Annotation", "DocType", "Document", "Entity", "Timex", "TimexType"]
__version__ = "0.1.0"


def annotate(
    text: str,
    date: str | None = None,
    lang: str | None = None,
    doc_type: str | DocType = DocType.NEWS,
    doc_id: str = "",
) -> Annotation:
    """Find and normalize the time expressions of ``text``.

    ``date`` is the article date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or an ISO timestamp, or
    None); ``lang`` is ``"de"`` or ``"en"`` (detected when None); ``doc_type`` is ``"news"``
    (relative expressions anchor to the article date) or ``"narrative"`` (to the last date
    mentioned). Raises ``chronik.dates.DateError`` for an unreadable ``date``.
    """
    from chronik.dates import parse_document_date
    from chronik.timex import tag_document

    doc = Document(
        text=text,
        date=parse_document_date(date) if date else None,
        lang=lang,
        id=doc_id,
        doc_type=DocType(str(doc_type)),
    )
    return tag_document(doc)


def __getattr__(name: str) -> Any:
    """``chronik.Timeline`` and ``chronik.nlp`` are imported on first use.

    ``chronik.nlp`` is the package ``chronik.nlp`` itself, callable: ``chronik.nlp("de")`` returns
    the shipped spaCy pipeline and ``chronik.nlp.entities(...)`` works without a separate import.
    """
    if name == "nlp":
        import importlib

        return importlib.import_module("chronik.nlp")
    if name == "Timeline":
        from chronik.events import Timeline

        return Timeline
    raise AttributeError(f"module 'chronik' has no attribute {name!r}")
