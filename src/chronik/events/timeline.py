"""The Python API of timelines, over articles or a store, and its output formats.

    from chronik.events.timeline import Timeline
    tl = Timeline.from_files(["../shared/examples/000_70e57c110874d6a3.txt"])
    for e in tl.entries(entity="Putin"):
        print(e.date, e.modality, e.label)
    Timeline.from_store("news.db").entries(query="Telefonat", date_from="2017-04")

Formats: ``to_text`` (a readable chronology), ``to_json`` (``{"entries": [...]}``), ``to_csv``,
``to_timeml``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from chronik.events.extract import EventExtractor
from chronik.events.merge import merge_mentions
from chronik.events.records import EventMention, TimelineEntry, describe_date
from chronik.readers import ReadError, read_documents

TIMELINE_CLASSES = frozenset({"occurrence", "i_action", "aspectual", "perception"})


def _range_end(d: str) -> str:
    from chronik.dates import interval, parse_document_date

    iv = interval(parse_document_date(d))
    return iv[1] if iv else d


def filter_entries(
    entries: Iterable[TimelineEntry],
    *,
    entity: str | None = None,
    query: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    modalities: Sequence[str] = (),
) -> list[TimelineEntry]:
    """Entries that name ``entity`` (participant key or name, or place), contain every word of
    ``query`` (label or a source sentence), overlap [``date_from``, ``date_to``] and have one of
    ``modalities``."""
    name = entity.strip().lower() if entity else None
    words = [w.lower() for w in query.split()] if query else []
    hi = _range_end(date_to) if date_to else None
    out = []
    for e in entries:
        if name and not (any(p.key == name or p.name.lower() == name or name in p.name.lower().split()
                             for p in e.participants) or (e.place or "").lower() == name):
            continue
        if words:
            hay = (e.label + " " + " ".join(s.sentence for s in e.sources)).lower()
            if not all(w in hay for w in words):
                continue
        if date_from and (e.end is None or e.end[:10] < date_from):
            continue
        if hi and (e.start is None or e.start[:10] > hi):
            continue
        if modalities and str(e.modality) not in modalities:
            continue
        out.append(e)
    return out


class Timeline:
    """A timeline over in-memory mentions (``from_files``, ``from_mentions``) or a store (``from_store``)."""

    def __init__(self, mentions: list[EventMention] | None = None, store=None, errors: list[ReadError] | None = None):
        self._mentions = mentions
        self._store = store
        self.errors = errors or []

    @classmethod
    def from_files(cls, paths: Iterable[str | Path], *, date: str | None = None, lang: str | None = None,
                   entities: str = "heuristic") -> Timeline:
        from chronik.store.sqlite import content_hash
        from chronik.timex import tag_document

        ex = EventExtractor(entities)
        mentions: list[EventMention] = []
        errors: list[ReadError] = []
        seen: set[str] = set()
        for item in read_documents(list(paths), date=date, lang=lang):
            if isinstance(item, ReadError):
                errors.append(item)
                continue
            h = content_hash(item)
            if h in seen:
                continue
            seen.add(h)
            ann = tag_document(item)
            if not ann.document.id:
                from dataclasses import replace

                name = Path(item.source).stem if item.source else h[:16]
                ann = replace(ann, document=replace(ann.document, id=f"{name}:{item.line}" if item.line else name))
            mentions += ex(ann)
        return cls(mentions, errors=errors)

    @classmethod
    def from_mentions(cls, mentions: Iterable[EventMention]) -> Timeline:
        return cls(list(mentions))

    @classmethod
    def from_store(cls, path: str | Path) -> Timeline:
        from chronik.store.sqlite import Store

        return cls(store=Store(path, create=False))

    def entries(self, *, entity: str | None = None, query: str | None = None, date_from: str | None = None,
                date_to: str | None = None, modalities: Sequence[str] = (), limit: int = 5000,
                classes: frozenset[str] | None = TIMELINE_CLASSES) -> list[TimelineEntry]:
        """Timeline entries in date order, filtered."""
        if self._store is not None:
            from chronik.store.sqlite import Query

            q = Query(entity=entity, text=query, date_from=date_from, date_to=date_to,
                      modalities=tuple(modalities), classes=tuple(sorted(classes)) if classes else None, limit=limit)
            return self._store.timeline(q)
        entries = merge_mentions(self._mentions or [], include_classes=classes)
        return filter_entries(entries, entity=entity, query=query, date_from=date_from, date_to=date_to,
                              modalities=modalities)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


# ----------------------------------------------------------------------------------------------
# formats


def to_json(entries: Sequence[TimelineEntry]) -> str:
    return json.dumps({"entries": [e.to_dict() for e in entries]}, ensure_ascii=False, indent=1)


CSV_COLUMNS = ["date", "start", "end", "when", "modality", "label", "trigger", "participants", "place",
               "sources", "agreeing", "salience", "first_source", "first_sentence"]


def to_csv(entries: Sequence[TimelineEntry]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    for e in entries:
        s = e.sources[0] if e.sources else None
        w.writerow([
            e.date or "", e.start or "", e.end or "", describe_date(e), str(e.modality), e.label, e.trigger,
            "; ".join(f"{p.name} ({p.role})" for p in e.participants), e.place or "", len(e.sources),
            e.agreeing, round(e.salience, 3), s.doc_id if s else "", s.sentence if s else "",
        ])
    return buf.getvalue()


def to_text(entries: Sequence[TimelineEntry], *, sentences: bool = True) -> str:
    """A readable chronology: one block per entry, its date with the uncertainty, modality, label, sources."""
    lines = []
    for e in entries:
        when = describe_date(e)
        mod = "" if str(e.modality) == "happened" else f", {e.modality}"
        lines.append(f"{when}{mod}")
        n = len({s.doc_id for s in e.sources})
        src = f"{n} article{'s' if n != 1 else ''}, {len(e.sources)} mention{'s' if len(e.sources) != 1 else ''}"
        lines.append(f"    {e.label}    [{src}]")
        if sentences and e.sources:
            s = e.sources[0]
            sent = " ".join(s.sentence.split())
            if len(sent) > 200:
                sent = sent[:197] + "…"
            lines.append(f"    “{sent}” ({s.doc_id})")
        lines.append("")
    return "\n".join(lines)


def to_timeml(entries: Sequence[TimelineEntry]) -> str:
    """One TimeML document: each entry as a line with its EVENT, its date as TIMEX3 and a TLINK."""
    text_parts = []
    links = []
    insts = []
    for i, e in enumerate(entries, 1):
        cls = e.event_class.upper() if e.event_class else "OCCURRENCE"
        when = escape(describe_date(e))
        if e.date:
            ty = "TIME" if "T" in e.date else "DATE"
            tx = f'<TIMEX3 tid="t{i}" type="{ty}" value={quoteattr(e.date)}>{when}</TIMEX3>'
        else:
            tx = when
        label = escape(e.label)
        trig = escape(e.trigger)
        text_parts.append(f'{tx}: <EVENT eid="e{i}" class="{cls}">{trig}</EVENT> ({label})')
        polarity = "NEG" if str(e.modality) == "negated" else "POS"
        modality = {"planned": ' modality="PLANNED"', "reported": ' modality="REPORTED"',
                    "hypothetical": ' modality="HYPOTHETICAL"'}.get(str(e.modality), "")
        insts.append(f'<MAKEINSTANCE eiid="ei{i}" eventID="e{i}" polarity="{polarity}"{modality}/>')
        if e.date:
            links.append(f'<TLINK lid="l{i}" relType="IS_INCLUDED" eventInstanceID="ei{i}" relatedToTime="t{i}"/>')
    body = "\n".join(text_parts)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n<TEXT>\n' + body + "\n</TEXT>\n"
            + "\n".join(insts + links) + "\n</TimeML>\n")
