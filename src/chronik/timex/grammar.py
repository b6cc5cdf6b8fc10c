"""Load a language's temporal grammar from ``chronik/lang/<lang>/timex.toml`` and compile it.

The file holds word tables (``[tables.month]``: word → value), named sub-patterns
(``[patterns]``), tense cues (``[tense]``) and rules (``[[rule]]``). A rule's ``pattern`` is a
regular expression in which ``%name`` stands for a table (an alternation of its words, longest
first) or a named sub-pattern. Named groups carry meaning to the engine by their name (``year``,
``month``, ``day``, ``weekday``, ``num``, ``unit`` …; see ``chronik.timex.resolve``). A group
name may end in digits (``day2``) to capture a second value of the same kind.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache

import regex

from chronik.lang import data_path
from chronik.records import TimexType

_PLACEHOLDER = regex.compile(r"%([a-z_][a-z0-9_]*)")
_BOUNDARY_L = r"(?<![\p{L}\p{N}])"
_BOUNDARY_R = r"(?![\p{L}\p{N}])"
# tables whose words never make a time expression on their own (see Grammar.trigger)
NON_CORE_TABLES = frozenset({"number", "mod", "shift", "vague", "every", "dir", "ordinal", "ampm"})


class GrammarError(ValueError):
    """A language file that cannot be compiled; the message names the file and the rule."""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    regex: regex.Pattern
    type: TimexType
    kind: str  # point | duration | set | ref
    value: str | None = None  # fixed value
    mod: str | None = None
    anchor: str = "default"  # default | previous (anaphoric: "einen Monat später")
    quant: str | None = None
    case: bool = False
    negative: bool = False  # a match that blocks others (e.g. "Welt am Sonntag") but is not a timex
    defaults: tuple[tuple[str, object], ...] = ()  # frame fields the pattern implies ("Jahresende": this year)


@dataclass(frozen=True, slots=True)
class Grammar:
    lang: str
    tables: dict[str, dict[str, object]]
    rules: tuple[Rule, ...]
    tense_future: regex.Pattern | None
    tense_past: regex.Pattern | None
    sentence_end: regex.Pattern
    trigger: regex.Pattern | None = None
    meta: dict = field(default_factory=dict)

    def lookup(self, table: str, word: str) -> object | None:
        t = self.tables.get(table)
        if t is None:
            return None
        key = _norm(word)
        if key in t:
            return t[key]
        return None


def _norm(word: str) -> str:
    return regex.sub(r"\s+", " ", word.strip().lower().replace("\u00ad", "")).replace(" .", ".")


def _alternation(words: list[str], case_sensitive: set[str]) -> str:
    parts = []
    for w in sorted(set(words), key=lambda s: (-len(s), s)):
        esc = regex.escape(w, special_only=True, literal_spaces=False)
        esc = esc.replace(r"\ ", r"\s+").replace(" ", r"\s+")
        if w in case_sensitive:
            parts.append(f"(?-i:{esc})")
        else:
            parts.append(esc)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


@cache
def load_grammar(lang: str) -> Grammar:
    path = data_path(lang, "timex.toml")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise GrammarError(f"no temporal grammar for language {lang!r} (expected {path})") from e
    except tomllib.TOMLDecodeError as e:
        raise GrammarError(f"{path}: {e}") from e
    meta = raw.get("meta", {})
    case_sensitive_words: set[str] = set(meta.get("case_sensitive", []))
    tables: dict[str, dict[str, object]] = {}
    table_words: dict[str, list[str]] = {}
    for name, table in raw.get("tables", {}).items():
        tables[name] = {}
        table_words[name] = []
        for word, val in table.items():
            tables[name][_norm(word)] = val
            table_words[name].append(word)
            # a case-sensitive word keeps its spelling in the regex; the lookup is by lower case
    sub_patterns: dict[str, str] = dict(raw.get("patterns", {}))

    expanded: dict[str, str] = {}

    def expand(pattern: str, where: str, depth: int = 0) -> str:
        if depth > 10:
            raise GrammarError(f"{path}: {where}: placeholders nest too deeply")

        def one(m: regex.Match) -> str:
            name = m.group(1)
            if name in sub_patterns:
                if name not in expanded:
                    expanded[name] = expand(sub_patterns[name], f"pattern {name}", depth + 1)
                return "(?:" + expanded[name] + ")"
            if name in table_words:
                return _alternation(table_words[name], case_sensitive_words)
            raise GrammarError(f"{path}: {where}: unknown placeholder %{name}")

        return _PLACEHOLDER.sub(one, pattern)

    rules = []
    for i, r in enumerate(raw.get("rule", [])):
        rid = r.get("id", f"rule{i}")
        where = f"rule {rid!r}"
        try:
            body = expand(r["pattern"], where)
            flags = regex.V0 | (0 if r.get("case") else regex.I)
            compiled = regex.compile(_BOUNDARY_L + "(?:" + body + ")" + _BOUNDARY_R, flags)
            typ = TimexType(r.get("type", "DATE"))
        except KeyError as e:
            raise GrammarError(f"{path}: {where}: missing {e}") from e
        except regex.error as e:
            raise GrammarError(f"{path}: {where}: bad pattern: {e}") from e
        except ValueError as e:
            raise GrammarError(f"{path}: {where}: {e}") from e
        kind = r.get("kind", {"DURATION": "duration", "SET": "set"}.get(str(typ), "point"))
        rules.append(
            Rule(
                id=rid,
                regex=compiled,
                type=typ,
                kind=kind,
                value=r.get("value"),
                mod=r.get("mod"),
                anchor=r.get("anchor", "default"),
                quant=r.get("quant"),
                case=bool(r.get("case")),
                negative=bool(r.get("negative")),
                defaults=tuple(sorted(r.get("defaults", {}).items())),
            )
        )
    tense = raw.get("tense", {})

    def cues(key: str) -> regex.Pattern | None:
        pats = tense.get(key, [])
        if not pats:
            return None
        return regex.compile(_BOUNDARY_L + "(?:" + "|".join(f"(?:{expand(p, 'tense')})" for p in pats) + ")" + _BOUNDARY_R,
                             regex.V1 | (regex.I if tense.get("ignore_case", False) else 0))

    sentence_end = regex.compile(meta.get("sentence_end", r"(?<=[.!?])\s+(?=[\p{Lu}\"„“‚'(\[])|\n\s*\n"))
    # Every time expression holds a digit or a word of a "core" table (or of meta.triggers): the
    # tagger runs its rules only in windows around these, which keeps it fast on long texts.
    core = [w for name, words in table_words.items() if name not in NON_CORE_TABLES for w in words]
    core += list(meta.get("triggers", []))
    trigger = regex.compile(r"[0-9]|(?<![\p{L}\p{N}])" + _alternation(core, case_sensitive_words), regex.I)
    return Grammar(
        lang=lang,
        tables=tables,
        rules=tuple(rules),
        tense_future=cues("future"),
        tense_past=cues("past"),
        sentence_end=sentence_end,
        trigger=trigger,
        meta=meta,
    )
