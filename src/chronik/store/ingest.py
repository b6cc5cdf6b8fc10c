"""Ingest articles into a store: read, tag, extract events, write, in small transactions.

Idempotent: an article already stored (same content hash) adds nothing. Resumable: articles are
committed in small batches, each in one transaction, so a killed ingest loses at most the batch in
flight, which the next run (skipping what is stored) does again; nothing is lost or doubled. A
record that cannot be read is reported with its file and line and skipped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from chronik.events.extract import EventExtractor
from chronik.readers import ReadError, read_documents
from chronik.records import Document
from chronik.store.sqlite import Store, content_hash


@dataclass
class IngestReport:
    added: int = 0
    skipped: int = 0  # already in the store (or twice in this input)
    mentions: int = 0
    errors: list[ReadError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def read(self) -> int:
        return self.added + self.skipped

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    date: str | None = None,
    lang: str | None = None,
    batch: int = 16,
    max_seconds: float = 1.0,
    extractor: EventExtractor | None = None,
    on_progress: Callable[[IngestReport, Document | ReadError], None] | None = None,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store``; see the module doc for the guarantees."""
    from chronik.timex import tag_document

    ex = extractor or EventExtractor()
    report = IngestReport()
    t0 = time.perf_counter()
    pending: list[tuple[Document, list, str]] = []
    seen: set[str] = set()
    last_commit = time.perf_counter()

    def flush() -> None:
        nonlocal last_commit
        if not pending:
            return
        store.begin()
        try:
            for doc, ms, h in pending:
                if store.add(doc, ms, h):
                    report.added += 1
                    report.mentions += len(ms)
                else:
                    report.skipped += 1
            store.commit()
        except BaseException:
            store.rollback()
            raise
        pending.clear()
        last_commit = time.perf_counter()

    for item in read_documents(list(paths), date=date, lang=lang):
        if isinstance(item, ReadError):
            report.errors.append(item)
        else:
            h = content_hash(item)
            if h in seen or store.has(h):
                report.skipped += 1
            else:
                seen.add(h)
                try:
                    ann = tag_document(item)
                    doc = ann.document
                    if not doc.id:
                        doc = _with_id(doc, h)
                    ms = ex(ann if doc is ann.document else _reann(ann, doc))
                except Exception as e:  # one article that breaks the pipeline must not stop the batch
                    report.errors.append(ReadError(item.source or "<input>", item.line, f"cannot process: {e!r}"))
                else:
                    pending.append((doc, ms, h))
                if len(pending) >= batch or time.perf_counter() - last_commit > max_seconds:
                    flush()
        report.seconds = time.perf_counter() - t0
        if on_progress is not None:
            on_progress(report, item)
    flush()
    report.seconds = time.perf_counter() - t0
    return report


def _with_id(doc: Document, h: str) -> Document:
    from dataclasses import replace

    name = Path(doc.source).stem if doc.source else "doc"
    suffix = f":{doc.line}" if doc.line else ""
    return replace(doc, id=f"{name}{suffix}" if doc.source else h[:16])


def _reann(ann, doc: Document):
    from dataclasses import replace

    return replace(ann, document=doc)
