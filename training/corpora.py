"""Readers for the training corpora in ../shared/data and conversion to spaCy DocBin files.

Every reader returns plain sentences; ``to_docs`` turns them into ``spacy.tokens.Doc`` objects.
Entity labels are mapped to Chronik's PER / ORG / LOC / MISC.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = (REPO / ".." / "shared" / "data").resolve()

LABELS = ("PER", "ORG", "LOC", "MISC")

# GermEval 2014: OTH -> MISC; the -deriv ("deutsche") and -part ("EU-weit") variants are not names of
# an entity and are dropped (tagged O) in training and in the mapped evaluation.
GERMEVAL_MAP = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "OTH": "MISC"}
WNUT_MAP = {
    "person": "PER",
    "location": "LOC",
    "corporation": "ORG",
    "group": "ORG",
    "product": "MISC",
    "creative-work": "MISC",
}


@dataclass
class Sentence:
    words: list[str]
    ents: list[str] | None = None  # BIO with Chronik labels
    spaces: list[bool] | None = None
    tags: list[str] | None = None
    pos: list[str] | None = None
    morphs: list[str] | None = None
    lemmas: list[str] | None = None
    heads: list[int] | None = None  # absolute token index
    deps: list[str] | None = None
    meta: dict = field(default_factory=dict)


def _bio(tags: list[str]) -> list[str]:
    """Repair IOB1 / stray I- tags to proper BIO."""
    out: list[str] = []
    prev = "O"
    for t in tags:
        if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def _map_tag(tag: str, mapping: dict[str, str]) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, label = tag.split("-", 1)
    mapped = mapping.get(label)
    return f"{prefix}-{mapped}" if mapped else "O"


def read_germeval(path: Path | None = None, keep_deriv_part: bool = False) -> list[Sentence]:
    """GermEval 2014 (outer column). With ``keep_deriv_part`` labels like ``LOCderiv`` are kept as is."""
    path = path or DATA / "germeval2014" / "NER-de-dev.tsv"
    sents: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#"):
            continue
        if not line.strip():
            if words:
                sents.append(Sentence(words=words, ents=_bio(tags)))
            words, tags = [], []
            continue
        cols = line.split("\t")
        words.append(cols[1])
        tag = cols[2]
        if keep_deriv_part:
            tags.append(tag)
        else:
            tags.append(_map_tag(tag, GERMEVAL_MAP))
    return sents


def read_bio(path: Path, word_col: int, tag_col: int, mapping: dict[str, str] | None = None,
             strip_prefix: str = "") -> list[Sentence]:
    """Column files with one token per line and blank lines between sentences."""
    sents: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if words:
                sents.append(Sentence(words=words, ents=_bio(tags)))
            words, tags = [], []
            continue
        cols = line.split("\t") if "\t" in line else line.split()
        w = cols[word_col]
        if strip_prefix and w.startswith(strip_prefix):
            w = w[len(strip_prefix):]
        words.append(w)
        tag = cols[tag_col]
        tags.append(_map_tag(tag, mapping) if mapping else (tag if tag[2:] in LABELS else "O"))
    return sents


def read_wikiann(lang: str, split: str) -> list[Sentence]:
    ident = {lab: lab for lab in LABELS}
    return read_bio(DATA / "wikiann" / lang / split, 0, -1, ident, strip_prefix=f"{lang}:")


def read_europarl(split: str, drop_adjectives: bool = True) -> list[Sentence]:
    """Europarl NER. It follows CoNLL-2003 and tags adjectives like "europäischen" MISC; GermEval (and
    Chronik) do not, so with ``drop_adjectives`` a MISC span starting with a lower-case word becomes O."""
    ident = {lab: lab for lab in LABELS}
    sents = read_bio(DATA / "europarl-ner-de" / f"{split}.tsv", 0, 4, ident)
    if drop_adjectives:
        for s in sents:
            tags = s.ents
            i = 0
            while i < len(tags):
                if tags[i] == "B-MISC" and s.words[i][:1].islower():
                    j = i + 1
                    while j < len(tags) and tags[j] == "I-MISC":
                        j += 1
                    tags[i:j] = ["O"] * (j - i)
                    i = j
                else:
                    i += 1
    return sents


def read_wnut(name: str) -> list[Sentence]:
    return read_bio(DATA / "wnut17" / name, 0, -1, WNUT_MAP)


def read_conllu(path: Path) -> list[Sentence]:
    """UD CoNLL-U, syntactic words (multi-word token ranges and empty nodes skipped)."""
    sents: list[Sentence] = []
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#"):
            continue
        if not line.strip():
            if rows:
                ids = {r[0]: i for i, r in enumerate(rows)}
                sents.append(Sentence(
                    words=[r[1] for r in rows],
                    spaces=["SpaceAfter=No" not in r[9] for r in rows],
                    lemmas=[r[2] for r in rows],
                    pos=[r[3] for r in rows],
                    tags=[r[4] if r[4] != "_" else r[3] for r in rows],
                    morphs=["" if r[5] == "_" else r[5] for r in rows],
                    heads=[ids[r[6]] if r[6] != "0" else i for i, r in enumerate(rows)],
                    deps=["ROOT" if r[6] == "0" else r[7] for r in rows],
                ))
            rows = []
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        rows.append(cols)
    return sents


def ud_path(lang: str, split: str) -> Path:
    if lang == "de":
        return DATA / "ud-german-gsd" / f"de_gsd-ud-{split}.conllu"
    return DATA / "ud-english-ewt" / f"en_ewt-ud-{split}.conllu"


def to_doc(vocab, s: Sentence):
    from spacy.tokens import Doc

    kwargs = {}
    if s.ents is not None:
        kwargs["ents"] = s.ents
    if s.heads is not None:
        kwargs.update(tags=s.tags, pos=s.pos, morphs=s.morphs, lemmas=s.lemmas, heads=s.heads, deps=s.deps)
    return Doc(vocab, words=s.words, spaces=s.spaces, **kwargs)


def to_docs(vocab, sents: list[Sentence]) -> Iterator:
    for s in sents:
        yield to_doc(vocab, s)


def germeval_split(sents: list[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """Every fifth sentence of GermEval dev is held out (the 'held-out part of dev')."""
    train = [s for i, s in enumerate(sents) if i % 5 != 0]
    held = [s for i, s in enumerate(sents) if i % 5 == 0]
    return train, held


def ner_sets(lang: str) -> dict[str, list[Sentence]]:
    """Training and evaluation sentence sets for NER."""
    rng = random.Random(0)
    if lang == "de":
        g_train, g_held = germeval_split(read_germeval())
        wiki = read_wikiann("de", "train")
        rng.shuffle(wiki)
        euro = read_europarl("train")
        # GermEval is the only gold news/wiki set: upsample it.
        train = g_train * 3 + euro + wiki[:8000]
        rng.shuffle(train)
        return {"train": train, "dev": g_held}
    wiki = read_wikiann("en", "train")
    wnut = read_wnut("wnut17train.conll")
    train = wiki + wnut
    rng.shuffle(train)
    dev = read_wikiann("en", "dev")
    rng.shuffle(dev)
    return {"train": train, "dev": dev[:1500]}


def group(sents: list[Sentence], n: int) -> list[Sentence]:
    """Join consecutive sentences into documents of ``n`` sentences, so the parser learns to split."""
    out: list[Sentence] = []
    for k in range(0, len(sents), n):
        part = sents[k:k + n]
        doc = Sentence(words=[], spaces=[], tags=[], pos=[], morphs=[], lemmas=[], heads=[], deps=[])
        for s in part:
            off = len(doc.words)
            doc.words += s.words
            doc.spaces += (s.spaces or [True] * len(s.words))[:-1] + [True]
            doc.tags += s.tags
            doc.pos += s.pos
            doc.morphs += s.morphs
            doc.lemmas += s.lemmas
            doc.heads += [h + off for h in s.heads]
            doc.deps += s.deps
        out.append(doc)
    return out


def syntax_sets(lang: str) -> dict[str, list[Sentence]]:
    """UD dev is the training set (no UD train split here); 10% of it is held out for validation.

    Sentences are joined into documents of 8 (in corpus order) so that sentence splitting is learned.
    """
    dev = read_conllu(ud_path(lang, "dev"))
    docs = group(dev, 8)
    train = [s for i, s in enumerate(docs) if i % 10 != 0]
    valid = [s for i, s in enumerate(docs) if i % 10 == 0]
    return {"train": train, "dev": valid}


def write_docbin(vocab, sents: list[Sentence], path: Path) -> None:
    from spacy.tokens import DocBin

    db = DocBin(store_user_data=False)
    for doc in to_docs(vocab, sents):
        db.add(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
