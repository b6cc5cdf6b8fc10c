"""Train the English event-time linker: which time expression of its sentence (or none: the article
date through the tense) dates an event. A ranking perceptron over the features of
``chronik.events.extract._link_features``, trained on TBAQ's gold TLINKs with gold TIMEX3s.

    python training/train_linker.py                       # TBAQ -> src/chronik/events/lang/en/linker_model.json.gz
    python training/train_linker.py --train A B --out F    # other data / output
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from chronik.events import extract as X
from chronik.events.lexicon import load
from chronik.events.model import Trainer, save
from chronik.events.text import split
from chronik.readers import read_timeml
from chronik.records import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_events import gold_anchors, gold_annotation, same_date  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TBAQ = ROOT.parent / "shared" / "data" / "tempeval3-tbaq"
OUT = ROOT / "src" / "chronik" / "events" / "lang" / "en" / "linker_model.json.gz"


def examples(paths: list[Path]):
    """(candidate feature lists, indices of the right candidates) per anchored gold event."""
    lex = load("en")
    for p in paths:
        d = read_timeml(p)
        doc = Document(text=d.text, date=d.dct, lang="en", id=d.doc_id)
        ann = gold_annotation(d, doc)
        anchors = gold_anchors(d)
        timexes = sorted(ann.timexes, key=lambda t: t.start)
        for sent in split(d.text, lex.abbreviations, lex.clause_words):
            evs = [e for e in d.events if sent.start <= e.start < sent.end]
            if not evs:
                continue
            trigs = X._given_triggers(sent, lex, [(e.start, e.end) for e in evs])
            s_tx = [t for t in timexes if sent.start <= t.start < sent.end]
            infos = X._timex_info(sent, s_tx, lex)
            if not infos:
                continue
            lows = [t.lower for t in sent.tokens]
            for e, trig in zip(evs, trigs, strict=False):
                if e.eid not in anchors:
                    continue
                clause = sent.clause_ids[trig.i0]
                modality, _ = X._modality(sent, lows, trig, lex, clause)
                cands = [None, *infos]
                feats = [X._link_features(trig, c, clause, trigs, infos, sent, lows, modality) for c in cands]
                right = []
                for k, c in enumerate(cands):
                    if c is None:
                        ok = same_date(d.dct, anchors[e.eid])
                    else:
                        ok = same_date(c.timex.value, anchors[e.eid])
                    if ok:
                        right.append(k)
                if right:
                    yield feats, right


def train(paths: list[Path], epochs: int = 10, seed: int = 1):
    data = list(examples(paths))
    tr = Trainer(["y"])
    rng = random.Random(seed)

    def score(f: list[str]) -> float:
        return sum(tr.w[x]["y"] for x in f if x in tr.w)

    for ep in range(epochs):
        rng.shuffle(data)
        wrong = 0
        for feats, right in data:
            scores = [score(f) for f in feats]
            guess = max(range(len(feats)), key=lambda k: scores[k])
            tr.i += 1
            if guess in right:
                continue
            wrong += 1
            truth = max(right, key=lambda k: scores[k])
            for f, delta in ((feats[truth], 1.0), (feats[guess], -1.0)):
                for x in f:
                    key = (x, "y")
                    cur = tr.w[x]["y"]
                    tr.totals[key] += (tr.i - tr.stamps[key]) * cur
                    tr.stamps[key] = tr.i
                    tr.w[x]["y"] = cur + delta
        print(f"epoch {ep + 1}: {wrong / max(1, len(data)):.3f} wrong of {len(data)}")
    model = tr.average()
    model.lang = "en"
    return model


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", nargs="*", type=Path, default=[TBAQ / "TimeBank", TBAQ / "AQUAINT"])
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()
    files = sorted(f for p in a.train for f in (p.glob("*.tml") if p.is_dir() else [p]))
    model = train(files)
    save(model, a.out)
    print(f"{len(files)} files, {len(model.weights)} features -> {a.out}")


if __name__ == "__main__":
    main()
