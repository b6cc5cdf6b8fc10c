"""A small trigger classifier: an averaged perceptron over word features, one label per token.

Labels are ``O`` (no event) or a TimeML event class in lower case (``occurrence``, ``reporting`` …).
Features are the word, its affixes and shape and the words around it: no parser, no tagger, fast
(tens of thousands of tokens a second in pure Python). Trained by ``training/train_triggers.py``
on TimeML data and shipped as ``chronik/events/lang/<lang>/trigger_model.json.gz``.
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from importlib import resources

from chronik.events.text import Token

OUTSIDE = "O"


def _shape(w: str) -> str:
    if w.isupper():
        return "X"
    if w[:1].isupper():
        return "Xx"
    if w.isdigit():
        return "d"
    if w.isalpha():
        return "x"
    return "o"


def features(toks: Sequence[Token], i: int, lex=None) -> list[str]:
    """Features of token ``i``; ``lex`` (a ``chronik.events.lexicon.Lexicon``) adds lemma and lexicon features."""
    w = toks[i].text
    low = w.lower()
    p1 = toks[i - 1].text.lower() if i > 0 else "<s>"
    p2 = toks[i - 2].text.lower() if i > 1 else "<s>"
    n1 = toks[i + 1].text.lower() if i + 1 < len(toks) else "</s>"
    n2 = toks[i + 2].text.lower() if i + 2 < len(toks) else "</s>"
    extra = []
    if lex is not None:
        lemma = lex.lemma(w)
        extra.append("l=" + lemma)
        extra.append("p1l=" + p1 + "|" + lemma)
        vf = lex.verb_forms.get(low)
        if vf is not None:
            extra.append("V=" + vf.event_class)
            extra.append("Vp=" + str(vf.past))
        if lex.noun(w) is not None:
            extra.append("N")
    return extra + [
        "b",
        "w=" + low,
        "s3=" + low[-3:],
        "s2=" + low[-2:],
        "s4=" + low[-4:],
        "p3=" + low[:3],
        "sh=" + _shape(w) + ("0" if i == 0 else ""),
        "p1=" + p1,
        "p2=" + p2,
        "n1=" + n1,
        "n2=" + n2,
        "p1w=" + p1 + "|" + low,
        "wn1=" + low + "|" + n1,
        "p1s3=" + p1 + "|" + low[-3:],
        "p1s=" + p1[-2:],
        "n1s=" + n1[-2:],
        "p2p1=" + p2 + "|" + p1,
    ]


class TriggerModel:
    """Weights ``feature -> {label: weight}``; ``predict`` gives (token index, label) of event tokens."""

    def __init__(self, weights: dict[str, dict[str, float]], labels: list[str], bias: float = 0.0,
                 lang: str | None = None, skip: frozenset[str] = frozenset()):
        self.weights = weights
        self.labels = labels
        self.skip = skip  # frequent words never seen as an event in training: not scored (speed)
        self.bias = bias  # added to the score of every event label: trades precision for recall
        self.lang = lang
        self._lex = None

    def score1(self, feats: list[str]) -> float:
        """The score of one candidate (a ranking model has the single label ``"y"``)."""
        v = 0.0
        for f in feats:
            wv = self.weights.get(f)
            if wv:
                v += wv.get("y", 0.0)
        return v

    def scores(self, feats: list[str]) -> dict[str, float]:
        sc: dict[str, float] = defaultdict(float)
        for f in feats:
            wv = self.weights.get(f)
            if wv:
                for lab, v in wv.items():
                    sc[lab] += v
        return sc

    @property
    def lex(self):
        if self._lex is None and self.lang:
            from chronik.events.lexicon import load

            self._lex = load(self.lang)
        return self._lex

    def label(self, toks: Sequence[Token], i: int) -> str:
        sc = self.scores(features(toks, i, self.lex))
        best, best_v = OUTSIDE, sc.get(OUTSIDE, 0.0)
        for lab, v in sc.items():
            if lab != OUTSIDE and v + self.bias > best_v:
                best, best_v = lab, v + self.bias
        return best

    def predict(self, toks: Sequence[Token]) -> list[tuple[int, str]]:
        out = []
        skip = self.skip
        for i, t in enumerate(toks):
            if not t.text[:1].isalpha() or t.text.lower() in skip:
                continue
            lab = self.label(toks, i)
            if lab != OUTSIDE:
                out.append((i, lab))
        return out

    def to_json(self) -> dict:
        return {"labels": self.labels, "bias": self.bias, "lang": self.lang, "skip": sorted(self.skip),
                "weights": self.weights}

    @classmethod
    def from_json(cls, d: dict) -> TriggerModel:
        return cls(d["weights"], d["labels"], d.get("bias", 0.0), d.get("lang"), frozenset(d.get("skip", ())))


class Trainer:
    """Averaged perceptron training (Collins 2002)."""

    def __init__(self, labels: list[str]):
        self.labels = labels
        self.w: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.totals: dict[tuple[str, str], float] = defaultdict(float)
        self.stamps: dict[tuple[str, str], int] = defaultdict(int)
        self.i = 0

    def predict(self, feats: list[str]) -> str:
        sc: dict[str, float] = defaultdict(float)
        for f in feats:
            wv = self.w.get(f)
            if wv:
                for lab, v in wv.items():
                    sc[lab] += v
        return max(self.labels, key=lambda lab: (sc.get(lab, 0.0), lab == OUTSIDE))

    def update(self, truth: str, guess: str, feats: list[str]) -> None:
        self.i += 1
        if truth == guess:
            return
        for f in feats:
            for lab, d in ((truth, 1.0), (guess, -1.0)):
                k = (f, lab)
                cur = self.w[f][lab]
                self.totals[k] += (self.i - self.stamps[k]) * cur
                self.stamps[k] = self.i
                self.w[f][lab] = cur + d

    def average(self, min_abs: float = 1e-3) -> TriggerModel:
        out: dict[str, dict[str, float]] = {}
        for f, wv in self.w.items():
            for lab, cur in wv.items():
                k = (f, lab)
                total = self.totals[k] + (self.i - self.stamps[k]) * cur
                v = round(total / max(1, self.i), 4)
                if abs(v) >= min_abs:
                    out.setdefault(f, {})[lab] = v
        return TriggerModel(out, self.labels)


def save(model: TriggerModel, path) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        json.dump(model.to_json(), f, separators=(",", ":"))


def read(path) -> TriggerModel:
    """A model from a ``.json.gz`` file (as written by ``save``)."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return TriggerModel.from_json(json.load(f))


@cache
def load_model(lang: str, name: str = "trigger_model.json.gz") -> TriggerModel | None:
    """A shipped model of ``lang`` (the trigger model, or ``linker_model.json.gz``, the event-time
    linker), or None when the language has none (lexicons and rules are used)."""
    f = resources.files("chronik.events").joinpath("lang").joinpath(lang).joinpath(name)
    if not f.is_file():
        return None
    with f.open("rb") as fh:
        return TriggerModel.from_json(json.loads(gzip.decompress(fh.read()).decode("utf-8")))
