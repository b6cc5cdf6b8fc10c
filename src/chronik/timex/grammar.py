"""Load a language's temporal grammar from ``chronik/lang/<lang>/timex.toml`` and compile it.

The file holds word tables (``[tables.month]``: word → value), named sub-patterns
(``[patterns]``), tense cues (``[tense]``) and rules (``[[rule]]``). A rule's ``pattern`` is a
regular expression in which ``%name`` stands for a table (an alternation of its words, longest
first) or a named sub-pattern. Named groups carry meaning to the engine by their name (``year``,
``month``, ``day``, ``weekday``, ``num``, ``unit`` …; see ``chronik.timex.resolve``). A group
name may end in digits (``day2``) to capture a second value of the same kind.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache

import regex

from chronik.lang import data_path
from chronik.records import TimexType

_PLACEHOLDER = regex.compile(r"%([a-z_][a-z0-9_]*)")
_BOUNDARY_L = r"(?<!\w)"  # no letter, digit (or underscore) just before or after a match
_BOUNDARY_R = r"(?!\w)"
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
    negative: bool = False  # a match that blocks others (e.g. "Welt am Sonntag") but is not a timex
    defaults: tuple[tuple[str, object], ...] = ()  # frame fields the pattern implies ("Jahresende": this year)
    # trigger classes (core table names, "digit", "extra") at least one of which every match holds;
    # empty: the rule runs wherever any trigger is
    needs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Grammar:
    lang: str
    tables: dict[str, dict[str, object]]
    rules: tuple[Rule, ...]
    tense_future: regex.Pattern | None
    tense_past: regex.Pattern | None
    sentence_end: regex.Pattern
    clause_break: regex.Pattern | None = None
    trigger: re.Pattern | None = None
    trigger_classes: dict[str, frozenset[str]] = field(default_factory=dict)
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
    return " ".join(word.strip().lower().replace("\u00ad", "").split()).replace(" .", ".")


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


def _trie(words: list[str]) -> str:
    """One regular expression matching any of ``words``, shaped as a trie (longest first)."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else re.escape(ch)
            branches.append(piece + walk(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return walk(root)


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
                negative=bool(r.get("negative")),
                defaults=tuple(sorted(r.get("defaults", {}).items())),
                needs=tuple(r.get("needs", ())),
            )
        )
        unknown = set(rules[-1].needs) - {"digit", "extra"} - (set(table_words) - NON_CORE_TABLES)
        if unknown:
            raise GrammarError(f"{path}: {where}: needs names no trigger class: {sorted(unknown)}")
    tense = raw.get("tense", {})

    def cues(key: str) -> regex.Pattern | None:
        pats = tense.get(key, [])
        if not pats:
            return None
        return regex.compile(_BOUNDARY_L + "(?:" + "|".join(f"(?:{expand(p, 'tense')})" for p in pats) + ")" + _BOUNDARY_R,
                             regex.V1 | (regex.I if tense.get("ignore_case", False) else 0))

    sentence_end = regex.compile(
        expand(meta.get("sentence_end", r"(?<=[.!?])\s+(?=[\p{Lu}\"„“‚'(\[])|\n\s*\n"), "sentence_end"), regex.V1
    )
    # Every time expression holds a digit or a word of a "core" table (or of meta.triggers): the
    # tagger runs its rules only in windows around these, which keeps it fast on long texts.
    classes: dict[str, set[str]] = {}
    for name, words in table_words.items():
        if name not in NON_CORE_TABLES:
            for w in words:
                classes.setdefault(_norm(w), set()).add(name)
    for w in meta.get("triggers", []):
        classes.setdefault(_norm(w), set()).add("extra")
    # a trigger of several words ("a year", "tag für tag") also counts for the words in it
    for key, cls in list(classes.items()):
        for part in key.split():
            cls.update(classes.get(part, ()))
    core = [w for name, words in table_words.items() if name not in NON_CORE_TABLES for w in words]
    core += list(meta.get("triggers", []))
    # a trie-shaped regular expression for the standard library's engine: scanning is then cheap
    folded = sorted({_norm(w) for w in core if w not in case_sensitive_words})
    exact = sorted({w for w in core if w in case_sensitive_words})
    alternation = "|".join(x for x in (_trie(folded), "(?-i:" + _trie(exact) + ")" if exact else "") if x)
    trigger = re.compile(r"(?P<digit>[0-9]+)|(?<!\w)(?:" + alternation + ")", re.I)
    return Grammar(
        lang=lang,
        tables=tables,
        rules=tuple(rules),
        tense_future=cues("future"),
        tense_past=cues("past"),
        sentence_end=sentence_end,
        clause_break=regex.compile(r"[,;:()]|(?<!\w)(?:" + "|".join(meta["clause_break"]) + r")(?!\w)", regex.I)
        if meta.get("clause_break") else regex.compile(r"[,;:()]"),
        trigger=trigger,
        trigger_classes={w: frozenset(c) for w, c in classes.items()},
        meta=meta,
    )
