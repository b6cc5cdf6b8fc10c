"""The store's schema (SQLite; the same tables serve PostgreSQL). Bump ``SCHEMA_VERSION`` on any change.

    meta(key, value)                      schema_version, created_by
    documents(id, hash UNIQUE, doc_id, source, line, date, lang, n_mentions, ingested_at)
        one row per article; ``hash`` (SHA-256 of date, language and text) makes ingest idempotent
    mentions(id, doc → documents, start, end, trigger, lemma, key, head, label, event_class, modality,
             date_value, date_start, date_end, date_source, date_timex, uncertain, approximate, detail,
             place, sentence, sentence_start, sentence_end, doc_date, long_span)
        one row per event mention; offsets into the article text; the date as TimeML value and interval;
        long_span: the interval's length class, 0 up to 3 days, 1 up to 40, 2 up to 400, 3 longer
        (date-range queries read each class through the index mentions_long with a bounded look-back)
    participants(mention → mentions, name, key, label, role, start, end, alias)
        who took part (role agent / patient / participant); alias is the last word of the name in lower
        case ("putin"), so a timeline for "Putin" finds "Wladimir Putin" whatever the entity key
    mentions_fts(label, sentence, place)    FTS5 full-text index over mentions (external content)
"""

from __future__ import annotations

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    doc_id TEXT NOT NULL,
    source TEXT,
    line INTEGER,
    date TEXT,
    lang TEXT,
    n_mentions INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    trigger TEXT NOT NULL,
    lemma TEXT NOT NULL,
    key TEXT NOT NULL,
    head TEXT NOT NULL,
    label TEXT NOT NULL,
    event_class TEXT NOT NULL,
    modality TEXT NOT NULL,
    date_value TEXT,
    date_start TEXT,
    date_end TEXT,
    date_source TEXT NOT NULL,
    date_timex TEXT,
    uncertain TEXT,
    approximate INTEGER NOT NULL DEFAULT 0,
    detail TEXT,
    place TEXT,
    sentence TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    doc_date TEXT,
    long_span INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS mentions_date ON mentions(date_start, date_end);
CREATE INDEX IF NOT EXISTS mentions_long ON mentions(long_span, date_start, date_end);
CREATE INDEX IF NOT EXISTS mentions_key ON mentions(key, date_start);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc);
CREATE TABLE IF NOT EXISTS participants (
    mention INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    key TEXT NOT NULL,
    label TEXT NOT NULL,
    role TEXT NOT NULL,
    start INTEGER,
    "end" INTEGER,
    alias TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS participants_key ON participants(key, mention);
CREATE INDEX IF NOT EXISTS participants_alias ON participants(alias, mention);
CREATE INDEX IF NOT EXISTS participants_mention ON participants(mention);
CREATE VIRTUAL TABLE IF NOT EXISTS mentions_fts USING fts5(
    label, sentence, place, content='mentions', content_rowid='id'
);
"""
