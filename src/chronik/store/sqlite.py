"""The SQLite store: one file, standard ``sqlite3``, documented schema (``chronik.store.schema``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from chronik.events.merge import merge_mentions
from chronik.events.records import EventDate, EventMention, Modality, Participant, TimelineEntry
from chronik.records import Document
from chronik.store.schema import SCHEMA, SCHEMA_VERSION


class StoreError(RuntimeError):
    """A store that cannot be used: wrong schema version, not a Chronik store, unreadable."""


def content_hash(doc: Document) -> str:
    """The article's identity for idempotent ingest: its date, language and text."""
    h = hashlib.sha256()
    h.update((doc.date or "").encode())
    h.update(b"\0")
    h.update((doc.lang or "").encode())
    h.update(b"\0")
    h.update(doc.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Query:
    """What a timeline asks for. ``entity`` matches a participant's key or name (case-insensitive) or
    the place; ``text`` is an FTS5 query over label, sentence and place; ``date_from`` / ``date_to``
    (``YYYY[-MM[-DD]]``) keep mentions whose interval overlaps the range; ``modalities`` filters."""

    entity: str | None = None
    text: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    modalities: tuple[str, ...] = ()
    classes: tuple[str, ...] | None = ("occurrence", "i_action", "aspectual", "perception")
    limit: int = 5000


_MCOLS = ("m.id, m.start, m.\"end\", m.trigger, m.lemma, m.key, m.head, m.label, m.event_class, m.modality, "
          "m.date_value, m.date_start, m.date_end, m.date_source, m.date_timex, m.uncertain, m.approximate, "
          "m.detail, m.place, m.sentence, m.sentence_start, m.sentence_end, m.doc_date, d.doc_id, d.lang")


class Store:
    """An event store in one SQLite file. Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = str(path)
        exists = self.path == ":memory:" or Path(self.path).exists()
        if not exists and not create:
            raise StoreError(f"{self.path}: no such store")
        try:
            self.db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot open the store: {e}") from e
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA synchronous = NORMAL")
        try:
            self.db.execute("PRAGMA journal_mode = WAL")
            self._check_or_create()
        except sqlite3.DatabaseError as e:
            self.db.close()
            raise StoreError(f"{self.path}: not a Chronik store (SQLite says: {e})") from e

    def _check_or_create(self) -> None:
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" in tables:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else None
            if version != SCHEMA_VERSION:
                newer = version is not None and version > SCHEMA_VERSION
                raise StoreError(
                    f"{self.path}: the store has schema version {version}, this Chronik reads version "
                    f"{SCHEMA_VERSION}; " + (
                        "it was written by a newer Chronik: upgrade Chronik to read it."
                        if newer else
                        "it was written by an older Chronik: re-ingest the articles into a new store.")
                )
            return
        if tables - {"sqlite_sequence"}:
            raise StoreError(f"{self.path}: not a Chronik store (it has tables {', '.join(sorted(tables))})")
        self.db.execute("BEGIN")
        for stmt in SCHEMA.split(";"):
            if stmt.strip():
                self.db.execute(stmt)
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('created_by', 'chronik')")
        self.db.execute("COMMIT")

    # ------------------------------------------------------------------------------------------
    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def has(self, hash_: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE hash = ?", (hash_,)).fetchone() is not None

    def counts(self) -> dict[str, int]:
        return {
            "documents": self.db.execute("SELECT count(*) FROM documents").fetchone()[0],
            "mentions": self.db.execute("SELECT count(*) FROM mentions").fetchone()[0],
            "participants": self.db.execute("SELECT count(*) FROM participants").fetchone()[0],
        }

    def begin(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def add(self, doc: Document, mentions: Sequence[EventMention], hash_: str | None = None) -> bool:
        """Store one article and its mentions (inside the caller's transaction). False if already stored."""
        h = hash_ or content_hash(doc)
        cur = self.db.execute(
            "INSERT OR IGNORE INTO documents (hash, doc_id, source, line, date, lang, n_mentions, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (h, doc.id or h[:16], doc.source, doc.line, doc.date, doc.lang, len(mentions),
             dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
        )
        if cur.rowcount == 0:
            return False
        did = cur.lastrowid
        for m in mentions:
            d = m.date
            cur = self.db.execute(
                'INSERT INTO mentions (doc, start, "end", trigger, lemma, key, head, label, event_class, modality, '
                "date_value, date_start, date_end, date_source, date_timex, uncertain, approximate, detail, place, "
                "sentence, sentence_start, sentence_end, doc_date, long_span) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (did, m.start, m.end, m.trigger, m.lemma, m.key or m.lemma.lower(), m.head or m.key, m.label,
                 m.event_class, str(m.modality), d.value, d.start, d.end, d.source, d.timex, d.uncertain,
                 int(d.approximate), d.detail, m.place, m.sentence, m.sentence_start, m.sentence_end, m.doc_date,
                 _long(d.start, d.end)),
            )
            mid = cur.lastrowid
            self.db.execute("INSERT INTO mentions_fts (rowid, label, sentence, place) VALUES (?, ?, ?, ?)",
                            (mid, m.label, m.sentence, m.place or ""))
            if m.participants:
                self.db.executemany(
                    'INSERT INTO participants (mention, name, key, label, role, start, "end", alias) '
                    "VALUES (?,?,?,?,?,?,?,?)",
                    [(mid, p.name, p.key, p.label, p.role, p.start, p.end, _alias(p.name)) for p in m.participants],
                )
        return True

    # ------------------------------------------------------------------------------------------
    def mentions(self, q: Query) -> list[EventMention]:
        """Mentions matching ``q``, in date order (at most ``q.limit``)."""
        where: list[str] = []
        args: list[object] = []
        joins = ""
        if q.entity:
            name = q.entity.strip().lower()
            where.append("m.id IN (SELECT mention FROM participants WHERE key = ? "
                         "UNION SELECT mention FROM participants WHERE alias = ?)")
            args += [name, _alias(name)]
        if q.text:
            joins += " JOIN mentions_fts f ON f.rowid = m.id"
            where.append("mentions_fts MATCH ?")
            args.append(q.text)
        if q.date_from or q.date_to:
            # intervals overlapping [lo, hi]; each length class is read through its own index with a
            # bounded look-back, so a range query reads only what lies near the range
            lo = q.date_from or "0000"
            hi = _range_end(q.date_to) if q.date_to else "9999"
            branches = []
            for cls, back in enumerate(SPAN_CLASSES):
                branches.append(f"SELECT id FROM mentions WHERE long_span = {cls} AND date_start >= ? "
                                "AND date_start <= ? AND date_end >= ?")
                args += [_minus_days(lo, back + 1) if back is not None else "0000", hi, lo]
            where.append("m.id IN (" + " UNION ALL ".join(branches) + ")")
        if q.modalities:
            where.append(f"m.modality IN ({','.join('?' * len(q.modalities))})")
            args += list(q.modalities)
        if q.classes:
            where.append(f"m.event_class IN ({','.join('?' * len(q.classes))})")
            args += list(q.classes)
        sql = f"SELECT {_MCOLS} FROM mentions m JOIN documents d ON d.id = m.doc{joins}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY m.long_span, m.date_start LIMIT ?"  # the most specific first when the limit cuts
        args.append(q.limit)
        try:
            rows = self.db.execute(sql, args).fetchall()
        except sqlite3.OperationalError as e:
            if q.text:
                raise StoreError(f"cannot read the search {q.text!r}: {e}") from e
            raise
        parts = self._participants([r[0] for r in rows])
        return [_mention(r, parts.get(r[0], [])) for r in rows]

    def context(self, mentions: list[EventMention], limit: int = 20000) -> list[EventMention]:
        """The other mentions of the same events in the same articles (same head word), so that a
        filtered timeline still dates "ihr erstes Treffen" by "des G20-Treffens am 7. und 8. Juli"."""
        if not mentions:
            return []
        pairs = {(m.doc_id, m.head) for m in mentions}
        docs = sorted({d for d, _ in pairs})
        heads = sorted({h for _, h in pairs})
        out: list[EventMention] = []
        for i in range(0, len(docs), 400):
            chunk = docs[i : i + 400]
            sql = (f"SELECT {_MCOLS} FROM mentions m JOIN documents d ON d.id = m.doc WHERE d.doc_id IN "
                   f"({','.join('?' * len(chunk))}) AND m.head IN ({','.join('?' * len(heads))}) LIMIT ?")
            rows = [r for r in self.db.execute(sql, [*chunk, *heads, limit]).fetchall() if (r[23], r[6]) in pairs]
            parts = self._participants([r[0] for r in rows])
            out += [_mention(r, parts.get(r[0], [])) for r in rows]
        return out

    def _participants(self, ids: list[int]) -> dict[int, list[Participant]]:
        parts: dict[int, list[Participant]] = {}
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            for r in self.db.execute(
                f'SELECT mention, name, key, label, role, start, "end" FROM participants WHERE mention IN '
                f"({','.join('?' * len(chunk))})", chunk):
                parts.setdefault(r[0], []).append(Participant(r[1], r[2], r[3], r[4], r[5], r[6]))
        return parts

    def timeline(self, q: Query) -> list[TimelineEntry]:
        """Timeline entries for ``q``: matching mentions, merged with their context, in date order."""
        from chronik.events.timeline import filter_entries

        hits = self.mentions(q)
        if not hits:
            return []
        ident = {(m.doc_id, m.start) for m in hits}
        ctx = [m for m in self.context(hits) if (m.doc_id, m.start) not in ident] if (
            q.entity or q.text or q.modalities) else []
        entries = merge_mentions(hits + ctx)
        entries = [e for e in entries if any((m.doc_id, m.start) in ident for m in e.mentions)]
        return filter_entries(entries, date_from=q.date_from, date_to=q.date_to, modalities=q.modalities)

    def documents(self) -> Iterable[tuple]:
        return self.db.execute("SELECT doc_id, source, line, date, lang, n_mentions FROM documents ORDER BY id")


def _alias(name: str) -> str:
    """The last word of a name in lower case, without an English possessive: "Wladimir Putin" -> "putin"."""
    words = name.lower().split()
    if not words:
        return ""
    last = words[-1]
    for suffix in ("'s", "’s"):
        if last.endswith(suffix):
            last = last[: -len(suffix)]
    return last


SPAN_CLASSES = (3, 40, 400, None)  # the longest interval (in days) of each length class


def _long(start: str | None, end: str | None) -> int:
    """The length class of an interval: 0 up to 3 days, 1 up to 40, 2 up to 400, 3 longer."""
    import datetime as dt

    if not start or not end:
        return 0
    try:
        days = (dt.date.fromisoformat(end[:10]) - dt.date.fromisoformat(start[:10])).days
    except ValueError:
        return 0
    for cls, most in enumerate(SPAN_CLASSES):
        if most is None or days <= most:
            return cls
    return len(SPAN_CLASSES) - 1


def _minus_days(d: str, days: int) -> str:
    import datetime as dt

    from chronik.dates import interval, parse_document_date

    iv = interval(parse_document_date(d))
    start = dt.date.fromisoformat(iv[0][:10]) if iv else dt.date(1, 1, 1)
    return (start - dt.timedelta(days=days)).isoformat() if start.year > 1 else "0000"


def _range_end(d: str) -> str:
    """The last day of a ``YYYY`` / ``YYYY-MM`` / ``YYYY-MM-DD`` bound, for an inclusive comparison."""
    from chronik.dates import interval, parse_document_date

    iv = interval(parse_document_date(d))
    return iv[1] if iv else d


def _mention(r: tuple, parts: list[Participant]) -> EventMention:
    date = EventDate(r[10], r[11], r[12], r[13], r[14], r[15], bool(r[16]), r[17])
    return EventMention(
        doc_id=r[23], start=r[1], end=r[2], trigger=r[3], lemma=r[4], label=r[7], event_class=r[8],
        modality=Modality(r[9]), date=date, participants=tuple(parts), place=r[18], sentence=r[19],
        sentence_start=r[20], sentence_end=r[21], lang=r[24] or "", doc_date=r[22], key=r[5], head=r[6],
    )
