"""German common-noun lexicon for the NER post-filter (chronik.nlp's ``chronik_noun_filter``).

German capitalises every noun, so a small NER model without word vectors takes many common nouns
("Spinne", "Blechschaden") for names. The filter drops single-word entities that are common nouns and
trims common nouns before person and place names ("Hostess Silvia Sommerlath" -> "Silvia Sommerlath").

Source: the PyPI package ``german-nouns`` (Wiktionary DE, CC BY-SA 4.0): all inflected forms of entries
that are plain nouns (``Substantiv``), minus every form of an entry that is also a place name, first or
last name, proper name, abbreviation or street name. Needs ``pip install german-nouns`` (training only).

    python training/build_lexicon.py OUT.txt.gz
"""

from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

NAME_KINDS = {"Toponym", "Vorname", "Nachname", "Eigenname", "Abkürzung", "Straßenname"}
NOUN_KINDS = {"Substantiv", "adjektivische Deklination", "Wortverbindung"}


def build() -> set[str]:
    try:
        import german_nouns
    except ImportError:
        sys.exit("training needs the german-nouns package: pip install german-nouns")
    path = Path(list(german_nouns.__path__)[0]) / "nouns.csv"
    nouns: set[str] = set()
    names: set[str] = set()
    with path.open(encoding="utf-8") as f:
        rows = csv.reader(f)
        next(rows)
        for r in rows:
            kinds = set(r[1].split(","))
            forms = {r[0]} | {c for c in r[7:] if c and c[:1].isupper() and " " not in c}
            if kinds & NAME_KINDS:
                names |= forms
            elif kinds <= NOUN_KINDS:
                nouns |= forms
    return {w for w in nouns - names if len(w) > 1}


def write(path: Path) -> int:
    words = sorted(build())
    data = ("\n".join(words) + "\n").encode("utf-8")
    with path.open("wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
        f.write(data)  # mtime=0: the same list gives the same bytes
    return len(words)


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "common_nouns.txt.gz")
    print(f"{write(out)} common noun forms -> {out}")
