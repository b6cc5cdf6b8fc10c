"""Rebuild Chronik's shipped spaCy pipeline for one language from ../shared/data.

    python training/train_nlp.py de      # or: en

Steps: convert the corpora to DocBin files (training/.build/<lang>/), train the syntax pipeline
(tok2vec, tagger, morphologizer, parser, trainable lemmatizer) on UD dev, train the NER pipeline
(its own tok2vec + ner), join both into one pipeline, write it with its NOTICE to
src/chronik/nlp/models/<lang>/, and evaluate it (training/evaluate.py).
Everything runs on CPU; ``--ner-steps`` / ``--syntax-steps`` bound the training time.
Needs spaCy (a chronik dependency) and, for German, ``pip install german-nouns`` (training only).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpora  # noqa: E402

REPO = HERE.parent
MODELS = REPO / "src" / "chronik" / "nlp" / "models"

DEFAULT_STEPS = {"de": {"ner": 2400, "syntax": 2000}, "en": {"ner": 3000, "syntax": 2000}}

NOTICE_COMMON = """Chronik language model ({lang}) — licences and attributions of the training data

This folder is a spaCy pipeline trained by Chronik's training/train_nlp.py on the corpora below.
The model weights are derived from these corpora; their licences and attributions travel with it.
Pipeline code: spaCy (MIT, Explosion AI). Trained pipeline: distributed with Chronik; the
share-alike terms of the UD treebank (CC BY-SA 4.0) apply to the weights trained on it.

"""

NOTICE_DE = """- Universal Dependencies German GSD (dev split), UniversalDependencies/UD_German-GSD at commit
  297fcf350481058d0737a27f0f8fd03b2eadd67a. Licence: CC BY-SA 4.0. Tagger, morphology, parser, lemmas.
- GermEval 2014 NER (dev split), Benikova, Biemann, Reznicek: "NoSta-D Named Entity Annotation for
  German: Guidelines and Dataset", LREC 2014. Licence: CC BY 4.0. NER (4/5 of the split).
- German Europarl NER, Faruqui & Padó, "Training and Evaluating a German Named Entity Recognizer with
  Semantic Generalization", KONVENS 2010 (train split). Research use; cite the paper. NER.
- chronik_common_nouns.txt.gz (NER post-filter word list): built by training/build_lexicon.py from the
  PyPI package german-nouns 1.2.5 (German Wiktionary nouns, Gregor Weichbrodt). Licence: CC BY-SA 4.0.
  Content from Wiktionary contributors, https://de.wiktionary.org.
- WikiANN German (train split, 8,000 sentences), Pan et al. 2017, "Cross-lingual Name Tagging and
  Linking for 282 Languages", ACL 2017. Wikipedia-derived (CC BY-SA). NER (silver).
"""

NOTICE_EN = """- Universal Dependencies English EWT (dev split), UniversalDependencies/UD_English-EWT at commit
  15d613d8447b3478787d4c278730a1e48a945efb. Licence: CC BY-SA 4.0. Tagger, morphology, parser, lemmas.
- WikiANN English (train split), Pan et al. 2017, "Cross-lingual Name Tagging and Linking for 282
  Languages", ACL 2017. Wikipedia-derived (CC BY-SA). NER (silver).
- WNUT 2017 Emerging and Rare Entities (train split), Derczynski et al. 2017. Licence: CC BY 4.0. NER
  (person->PER, location->LOC, corporation/group->ORG, product/creative-work->MISC).
"""


def run(cmd: list[str]) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def prepare(lang: str, build: Path) -> None:
    import spacy

    vocab = spacy.blank(lang).vocab
    for name, sets in (("ner", corpora.ner_sets(lang)), ("syntax", corpora.syntax_sets(lang))):
        for split, sents in sets.items():
            corpora.write_docbin(vocab, sents, build / f"{name}-{split}.spacy")
            print(f"{name}-{split}: {len(sents)} sentences", flush=True)


def train(lang: str, name: str, build: Path, steps: int) -> None:
    out = build / name
    if out.exists():
        shutil.rmtree(out)
    run([
        sys.executable, "-m", "spacy", "train", str(HERE / "configs" / f"{name}.cfg"),
        "--output", str(out),
        "--paths.train", str(build / f"{name}-train.spacy"),
        "--paths.dev", str(build / f"{name}-dev.spacy"),
        "--nlp.lang", lang,
        "--training.max_steps", str(steps),
    ] + (["--paths.syntax", str(build / "syntax" / "model-best")] if name == "ner" else []))


def assemble(lang: str, build: Path) -> Path:
    import spacy

    nlp = spacy.load(build / "syntax" / "model-best")
    ner = spacy.load(build / "ner" / "model-best")
    nlp.add_pipe("ner_tok2vec", source=ner)
    nlp.add_pipe("ner", source=ner)
    nlp.meta.update({
        "name": f"chronik_{lang}",
        "version": "0.1.0",
        "description": f"Chronik's small {lang} pipeline: UD tagger/morphologizer/parser/lemmatizer, "
                       "NER with PER/ORG/LOC/MISC",
        "license": "CC BY-SA 4.0 (training data); see NOTICE",
        "author": "Chronik",
    })
    target = MODELS / lang
    MODELS.mkdir(parents=True, exist_ok=True)
    tmp = MODELS / f".{lang}.tmp"
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    if lang == "de":
        import build_lexicon

        n = build_lexicon.write(tmp / "chronik_common_nouns.txt.gz")
        print(f"common-noun lexicon: {n} forms")
    (tmp / "NOTICE").write_text(
        NOTICE_COMMON.format(lang=lang) + (NOTICE_DE if lang == "de" else NOTICE_EN), encoding="utf-8"
    )
    sizes = {str(p.relative_to(tmp)): p.stat().st_size for p in sorted(tmp.rglob("*")) if p.is_file()}
    (tmp / "chronik-manifest.json").write_text(json.dumps({"lang": lang, "sizes": sizes}, indent=1))
    if target.exists():
        shutil.rmtree(target)
    tmp.rename(target)
    return target


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lang", choices=["de", "en"])
    ap.add_argument("--ner-steps", type=int, default=None)
    ap.add_argument("--syntax-steps", type=int, default=None)
    ap.add_argument("--skip", nargs="*", default=[], choices=["prepare", "ner", "syntax", "eval"],
                    help="steps to skip (reuse what is in training/.build)")
    args = ap.parse_args()
    lang = args.lang
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if not corpora.DATA.exists():
        sys.exit(f"training data not found at {corpora.DATA} (expected ../shared/data beside the repo)")
    if lang == "de":
        try:
            import german_nouns  # noqa: F401  (word list for the NER post-filter, see build_lexicon.py)
        except ImportError:
            sys.exit("the German model needs the german-nouns word list: pip install german-nouns")
    build = HERE / ".build" / lang
    build.mkdir(parents=True, exist_ok=True)
    times_file = build / "train_times.json"
    times: dict[str, float] = json.loads(times_file.read_text()) if times_file.exists() else {}
    t0 = time.time()
    if "prepare" not in args.skip:
        prepare(lang, build)
        times["prepare_s"] = round(time.time() - t0)
    for name in ("syntax", "ner"):
        t = time.time()
        if name not in args.skip:
            train(lang, name, build, getattr(args, f"{name}_steps") or DEFAULT_STEPS[lang][name])
            times[f"{name}_s"] = round(time.time() - t)
    target = assemble(lang, build)
    times["total_s"] = sum(v for k, v in times.items() if k != "total_s")
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(f"wrote {target} ({size / 1e6:.1f} MB)")
    times_file.write_text(json.dumps(times, indent=1))
    print(json.dumps(times, indent=1))
    if "eval" not in args.skip:
        run([sys.executable, str(HERE / "evaluate.py"), lang])


if __name__ == "__main__":
    main()
