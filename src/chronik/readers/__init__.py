"""Readers: input formats to ``Document`` records (I/O at the edge of the pipeline).

read_documents(paths, date=None, lang=None, doc_type=DocType.NEWS) -> Iterator[Document | ReadError]
read_timeml(path) -> TimeMLDocument        gold TimeML (TIMEX3, EVENT, MAKEINSTANCE, TLINK) for evaluation
"""

from __future__ import annotations

from chronik.readers.decode import BinaryContent, decode_bytes
from chronik.readers.documents import EXTENSIONS, read_bytes, read_documents
from chronik.readers.errors import ReadError, ReadFailure
from chronik.readers.timeml import (
    GoldEvent,
    GoldTimex,
    MakeInstance,
    TimeMLDocument,
    TLink,
    parse_timeml,
    read_timeml,
)

__all__ = [
    "EXTENSIONS",
    "BinaryContent",
    "GoldEvent",
    "GoldTimex",
    "MakeInstance",
    "ReadError",
    "ReadFailure",
    "TLink",
    "TimeMLDocument",
    "decode_bytes",
    "parse_timeml",
    "read_bytes",
    "read_documents",
    "read_timeml",
]
