"""Evaluation against gold annotations: TempEval-3 time expression scoring.

evaluate(gold_paths, system, lang=None, detect=None) -> Report     run a system over TimeML gold, score it
chronik_system(text, dct, lang) -> timexes                          the system under test: chronik.annotate
score_document(gold, system) -> (Counts, mistakes)                 one document
format_mistakes(report) -> str                                      the per-document error listing
"""

from __future__ import annotations

from collections.abc import Sequence

from chronik.eval.timex import (
    Counts,
    DocumentResult,
    Mistake,
    Report,
    Scores,
    Span,
    System,
    evaluate,
    format_mistakes,
    gold_files,
    match,
    score_document,
)


def chronik_system(text: str, dct: str | None, lang: str | None) -> Sequence[Span]:
    """Chronik's tagger as a system under test: ``chronik.annotate(text, date=dct, lang=lang)``.

    A creation time that is not a document date Chronik reads (rare in TimeML) is passed as None.
    """
    import chronik
    from chronik.dates import DateError, parse_document_date

    date = None
    if dct:
        try:
            date = parse_document_date(dct)
        except DateError:
            date = None
    return chronik.annotate(text, date=date, lang=lang).timexes


__all__ = [
    "Counts",
    "DocumentResult",
    "Mistake",
    "Report",
    "Scores",
    "Span",
    "System",
    "chronik_system",
    "evaluate",
    "format_mistakes",
    "gold_files",
    "match",
    "score_document",
]
