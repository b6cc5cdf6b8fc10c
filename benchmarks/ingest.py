"""Ingest speed (articles per second per core, full pipeline) and timeline query latency.

    python benchmarks/ingest.py                       # dev corpora + a store of 1,000,000 mentions
    python benchmarks/ingest.py --mentions 200000 --queries 100

1. Ingest: every article of the development corpora (../shared/data: TempEval-3 TBAQ, German news
   TimeML, the example article) into a fresh store, one process: read, tag time expressions, find
   entities (heuristic; --entities nlp for the spaCy pipelines), extract events, write. Articles per
   CPU second of that process = articles/s per core.
2. Queries: a store of N generated event mentions (random dates over ten years, 5,000 entities,
   a vocabulary of triggers), then timeline queries by entity, full-text, date range and modality,
   each merged into entries as `chronik timeline --db` does; p50 / p95 latency.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from chronik.events.extract import EventExtractor
from chronik.store import Query, Store, ingest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
CORPORA = [DATA / "tempeval3-tbaq" / "TimeBank", DATA / "tempeval3-tbaq" / "AQUAINT", DATA / "de-news-timex-dev",
           ROOT.parent / "shared" / "examples"]
TRIGGERS = ["attack", "meeting", "election", "visit", "talks", "strike", "protest", "summit", "crash", "vote",
            "Treffen", "Telefonat", "Angriff", "Wahl", "Besuch", "Gipfel", "Streik", "Unfall", "Rücktritt", "Prozess"]
MODS = ["happened"] * 6 + ["planned", "reported", "ongoing", "negated", "hypothetical"]
WORDS = ("government minister president police army city court company market talks border capital report "
         "officials leaders crisis economy deal troops embassy rebels parliament").split() + [
    f"w{i}" for i in range(3000)]


def bench_ingest(entities: str) -> None:
    paths = [p for p in CORPORA if p.exists()]
    if not paths:
        print("ingest: no development corpora at ../shared/data; skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "dev.db") as s:
            ex = EventExtractor(entities)
            c0, w0 = time.process_time(), time.perf_counter()
            r = ingest(paths, s, extractor=ex)
            cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    print(f"ingest: {r.added} articles, {r.mentions} event mentions, {len(r.errors)} errors; "
          f"{r.added / cpu:.1f} articles/s per core (CPU {cpu:.1f} s), {r.added / wall:.1f} articles/s wall")


def build_store(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    s = Store(path)
    db = s.db
    db.execute("BEGIN")
    ndocs = max(1, n // 20)
    base = 730_000  # ordinal day ~ 2000
    db.executemany(
        "INSERT INTO documents (hash, doc_id, source, line, date, lang, n_mentions, ingested_at) VALUES (?,?,?,?,?,?,?,?)",
        ((f"h{i}", f"doc{i}", "gen", None, None, "en", 20, "2026-01-01") for i in range(ndocs)),
    )
    import datetime as dt

    def rows():
        for i in range(n):
            day = dt.date.fromordinal(base + rng.randrange(3650))
            gran = rng.random()
            long_span = 0
            if gran < 0.6:
                v, a, b = day.isoformat(), day.isoformat(), day.isoformat()
            elif gran < 0.97:
                long_span = 1
                v = day.isoformat()[:7]
                a = v + "-01"
                b = v + "-28"
            else:
                v = day.isoformat()[:4]
                a, b, long_span = v + "-01-01", v + "-12-31", 2
            if rng.random() < 0.002:
                v = day.isoformat()[:3]
                a, b, long_span = v + "0-01-01", v + "9-12-31", 3
            trig = rng.choice(TRIGGERS)
            sent = " ".join(WORDS[min(len(WORDS) - 1, int(rng.paretovariate(0.8)) - 1)] for _ in range(12)) + f" {trig}"
            yield (1 + i // 20, 0, len(trig), trig, trig, trig.lower(), trig.lower(), trig, "occurrence",
                   rng.choice(MODS), v, a, b, "timex", None, None, 0, None, None, sent, 0, len(sent), v, long_span)

    db.executemany(
        'INSERT INTO mentions (doc, start, "end", trigger, lemma, key, head, label, event_class, modality, date_value, '
        "date_start, date_end, date_source, date_timex, uncertain, approximate, detail, place, sentence, "
        "sentence_start, sentence_end, doc_date, long_span) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows())
    db.executemany(
        'INSERT INTO participants (mention, name, key, label, role, start, "end", alias) VALUES (?,?,?,?,?,?,?,?)',
        ((i + 1, f"Person{k}", f"per:person{k}", "PER", "agent", 0, 1, f"person{k}")
         for i in range(n) for k in [rng.randrange(5000)]))
    db.execute("INSERT INTO mentions_fts (rowid, label, sentence, place) SELECT id, label, sentence, '' FROM mentions")
    db.execute("COMMIT")
    db.execute("ANALYZE")
    s.close()


def bench_queries(n: int, nq: int, keep: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = keep or Path(tmp) / "big.db"
        if not path.exists():
            t0 = time.perf_counter()
            build_store(path, n)
            print(f"store: {n} generated event mentions in {time.perf_counter() - t0:.0f} s ({path.stat().st_size >> 20} MiB)")
        rng = random.Random(3)
        kinds = {
            "entity": lambda: Query(entity=f"Person{rng.randrange(5000)}"),
            "text": lambda: Query(text=f"{rng.choice(WORDS[20:])} {rng.choice(TRIGGERS)}", limit=500),
            "date range (a week)": lambda: _week(rng),
            "entity + modality": lambda: Query(entity=f"person{rng.randrange(5000)}", modalities=("planned",)),
        }
        with Store(path, create=False) as s:
            allt, allc = [], []
            for name, make in kinds.items():
                times, cpu = [], []
                for _ in range(nq):
                    q = make()
                    t0, c0 = time.perf_counter(), time.process_time()
                    entries = s.timeline(q)
                    times.append(time.perf_counter() - t0)
                    cpu.append(time.process_time() - c0)
                    _ = entries
                allt += times
                allc += cpu
                print(f"query {name:22s} p50 {1000 * statistics.median(times):6.1f} ms   "
                      f"p95 {1000 * _p95(times):6.1f} ms   (CPU p50 {1000 * statistics.median(cpu):5.1f}, "
                      f"p95 {1000 * _p95(cpu):5.1f} ms)")
            print(f"query all                    p50 {1000 * statistics.median(allt):6.1f} ms   "
                  f"p95 {1000 * _p95(allt):6.1f} ms   (CPU p50 {1000 * statistics.median(allc):5.1f}, "
                  f"p95 {1000 * _p95(allc):5.1f} ms)")
            import os

            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
            print(f"(load average {load:.1f} on {os.cpu_count()} cores while measuring: wall times grow with it)")


def _week(rng: random.Random) -> Query:
    import datetime as dt

    d = dt.date.fromordinal(730_000 + rng.randrange(3640))
    return Query(date_from=d.isoformat(), date_to=(d + dt.timedelta(days=6)).isoformat(), limit=1000)


def _p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(0.95 * len(xs)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentions", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--entities", default="heuristic", choices=["heuristic", "nlp", "auto"])
    ap.add_argument("--store", type=Path, default=None, help="keep (or reuse) the generated store here")
    ap.add_argument("--skip-ingest", action="store_true")
    a = ap.parse_args()
    if not a.skip_ingest:
        bench_ingest(a.entities)
    bench_queries(a.mentions, a.queries, a.store)


if __name__ == "__main__":
    main()
