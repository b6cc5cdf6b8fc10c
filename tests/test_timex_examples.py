"""The per-language example corpus (``chronik/lang/<lang>/timex_examples.tsv``) run as tests.

Each line is ``text<TAB>reference_date<TAB>expected``; ``expected`` lists the expressions found,
``;``-separated, each ``surface=VALUE``, ``surface=VALUE/TYPE`` or ``surface=VALUE/TYPE/MOD``
(a TYPE without MOD means the expression has no mod); an empty column means none is found.
The reference date ``-`` means no article date. ``#`` lines are comments.

The files are read with importlib.resources from the installed package, which proves they ship.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import pytest

import chronik
from chronik.dates import parse_document_date

LANGS = ("de", "en")


@dataclass(frozen=True)
class Expected:
    surface: str
    value: str
    type: str | None = None
    mod: str | None = None

    def __str__(self) -> str:
        s = f"{self.surface}={self.value}"
        if self.type:
            s += f"/{self.type}"
            if self.mod:
                s += f"/{self.mod}"
        return s


@dataclass(frozen=True)
class Example:
    lang: str
    line: int
    text: str
    date: str | None
    expected: tuple[Expected, ...]


def parse_expected(column: str) -> tuple[Expected, ...]:
    out = []
    for item in column.split(";"):
        item = item.strip()
        if not item:
            continue
        surface, sep, rest = item.partition("=")
        assert sep, f"expected surface=VALUE, got {item!r}"
        parts = rest.split("/")
        assert 1 <= len(parts) <= 3 and parts[0], f"expected VALUE[/TYPE[/MOD]], got {rest!r}"
        out.append(
            Expected(
                surface=surface,
                value=parts[0],
                type=parts[1] if len(parts) > 1 else None,
                mod=parts[2] if len(parts) > 2 else None,
            )
        )
    return tuple(out)


def load_examples(lang: str) -> list[Example]:
    path = resources.files("chronik.lang").joinpath(lang, "timex_examples.tsv")
    examples = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        assert len(cols) in (2, 3), f"{lang}:{number}: expected 3 tab-separated columns, got {cols!r}"
        text, date = cols[0], cols[1].strip()
        examples.append(
            Example(
                lang=lang,
                line=number,
                text=text,
                date=None if date == "-" else date,
                expected=parse_expected(cols[2] if len(cols) == 3 else ""),
            )
        )
    return examples


EXAMPLES = [ex for lang in LANGS for ex in load_examples(lang)]


def example_id(ex: Example) -> str:
    label = "; ".join(e.surface for e in ex.expected) or " ".join(ex.text.split()[:4])
    return f"{ex.lang}:{ex.line} {label[:40]}"


def test_corpora_ship_and_are_large_enough():
    for lang in LANGS:
        examples = load_examples(lang)
        assert len(examples) >= 60, (lang, len(examples))
        # every line's reference date is readable (or "-")
        for ex in examples:
            if ex.date is not None:
                parse_document_date(ex.date)


def test_parse_expected():
    assert parse_expected("7. Juli 2017=2017-07-07") == (Expected("7. Juli 2017", "2017-07-07"),)
    assert parse_expected("Anfang April=2017-04/DATE/START;drei Jahre=P3Y/DURATION") == (
        Expected("Anfang April", "2017-04", "DATE", "START"),
        Expected("drei Jahre", "P3Y", "DURATION"),
    )
    assert parse_expected("") == ()


@pytest.mark.parametrize("ex", EXAMPLES, ids=example_id)
def test_example(ex: Example):
    ann = chronik.annotate(ex.text, date=ex.date, lang=ex.lang)
    got = [(t.text, t.value) for t in ann.timexes]
    want = [(e.surface, e.value) for e in ex.expected]
    assert got == want, f"{ex.lang}:{ex.line} {ex.text!r} (date {ex.date})"
    for t, e in zip(ann.timexes, ex.expected, strict=True):
        assert ex.text[t.start : t.end] == t.text
        if e.type is not None:
            assert (str(t.type), t.mod) == (e.type, e.mod), f"{ex.lang}:{ex.line} {e}"
