"""Train the English event trigger model (averaged perceptron) on TimeML EVENT tags.

    python training/train_triggers.py                      # train on TimeBank + AQUAINT, ship the model
    python training/train_triggers.py --train A --out F    # other data / output (held-out scoring)

Data: ``../shared/data/tempeval3-tbaq`` (TempEval-3 TBAQ, see its SOURCE.txt). For figures on
documents the model has not seen, train on one part and score on the other (training/eval_events.py).
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from chronik.events.lexicon import load
from chronik.events.model import OUTSIDE, Trainer, features, save
from chronik.events.text import split
from chronik.readers import read_timeml

ROOT = Path(__file__).resolve().parents[1]
TBAQ = ROOT.parent / "shared" / "data" / "tempeval3-tbaq"
OUT = ROOT / "src" / "chronik" / "events" / "lang" / "en" / "trigger_model.json.gz"
LABELS = [OUTSIDE, "occurrence", "reporting", "i_action", "i_state", "state", "aspectual", "perception"]


def sentences_with_labels(paths: list[Path]):
    lex = load("en")
    for p in paths:
        d = read_timeml(p)
        ev = sorted((e.start, e.end, e.event_class.lower()) for e in d.events)
        for sent in split(d.text, lex.abbreviations, lex.clause_words):
            labels = []
            for t in sent.tokens:
                lab = OUTSIDE
                for s, e, c in ev:
                    if s < t.end and t.start < e:
                        lab = c if c in LABELS else "occurrence"
                        break
                labels.append(lab)
            yield sent.tokens, labels


def train(paths: list[Path], epochs: int = 8, seed: int = 1):
    lex = load("en")
    data = list(sentences_with_labels(paths))
    tr = Trainer(LABELS)
    rng = random.Random(seed)
    for ep in range(epochs):
        rng.shuffle(data)
        errors = n = 0
        for toks, labels in data:
            for i, t in enumerate(toks):
                if not t.text[:1].isalpha():
                    continue
                f = features(toks, i, lex)
                g = tr.predict(f)
                tr.update(labels[i], g, f)
                errors += g != labels[i]
                n += 1
        print(f"epoch {ep + 1}: {errors / max(1, n):.4f} token error")
    model = tr.average()
    model.lang = "en"
    seen: dict[str, int] = {}
    events: set[str] = set()
    for toks, labels in data:
        for t, lab in zip(toks, labels, strict=True):
            low = t.text.lower()
            seen[low] = seen.get(low, 0) + 1
            if lab != OUTSIDE:
                events.add(low)
    model.skip = frozenset(w for w, n in seen.items() if n >= 20 and w not in events)
    return model


def token_f1(model, paths: list[Path], bias: float) -> float:
    model.bias = bias
    tp = fp = fn = 0
    for toks, labels in sentences_with_labels(paths):
        pred = {i for i, _ in model.predict(toks)}
        gold = {i for i, lab in enumerate(labels) if lab != OUTSIDE}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    return 2 * tp / max(1, 2 * tp + fp + fn)


def choose_bias(files: list[Path], epochs: int) -> float:
    """The event-label bias that maximizes token F1 on a held-out fifth of the training files."""
    dev = files[::5]
    rest = [f for f in files if f not in dev]
    model = train(rest, epochs)
    scores = {b: token_f1(model, dev, b) for b in (0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0)}
    print("bias -> held-out token F1:", {b: round(v, 4) for b, v in scores.items()})
    return max(scores, key=scores.get)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", nargs="*", type=Path, default=[TBAQ / "TimeBank", TBAQ / "AQUAINT"])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--epochs", type=int, default=8)
    a = ap.parse_args()
    files = sorted(f for p in a.train for f in (p.glob("*.tml") if p.is_dir() else [p]))
    t0 = time.time()
    bias = choose_bias(files, a.epochs)
    model = train(files, a.epochs)
    model.bias = bias
    save(model, a.out)
    print(f"bias {bias}; {len(files)} files, {len(model.weights)} features -> {a.out} ({a.out.stat().st_size // 1024} KiB, "
          f"{time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
