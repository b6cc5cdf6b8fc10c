"""Chronik's shipped spaCy pipelines (German, English) and entity keys.

    nlp = chronik.nlp("de")                       # spaCy Language, loaded offline from the package
    ents = chronik.nlp.entities(text, "de")       # list[chronik.records.Entity] with canonical keys

A larger installed spaCy pipeline can be used instead: ``load("de", model="de_core_news_lg")`` or the
environment variable ``CHRONIK_SPACY_DE`` / ``CHRONIK_SPACY_EN`` (a package name or a path). Its entity
labels are mapped to PER / ORG / LOC / MISC.
"""

from __future__ import annotations

import json
import os
import sys
import types
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chronik.nlp.keys import Mention, assign_keys, strip_titles
from chronik.records import Entity

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["load", "entities", "parse", "ModelError", "LABELS", "MODELS_DIR", "model_path"]

LABELS = ("PER", "ORG", "LOC", "MISC")
LANGS = ("de", "en")
MODELS_DIR = Path(__file__).resolve().parent / "models"
MANIFEST = "chronik-manifest.json"

# Work bounds for arbitrary input.
MAX_CHUNK_CHARS = 20_000  # texts are cut into pieces of at most this many characters (parse, entities)
MAX_SENT_TOKENS = 120  # a run of tokens without sentence punctuation is cut after this many tokens

# Labels of other spaCy pipelines -> Chronik's; labels not listed are dropped.
LABEL_MAP = {
    "PER": "PER", "PERSON": "PER",
    "ORG": "ORG", "NORP": "MISC",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
    "MISC": "MISC", "PRODUCT": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC",
    "LANGUAGE": "MISC", "OTH": "MISC",
}


class ModelError(RuntimeError):
    """A language model could not be loaded (missing, corrupt, or unknown)."""


def model_path(lang: str) -> Path:
    return MODELS_DIR / lang


def _rebuild_hint(lang: str) -> str:
    return (
        f"Rebuild it from a source checkout with `python training/train_nlp.py {lang}` "
        f"(needs ../shared/data), or reinstall chronik; or use an installed spaCy pipeline with "
        f"chronik.nlp({lang!r}, model='<package or path>') / CHRONIK_SPACY_{lang.upper()}."
    )


def _check_manifest(path: Path, lang: str) -> None:
    if not (path / "config.cfg").is_file() or not (path / "meta.json").is_file():
        raise ModelError(f"Chronik's {lang!r} language model is missing or incomplete at {path}. "
                         + _rebuild_hint(lang))
    manifest = path / MANIFEST
    if not manifest.is_file():
        return
    try:
        sizes = json.loads(manifest.read_text(encoding="utf-8"))["sizes"]
    except (ValueError, KeyError) as e:
        raise ModelError(f"Chronik's {lang!r} language model at {path} is corrupt ({MANIFEST}: {e}). "
                         + _rebuild_hint(lang)) from e
    for rel, size in sizes.items():
        f = path / rel
        if not f.is_file():
            raise ModelError(f"Chronik's {lang!r} language model at {path} is missing {rel}. "
                             + _rebuild_hint(lang))
        if f.stat().st_size != size:
            raise ModelError(f"Chronik's {lang!r} language model at {path} is corrupt: {rel} has "
                             f"{f.stat().st_size} bytes, expected {size}. " + _rebuild_hint(lang))


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory("chronik_sentence_bound"):
        Language.component("chronik_sentence_bound", func=_bound_sentences)
    if not Language.has_factory("chronik_label_map"):
        Language.component("chronik_label_map", func=_map_labels)


_SENT_END = {".", "!", "?", "…", ";", ":"}


def _bound_sentences(doc: Doc) -> Doc:
    """Cut runs of more than MAX_SENT_TOKENS tokens without sentence punctuation (parser work bound)."""
    run = 0
    for i, tok in enumerate(doc):
        if i == 0:
            run = 1
            continue
        if tok.is_sent_start:
            run = 1
            continue
        run += 1
        if run > MAX_SENT_TOKENS:
            tok.is_sent_start = True
            run = 1
        elif doc[i - 1].text in _SENT_END or doc[i - 1].text.endswith("\n"):
            run = 1
    return doc


def _map_labels(doc: Doc) -> Doc:
    from spacy.tokens import Span

    ents = []
    for e in doc.ents:
        label = LABEL_MAP.get(e.label_)
        if label:
            ents.append(Span(doc, e.start, e.end, label=label))
    doc.ents = ents
    return doc


def _resolve(lang: str, model: str | os.PathLike | None) -> str | None:
    if model is not None:
        return str(model)
    env = os.environ.get(f"CHRONIK_SPACY_{lang.upper()}")
    return env or None


def load(lang: str, model: str | os.PathLike | None = None, **overrides: Any) -> Language:
    """The spaCy pipeline for ``lang`` ("de" or "en"), cached (one per language and model per process).

    ``model``: None for the shipped model (default; ``CHRONIK_SPACY_<LANG>`` overrides it), or an
    installed spaCy package name / a path to a pipeline folder. Raises ``ModelError`` with a rebuild
    hint when the model is missing or corrupt. ``overrides`` are passed to ``spacy.load``
    (e.g. ``disable=["parser"]``); lists are turned into tuples for caching.
    """
    if lang not in LANGS:
        raise ModelError(f"no Chronik language model for {lang!r}; available: {', '.join(LANGS)}")
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in overrides.items()))
    return _load_cached(lang, _resolve(lang, model), frozen)


@lru_cache(maxsize=8)
def _load_cached(lang: str, model: str | None, overrides: tuple) -> Language:
    import spacy

    _register_components()
    kwargs = {k: list(v) if isinstance(v, tuple) else v for k, v in overrides}
    if model is None:
        path = model_path(lang)
        _check_manifest(path, lang)
        try:
            nlp = spacy.load(path, **kwargs)
        except Exception as e:  # noqa: BLE001 - any failure here means the shipped files are bad
            raise ModelError(f"Chronik's {lang!r} language model at {path} could not be loaded "
                             f"({type(e).__name__}: {e}). " + _rebuild_hint(lang)) from e
    else:
        try:
            nlp = spacy.load(model, **kwargs)
        except Exception as e:  # noqa: BLE001
            raise ModelError(f"the spaCy pipeline {model!r} for {lang!r} could not be loaded "
                             f"({type(e).__name__}: {e}). Install it (e.g. `pip install {model}` for a "
                             f"published package) or unset CHRONIK_SPACY_{lang.upper()} to use Chronik's "
                             f"shipped model.") from e
        if "ner" in nlp.pipe_names or "entity_ruler" in nlp.pipe_names:
            nlp.add_pipe("chronik_label_map", last=True)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("chronik_sentence_bound", before="parser")
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp


def _chunks(text: str, limit: int = MAX_CHUNK_CHARS) -> list[tuple[int, int]]:
    """Character ranges of at most ``limit`` characters, cut at paragraph, sentence or word breaks."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + limit)
        if end < n:
            window = text[start:end]
            cut = -1
            for sep in ("\n\n", "\n", ". ", "! ", "? ", " "):
                pos = window.rfind(sep, limit // 2)
                if pos != -1:
                    cut = pos + len(sep)
                    break
            if cut > 0:
                end = start + cut
        spans.append((start, end))
        start = end
    return spans


def parse(text: str, lang: str, nlp: Language | None = None) -> Doc:
    """Run the pipeline on ``text`` in bounded pieces and return one ``Doc`` over the whole text."""
    from spacy.tokens import Doc

    nlp = nlp or load(lang)
    pieces = _chunks(text)
    if len(pieces) <= 1:
        return nlp(text)
    docs = list(nlp.pipe(text[a:b] for a, b in pieces))
    return Doc.from_docs(docs, ensure_whitespace=False)


def entities(doc_or_text: str | Doc, lang: str, nlp: Language | None = None) -> list[Entity]:
    """Named entities (PER, ORG, LOC, MISC) with canonical keys; offsets index the document text.

    ``doc_or_text`` is a text or a ``spacy.tokens.Doc`` (an unprocessed, e.g. pre-tokenized Doc is run
    through the pipeline first). Person mentions lose leading titles ("US-Präsident Donald Trump" ->
    "Donald Trump"); see ``chronik.nlp.keys`` for how keys are built.
    """
    from spacy.tokens import Doc

    if isinstance(doc_or_text, Doc):
        doc = doc_or_text
        if not doc.has_annotation("ENT_IOB"):
            doc = (nlp or load(lang))(doc)
    else:
        doc = parse(doc_or_text, lang, nlp)
    mentions: list[Mention] = []
    for ent in doc.ents:
        label = LABEL_MAP.get(ent.label_)
        if label is None:
            continue
        toks = list(ent)
        # drop punctuation at the edges
        while toks and toks[0].is_punct:
            toks.pop(0)
        while toks and toks[-1].is_punct:
            toks.pop()
        if not toks:
            continue
        if label == "PER":
            n = strip_titles([t.text for t in toks], [])
            toks = toks[n:]
        start = toks[0].idx
        end = toks[-1].idx + len(toks[-1].text)
        mentions.append(Mention(start, end, doc.text[start:end], label, [t.text for t in toks]))
    keyed = assign_keys(mentions, lang)
    return [Entity(start=m.start, end=m.end, text=m.text, label=lab, key=key)
            for m, (key, lab) in zip(mentions, keyed, strict=True)]


class _CallableModule(types.ModuleType):
    """``chronik.nlp("de")`` works as well as ``chronik.nlp.load("de")``."""

    def __call__(self, lang: str, **kwargs: Any) -> Language:
        return load(lang, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
