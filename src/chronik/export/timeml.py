"""TimeML output: the text with inline TIMEX3 tags and the article date as the CREATION_TIME TIMEX3.

Entities, when present, go in a separate stand-off layer (``<CHRONIK_ENTITIES>`` after
``</TEXT>``) that TimeML readers ignore, so the TimeML part stays valid.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from chronik.records import Annotation

_XML_BAD = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def _clean(s: str) -> str:
    """Text safe for XML 1.0 (control characters other than tab and newlines dropped)."""
    return escape(s.translate(_XML_BAD))


def to_timeml(a: Annotation) -> str:
    doc = a.document
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<TimeML>"]
    out.append(f"<DOCID>{_clean(doc.id or 'document')}</DOCID>")
    if doc.date:
        out.append(
            f'<DCT><TIMEX3 tid="t0" type="DATE" value={quoteattr(doc.date)} temporalFunction="false" '
            f'functionInDocument="CREATION_TIME">{_clean(doc.date)}</TIMEX3></DCT>'
        )
    text = doc.text
    parts = []
    pos = 0
    for i, t in enumerate(a.timexes, start=1):
        attrs = [f'tid="t{i}"', f'type="{t.type}"', f"value={quoteattr(t.value)}"]
        if t.mod:
            attrs.append(f'mod="{t.mod}"')
        if t.quant:
            attrs.append(f"quant={quoteattr(t.quant)}")
        if t.anchor is not None and doc.date and t.anchor == doc.date:
            attrs.append('temporalFunction="true" anchorTimeID="t0"')
        parts.append(_clean(text[pos : t.start]))
        parts.append(f"<TIMEX3 {' '.join(attrs)}>{_clean(text[t.start : t.end])}</TIMEX3>")
        pos = t.end
    parts.append(_clean(text[pos:]))
    out.append("<TEXT>" + "".join(parts) + "</TEXT>")
    if a.entities:
        out.append("<CHRONIK_ENTITIES>")
        for e in a.entities:
            out.append(
                f'<ENTITY start="{e.start}" end="{e.end}" label="{e.label}" key={quoteattr(e.key)}>'
                f"{_clean(e.text)}</ENTITY>"
            )
        out.append("</CHRONIK_ENTITIES>")
    out.append("</TimeML>")
    return "\n".join(out) + "\n"
