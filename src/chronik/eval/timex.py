"""TempEval-3 scoring of time expressions (UzZaman et al. 2013, task A).

The measures are those of the official scorer (``evaluate_entities.py`` of the TempEval-3 tools):

- strict extent: a system TIMEX3 matches a gold one when both offsets are equal;
- relaxed extent: when they overlap by at least one character; matching is one-to-one (the
  official scorer gets this from the TimeML-Normalizer, which gives an overlapping system TIMEX3
  the id of its gold TIMEX3);
- P = matches / system, R = matches / gold, F1 their harmonic mean, each summed over all
  documents before dividing (micro average);
- attributes (``value``, ``type``) are compared on relaxed matches: accuracy = correct / relaxed
  matches, and attribute F1 = relaxed F1 × accuracy, equivalently P = correct / system and
  R = correct / gold. "Value F1" is TempEval-3's headline figure for normalization.

The creation-time TIMEX3 (outside ``<TEXT>``) is not scored: ``read_timeml`` keeps it apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from chronik.readers.errors import ReadError, ReadFailure
from chronik.readers.timeml import TimeMLDocument, read_timeml


class Span(Protocol):
    """Anything with offsets, text, type and value: ``GoldTimex`` and ``chronik.Timex`` alike."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def type(self) -> object: ...


@dataclass(frozen=True, slots=True)
class Counts:
    """The raw counts the measures are computed from (add them up across documents with ``+``)."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0  # relaxed matches with the gold value
    type: int = 0  # relaxed matches with the gold type

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.gold + other.gold,
            self.system + other.system,
            self.strict + other.strict,
            self.relaxed + other.relaxed,
            self.value + other.value,
            self.type + other.type,
        )


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Scores:
    """TempEval-3 timex measures from ``Counts``. All figures are fractions in [0, 1]."""

    counts: Counts

    @property
    def strict_precision(self) -> float:
        return _div(self.counts.strict, self.counts.system)

    @property
    def strict_recall(self) -> float:
        return _div(self.counts.strict, self.counts.gold)

    @property
    def strict_f1(self) -> float:
        return _f1(self.strict_precision, self.strict_recall)

    @property
    def relaxed_precision(self) -> float:
        return _div(self.counts.relaxed, self.counts.system)

    @property
    def relaxed_recall(self) -> float:
        return _div(self.counts.relaxed, self.counts.gold)

    @property
    def relaxed_f1(self) -> float:
        return _f1(self.relaxed_precision, self.relaxed_recall)

    @property
    def value_accuracy(self) -> float:
        return _div(self.counts.value, self.counts.relaxed)

    @property
    def value_precision(self) -> float:
        return _div(self.counts.value, self.counts.system)

    @property
    def value_recall(self) -> float:
        return _div(self.counts.value, self.counts.gold)

    @property
    def value_f1(self) -> float:
        return self.relaxed_f1 * self.value_accuracy

    @property
    def type_accuracy(self) -> float:
        return _div(self.counts.type, self.counts.relaxed)

    @property
    def type_f1(self) -> float:
        return self.relaxed_f1 * self.type_accuracy

    def to_dict(self) -> dict[str, float | int]:
        c = self.counts
        return {
            "strict_precision": self.strict_precision,
            "strict_recall": self.strict_recall,
            "strict_f1": self.strict_f1,
            "relaxed_precision": self.relaxed_precision,
            "relaxed_recall": self.relaxed_recall,
            "relaxed_f1": self.relaxed_f1,
            "value_precision": self.value_precision,
            "value_recall": self.value_recall,
            "value_f1": self.value_f1,
            "value_accuracy": self.value_accuracy,
            "type_accuracy": self.type_accuracy,
            "type_f1": self.type_f1,
            "gold": c.gold,
            "system": c.system,
            "strict_matches": c.strict,
            "relaxed_matches": c.relaxed,
            "value_correct": c.value,
            "type_correct": c.type,
        }


# --------------------------------------------------------------------------------------------------
# matching


def _overlap(a: Span, b: Span) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def match(gold: Sequence[Span], system: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one relaxed matching: pairs ``(gold index, system index)`` of overlapping spans.

    Exact matches are paired first; the rest is a maximum matching over overlapping pairs in
    which each gold span prefers the system spans it overlaps most. Sorted by gold index.
    """
    pairs: dict[int, int] = {}  # gold -> system
    used: set[int] = set()
    by_offsets: dict[tuple[int, int], list[int]] = {}
    for j, s in enumerate(system):
        by_offsets.setdefault((s.start, s.end), []).append(j)
    for i, g in enumerate(gold):
        for j in by_offsets.get((g.start, g.end), []):
            if j not in used:
                pairs[i] = j
                used.add(j)
                break
    rest_g = [i for i in range(len(gold)) if i not in pairs]
    rest_s = [j for j in range(len(system)) if j not in used]
    cand: dict[int, list[int]] = {}
    for i in rest_g:
        c = [j for j in rest_s if _overlap(gold[i], system[j]) > 0]
        c.sort(key=lambda j: (-_overlap(gold[i], system[j]), abs(system[j].start - gold[i].start), j))
        if c:
            cand[i] = c
    owner: dict[int, int] = {}  # system -> gold, among the non-exact ones

    def augment(i: int, seen: set[int]) -> bool:  # Kuhn's augmenting path
        for j in cand.get(i, ()):
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in rest_g:
        augment(i, set())
    for j, i in owner.items():
        pairs[i] = j
    return sorted(pairs.items())


# --------------------------------------------------------------------------------------------------
# per-document scoring and the error listing


@dataclass(frozen=True, slots=True)
class Mistake:
    """One difference between gold and system: ``kind`` is missed, spurious, extent, value or type."""

    kind: str
    gold: Span | None
    system: Span | None


@dataclass(frozen=True, slots=True)
class DocumentResult:
    doc_id: str
    source: str
    dct: str | None
    lang: str | None
    text: str
    counts: Counts
    mistakes: tuple[Mistake, ...] = ()
    error: str | None = None  # the system failed on this document


def score_document(gold: Sequence[Span], system: Sequence[Span]) -> tuple[Counts, tuple[Mistake, ...]]:
    """Counts and mistakes for one document's gold and system time expressions."""
    pairs = match(gold, system)
    strict = relaxed = value = typ = 0
    mistakes: list[Mistake] = []
    matched_s = {j for _, j in pairs}
    matched_g = {i for i, _ in pairs}
    for i, j in pairs:
        g, s = gold[i], system[j]
        relaxed += 1
        if (g.start, g.end) == (s.start, s.end):
            strict += 1
        else:
            mistakes.append(Mistake("extent", g, s))
        if str(g.value) == str(s.value):
            value += 1
        else:
            mistakes.append(Mistake("value", g, s))
        if str(g.type) == str(s.type):
            typ += 1
        else:
            mistakes.append(Mistake("type", g, s))
    mistakes += [Mistake("missed", g, None) for i, g in enumerate(gold) if i not in matched_g]
    mistakes += [Mistake("spurious", None, s) for j, s in enumerate(system) if j not in matched_s]
    mistakes.sort(key=lambda m: ((m.gold or m.system).start, (m.gold or m.system).end))  # type: ignore[union-attr]
    return Counts(len(gold), len(system), strict, relaxed, value, typ), tuple(mistakes)


# --------------------------------------------------------------------------------------------------
# running a system over gold files

System = Callable[[str, "str | None", "str | None"], Sequence[Span]]
"""A system under test: ``(text, dct, lang) -> time expressions`` with offsets into ``text``."""


@dataclass(frozen=True, slots=True)
class Report:
    """The result of an evaluation: scores over all documents, per-document results, read errors."""

    documents: tuple[DocumentResult, ...]
    read_errors: tuple[ReadError, ...] = field(default=())

    @property
    def counts(self) -> Counts:
        total = Counts()
        for d in self.documents:
            total = total + d.counts
        return total

    @property
    def scores(self) -> Scores:
        return Scores(self.counts)

    def to_dict(self) -> dict:
        return {
            "scores": self.scores.to_dict(),
            "documents": [
                {
                    "id": d.doc_id,
                    "source": d.source,
                    "dct": d.dct,
                    "lang": d.lang,
                    **Scores(d.counts).to_dict(),
                }
                | ({"error": d.error} if d.error else {})
                for d in self.documents
            ],
            "read_errors": [str(e) for e in self.read_errors],
        }


def gold_files(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """The TimeML files named or inside the folders named (recursively, sorted)."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(
                f for f in path.rglob("*") if f.suffix.lower() in (".tml", ".timeml") and f.is_file()
            )
            if not found:
                yield ReadError(str(path), None, "no TimeML files (.tml) in this folder")
            yield from found
        elif path.is_file():
            yield path
        else:
            yield ReadError(str(path), None, "no such file or folder")


def evaluate(
    gold: Iterable[str | Path | TimeMLDocument],
    system: System,
    *,
    lang: str | None = None,
    detect: Callable[[str], str] | None = None,
    progress: Callable[[TimeMLDocument], None] | None = None,
) -> Report:
    """Run ``system`` on the text of every gold document and score it.

    ``gold`` holds TimeML paths, folders or already read ``TimeMLDocument``s. The language passed
    to the system is ``lang`` or, when None, ``detect(text)`` (None when no ``detect``).
    A system that raises on a document is recorded (``DocumentResult.error``) and scored as
    having found nothing there.
    """
    docs: list[DocumentResult] = []
    errors: list[ReadError] = []
    for item in _gold_documents(gold, errors):
        doc_lang = lang or (detect(item.text) if detect else None)
        error = None
        try:
            found = list(system(item.text, item.dct, doc_lang))
        except Exception as e:  # the system under test may fail on a document; report it and go on
            found, error = [], f"{type(e).__name__}: {e}"
        counts, mistakes = score_document(item.timexes, found)
        docs.append(
            DocumentResult(item.doc_id, item.source, item.dct, doc_lang, item.text, counts, mistakes, error)
        )
        if progress:
            progress(item)
    return Report(tuple(docs), tuple(errors))


def _gold_documents(
    gold: Iterable[str | Path | TimeMLDocument], errors: list[ReadError]
) -> Iterator[TimeMLDocument]:
    for g in gold:
        if isinstance(g, TimeMLDocument):
            yield g
            continue
        for f in gold_files([g]):
            if isinstance(f, ReadError):
                errors.append(f)
                continue
            try:
                yield read_timeml(f)
            except ReadFailure as e:
                errors.append(e.error)


# --------------------------------------------------------------------------------------------------
# the error listing


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    snippet = text[a:start] + "[" + text[start:end] + "]" + text[end:b]
    snippet = " ".join(snippet.split())
    return ("…" if a > 0 else "") + snippet + ("…" if b < len(text) else "")


def _show(t: Span | None) -> str:
    if t is None:
        return "-"
    mod = getattr(t, "mod", None)
    return f'"{t.text}" {t.type} {t.value}{f" mod={mod}" if mod else ""} @{t.start}-{t.end}'


def format_mistakes(report: Report) -> str:
    """The per-document listing of missed, spurious and wrongly normalized time expressions.

    One block per document with mistakes; each line names the kind, gold vs. system and the
    context with the expression in brackets. Ends with a count of each kind.
    """
    out: list[str] = []
    totals: dict[str, int] = {}
    for d in report.documents:
        if not d.mistakes and not d.error:
            continue
        s = Scores(d.counts)
        out.append(
            f"## {d.doc_id}  ({d.source})  dct={d.dct} lang={d.lang}  "
            f"gold={d.counts.gold} system={d.counts.system} strict F1={s.strict_f1:.3f} value F1={s.value_f1:.3f}"
        )
        if d.error:
            out.append(f"  SYSTEM ERROR  {d.error}")
        for m in d.mistakes:
            totals[m.kind] = totals.get(m.kind, 0) + 1
            anchor = m.gold or m.system
            assert anchor is not None
            ctx = _context(d.text, anchor.start, anchor.end)
            if m.kind == "missed":
                out.append(f"  MISSED    gold {_show(m.gold)}")
            elif m.kind == "spurious":
                out.append(f"  SPURIOUS  system {_show(m.system)}")
            else:
                out.append(f"  {m.kind.upper():<9} gold {_show(m.gold)}  |  system {_show(m.system)}")
            out.append(f"            {ctx}")
        out.append("")
    for e in report.read_errors:
        out.append(f"READ ERROR  {e}")
    summary = ", ".join(f"{k}: {totals.get(k, 0)}" for k in ("missed", "spurious", "extent", "value", "type"))
    out.append(f"# totals  {summary}")
    by_type: dict[str, dict[str, int]] = {}
    for d in report.documents:
        for m in d.mistakes:
            t = str((m.gold or m.system).type)  # type: ignore[union-attr]
            by_type.setdefault(t, {}).setdefault(m.kind, 0)
            by_type[t][m.kind] += 1
    if by_type:
        out.append("# by type (the gold type; the system's for spurious ones)")
    for t in sorted(by_type):
        kinds = ", ".join(f"{k}: {n}" for k, n in sorted(by_type[t].items()))
        out.append(f"# {t:<9} {kinds}")
    return "\n".join(out) + "\n"
