"""The event store: SQLite by default (one file, standard ``sqlite3``), schema in ``chronik.store.schema``.

    Store(path)                         open or create; StoreError on a wrong schema version
    ingest(paths, store, ...)           idempotent, resumable ingest of articles
    Query(entity=, text=, date_from=, date_to=, modalities=)   what a timeline asks for
"""

from __future__ import annotations

from chronik.store.ingest import IngestReport, ingest
from chronik.store.schema import SCHEMA, SCHEMA_VERSION
from chronik.store.sqlite import Query, Store, StoreError, content_hash

__all__ = ["SCHEMA", "SCHEMA_VERSION", "IngestReport", "Query", "Store", "StoreError", "content_hash", "ingest"]
