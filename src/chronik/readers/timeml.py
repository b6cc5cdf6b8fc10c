"""TimeML files (TempEval-3, TimeBank, AQUAINT): the text, the document date and the gold annotation.

The text of a TimeML document is the content of ``<TEXT>`` with every tag removed; all offsets
(``start``, ``end``, end exclusive) are character offsets into that text, so
``doc.text[t.start:t.end] == t.text`` for every gold TIMEX3 and EVENT inside ``<TEXT>``.
The creation-time TIMEX3 (``functionInDocument="CREATION_TIME"``, in ``<DCT>``) lies outside
``<TEXT>``: it gives ``dct`` and is kept apart in ``creation_time``, never among ``timexes``.

Files are parsed with ``xml.etree``; a file that is not well-formed XML (an unescaped ``&`` is the
usual culprit) is read with a tolerant tag scanner instead, so tool output still comes through.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from chronik.readers.decode import BinaryContent, decode_bytes
from chronik.readers.errors import ReadError, ReadFailure


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """A gold TIMEX3 with its offsets into ``TimeMLDocument.text``."""

    tid: str
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    anchor_time_id: str | None = None
    function_in_document: str | None = None
    temporal_function: str | None = None
    quant: str | None = None
    freq: str | None = None
    begin_point: str | None = None
    end_point: str | None = None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """A gold EVENT (``event_class`` is TimeML's ``class``: OCCURRENCE, REPORTING, STATE …)."""

    eid: str
    event_class: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class MakeInstance:
    """A MAKEINSTANCE: the event instance ``eiid`` of event ``eid`` with its grammatical features."""

    eiid: str
    eid: str
    tense: str | None = None
    aspect: str | None = None
    polarity: str | None = None
    modality: str | None = None
    pos: str | None = None


@dataclass(frozen=True, slots=True)
class TLink:
    """A TLINK between an event instance or time and another event instance or time."""

    lid: str
    rel_type: str
    event_instance_id: str | None = None
    time_id: str | None = None
    related_to_event_instance: str | None = None
    related_to_time: str | None = None
    signal_id: str | None = None

    @property
    def source(self) -> str | None:
        """The id this link starts from (an ``ei…`` or ``t…`` id)."""
        return self.event_instance_id or self.time_id

    @property
    def target(self) -> str | None:
        """The id this link points to."""
        return self.related_to_event_instance or self.related_to_time


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    """One TimeML file: its text (tags stripped), document creation time and gold annotation."""

    doc_id: str
    text: str
    dct: str | None
    source: str
    timexes: tuple[GoldTimex, ...] = ()
    events: tuple[GoldEvent, ...] = ()
    instances: tuple[MakeInstance, ...] = ()
    tlinks: tuple[TLink, ...] = ()
    creation_time: GoldTimex | None = None

    def instance_of(self, eiid: str) -> MakeInstance | None:
        for mi in self.instances:
            if mi.eiid == eiid:
                return mi
        return None


# --------------------------------------------------------------------------------------------------
# building the records from (tag, attributes, start, end) spans over the text


def _timex(a: dict[str, str], start: int, end: int, text: str) -> GoldTimex:
    return GoldTimex(
        tid=a.get("tid", ""),
        start=start,
        end=end,
        text=text[start:end],
        type=a.get("type", ""),
        value=a.get("value", ""),
        mod=a.get("mod"),
        anchor_time_id=a.get("anchorTimeID"),
        function_in_document=a.get("functionInDocument"),
        temporal_function=a.get("temporalFunction"),
        quant=a.get("quant"),
        freq=a.get("freq"),
        begin_point=a.get("beginPoint"),
        end_point=a.get("endPoint"),
    )


def _instance(a: dict[str, str]) -> MakeInstance:
    return MakeInstance(
        eiid=a.get("eiid", ""),
        eid=a.get("eventID", ""),
        tense=a.get("tense"),
        aspect=a.get("aspect"),
        polarity=a.get("polarity"),
        modality=a.get("modality"),
        pos=a.get("pos"),
    )


def _tlink(a: dict[str, str]) -> TLink:
    return TLink(
        lid=a.get("lid", ""),
        rel_type=a.get("relType", ""),
        event_instance_id=a.get("eventInstanceID"),
        time_id=a.get("timeID"),
        related_to_event_instance=a.get("relatedToEventInstance"),
        related_to_time=a.get("relatedToTime"),
        signal_id=a.get("signalID"),
    )


@dataclass(slots=True)
class _Parsed:
    doc_id: str | None
    text: str | None
    spans: list[tuple[str, dict[str, str], int, int]]  # tags inside <TEXT>
    outside: list[tuple[str, dict[str, str], str]]  # tags outside <TEXT>: name, attributes, inner text


# --------------------------------------------------------------------------------------------------
# the XML parser


def _parse_xml(raw: bytes | str) -> _Parsed:
    root = ET.fromstring(raw)
    text_el = root if root.tag == "TEXT" else root.find(".//TEXT")
    parts: list[str] = []
    spans: list[tuple[str, dict[str, str], int, int]] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            start = pos
            walk(child)
            spans.append((str(child.tag), dict(child.attrib), start, pos))
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)

    inside: set[int] = set()
    if text_el is not None:
        walk(text_el)
        inside = {id(e) for e in text_el.iter()}
    outside = [
        (str(e.tag), dict(e.attrib), "".join(e.itertext())) for e in root.iter() if id(e) not in inside
    ]
    doc_el = root.find(".//DOCID")
    doc_id = doc_el.text.strip() if doc_el is not None and doc_el.text and doc_el.text.strip() else None
    return _Parsed(doc_id, "".join(parts) if text_el is not None else None, spans, outside)


# --------------------------------------------------------------------------------------------------
# the tolerant scanner for files that are not well-formed XML

_TAG = re.compile(
    r"<(/?)([A-Za-z_][\w.:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>|<!--.*?-->|<\?.*?\?>|<!\[CDATA\[(.*?)\]\]>|<![^>]*>",
    re.S,
)
_ATTR = re.compile(r"([A-Za-z_][\w.:-]*)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


def _attrs(s: str) -> dict[str, str]:
    return {m[1]: html.unescape(m[2] if m[2] is not None else m[3]) for m in _ATTR.finditer(s)}


def _parse_tolerant(raw: str) -> _Parsed:
    parts: list[str] = []
    spans: list[tuple[str, dict[str, str], int, int]] = []
    outside: list[tuple[str, dict[str, str], str]] = []
    stack: list[tuple[str, dict[str, str], int, int]] = []  # name, attrs, text start, raw start
    in_text = False
    seen_text = False
    pos = 0
    last = 0
    doc_id: str | None = None
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")

    def add(chunk: str) -> None:
        nonlocal pos
        if in_text and chunk:
            s = html.unescape(chunk)
            parts.append(s)
            pos += len(s)

    for m in _TAG.finditer(raw):
        add(raw[last : m.start()])
        last = m.end()
        if m.group(5) is not None:  # CDATA
            if in_text:
                parts.append(m.group(5))
                pos += len(m.group(5))
            continue
        if m.group(2) is None:  # comment, declaration, processing instruction
            continue
        closing, name, attr_s, selfclosing = m.group(1), m.group(2), m.group(3), m.group(4)
        if not closing:
            a = _attrs(attr_s)
            if name == "TEXT" and not seen_text:
                in_text = seen_text = True
                continue
            if selfclosing:
                if in_text:
                    spans.append((name, a, pos, pos))
                else:
                    outside.append((name, a, ""))
            else:
                stack.append((name, a, pos, m.end()))
            continue
        if name == "TEXT" and in_text:
            in_text = False
            continue
        # close the innermost open element of that name; anything opened inside it is closed too
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == name:
                opened = stack[i]
                del stack[i:]
                if in_text:
                    spans.append((name, opened[1], opened[2], pos))
                else:
                    inner = html.unescape(re.sub(r"<[^>]*>", "", raw[opened[3] : m.start()]))
                    if name == "DOCID" and doc_id is None and inner.strip():
                        doc_id = inner.strip()
                    outside.append((name, opened[1], inner))
                break
    add(raw[last:])
    return _Parsed(doc_id, "".join(parts) if seen_text else None, spans, outside)


# --------------------------------------------------------------------------------------------------


def parse_timeml(raw: bytes | str, source: str = "<string>") -> TimeMLDocument:
    """Read a TimeML document from its bytes or text. Raises ``ReadFailure`` when it has no ``<TEXT>``."""
    if isinstance(raw, bytes):
        try:
            parsed = _parse_xml(raw)
        except (ET.ParseError, ValueError, LookupError):
            try:
                text_raw, _ = decode_bytes(raw)
            except BinaryContent as e:
                raise ReadFailure(ReadError(source, None, str(e))) from e
            parsed = _parse_tolerant(text_raw)
    else:
        try:
            parsed = _parse_xml(raw)
        except (ET.ParseError, ValueError, LookupError):
            parsed = _parse_tolerant(raw)
    if parsed.text is None:
        raise ReadFailure(ReadError(source, None, "no <TEXT> element: not a TimeML document"))
    text = parsed.text
    timexes: list[GoldTimex] = []
    events: list[GoldEvent] = []
    instances: list[MakeInstance] = []
    tlinks: list[TLink] = []
    creation: GoldTimex | None = None
    for name, a, start, end in sorted(parsed.spans, key=lambda s: (s[2], -s[3])):
        if name == "TIMEX3":
            t = _timex(a, start, end, text)
            if t.function_in_document == "CREATION_TIME" and creation is None:
                creation = t
            else:
                timexes.append(t)
        elif name == "EVENT":
            events.append(GoldEvent(a.get("eid", ""), a.get("class", ""), start, end, text[start:end]))
        elif name == "MAKEINSTANCE":
            instances.append(_instance(a))
        elif name == "TLINK":
            tlinks.append(_tlink(a))
    for name, a, inner in parsed.outside:
        if name == "TIMEX3" and a.get("functionInDocument") == "CREATION_TIME" and creation is None:
            creation = GoldTimex(
                tid=a.get("tid", ""),
                start=-1,
                end=-1,
                text=inner,
                type=a.get("type", ""),
                value=a.get("value", ""),
                function_in_document="CREATION_TIME",
                temporal_function=a.get("temporalFunction"),
            )
        elif name == "MAKEINSTANCE":
            instances.append(_instance(a))
        elif name == "TLINK":
            tlinks.append(_tlink(a))
    return TimeMLDocument(
        doc_id=parsed.doc_id or Path(source).stem,
        text=text,
        dct=(creation.value or None) if creation is not None else None,
        source=source,
        timexes=tuple(timexes),
        events=tuple(events),
        instances=tuple(instances),
        tlinks=tuple(tlinks),
        creation_time=creation,
    )


def read_timeml(path: str | Path) -> TimeMLDocument:
    """Read a TimeML file (``.tml``). Raises ``ReadFailure`` (whose ``.error`` is a ``ReadError``)."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise ReadFailure(ReadError(str(p), None, e.strerror or str(e))) from e
    return parse_timeml(raw, str(p))
