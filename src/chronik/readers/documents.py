"""Input files to ``Document`` records: date-line articles, plain text, JSON Lines, TimeML, folders.

``read_documents`` yields a ``ReadError`` in place of whatever it cannot read and goes on with the
rest, so one bad line or file never stops a batch.

Formats, chosen by extension and, for other extensions, by content:

- ``.txt`` (and anything else that is text): when the text begins with ``date YYYY[-MM[-DD]]``
  (leading blanks allowed, ``date`` in lower case), that is the article date and the body
  follows on the same line or the next; ``Document.text`` is the body. Otherwise the whole text
  is the body and the caller's ``date`` applies.
- ``.jsonl`` / ``.ndjson``: one JSON object per line with ``text`` and optional ``id``, ``date``,
  ``lang``; blank lines are skipped.
- ``.tml`` / ``.timeml``: TimeML; the date is the creation-time TIMEX3, the text the content of
  ``<TEXT>`` without tags.
- folders: every file with one of the extensions above, recursively, in sorted order (hidden
  files and folders skipped).

A value in the input itself (a date line, a JSON ``date`` or ``lang``, a TimeML creation time)
wins over the caller's ``date`` / ``lang``, which are the defaults for inputs that have none.
The language is detected from the text when neither gives it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from chronik.dates import DateError, parse_document_date
from chronik.lang import detect_language
from chronik.readers.decode import BinaryContent, decode_bytes
from chronik.readers.errors import ReadError, ReadFailure
from chronik.readers.timeml import parse_timeml
from chronik.records import DocType, Document

TEXT_EXTENSIONS = frozenset({".txt", ".text"})
JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson"})
TIMEML_EXTENSIONS = frozenset({".tml", ".timeml"})
EXTENSIONS = TEXT_EXTENSIONS | JSONL_EXTENSIONS | TIMEML_EXTENSIONS

# `date` then blanks then one token, at the very start (after blanks); the body follows.
_DATE_LINE = re.compile(r"\A[ \t\r\n\ufeff]*date[ \t]+(?P<date>[^ \t\r\n]+)[ \t]*")
_DATE_HINT = "expected the first line to begin with 'date YYYY', 'date YYYY-MM' or 'date YYYY-MM-DD'"


def read_documents(
    paths: str | Path | Iterable[str | Path],
    *,
    date: str | None = None,
    lang: str | None = None,
    doc_type: DocType | str = DocType.NEWS,
) -> Iterator[Document | ReadError]:
    """Read files and folders into documents, yielding a ``ReadError`` for what cannot be read.

    ``date`` (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ISO timestamp) and ``lang`` (``"de"``,
    ``"en"``) are the defaults for inputs that carry none. An unreadable ``date`` yields one
    ``ReadError`` (source ``"--date"``) and nothing else.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    default_date: str | None = None
    if date is not None and str(date).strip():
        try:
            default_date = parse_document_date(str(date))
        except DateError as e:
            yield ReadError("--date", None, str(e))
            return
    dtype = DocType(str(doc_type))
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in _walk(path):
                yield from _read_file(f, default_date, lang, dtype)
        elif path.exists():
            yield from _read_file(path, default_date, lang, dtype)
        else:
            yield ReadError(str(path), None, "no such file or folder")


def _walk(folder: Path, seen: set[Path] | None = None) -> Iterator[Path]:
    seen = set() if seen is None else seen
    try:
        real = folder.resolve()
        if real in seen:  # a symbolic link back up the tree
            return
        seen.add(real)
        entries = sorted(folder.iterdir(), key=lambda e: e.name)
    except (OSError, RuntimeError):
        return
    for e in entries:
        if e.name.startswith("."):
            continue
        if e.is_dir():
            yield from _walk(e, seen)
        elif e.suffix.lower() in EXTENSIONS:
            yield e


def _read_file(
    path: Path, date: str | None, lang: str | None, doc_type: DocType
) -> Iterator[Document | ReadError]:
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        yield ReadError(source, None, f"cannot read: {e.strerror or e}")
        return
    yield from read_bytes(data, source, date=date, lang=lang, doc_type=doc_type)


def read_bytes(
    data: bytes,
    source: str,
    *,
    date: str | None = None,
    lang: str | None = None,
    doc_type: DocType = DocType.NEWS,
) -> Iterator[Document | ReadError]:
    """Read one input's bytes; the format comes from ``source``'s extension or else the content.

    ``date`` must already be a TimeML value (or None). Never raises for bad content.
    """
    ext = Path(source).suffix.lower()
    if ext in TIMEML_EXTENSIONS:
        yield _timeml(data, source, date, lang, doc_type)
        return
    try:
        text, _encoding = decode_bytes(data)
    except BinaryContent as e:
        yield ReadError(source, None, str(e))
        return
    if ext in JSONL_EXTENSIONS:
        yield from _jsonl(text, source, date, lang, doc_type)
        return
    if ext not in TEXT_EXTENSIONS:
        head = text.lstrip("\ufeff \t\r\n")[:2000]
        if head.startswith("<?xml") or "<TimeML" in head:
            yield _timeml(data, source, date, lang, doc_type)
            return
        if head.startswith("{"):
            yield from _jsonl(text, source, date, lang, doc_type)
            return
    yield _text(text, source, date, lang, doc_type)


def _language(text: str, given: str | None) -> str:
    return given if given else detect_language(text)


def _text(
    text: str, source: str, date: str | None, lang: str | None, doc_type: DocType
) -> Document | ReadError:
    m = _DATE_LINE.match(text)
    if m:
        try:
            date = parse_document_date(m["date"])
        except DateError as e:
            return ReadError(source, 1, f"bad date line: {e}; {_DATE_HINT}")
        body = text[m.end() :]
    else:
        body = text
    body = body.strip()
    if not body:
        return ReadError(source, None, "no text" + (" after the date line" if m else " (empty file)"))
    return Document(
        text=body,
        date=date,
        lang=_language(body, lang),
        id=Path(source).stem,
        source=source,
        doc_type=doc_type,
    )


def _jsonl(
    text: str, source: str, date: str | None, lang: str | None, doc_type: DocType
) -> Iterator[Document | ReadError]:
    stem = Path(source).stem
    for no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as e:
            msg = e.msg if isinstance(e, json.JSONDecodeError) else "nested too deeply"
            yield ReadError(source, no, f"not valid JSON: {msg}")
            continue
        if not isinstance(obj, dict):
            yield ReadError(
                source, no, f"expected a JSON object with a 'text' field, got {type(obj).__name__}"
            )
            continue
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            yield ReadError(source, no, "missing 'text' (a non-empty string)")
            continue
        doc_date = date
        raw_date = obj.get("date")
        if raw_date is not None and raw_date != "":
            if isinstance(raw_date, bool) or not isinstance(raw_date, (str, int)):
                yield ReadError(source, no, f"'date' must be a string like 2017-05-09, got {raw_date!r}")
                continue
            try:
                doc_date = parse_document_date(str(raw_date))
            except DateError as e:
                yield ReadError(source, no, f"bad 'date': {e}")
                continue
        doc_lang = obj.get("lang")
        if doc_lang is not None and not isinstance(doc_lang, str):
            yield ReadError(source, no, f"'lang' must be a language code like 'de', got {doc_lang!r}")
            continue
        doc_id = obj.get("id")
        if doc_id is None or doc_id == "" or isinstance(doc_id, (dict, list)):
            doc_id = f"{stem}:{no}"
        yield Document(
            text=body,
            date=doc_date,
            lang=_language(body, doc_lang or lang),
            id=str(doc_id),
            source=source,
            line=no,
            doc_type=doc_type,
        )


def _timeml(
    data: bytes, source: str, date: str | None, lang: str | None, doc_type: DocType
) -> Document | ReadError:
    try:
        doc = parse_timeml(data, source)
    except ReadFailure as e:
        return e.error
    except RecursionError:
        return ReadError(source, None, "TimeML nested too deeply")
    doc_date = date
    if doc.dct:
        try:
            doc_date = parse_document_date(doc.dct)
        except DateError as e:
            return ReadError(source, None, f"bad creation time (CREATION_TIME TIMEX3 value): {e}")
    if not doc.text.strip():
        return ReadError(source, None, "no text in <TEXT>")
    return Document(
        text=doc.text,
        date=doc_date,
        lang=_language(doc.text, lang),
        id=doc.doc_id,
        source=source,
        doc_type=doc_type,
    )
