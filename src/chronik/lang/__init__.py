"""Language knowledge as data: one folder per language (``de/``, ``en/``).

Each folder holds ``stopwords.txt`` (language detection), ``timex.toml`` (word tables and rules of
the temporal tagger) and ``timex_examples.tsv`` (text, reference date, expected values: the
documentation and the tests of the rules). A new language is a new folder, not new engine code.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import regex

_WORD = regex.compile(r"\p{L}+")


@cache
def available_languages() -> tuple[str, ...]:
    root = resources.files(__name__)
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "stopwords.txt").is_file()))


def data_path(lang: str, name: str):
    """A data file of a language folder (an importlib Traversable)."""
    return resources.files(__name__).joinpath(lang, name)


@cache
def stopwords(lang: str) -> frozenset[str]:
    text = data_path(lang, "stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.split() if w.strip() and not w.startswith("#"))


def detect_language(text: str, default: str = "en", sample: int = 20000) -> str:
    """The language of ``text`` among the shipped ones, by counting their function words.

    Looks at the first ``sample`` characters; returns ``default`` when no function word is found.
    """
    words = [w.lower() for w in _WORD.findall(text[:sample])]
    best, best_score = default, 0
    for lang in available_languages():
        sw = stopwords(lang)
        score = sum(1 for w in words if w in sw)
        if score > best_score:
            best, best_score = lang, score
    return best
