"""`chronik ingest` and `chronik timeline`: events into a store and timelines out of it."""
