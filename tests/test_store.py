"""The SQLite store: schema version, idempotent and resumable ingest, bad records, queries."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chronik.events.extract import EventExtractor
from chronik.store import SCHEMA_VERSION, Query, Store, StoreError, ingest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "000_70e57c110874d6a3.txt"
AQUAINT = SHARED / "data" / "tempeval3-tbaq" / "AQUAINT"
FAST = EventExtractor(entities="heuristic")


def _need(p: Path) -> Path:
    if not p.exists():
        pytest.skip(f"{p} not found (needs ../shared beside the repository)")
    return p


def test_ingest_is_idempotent_and_queries_work(tmp_path):
    db = tmp_path / "s.db"
    with Store(db) as s:
        r1 = ingest([_need(EXAMPLE)], s, extractor=FAST)
        r2 = ingest([EXAMPLE], s, extractor=FAST)
        assert (r1.added, r1.skipped) == (1, 0)
        assert (r2.added, r2.skipped) == (0, 1)
        counts = s.counts()
        assert counts["documents"] == 1 and counts["mentions"] == r1.mentions > 10
        entries = s.timeline(Query(entity="Putin"))
        assert entries and all(any(p.key == "putin" for p in e.participants) for e in entries)
        meeting = [e for e in entries if e.lemma == "Treffen"]
        # the filtered timeline still dates the meeting from its other mention in the article
        assert meeting and meeting[0].date == "2017-07-07" and str(meeting[0].modality) == "planned"
        fts = s.timeline(Query(text="Telefonat"))
        assert any(e.lemma == "Telefonat" for e in fts)
        april = s.timeline(Query(date_from="2017-04", date_to="2017-04"))
        assert april and all(e.start[:7] <= "2017-04" <= e.end[:7] for e in april)
        planned = s.timeline(Query(modalities=("planned",)))
        assert planned and all(str(e.modality) == "planned" for e in planned)


def test_schema_version_mismatch_is_a_clear_error(tmp_path):
    db = tmp_path / "old.db"
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer Chronik"):
        Store(db)
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="older Chronik"):
        Store(db)
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE x (a)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a Chronik store"):
        Store(other)


def test_malformed_records_are_reported_and_skipped(tmp_path):
    jl = tmp_path / "news.jsonl"
    good = {"id": "g1", "date": "2017-05-03", "lang": "de", "text": "Trump und Putin trafen sich am 2. Mai in Hamburg."}
    good2 = {"id": "g2", "date": "2017-05-04", "lang": "en", "text": "The leaders met in Hamburg on May 2."}
    jl.write_text(json.dumps(good) + "\n{not json\n" + json.dumps(good2) + "\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as s:
        r = ingest([jl], s, extractor=FAST)
        assert r.added == 2
        assert len(r.errors) == 1 and r.errors[0].line == 2 and r.errors[0].source.endswith("news.jsonl")


def _corpus(tmp_path: Path, n: int) -> Path:
    """n distinct small articles in one JSON Lines file (real sentences from the example article)."""
    raw = _need(EXAMPLE).read_text(encoding="utf-8").strip()[len("date 2017-05") :].strip()
    paras = [p for p in raw.split("\n\n") if len(p) > 80]
    f = tmp_path / "many.jsonl"
    with f.open("w", encoding="utf-8") as out:
        for i in range(n):
            text = paras[i % len(paras)] + f" (Meldung {i})"
            out.write(json.dumps({"id": f"a{i}", "date": f"2017-05-{1 + i % 28:02d}", "lang": "de", "text": text}) + "\n")
    return f


def test_killed_ingest_resumes_without_loss_or_doubles(tmp_path):
    corpus = _corpus(tmp_path, 500)
    db = tmp_path / "k.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, "-c", "from chronik.cli import main; main()", "ingest", str(corpus), "--db", str(db), "--quiet",
           "--batch", "4", "--entities", "heuristic"]
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # wait until some articles are committed, then kill hard
    deadline = time.time() + 60
    n = 0
    while time.time() < deadline:
        time.sleep(0.2)
        if db.exists():
            try:
                con = sqlite3.connect(db, timeout=1)
                n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
                con.close()
            except sqlite3.Error:
                n = 0
            if n >= 20:
                break
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert 0 < n < 500, f"ingest did not stop midway ({n} stored)"
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=240)
    assert r.returncode == 0, r.stderr
    con = sqlite3.connect(db)
    docs = con.execute("SELECT count(*), count(DISTINCT hash), count(DISTINCT doc_id) FROM documents").fetchone()
    assert docs == (500, 500, 500)
    stored = con.execute("SELECT sum(n_mentions) FROM documents").fetchone()[0]
    mentions = con.execute("SELECT count(*) FROM mentions").fetchone()[0]
    orphans = con.execute("SELECT count(*) FROM mentions WHERE doc NOT IN (SELECT id FROM documents)").fetchone()[0]
    con.close()
    assert stored == mentions and orphans == 0


def test_ingest_tempeval_folder(tmp_path):
    folder = _need(AQUAINT)
    files = sorted(folder.glob("*.tml"))[:8]
    with Store(tmp_path / "a.db") as s:
        r = ingest(files, s, extractor=FAST)
        assert r.added == 8 and not r.errors and r.mentions > 100
        assert s.timeline(Query(limit=200))


def test_entity_query_finds_names_whatever_their_key(tmp_path):
    from chronik.records import Document, Entity

    def finder(text: str, lang: str) -> list[Entity]:
        out = []
        for name, key in (("Wladimir Putin", "per:vladimir_putin"), ("Hamburg", "loc:hamburg")):
            i = text.find(name)
            if i >= 0:
                out.append(Entity(i, i + len(name), name, "LOC" if key.startswith("loc") else "PER", key))
        return out

    doc = Document(text="Wladimir Putin traf am 7. Juli 2017 in Hamburg ein.", date="2017-07-08", lang="de", id="p1")
    with Store(tmp_path / "e.db") as s:
        s.begin()
        s.add(doc, EventExtractor(entities=finder)(doc))
        s.commit()
        for name in ("Putin", "wladimir putin", "per:vladimir_putin"):
            assert s.timeline(Query(entity=name)), name
        assert not s.timeline(Query(entity="Trump"))
