"""The tagger runs each rule only in windows around its trigger words (speed). These tests check on
real text that this changes nothing: the windowed selection equals a scan of the whole text."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronik.readers import read_timeml
from chronik.timex import _select
from chronik.timex.grammar import load_grammar

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
EXAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "examples" / "000_70e57c110874d6a3.txt"


def _spans(text: str, lang: str, everywhere: bool) -> list[tuple[int, int, str]]:
    return [(s, e, r.id) for s, e, r, _m in _select(text, load_grammar(lang), everywhere=everywhere)]


def _corpus(folder: str) -> list[Path]:
    root = DATA / folder
    if not root.is_dir():
        pytest.skip(f"corpus {root} is not here (CI has ../shared/data)")
    return sorted(root.rglob("*.tml"))


@pytest.mark.parametrize(("folder", "lang"), [("de-news-timex-dev", "de"), ("tempeval3-tbaq", "en")])
def test_windows_change_nothing_on_dev_corpora(folder: str, lang: str) -> None:
    files = _corpus(folder)
    if lang == "en":
        files = files[::4]  # a quarter of TBAQ keeps this test quick; all of it agrees too
    for f in files:
        text = read_timeml(f).text
        assert _spans(text, lang, False) == _spans(text, lang, True), f.name


def test_windows_change_nothing_on_the_example_article() -> None:
    if not EXAMPLE.is_file():
        pytest.skip(f"{EXAMPLE} is not here")
    text = EXAMPLE.read_text(encoding="utf-8")
    assert _spans(text, "de", False) == _spans(text, "de", True)
