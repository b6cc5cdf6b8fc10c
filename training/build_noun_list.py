"""Build ``chronik/events/lang/de/common_nouns.txt``: German common-noun forms from UD German GSD.

The heuristic name finder (``chronik.events.analysis``) never takes these words for names, since
German capitalizes every noun. Run from the repository root with ``../shared/data`` beside it:

    python training/build_noun_list.py
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "ud-german-gsd"
OUT = ROOT / "src" / "chronik" / "events" / "lang" / "de" / "common_nouns.txt"


def main() -> None:
    noun, propn = Counter(), Counter()
    for f in sorted(DATA.glob("*.conllu")):
        for line in f.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) < 4 or not cols[0].isdigit():
                continue
            form, upos = cols[1], cols[3]
            if not form[:1].isupper():
                continue
            if upos == "NOUN":
                noun[form.lower()] += 1
            elif upos == "PROPN":
                propn[form.lower()] += 1
    words = sorted(w for w, n in noun.items() if n > propn.get(w, 0) and len(w) > 1)
    header = (
        "# German common-noun forms (never names), from UD German GSD dev+test (CC BY-SA 4.0,\n"
        "# https://universaldependencies.org/treebanks/de_gsd/), built by training/build_noun_list.py\n"
    )
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main()
