"""The one small interface to language models: who is named in a text.

``EntityFinder`` is any callable ``(text, lang) -> list[Entity]``. ``default_entity_finder`` uses
the shipped pipelines (``chronik.nlp.entities``) when they are installed and falls back to
``heuristic_entities``: capitalized word sequences, good enough for names in news and fast.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources

import regex

from chronik.records import Entity

EntityFinder = Callable[[str, str], list[Entity]]

_TITLE = regex.compile(r"(?:Dr|Mr|Mrs|Ms|Prof|Gen|Sen|Rep|Gov|St|Lt|Col|Sgt|Capt)\.\s+$")  # "Dr. Slepian"
_SENT_START = regex.compile(r"(?:^|[.!?:\"„“»]\s*|\n\s*)$")
_SUFFIX = {
    "de": ("ung", "ungen", "heit", "keit", "schaft", "tion", "tionen", "ität", "ismus", "ment", "nis", "tum", "chen",
           "lein", "ler", "eur", "ium", "ien", "ik", "ie", "ei", "enz", "anz", "ur", "en", "er", "e", "te"),
    "en": (),
}
_PLACE_HINTS = ("land", "burg", "stadt", "heim", "dorf", "ia", "stan")
_ORG_HINTS = ("AG", "GmbH", "Inc", "Corp", "Co", "Ltd", "Partei", "Party", "Bank", "Group")


_WORD = regex.compile(r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’.-]*[\p{L}\p{M}\p{N}]|[\p{L}\p{N}]")
_CONNECT = frozenset({"al", "el", "bin", "von", "van", "der", "de", "la", "du", "da", "di", "del"})
_DETERMINERS = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
                          "the", "a", "an", "this", "that"})


@cache
def _common_words(lang: str) -> frozenset[str]:
    from chronik.lang import stopwords

    words = set(stopwords(lang)) if lang in ("de", "en") else set()
    f = resources.files("chronik.events").joinpath("lang").joinpath(lang).joinpath("common_nouns.txt")
    if f.is_file():
        words.update(w.strip() for w in f.read_text(encoding="utf-8").splitlines() if w and not w.startswith("#"))
    return frozenset(words)


def heuristic_entities(text: str, lang: str, known: Callable[[str], bool] | None = None) -> list[Entity]:
    """Names as runs of capitalized words that are not common words.

    German capitalizes every noun, so a German word counts only when it is an acronym (``FBI``) or
    is no known common noun, has no common-noun ending and follows no article. ``known(word)`` is true
    for words never to take for names (event nouns, month and weekday names …).
    """
    common = _common_words(lang)
    suffixes = _SUFFIX.get(lang, ())
    out: list[Entity] = []
    run: list[regex.Match] = []
    prev_end = -10
    prev_word = ""

    def flush() -> None:
        while run and run[-1].group().lower() in _CONNECT:
            run.pop()
        if run:
            s, e = run[0].start(), run[-1].end()
            name = text[s:e]
            out.append(Entity(s, e, name, _label(name, text, s, lang), _key(name, lang)))
        run.clear()

    for m in _WORD.finditer(text):
        w = m.group()
        low = w.lower()
        gap = text[prev_end:m.start()] if prev_end >= 0 else ""
        contiguous = gap in (" ", "-") and bool(run) and not (run[-1].group().isupper() and not w.isupper())
        if run and not contiguous:
            flush()
        ok = False
        if text[m.end() : m.end() + 1] == "-":
            pass  # the first part of a truncated compound ("Sicherheits- oder Deeskalationszonen")
        elif w[:1].isupper():
            if w.isupper() and len(w) >= 2 and w.isalpha():
                ok = True
            elif low in common or (known is not None and known(w)):
                ok = False
            elif "-" in w:
                head = w.rsplit("-", 1)[1].lower()
                ok = head not in common and not (lang == "de" and head.endswith(suffixes)) and not (known and known(head))
            elif lang == "de":
                ok = (not low.endswith(suffixes) or low.endswith(_PLACE_HINTS)) and (
                    bool(run) or prev_word not in _DETERMINERS)
                if ok and not run and (m.start() == 0 or _SENT_START.search(text[max(0, m.start() - 4) : m.start()])):
                    # a capitalized word at the start of a sentence ("Zudem", "Daraufhin") is a name
                    # only if the text also has it elsewhere
                    ok = text.count(w) > 1
            else:
                at_start = (bool(_SENT_START.search(text[max(0, m.start() - 4) : m.start()])) or m.start() == 0) \
                    and not _TITLE.search(text[max(0, m.start() - 6) : m.start()])
                ok = not at_start or bool(run)
        elif run and low in _CONNECT:
            ok = True
        elif low[:3] in ("al-", "el-") and w[3:4].isupper():
            ok = True
        if ok:
            run.append(m)
        elif run:
            flush()
        prev_end = m.end()
        prev_word = low
    flush()
    return out


def _label(name: str, text: str, start: int, lang: str) -> str:
    if name.split()[-1] in _ORG_HINTS or name.isupper():
        return "ORG"
    before = text[max(0, start - 4) : start].lower().split()
    if before and before[-1] in ("in", "nach", "aus", "at", "from", "to"):
        return "LOC"
    if len(name.split()) >= 2 or lang != "de":
        return "PER"
    return "LOC" if name.lower().endswith(_PLACE_HINTS) else "PER"


def _key(name: str, lang: str) -> str:
    words = name.split()
    last = words[-1]
    if lang == "de" and last.endswith("s") and len(last) > 3 and not last.isupper():
        last = last[:-1]  # Trumps Amtsantritt
    if lang == "en" and last.endswith("'s"):
        last = last[:-2]
    return last.lower() if len(words) <= 3 else name.lower()


def nlp_entity_finder(lang: str) -> EntityFinder | None:
    """``chronik.nlp.entities`` when the shipped (or a configured) spaCy pipeline for ``lang`` loads, else None."""
    try:
        import chronik.nlp as cnlp

        cnlp.load(lang)
        cnlp.entities("Berlin", lang)  # the whole path works (models and their dependencies)
    except Exception:  # no spaCy, no model: the caller falls back to the heuristic
        return None
    return lambda text, lg: list(cnlp.entities(text, lg))
