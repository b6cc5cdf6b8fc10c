"""Language data of the event extractor, read from ``chronik/events/lang/<lang>/``.

``lang.toml``       sentence reading: clause words, prepositions, inflection templates …
``verbs.txt``       event verbs: lemma, class, forms (or "w" for regular forms by the templates)
``nouns.txt``       event nouns: noun, class, English gloss
``modality.toml``   cue words per modality
``trigger_model.json.gz`` (optional) a trained trigger classifier (see ``chronik.events.model``)

A new language is a new folder with these files; the engine knows no language.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

MODALITY_ORDER = ("negated", "hypothetical", "reported", "planned", "ongoing")


@dataclass(frozen=True, slots=True)
class VerbForm:
    lemma: str
    event_class: str
    past: bool
    particle: str | None  # separable particle ("ab" for "feuerte ... ab")
    infinitive: bool


@dataclass(frozen=True, slots=True)
class Noun:
    lemma: str
    event_class: str
    gloss: str


@dataclass(frozen=True)
class Cues:
    """Cue words of one modality: single words and multi-word sequences (tuples of lower-case words)."""

    clause: frozenset[tuple[str, ...]]
    before: frozenset[str]
    window: int

    @property
    def single(self) -> frozenset[str]:
        return frozenset(c[0] for c in self.clause if len(c) == 1)

    @property
    def multi(self) -> tuple[tuple[str, ...], ...]:
        return tuple(sorted(c for c in self.clause if len(c) > 1))


@dataclass
class Lexicon:
    lang: str
    config: dict
    verb_forms: dict[str, VerbForm]
    nouns: dict[str, Noun]  # lower-case noun + ending -> noun
    cues: dict[str, Cues]
    past_cues: frozenset[tuple[str, ...]]
    future_cues: frozenset[tuple[str, ...]]
    abbreviations: frozenset[str]
    clause_words: frozenset[str]
    determiners: frozenset[str]
    weekdays: dict[str, str]
    lemma_rules: tuple[tuple[str, str], ...]
    max_noun_len: int = 0
    extra: dict = field(default_factory=dict)
    _lemmas: dict = field(default_factory=dict)
    _cue_index: dict = field(default_factory=dict)

    def cue_index(self, name: str) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
        """Single-word and multi-word clause cues of a modality (cached)."""
        got = self._cue_index.get(name)
        if got is None:
            got = self._cue_index[name] = (self.cues[name].single, self.cues[name].multi)
        return got

    def words(self, key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in self.config.get(key, []))

    def lemma(self, word: str) -> str:
        """A base form for keys and labels: the lexicon's lemma, else the suffix rules, else the word."""
        got = self._lemmas.get(word)
        if got is None:
            got = self._lemma(word)
            if len(self._lemmas) < 200_000:
                self._lemmas[word] = got
        return got

    def _lemma(self, word: str) -> str:
        low = word.lower()
        vf = self.verb_forms.get(low)
        if vf is not None:
            return vf.lemma
        n = self.noun(word)
        if n is not None and n.lemma.lower() == low.rstrip("s"):
            return n.lemma.lower()
        for suffix, repl in self.lemma_rules:
            if low.endswith(suffix) and len(low) - len(suffix) + len(repl) >= 3:
                return low[: len(low) - len(suffix)] + repl
        return low

    def noun(self, word: str) -> Noun | None:
        """The event noun ``word`` is (or, where compounds are read, ends with)."""
        n = self._noun(word.lower())
        return None if n is None or n.event_class == "-" else n

    def _noun(self, low: str) -> Noun | None:
        n = self.nouns.get(low)
        if n is not None or not self.config.get("compound_heads"):
            return n
        if "-" in low:
            n = self.nouns.get(low.rsplit("-", 1)[1])
            if n is not None:
                return n
        # a compound: its longest known last part, at least 4 letters, after at least 3 letters of modifier
        for k in range(3, len(low) - 3):
            n = self.nouns.get(low[k:])
            if n is not None:
                return n
        return None


def _files(lang: str):
    return resources.files("chronik.events").joinpath("lang").joinpath(lang)


def available() -> tuple[str, ...]:
    root = resources.files("chronik.events").joinpath("lang")
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and p.joinpath("lang.toml").is_file()))


def _table(text: str) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append(line.split("\t") if "\t" in line else line.split())
    return rows


def _weak_forms(lemma: str, infl: dict) -> list[tuple[str, bool]]:
    stem = lemma
    for end in infl.get("infinitive_endings", []):
        if lemma.endswith(end):
            stem = lemma[: -len(end)]
            break
    forms = [(lemma, False)]
    forms += [(stem + s, False) for s in infl.get("present", [])]
    forms += [(stem + s, True) for s in infl.get("past", [])]
    no_ge = any(lemma.startswith(p) for p in infl.get("no_ge_prefixes", [])) or any(
        lemma.endswith(e) for e in infl.get("no_ge_endings", [])
    )
    part = ("" if no_ge else infl.get("participle_prefix", "")) + stem + infl.get("participle_ending", "")
    forms.append((part, True))
    return forms


def _cue_set(words: list[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(w.lower().split()) for w in words)


@cache
def load(lang: str) -> Lexicon:
    """The event lexicon of ``lang`` ("de", "en"); raises ``LookupError`` for a language without data."""
    if lang not in available():
        raise LookupError(f"no event data for language {lang!r} (have: {', '.join(available())})")
    base = _files(lang)
    config = tomllib.loads(base.joinpath("lang.toml").read_text(encoding="utf-8"))
    modality = tomllib.loads(base.joinpath("modality.toml").read_text(encoding="utf-8"))
    infl = config.get("verb_inflection", {})
    verb_forms: dict[str, VerbForm] = {}
    for row in _table(base.joinpath("verbs.txt").read_text(encoding="utf-8")):
        if len(row) < 2 or row[1] == "-":
            continue
        raw, cls = row[0], row[1]
        particle = None
        if "|" in raw:
            particle, rest = raw.split("|", 1)
            lemma = particle + rest
        else:
            lemma = rest = raw
        spec = " ".join(row[2:]).split()
        forms: list[tuple[str, bool]] = []
        if spec and spec[0] == "w":
            forms += _weak_forms(rest, infl)
            if particle:  # infinitive and participle carry the particle in one word
                forms = [(f, p) for f, p in forms if f != rest] + [(lemma, False)]
                part = forms.pop(-2) if len(forms) >= 2 else None
                if part:
                    forms.append((particle + part[0], True))
            spec = spec[1:]
        forms += [(f.rstrip("*"), f.endswith("*")) for f in spec]
        forms.append((lemma, False))
        for f, past in forms:
            low = f.lower()
            if low not in verb_forms:
                verb_forms[low] = VerbForm(lemma, cls, past, particle if particle and not low.startswith(particle) else None,
                                           low == lemma.lower())
    nouns: dict[str, Noun] = {}
    endings = config.get("noun_endings", [""])
    for row in _table(base.joinpath("nouns.txt").read_text(encoding="utf-8")):
        if len(row) < 2:
            continue
        n = Noun(row[0], row[1], row[2] if len(row) > 2 else row[0])  # class "-": a blocker
        for e in endings:
            nouns.setdefault(row[0].lower() + e, n)
    cues = {}
    for name in MODALITY_ORDER:
        sec = modality.get(name, {})
        cues[name] = Cues(_cue_set(sec.get("clause", [])), frozenset(w.lower() for w in sec.get("before", [])),
                          int(sec.get("window", 3)))
    return Lexicon(
        lang=lang,
        config=config,
        verb_forms=verb_forms,
        nouns=nouns,
        cues=cues,
        past_cues=_cue_set(modality.get("past", {}).get("clause", [])),
        future_cues=_cue_set(modality.get("future", {}).get("clause", [])),
        abbreviations=frozenset(a.lower() for a in config.get("abbreviations", [])),
        clause_words=frozenset(w.lower() for w in config.get("clause_words", [])),
        determiners=frozenset(w.lower() for w in config.get("determiners", [])),
        weekdays={k.lower(): v for k, v in config.get("weekdays", {}).items()},
        lemma_rules=tuple((a, b) for a, b in config.get("lemma_rules", [])),
        max_noun_len=max((len(k) for k in nouns), default=0),
    )
