"""Canonical entity keys: mentions of one entity share a key, within an article and across languages.

How a key is built (see README, "Language models"):

1. The mention is cleaned: leading titles and roles ("US-Präsident", "Außenminister", "Mr.", "Dr.")
   are stripped from person names, surrounding quotes and punctuation are dropped.
2. Country names in German or English (CLDR territory names from Babel, their ISO alpha-3 codes
   and CLDR aliases such as "USA", "UK"), also in the German genitive ("Russlands"), get the
   key ``country:<ISO code>`` whatever label the NER gave them: "Russland", "Russia" -> ``country:RU``.
3. Other names are folded: lower case, ``ß`` -> ``ss``, umlauts -> ``ae``/``oe``/``ue``, other accents
   removed, spaces -> ``_``. Person names are also transliteration-folded so that German and English
   spellings of Russian and other names meet (``w`` -> ``v``, ``tsch`` -> ``ch``, ``sch`` -> ``sh``,
   ``j`` after a vowel -> ``y``, final ``ei`` -> ``ey``): "Wladimir Putin", "Vladimir Putin" ->
   ``per:vladimir_putin``; "Sergej Lawrow", "Sergey Lavrov" -> ``per:sergey_lavrov``.
   The key is ``<label>:<folded name>`` (``per:``, ``org:``, ``loc:``, ``misc:``).
4. Within one document, a shorter mention takes the key of the longer one it abbreviates: a person's
   surname or first name alone ("Trump"), its genitive ("Trumps", "Trump's"), a genitive of any name
   seen in the document ("Washingtons" when "Washington" occurs). All mentions that share a key get
   the label of the longest mention.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Titles and roles that precede person names. Compared on the folded last hyphen part of a token, so
# "US-Präsident", "Ex-Präsident" and "Präsident" are all stripped.
_TITLES = {
    # de
    "herr", "herrn", "frau", "dr", "prof", "praesident", "praesidentin", "staatschef", "staatschefin",
    "kanzler", "kanzlerin", "bundeskanzler", "bundeskanzlerin", "minister", "ministerin",
    "aussenminister", "aussenministerin", "verteidigungsminister", "innenminister", "finanzminister",
    "ministerpraesident", "ministerpraesidentin", "regierungschef", "regierungschefin", "premier",
    "premierminister", "premierministerin", "koenig", "koenigin", "papst", "chef", "chefin",
    "vorsitzende", "vorsitzender", "sprecher", "sprecherin", "abgeordnete", "abgeordneter", "senator",
    "senatorin", "gouverneur", "buergermeister", "buergermeisterin", "trainer", "general", "machthaber",
    "diktator", "amtskollege", "amtskollegin", "kollege", "kollegin", "sir", "lord", "st",
    # en
    "mr", "mrs", "ms", "miss", "president", "prime", "chancellor", "secretary", "sen",
    "rep", "gov", "governor", "king", "queen", "pope", "prince", "princess", "gen",
    "judge", "justice", "mayor", "ceo", "chairman", "leader", "former", "dear",
}
# Roles that make the following capitalised words a person's name whatever label the model gave.
_PERSON_ROLES = {
    "praesident", "praesidentin", "staatschef", "staatschefin", "kanzler", "kanzlerin", "bundeskanzler",
    "bundeskanzlerin", "ministerin", "aussenminister", "aussenministerin", "ministerpraesident",
    "ministerpraesidentin", "premierminister", "premierministerin", "regierungschef", "regierungschefin",
    "president", "chancellor", "minister", "senator", "governor", "mr", "mrs", "ms", "herr", "frau",
}
_QUOTES = "\"'„“”‚‘’«»‹›()[]{}.,;:!?"


def ascii_fold(text: str) -> str:
    """Lower case, ß -> ss, umlauts -> ae/oe/ue, other accents removed."""
    t = unicodedata.normalize("NFKC", text).lower()
    t = t.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    t = unicodedata.normalize("NFKD", t)
    return "".join(c for c in t if not unicodedata.combining(c))


def _translit(word: str) -> str:
    w = word.replace("tsch", "ch").replace("sch", "sh").replace("w", "v")
    w = re.sub(r"(?<=[aeiou])j", "y", w)
    w = re.sub(r"ei$", "ey", w)
    return w


def fold_name(text: str, person: bool = False) -> str:
    words = [w.strip(_QUOTES) for w in ascii_fold(text).split()]
    words = [w for w in words if w]
    if person:
        words = [_translit(w) for w in words]
    return "_".join(words)


def is_title(word: str) -> bool:
    w = ascii_fold(word).strip(_QUOTES).rstrip(".")
    return w in _TITLES or w.rsplit("-", 1)[-1] in _TITLES


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Folded country name / code -> ISO 3166 alpha-2 code, from CLDR (Babel), German and English."""
    from babel import Locale
    from babel.core import get_global

    table: dict[str, str] = {}
    for loc in ("en", "de", "en_GB", "de_AT", "de_CH"):
        for code, name in Locale.parse(loc).territories.items():
            if len(code) == 2 and code.isalpha() and code not in ("ZZ", "EU", "UN", "EZ", "QO"):
                table.setdefault(fold_name(name), code)
    for alias, targets in get_global("territory_aliases").items():
        if alias.isalpha() and alias.isupper() and len(alias) == 3 and len(targets) == 1:
            table.setdefault(alias.lower(), targets[0])
    table.setdefault("uk", "GB")
    table.setdefault("us", "US")
    return table


def country_code(text: str, lang: str) -> str | None:
    """ISO code when ``text`` names a country (also German genitive "Russlands")."""
    names = country_names()
    f = fold_name(text)
    if not f:
        return None
    if f in names and (len(f) > 3 or text.isupper()):
        return names[f]
    if lang == "de" and f.endswith("s") and f[:-1] in names and len(f) > 4:
        return names[f[:-1]]
    if f.endswith("_s") and f[:-2] in names:  # "Russia 's"
        return names[f[:-2]]
    return None


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str
    words: list[str]


def strip_titles(words: Sequence[str]) -> int:
    """How many leading words of a person mention are titles (always leaves one word)."""
    n = 0
    while n < len(words) - 1 and is_title(words[n]):
        n += 1
    return n


def person_after_role(words: Sequence[str]) -> int:
    """Index of the first name word after a role word ("Russian President Vladimir Putin" -> 2), or 0.

    Only when every following word is capitalised."""
    for k in range(len(words) - 2, -1, -1):
        w = ascii_fold(words[k]).strip(_QUOTES).rstrip(".")
        if w in _PERSON_ROLES or w.rsplit("-", 1)[-1] in _PERSON_ROLES:
            rest = words[k + 1:]
            if rest and all(r[:1].isupper() for r in rest):
                return k + 1
            return 0
    return 0


def _genitive_base(folded: str, lang: str) -> str | None:
    if folded.endswith("_'s") or folded.endswith("_’s"):
        return folded[:-3]
    if folded.endswith("'s") or folded.endswith("’s"):
        return folded[:-2]
    if lang == "de" and folded.endswith("s") and len(folded) > 3:
        return folded[:-1]
    if folded.endswith("'") or folded.endswith("’"):
        return folded[:-1]
    return None


def assign_keys(mentions: list[Mention], lang: str) -> list[tuple[str, str]]:
    """(key, label) for each mention, grouped at document level."""
    keys: list[str | None] = [None] * len(mentions)
    folded = [fold_name(" ".join(m.words), person=m.label == "PER") for m in mentions]
    plain = [fold_name(" ".join(m.words)) for m in mentions]
    # countries first
    for i, m in enumerate(mentions):
        code = country_code(" ".join(m.words), lang)
        if code:
            keys[i] = f"country:{code}"
    # full person names: folded name -> key; surnames / first names -> full keys
    full: dict[str, str] = {}
    parts: dict[str, set[str]] = {}
    for i, m in enumerate(mentions):
        if keys[i] is None and m.label == "PER" and len(m.words) >= 2:
            key = f"per:{folded[i]}"
            full[folded[i]] = key
            toks = folded[i].split("_")
            for part in (toks[-1], toks[0], toks[-1].partition("-")[2]):
                if part:
                    parts.setdefault(part, set()).add(key)
    names: dict[str, str] = {}
    for i, m in enumerate(mentions):
        if keys[i] is None and not (m.label == "PER" and len(m.words) == 1):
            names.setdefault(plain[i], f"{m.label.lower()}:{plain[i]}")
    for i, m in enumerate(mentions):
        if keys[i] is not None:
            continue
        f_person = fold_name(" ".join(m.words), person=True)
        candidates = [f_person]
        base = _genitive_base(f_person, lang)
        if base:
            candidates.append(base)
        key = None
        for c in candidates:
            if c in full:
                key = full[c]
            elif c in parts and len(parts[c]) == 1:
                key = next(iter(parts[c]))
            if key:
                break
        if key is None:
            f = plain[i]
            gbase = _genitive_base(f, lang)
            if gbase and gbase in names:
                key = names[gbase]
            elif f in names and names[f].startswith(m.label.lower() + ":"):
                key = names[f]
            elif m.label == "PER":
                key = f"per:{folded[i]}"
            else:
                key = f"{m.label.lower()}:{f}"
        keys[i] = key
    # one label per key: the label of the longest mention (ties: most frequent)
    by_key: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        by_key.setdefault(k or "", []).append(i)
    labels = [m.label for m in mentions]
    for k, idx in by_key.items():
        if k.startswith("country:"):
            continue
        counts = Counter(mentions[i].label for i in idx)
        best = max(idx, key=lambda i: (len(mentions[i].words), counts[mentions[i].label]))
        for i in idx:
            labels[i] = mentions[best].label
    return [(k or "", lab) for k, lab in zip(keys, labels, strict=True)]
