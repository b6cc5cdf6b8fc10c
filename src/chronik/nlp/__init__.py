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

from chronik.nlp.keys import Mention, assign_keys, person_after_role, strip_titles
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
    if not Language.has_factory("chronik_noun_filter"):
        Language.factory("chronik_noun_filter", func=lambda nlp, name: NounFilter())
    if not Language.has_factory("chronik_label_map"):
        Language.component("chronik_label_map", func=_map_labels)


_SENT_END = {".", "!", "?", "…"}


def _bound_sentences(doc: Doc) -> Doc:
    """Preset sentence starts before the parser (which respects them), so no sentence is longer than
    MAX_SENT_TOKENS tokens: after a sentence-final mark followed by a capitalised word or a line break,
    and, in runs without such marks, every MAX_SENT_TOKENS tokens (parser work bound)."""
    run = 0
    for i, tok in enumerate(doc):
        if i == 0:
            run = 1
            continue
        prev = doc[i - 1]
        if tok.is_sent_start:
            run = 1
        elif (prev.text in _SENT_END and (tok.text[:1].isupper() or tok.text[:1] in "\"„“'")) or (
            prev.is_space and "\n" in prev.text
        ):
            tok.is_sent_start = True
            run = 1
        else:
            run += 1
            if run > MAX_SENT_TOKENS:
                tok.is_sent_start = True
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


NOUNS_FILE = "chronik_common_nouns.txt.gz"


class NounFilter:
    """German NER post-filter: drop single-word entities that are common nouns ("Spinne") and trim common
    nouns before person and place names ("Hostess Silvia Sommerlath" -> "Silvia Sommerlath").

    The word list (``chronik_common_nouns.txt.gz`` in the model folder) is built by
    training/build_lexicon.py from Wiktionary (german-nouns, CC BY-SA 4.0); names are not in it.
    A word that also occurs inside a longer entity of the same document is kept (surnames like "Herbst").
    """

    def __init__(self, nouns: frozenset[str] = frozenset(), drop_parts: bool = True):
        self.nouns = nouns
        self.drop_parts = drop_parts

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span

        if not self.nouns or not doc.ents:
            return doc
        nouns = self.nouns
        in_long = {t.text for e in doc.ents if len(e) > 1 for t in e}
        ents = []
        for e in doc.ents:
            start, end = e.start, e.end
            if e.label_ in ("PER", "LOC"):
                keep = 2 if e.label_ == "PER" else 1  # "Rex Tillerson": a first name may be a noun too
                while end - start > keep and doc[start].text in nouns and doc[start + 1].text[:1].isupper() \
                        and doc[start + 1].text not in nouns:
                    start += 1
            if end - start == 1 and e.label_ != "MISC" and doc[start].text in nouns \
                    and doc[start].text not in in_long:
                continue
            if self.drop_parts and end - start == 1 and "-" in doc[start].text \
                    and doc[start].text.rsplit("-", 1)[1] in nouns:
                continue  # "US-Angriff": a name inside a compound noun (GermEval's -part), not an entity
            ents.append(e if (start, end) == (e.start, e.end) else Span(doc, start, end, label=e.label_))
        doc.ents = ents
        return doc


def _load_nouns(path: Path) -> frozenset[str]:
    import gzip

    with gzip.open(path, "rt", encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip())


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
            if (path / NOUNS_FILE).is_file() and "ner" in nlp.pipe_names:
                nlp.add_pipe("chronik_noun_filter", after="ner").nouns = _load_nouns(path / NOUNS_FILE)
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
    # Small batches: the parser and NER precompute a hidden layer per token (about 12 KB each), so
    # memory grows with the tokens of one batch; two pieces of 20,000 characters keep it near 100 MB.
    docs = list(nlp.pipe((text[a:b] for a, b in pieces), batch_size=2))
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
    spans: list[tuple[int, int, str]] = []  # token start, end, label
    for ent in doc.ents:
        label = LABEL_MAP.get(ent.label_)
        if label is None:
            continue
        a, b = ent.start, ent.end
        # drop punctuation at the edges
        while a < b and doc[a].is_punct:
            a += 1
        while a < b and doc[b - 1].is_punct:
            b -= 1
        if a == b:
            continue
        k = person_after_role([t.text for t in doc[a:b]])
        if k:
            a, label = a + k, "PER"
        elif label == "PER":
            a += strip_titles([t.text for t in doc[a:b]])
        spans.append((a, b, label))
    spans = _propagate(doc, spans, lang)
    mentions: list[Mention] = []
    text = doc.text  # Doc.text is rebuilt on every access
    for a, b, label in spans:
        start = doc[a].idx
        end = doc[b - 1].idx + len(doc[b - 1].text)
        mentions.append(Mention(start, end, text[start:end], label, [t.text for t in doc[a:b]]))
    keyed = assign_keys(mentions, lang)
    return [Entity(start=m.start, end=m.end, text=m.text, label=lab, key=key)
            for m, (key, lab) in zip(mentions, keyed, strict=True)]


def _genitive_forms(word: str, lang: str) -> set[str]:
    forms = {word}
    if lang == "de" and not word.endswith(("s", "ß", "x", "z")):
        forms.add(word + "s")
    return forms


def _propagate(doc: Doc, spans: list[tuple[int, int, str]], lang: str) -> list[tuple[int, int, str]]:
    """Document-level consistency: a name found once is found everywhere in the document.

    * the surname of a person found with first and last name ("Wladimir Putin"), also in the German
      genitive ("Putins"), is a person wherever it stands alone; inside a longer non-person mention
      ("Trumps Amtsantritt", "Wahlkampfteam Trumps") it replaces that mention;
    * a single-word name found by the model (at least 3 letters, capitalised) is tagged with the same
      label wherever else it occurs untagged.
    """
    surnames: set[str] = set()
    for a, b, label in spans:
        last = doc[b - 1].text
        if label == "PER" and b - a >= 2:
            particle, _, rest = last.partition("-")
            if last[:1].isupper():
                surnames |= _genitive_forms(last, lang)
            elif rest[:1].isupper() and particle.islower():  # "al-Assad" -> "Assad"
                surnames |= _genitive_forms(last, lang) | _genitive_forms(rest, lang)
    singles: dict[str, str] = {}
    for a, b, label in spans:
        w = doc[a].text
        if b - a == 1 and len(w) >= 3 and w[:1].isupper() and w not in surnames:
            singles.setdefault(w, label)
    out: list[tuple[int, int, str]] = []
    for a, b, label in spans:
        if label != "PER" and b - a >= 2:
            hits = [i for i in range(a, b) if doc[i].text in surnames]
            if len(hits) == 1:
                out.append((hits[0], hits[0] + 1, "PER"))
                continue
        out.append((a, b, label))
    if not surnames and not singles:
        return out
    covered = {i for a, b, _ in out for i in range(a, b)}
    for tok in doc:
        if tok.i in covered:
            continue
        if tok.text in surnames:
            out.append((tok.i, tok.i + 1, "PER"))
        elif tok.text in singles and singles[tok.text] != "MISC":
            out.append((tok.i, tok.i + 1, singles[tok.text]))
    out.sort()
    return out


class _CallableModule(types.ModuleType):
    """``chronik.nlp("de")`` works as well as ``chronik.nlp.load("de")``."""

    def __call__(self, lang: str, **kwargs: Any) -> Language:
        return load(lang, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
