"""Tests of the shipped language models and entity keys (chronik.nlp)."""

from __future__ import annotations

import os
import shutil
import socket
import time
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

import chronik  # noqa: E402
import chronik.nlp as cnlp  # noqa: E402
from chronik.nlp.keys import country_code, fold_name  # noqa: E402
from chronik.records import Entity  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED = (REPO / ".." / "shared").resolve()
EXAMPLE = SHARED / "examples" / "000_70e57c110874d6a3.txt"
DATA = SHARED / "data"


@pytest.fixture(scope="module", autouse=True)
def offline():
    """No network while loading and running the pipelines."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    original = socket.socket.connect

    def refuse(self, address):  # pragma: no cover - only called on a regression
        if isinstance(address, tuple) and address[0] not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"network use during chronik.nlp tests: {address}")
        return original(self, address)

    socket.socket.connect = refuse
    yield
    socket.socket.connect = original


@pytest.fixture(scope="module")
def de():
    return chronik.nlp("de")


@pytest.fixture(scope="module")
def en():
    return chronik.nlp("en")


def example_body() -> str:
    if not EXAMPLE.exists():
        pytest.skip(f"example article not found at {EXAMPLE}")
    text = EXAMPLE.read_text(encoding="utf-8").lstrip()
    assert text.startswith("date 2017-05 ")
    return text[len("date 2017-05 "):]


def test_models_are_shipped_with_notice():
    for lang in ("de", "en"):
        path = cnlp.model_path(lang)
        assert (path / "config.cfg").is_file(), path
        notice = (path / "NOTICE").read_text(encoding="utf-8")
        assert "Universal Dependencies" in notice and "Licence" in notice
        size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        assert size < 50_000_000


def test_load_is_cached_and_complete(de):
    assert chronik.nlp("de") is de
    assert cnlp.load("de") is de
    for name in ("tagger", "morphologizer", "parser", "trainable_lemmatizer", "ner"):
        assert name in de.pipe_names
    assert set(de.get_pipe("ner").labels) == set(cnlp.LABELS)


def test_german_pipeline_annotates(de):
    doc = de("Bundeskanzlerin Angela Merkel traf am Montag in Berlin den französischen Präsidenten. "
             "Danach flog sie nach Paris.")
    assert len(list(doc.sents)) == 2
    assert all(t.pos_ for t in doc)
    assert all(t.lemma_ for t in doc)
    assert any(t.dep_ == "ROOT" for t in doc)
    assert {e.label_ for e in doc.ents} <= set(cnlp.LABELS)
    assert "Berlin" in {e.text for e in doc.ents}


def test_example_article_entities(de):
    text = example_body()
    ents = cnlp.entities(text, "de")
    assert all(isinstance(e, Entity) for e in ents)
    for e in ents:
        assert text[e.start:e.end] == e.text
        assert e.label in cnlp.LABELS
    trump = [e for e in ents if "Trump" in e.text]
    putin = [e for e in ents if "Putin" in e.text]
    # "Donald Trump", "Trump", "Trumps" (x2) ...
    assert len(trump) >= 4, trump
    assert len(putin) >= 2, putin
    assert {e.label for e in trump} == {"PER"}
    assert {e.label for e in putin} == {"PER"}
    assert len({e.key for e in trump}) == 1
    assert len({e.key for e in putin}) == 1
    assert trump[0].key != putin[0].key
    # the title is not part of the name
    assert trump[0].text == "Donald Trump"
    hamburg = [e for e in ents if e.text == "Hamburg"]
    assert hamburg and {e.label for e in hamburg} == {"LOC"}
    russia = [e for e in ents if e.text.startswith("Russland")]
    assert russia and {e.key for e in russia} == {"country:RU"}


def test_keys_across_languages(en):
    ents = cnlp.entities("Russian President Vladimir Putin spoke with Germany's chancellor in Moscow. "
                         "Putin said Russia would attend.", "en")
    by_text = {e.text: e for e in ents}
    assert by_text["Vladimir Putin"].key == fold_key_de("Wladimir Putin")
    assert by_text["Vladimir Putin"].label == "PER"
    assert by_text["Putin"].key == by_text["Vladimir Putin"].key
    assert by_text["Russia"].key == "country:RU"


def fold_key_de(name: str) -> str:
    return "per:" + fold_name(name, person=True)


def test_country_keys_from_cldr():
    assert country_code("Russland", "de") == country_code("Russia", "en") == "RU"
    assert country_code("Deutschland", "de") == country_code("Germany", "en") == "DE"
    assert country_code("Russlands", "de") == "RU"
    assert country_code("USA", "de") == country_code("Vereinigte Staaten", "de") == "US"
    assert country_code("Frankreich", "de") == country_code("France", "en") == "FR"
    assert country_code("Hamburg", "de") is None
    assert fold_name("Sergej Lawrow", person=True) == fold_name("Sergei Lavrov", person=True)


def test_pretokenized_doc(de):
    from spacy.tokens import Doc

    words = ["Angela", "Merkel", "besuchte", "gestern", "Hamburg", "."]
    doc = de(Doc(de.vocab, words=words))
    assert [t.text for t in doc] == words
    assert all(t.pos_ for t in doc)
    ents = cnlp.entities(Doc(de.vocab, words=words), "de")
    assert any(e.text == "Hamburg" and e.label == "LOC" for e in ents)
    for e in ents:
        assert doc.text[e.start:e.end] == e.text


def test_pathological_input_is_bounded(de):
    # one "sentence" of 15,000 words without punctuation, HTML leftovers, emoji, mixed scripts
    parts = ["wort", "<div class='x'>", "&nbsp;", "😀🇩🇪", "Москва", "東京", "Hamburg", "</p>", "ﷺ"]
    text = " ".join(parts[i % len(parts)] for i in range(15_000))
    t = time.time()
    doc = cnlp.parse(text, "de")
    took = time.time() - t
    assert doc.text == text
    assert max(len(s) for s in doc.sents) <= cnlp.MAX_SENT_TOKENS
    assert took < 60
    ents = cnlp.entities(text[:20_000], "de")
    for e in ents:
        assert text[e.start:e.end] == e.text
    # direct calls on odd strings do not crash
    for s in ["", " ", "\n\n\n", "😀" * 500, "<<<>>>" * 200, "a" * 5000]:
        de(s)
        cnlp.entities(s, "de")


def test_corrupt_model_gives_rebuild_hint(tmp_path):
    bad = tmp_path / "de"
    shutil.copytree(cnlp.model_path("de"), bad)
    weights = max((p for p in bad.rglob("model") if p.is_file()), key=lambda p: p.stat().st_size)
    weights.write_bytes(weights.read_bytes()[:1000])
    with pytest.raises(cnlp.ModelError, match="train_nlp.py de"):
        cnlp._check_manifest(bad, "de")
    # without the manifest, spaCy itself fails on the truncated file and the message is the same
    (bad / cnlp.MANIFEST).unlink()
    with pytest.raises(cnlp.ModelError, match="train_nlp.py de"):
        _load_from(bad)
    missing = tmp_path / "missing"
    missing.mkdir()
    with pytest.raises(cnlp.ModelError, match="missing"):
        cnlp._check_manifest(missing, "de")


def _load_from(path: Path):
    """Load a shipped-model folder the way chronik.nlp.load does."""
    original = cnlp.MODELS_DIR
    try:
        cnlp.MODELS_DIR = path.parent
        return cnlp._load_cached.__wrapped__("de", None, ())
    finally:
        cnlp.MODELS_DIR = original


def test_other_pipeline_labels_are_mapped(tmp_path, monkeypatch):
    """A user's pipeline (here a tiny one with OntoNotes labels) is used via CHRONIK_SPACY_EN."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "PERSON", "pattern": "Ada Lovelace"},
        {"label": "GPE", "pattern": "London"},
        {"label": "DATE", "pattern": "1843"},
    ])
    path = tmp_path / "tiny_en"
    nlp.to_disk(path)
    monkeypatch.setenv("CHRONIK_SPACY_EN", str(path))
    other = chronik.nlp("en")
    doc = other("Ada Lovelace lived in London in 1843.")
    assert {(e.text, e.label_) for e in doc.ents} == {("Ada Lovelace", "PER"), ("London", "LOC")}
    ents = cnlp.entities("Ada Lovelace lived in London in 1843.", "en", nlp=other)
    assert [(e.text, e.label) for e in ents] == [("Ada Lovelace", "PER"), ("London", "LOC")]
    with pytest.raises(cnlp.ModelError, match="could not be loaded"):
        cnlp.load("en", model=str(tmp_path / "nope"))


def test_english_pipeline(en):
    doc = en("Apple opened a new office in London. Tim Cook announced it on Monday.")
    assert len(list(doc.sents)) == 2
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("London") == "LOC"
    assert all(t.lemma_ for t in doc)


@pytest.mark.skipif(not (DATA / "germeval2014").exists(), reason="GermEval 2014 data not found at ../shared/data")
def test_germeval_heldout_smoke(de):
    """NER on 100 held-out GermEval dev sentences (never trained on) is clearly above chance."""
    import sys

    sys.path.insert(0, str(REPO / "training"))
    import corpora
    import evaluate

    _, held = corpora.germeval_split(corpora.read_germeval())
    res = evaluate.eval_ner(de, held[:100])
    assert res["f"] > 0.5, res
