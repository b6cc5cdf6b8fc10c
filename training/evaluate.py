"""Evaluate Chronik's shipped pipeline for one language and print the figures.

    python training/evaluate.py de        # or: en;  --model NAME_OR_PATH for another pipeline

German NER: GermEval 2014 held-out part of dev (every 5th sentence; never trained on), two measures:
  * mapped: PER/ORG/LOC/MISC (OTH->MISC, -deriv/-part dropped from the gold), strict span micro F1;
  * outer: the official GermEval outer-chunk strict micro F1 over all 12 labels (our output has no
    -deriv/-part labels, so those gold chunks count as misses);
  plus Europarl NER test (gold) and WikiANN de test (silver).
English NER: WikiANN en test (silver) and WNUT 2017 dev ("emerging.dev", mapped to PER/ORG/LOC/MISC).
Syntax: UD test split (never trained on), gold tokenization: POS, tag, morph, lemma accuracy, UAS, LAS.
Figures are written to training/results-<lang>.json as well.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import corpora  # noqa: E402


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    out = set()
    start = None
    label = None
    for i, t in enumerate(tags + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != label):
            if start is not None:
                out.add((start, i, label))
                start, label = None, None
            if t != "O":
                start, label = i, t[2:]
    return out


def prf(gold: list[set], pred: list[set]) -> dict:
    tp = sum(len(g & p) for g, p in zip(gold, pred, strict=True))
    ng = sum(len(g) for g in gold)
    npred = sum(len(p) for p in pred)
    p = tp / npred if npred else 0.0
    r = tp / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "gold": ng, "pred": npred}


def predict_ents(nlp, sents: list[corpora.Sentence], label_map: dict[str, str] | None = None) -> list[set]:
    from spacy.tokens import Doc

    from chronik.nlp import LABEL_MAP

    label_map = label_map or LABEL_MAP
    docs = (Doc(nlp.vocab, words=s.words) for s in sents)
    out = []
    for doc in nlp.pipe(docs, batch_size=256):
        out.append({(e.start, e.end, label_map.get(e.label_, e.label_)) for e in doc.ents
                    if e.label_ in label_map})
    return out


def eval_ner(nlp, sents: list[corpora.Sentence], label_map: dict[str, str] | None = None) -> dict:
    pred = predict_ents(nlp, sents, label_map)
    gold = [spans(s.ents) for s in sents]
    res = prf(gold, pred)
    res["per_type"] = {}
    for lab in corpora.LABELS:
        g = [{x for x in s if x[2] == lab} for s in gold]
        p = [{x for x in s if x[2] == lab} for s in pred]
        res["per_type"][lab] = prf(g, p)["f"]
    res["sentences"] = len(sents)
    return res


def eval_syntax(nlp, lang: str) -> dict:
    from spacy.tokens import Doc
    from spacy.training import Example

    sents = corpora.read_conllu(corpora.ud_path(lang, "test"))
    gold = corpora.group(sents, 8)  # documents of 8 sentences, so that sentence splitting is scored
    examples = []
    for s in gold:
        ref = corpora.to_doc(nlp.vocab, s)
        examples.append(Example(Doc(nlp.vocab, words=s.words, spaces=s.spaces), ref))
    t = time.time()
    scores = nlp.evaluate(examples, batch_size=256)
    took = time.time() - t
    keys = ["pos_acc", "tag_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_f"]
    res = {k: round(scores[k], 4) for k in keys if scores.get(k) is not None}
    res["sentences"] = len(sents)
    res["words_per_s_eval"] = round(sum(len(s.words) for s in sents) / took)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lang", choices=["de", "en"])
    ap.add_argument("--model", default=None, help="installed spaCy package or path instead of the shipped model")
    args = ap.parse_args()
    import chronik.nlp as cnlp

    nlp = cnlp.load(args.lang, model=args.model)
    results: dict = {"lang": args.lang, "model": args.model or "shipped",
                     "pipeline": nlp.pipe_names}
    if args.lang == "de":
        _, held = corpora.germeval_split(corpora.read_germeval())
        results["ner_germeval_heldout_dev_mapped"] = eval_ner(nlp, held)
        _, held_full = corpora.germeval_split(corpora.read_germeval(keep_deriv_part=True))
        outer_map = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "OTH"}
        pred = predict_ents(nlp, held_full, outer_map)
        results["ner_germeval_heldout_dev_outer_official"] = prf([spans(s.ents) for s in held_full], pred)
        results["ner_europarl_test"] = eval_ner(nlp, corpora.read_europarl("test"))
        results["ner_wikiann_de_test_silver"] = eval_ner(nlp, corpora.read_wikiann("de", "test"))
    else:
        results["ner_wikiann_en_test_silver"] = eval_ner(nlp, corpora.read_wikiann("en", "test"))
        results["ner_wnut17_dev"] = eval_ner(nlp, corpora.read_wnut("emerging.dev.conll"))
    results["ud_test"] = eval_syntax(nlp, args.lang)
    print(json.dumps(results, indent=1))
    if args.model is None:
        (HERE / f"results-{args.lang}.json").write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
