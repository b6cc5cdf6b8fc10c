"""Per-rule precision of the temporal tagger on a TimeML development corpus.

    python training/timex_rules_report.py ../shared/data/tempeval3-tbaq --lang en

For each rule: how many expressions it produced, how many overlap a gold TIMEX3, and how many of
those have the gold value. A development aid for the grammar files (never run it on a test set).
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

import chronik
from chronik.eval import gold_files, match
from chronik.readers import read_timeml


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="+", type=Path)
    ap.add_argument("--lang")
    args = ap.parse_args()
    produced: collections.Counter[str] = collections.Counter()
    overlapping: collections.Counter[str] = collections.Counter()
    right: collections.Counter[str] = collections.Counter()
    for path in gold_files(args.gold):
        if not isinstance(path, Path):
            continue
        g = read_timeml(path)
        sys_t = chronik.annotate(g.text, date=g.dct, lang=args.lang).timexes
        gold = [t for t in g.timexes if t.function_in_document != "CREATION_TIME" and t.start is not None]
        pairs = dict((s, gi) for gi, s in match(gold, sys_t))
        for i, t in enumerate(sys_t):
            produced[t.rule] += 1
            if i in pairs:
                overlapping[t.rule] += 1
                if gold[pairs[i]].value == t.value:
                    right[t.rule] += 1
    print(f"{'rule':40} {'made':>5} {'overlap':>7} {'right':>6} {'prec':>5}")
    for rule, n in produced.most_common():
        print(f"{rule:40} {n:5d} {overlapping[rule]:7d} {right[rule]:6d} {overlapping[rule] / n:5.2f}")


if __name__ == "__main__":
    main()
