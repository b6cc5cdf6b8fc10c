"""Speed, peak memory and size of Chronik's shipped language pipelines.

    python benchmarks/nlp_speed.py            # both languages
    python benchmarks/nlp_speed.py de --words 50000

Runs the full pipeline on one core (torch/BLAS threads pinned to 1) over UD test sentences (text from
../shared/data; falls back to repeating the example article) and prints words/second, the peak
resident memory of a fresh process per language, and the model folder size.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

REPO = Path(__file__).resolve().parent.parent
DATA = (REPO / ".." / "shared" / "data").resolve()
UD = {"de": DATA / "ud-german-gsd" / "de_gsd-ud-test.conllu", "en": DATA / "ud-english-ewt" / "en_ewt-ud-test.conllu"}
EXAMPLE = (REPO / ".." / "shared" / "examples" / "000_70e57c110874d6a3.txt").resolve()


def texts(lang: str) -> list[str]:
    path = UD[lang]
    if path.exists():
        return [line[len("# text = "):] for line in path.read_text(encoding="utf-8").splitlines()
                if line.startswith("# text = ")]
    return [p for p in EXAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def measure(lang: str, words: int) -> dict:
    """Run in this process: load, warm up, then time nlp.pipe over ``words`` words."""
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        pass
    import chronik.nlp as cnlp

    t = time.time()
    nlp = cnlp.load(lang)
    load_s = time.time() - t
    sample = texts(lang)
    batch: list[str] = []
    n = 0
    while n < words:
        for s in sample:
            batch.append(s)
            n += len(s.split())
            if n >= words:
                break
    list(nlp.pipe(batch[:200]))  # warm-up
    t = time.time()
    ntok = sum(len(doc) for doc in nlp.pipe(batch, batch_size=256))
    took = time.time() - t
    size = sum(p.stat().st_size for p in cnlp.model_path(lang).rglob("*") if p.is_file())
    return {
        "lang": lang,
        "pipeline": nlp.pipe_names,
        "tokens": ntok,
        "seconds": round(took, 2),
        "words_per_s_one_core": round(ntok / took),
        "load_s": round(load_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "model_mb": round(size / 1e6, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("langs", nargs="*", default=["de", "en"])
    ap.add_argument("--words", type=int, default=40_000)
    ap.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.inner:
        print(json.dumps(measure(args.langs[0], args.words)))
        return
    for lang in args.langs:
        # a fresh process per language, so that peak memory is that language's alone
        out = subprocess.run([sys.executable, __file__, lang, "--words", str(args.words), "--inner"],
                             check=True, capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(f"{lang}: {r['words_per_s_one_core']:>7} words/s on one core ({r['tokens']} tokens in "
              f"{r['seconds']} s), peak RSS {r['peak_rss_mb']} MB, model {r['model_mb']} MB, "
              f"load {r['load_s']} s; pipeline {', '.join(r['pipeline'])}")


if __name__ == "__main__":
    main()
