"""The temporal tagger: find time expressions with a language's rules and normalize them.

    tag_document(Document) -> Annotation

Stages: match every rule (``grammar``), keep the longest non-overlapping matches, then walk them
in text order reading each into a frame and resolving it (``resolve``) against the article date
(news) or the last date mentioned (narrative, and anaphoric rules such as "einen Monat später"),
with the tense of the clause deciding past or future for bare months and weekdays.
"""

from __future__ import annotations

import bisect
import dataclasses

import regex

from chronik.dates import Anchor, interval
from chronik.lang import available_languages, detect_language
from chronik.records import Annotation, DocType, Document, Timex
from chronik.timex.grammar import Grammar, Rule, load_grammar
from chronik.timex.resolve import read_frame, resolve

__all__ = ["tag_document", "load_grammar"]

QUARTER_REACH = 3000  # characters: how far back "the quarter" looks for the quarter it means
PREVIOUS_REACH = 400  # characters: how far back "a year earlier" looks for the date it is relative to
WINDOW = 60  # characters each side of a trigger that rules (and their look-arounds) may use
MAX_MATCH = 80  # characters: no time expression is longer; bounds the work on junk input


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with the overlapping or touching ones merged."""
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _merge(points: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    return _union([(max(0, a - WINDOW), min(size, b + WINDOW)) for a, b in points])


def _windows(text: str, grammar: Grammar) -> dict[str, list[tuple[int, int]]]:
    """Stretches of text around trigger words and digits, merged, per trigger class and in all
    (key ``""``): the only places where rules can match."""
    if grammar.trigger is None:
        return {"": [(0, len(text))]}
    points: dict[str, list[tuple[int, int]]] = {"": []}
    classes = grammar.trigger_classes
    lower_norm = {}
    for m in grammar.trigger.finditer(text):
        span = m.span()
        points[""].append(span)
        if m.lastgroup == "digit":
            points.setdefault("digit", []).append(span)
            continue
        word = m.group()
        key = lower_norm.get(word)
        if key is None:
            key = lower_norm[word] = " ".join(word.lower().split())
        for c in classes.get(key, ()):
            points.setdefault(c, []).append(span)
    out = {}
    for c, pts in points.items():
        if c:
            pts.sort()
        out[c] = _merge(pts, len(text))
    return out


def _rule_windows(rule: Rule, windows: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    if not rule.needs:
        return windows[""]
    if len(rule.needs) == 1:
        return windows.get(rule.needs[0], [])
    return _union(sorted(s for c in rule.needs for s in windows.get(c, [])))


def _select(text: str, grammar: Grammar, everywhere: bool = False) -> list[tuple[int, int, Rule, object]]:
    """All rule matches, then the longest non-overlapping ones (earlier rules win ties).

    Rules run only in the windows around their triggers; ``everywhere=True`` runs every rule over
    the whole text instead (slow; the tests check that both give the same result).
    """
    cands = []
    windows = _windows(text, grammar)
    for order, rule in enumerate(grammar.rules):
        spans = [(0, len(text))] if everywhere else _rule_windows(rule, windows)
        for ws, we in spans:
            try:
                for m in rule.regex.finditer(text, ws, we, timeout=5.0):
                    s, e = m.span()
                    if e > s and e - s <= MAX_MATCH:
                        cands.append((-(e - s), s, order, rule, m))
            except TimeoutError:  # pathological input: this rule gives up here, the others go on
                continue
    cands.sort(key=lambda c: (c[0], c[1], c[2]))
    starts: list[int] = []
    ends: list[int] = []
    chosen = []
    for _neg, s, _order, rule, m in cands:
        e = m.end()
        i = bisect.bisect_right(starts, s)
        if i > 0 and ends[i - 1] > s:
            continue
        if i < len(starts) and starts[i] < e:
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        chosen.append((s, e, rule, m))
    chosen.sort(key=lambda c: c[0])
    return [c for c in chosen if not c[2].negative]


class _Tense:
    """Past or future reading of the clause around a position, from the language's tense cues."""

    def __init__(self, text: str, grammar: Grammar):
        self.text = text
        self.grammar = grammar
        self.bounds = [0] + [m.end() for m in grammar.sentence_end.finditer(text)] + [len(text)]
        self._cache: dict[int, list[tuple[int, str, bool]]] = {}
        self._breaks: dict[int, list[int]] = {}

    def _sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.bounds, pos) - 1
        i = max(0, min(i, len(self.bounds) - 2))
        return self.bounds[i], self.bounds[i + 1]

    def _cues(self, start: int, end: int) -> list[tuple[int, str, bool]]:
        if start not in self._cache:
            cues = []
            for tense, pat in (("future", self.grammar.tense_future), ("past", self.grammar.tense_past)):
                if pat is None:
                    continue
                for m in pat.finditer(self.text, start, end):
                    cues.append((m.start(), tense, m.group().lower() in self._strong(tense)))
            self._cache[start] = sorted(cues)
        return self._cache[start]

    def _strong(self, tense: str) -> frozenset[str]:
        return frozenset(w.lower() for w in self.grammar.meta.get(f"strong_{tense}", []))

    def _clause(self, s0: int, s1: int, start: int, end: int) -> tuple[int, int]:
        """The clause around an expression: between the nearest commas, semicolons or clause words
        ("that", "dass" …, from the language file) of its sentence."""
        breaks = self._breaks.get(s0)
        if breaks is None:
            pat = self.grammar.clause_break
            breaks = [m.start() for m in pat.finditer(self.text, s0, s1)] if pat is not None else []
            self._breaks[s0] = breaks
        before = [b for b in breaks if b < start]
        after = [b for b in breaks if b >= end]
        return (before[-1] if before else s0), (after[0] if after else s1)

    def clause_strong(self, start: int, end: int) -> str | None:
        """Only a strong cue (will, wird, wollen …) in the expression's own clause counts."""
        s0, s1 = self._sentence(start)
        c0, c1 = self._clause(s0, s1, start, end)
        cues = [c for c in self._cues(s0, s1) if c0 <= c[0] < c1 and not (start <= c[0] < end)]
        if not cues:
            return None
        pos, tense, strong = min(cues, key=lambda c: abs(c[0] - start))
        return tense if strong or tense == "past" else None

    def at(self, start: int, end: int) -> str | None:
        s0, s1 = self._sentence(start)
        cues = [c for c in self._cues(s0, s1) if not (start <= c[0] < end)]
        if not cues:
            return None
        c0, c1 = self._clause(s0, s1, start, end)
        clause = [c for c in cues if c0 <= c[0] < c1]
        if clause:
            return min(clause, key=lambda c: abs(c[0] - start))[1]
        strong = [c for c in cues if c[2]]
        if strong:
            return min(strong, key=lambda c: abs(c[0] - start))[1]
        return min(cues, key=lambda c: abs(c[0] - start))[1]


_FULL_DATE = regex.compile(r"^\d{4}-\d{2}-\d{2}")


def _days_from_sentence(timexes: list[Timex], borrowed: list[int], tense: _Tense) -> list[Timex]:
    """A clock time ("at 10:35 a.m. … Friday") takes its day from the nearest full date of its
    sentence rather than from the article date."""
    for i in borrowed:
        t = timexes[i]
        s0, s1 = tense._sentence(t.start)
        days = [u for u in timexes if u is not t and s0 <= u.start < s1 and _FULL_DATE.match(u.value)]
        if not days:
            continue
        day = min(days, key=lambda u: abs(u.start - t.start)).value[:10]
        value = day + t.value[t.value.index("T"):] if "T" in t.value else day
        span = interval(value) or (t.earliest, t.latest)
        timexes[i] = dataclasses.replace(t, value=value, earliest=span[0], latest=span[1], uncertain=None)
    return timexes


def tag_document(doc: Document) -> Annotation:
    """Time expressions of ``doc``, in text order, normalized against its date."""
    text = doc.text or ""
    warnings: list[str] = []
    lang = doc.lang or detect_language(text)
    if lang not in available_languages():
        warnings.append(f"no rules for language {lang!r}; using English")
        lang = "en"
    grammar = load_grammar(lang)
    doc_anchor = Anchor.from_value(doc.date)
    tense = _Tense(text, grammar)
    last: Anchor | None = None  # the last date the text itself fixed
    last_any: tuple[int, str] | None = None  # end offset and value of the last calendar date found
    last_quarter: tuple[int, str] | None = None  # ... and of the last quarter (not derived from another)
    last_day: str | None = doc_anchor.value if doc_anchor is not None and doc_anchor.day else None
    borrowed: list[int] = []  # clock times that took their day from the anchor
    timexes: list[Timex] = []
    for s, e, rule, m in _select(text, grammar):
        frame = read_frame(m, grammar, rule)
        anaphoric = rule.anchor == "previous" or doc.doc_type == DocType.NARRATIVE
        anchor = (last or doc_anchor) if anaphoric else doc_anchor
        prev_value = last_any[1] if last_any and s - last_any[0] < PREVIOUS_REACH else None
        if rule.anchor == "previous" and last_any:
            prev_anchor = Anchor.from_value(last_any[1])
            if frame.unit in ("D", "W", "WE", "H") and (prev_anchor is None or prev_anchor.day is None) and last_day:
                prev_anchor = Anchor.from_value(last_day)  # "two days later" needs a day to count from
            if prev_anchor is not None:
                anchor = prev_anchor
        # weekdays are near the article date: only a strong cue in their clause reads them as future
        when = tense.clause_strong(s, e) if frame.weekday and not frame.month else tense.at(s, e)
        if last_quarter and (
            (rule.anchor == "quarter" and s - last_quarter[0] < QUARTER_REACH)
            or (frame.unit == "Y" and (frame.dir is not None or rule.anchor == "previous")
                and frame.num in (None, 1) and s - last_quarter[0] < QUARTER_REACH)
        ):
            prev_value = last_quarter[1]  # financial news: "the quarter", "a year earlier" refer to it
        try:
            r = resolve(rule, frame, anchor, when, prev_value)
        except (ValueError, OverflowError):  # a date off the calendar ("vor 10000000 Tagen")
            r = None
        if r is None:
            continue
        if r.earliest and not r.unresolved and "X" not in r.value and not r.derived:
            last_any = (e, r.value)
            if _FULL_DATE.match(r.value):
                last_day = r.value[:10]
            if "-Q" in r.value:
                last_quarter = (e, r.value)
        if r.day_from_anchor:
            borrowed.append(len(timexes))
        if r.absolute and r.earliest:
            a = Anchor.from_value(r.value)
            if a is not None and a.year is not None:
                last = a
        timexes.append(
            Timex(
                start=s,
                end=e,
                text=text[s:e],
                type=r.type,
                value=r.value,
                mod=r.mod,
                quant=r.quant,
                freq=r.freq,
                earliest=r.earliest,
                latest=r.latest,
                uncertain=r.uncertain,
                unresolved=r.unresolved,
                anchor=anchor.value if anchor is not None and anchor.year is not None and not r.absolute else None,
                rule=rule.id,
            )
        )
    timexes = _days_from_sentence(timexes, borrowed, tense)
    if doc_anchor is not None and doc_anchor.day is None and any(t.uncertain for t in timexes):
        warnings.append(
            f"article date {doc.date} has no day: {sum(1 for t in timexes if t.uncertain)} expression(s) "
            "keep only the known part of their date"
        )
    return Annotation(
        document=Document(text=text, date=doc.date, lang=lang, id=doc.id, source=doc.source,
                          line=doc.line, doc_type=doc.doc_type),
        timexes=tuple(timexes),
        warnings=tuple(warnings),
    )
