"""Fast tokens, sentences and clauses with character offsets (no model needed).

The event extractor needs only this much structure; a spaCy pipeline can replace it (see
``chronik.events.analysis``) but costs far more time per article.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

_TOKEN = regex.compile(r"\p{L}[\p{L}\p{M}\p{N}]*(?:[-'’.&]\p{L}[\p{L}\p{M}\p{N}]*)*|\p{N}+(?:[.,:]\p{N}+)*\.?|[^\s\p{L}\p{N}]")
_SENT_END = regex.compile(r"""(?<=[.!?…]["”“'»«)]*)\s+(?=["„“'»«(`]*[\p{Lu}\p{N}])|\n[ \t]*\n\s*""")
_SENT_END_DE = regex.compile(r"""(?<=[^\p{N}\s][.!?…]["”“'»«)]*|\p{N}{4}\.|[!?…]["”“'»«)]*)\s+(?=["„“'»«(`]*[\p{Lu}\p{N}])|\n[ \t]*\n\s*""")


MAX_TOKENS = 150  # the longest sentence the extractor reads at once


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    i: int  # index in the document's token list

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]
    clause_ids: tuple[int, ...]  # one clause number per token (numbers unique within the document)

    def text(self, doc_text: str) -> str:
        return doc_text[self.start : self.end]


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end(), i) for i, m in enumerate(_TOKEN.finditer(text))]


def sentence_spans(text: str, abbreviations: frozenset[str], ordinal_dot: bool = False) -> list[tuple[int, int]]:
    """Sentence spans: after . ! ? before an upper-case letter or digit, and at blank lines.

    A period after a known abbreviation (``Dr.``, ``Mr.``, ``U.S.``) or, when ``ordinal_dot``
    (German), after a number (``am 7. Juli``) does not end a sentence.
    """
    pattern = _SENT_END_DE if ordinal_dot else _SENT_END
    spans = []
    start = 0
    for m in pattern.finditer(text):
        cut = m.start()
        if cut <= start:
            continue
        if "\n\n" not in m.group() and not regex.match(r"\n[ \t]*\n", m.group()):
            # the word before the period
            j = cut - 1
            while j > start and text[j] in "\"”“'»«)":
                j -= 1
            k = j
            while k > start and not text[k - 1].isspace():
                k -= 1
            word = text[k : j + 1].lower()
            if word in abbreviations or regex.fullmatch(r"(?:\p{L}\.){1,3}", word) and len(word) <= 4:
                continue
        seg = text[start:cut]
        s0 = start + (len(seg) - len(seg.lstrip()))
        if cut > s0:
            spans.append((s0, cut))
        start = m.end()
    seg = text[start:]
    s0 = start + (len(seg) - len(seg.lstrip()))
    end = len(text.rstrip())
    if end > s0:
        spans.append((s0, end))
    return spans


def split(text: str, abbreviations: frozenset[str], clause_words: frozenset[str],
          ordinal_dot: bool = False) -> list[Sentence]:
    """Sentences of ``text`` with their tokens and a clause number per token.

    A clause ends at ``,`` ``;`` ``:`` ``–`` and before a word of ``clause_words`` (conjunctions
    and relative pronouns that open a clause: ``dass``, ``weil``, ``that``, ``because`` …).
    """
    tokens = tokenize(text)
    starts = [t.start for t in tokens]
    out = []
    clause = 0
    pieces = []
    for s, e in sentence_spans(text, abbreviations, ordinal_dot):
        i0 = bisect.bisect_left(starts, s)
        i1 = bisect.bisect_left(starts, e)
        # a run without sentence punctuation is cut (at a comma where there is one): bounds the work
        while i1 - i0 > MAX_TOKENS:
            cut = i0 + MAX_TOKENS
            for j in range(i0 + MAX_TOKENS - 1, i0 + MAX_TOKENS // 2, -1):
                if tokens[j].text in {",", ";", ":"}:
                    cut = j + 1
                    break
            pieces.append((tokens[i0].start, tokens[cut - 1].end, i0, cut))
            i0 = cut
        if i1 > i0:
            pieces.append((tokens[i0].start if i0 > bisect.bisect_left(starts, s) else s, e, i0, i1))
        elif not pieces or pieces[-1][1] != e:
            pieces.append((s, e, i0, i1))
    for s, e, i0, i1 in pieces:
        toks = tuple(tokens[i0:i1])
        ids = []
        clause += 1
        for t in toks:
            if t.text in {",", ";", ":", "–", "—", "(", ")"}:
                ids.append(clause)
                clause += 1
                continue
            if t.lower in clause_words and ids:
                clause += 1
            ids.append(clause)
        out.append(Sentence(s, e, toks, tuple(ids)))
    return out
