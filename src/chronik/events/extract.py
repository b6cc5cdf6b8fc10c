"""Event mentions of one article: trigger, participants, place, date, modality, sentence.

    extract_events(annotation_or_document, entity_finder=None) -> list[EventMention]

A pure function of the article (its time expressions come from the temporal tagger). Steps, per
sentence: find triggers (the language's verb and noun lexicons, or a trained trigger model where
the language ships one); link each trigger to a time expression of its clause, else of its
sentence, else to the article date through the tense; read the modality from cue words of its
clause; take the named entities of its clause as participants (role by position and preposition)
and a place named after a place preposition.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from chronik.dates import interval as value_interval
from chronik.events.analysis import EntityFinder, heuristic_entities, nlp_entity_finder
from chronik.events.lexicon import MODALITY_ORDER, Lexicon, load
from chronik.events.model import TriggerModel, load_model
from chronik.events.records import EventDate, EventMention, Modality, Participant
from chronik.events.text import Sentence, Token, split
from chronik.records import Annotation, Document, Entity, Timex

_REFS = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
_COORD = frozenset({"und", "and", "bis", "to", "until", "-", "–", "—", "oder", "or", "through"})


@dataclass(slots=True)
class _Trigger:
    i0: int  # token index within the sentence (first)
    i1: int  # last token index, inclusive (a separated particle is not part of the span)
    lemma: str  # base form for labels
    key: str  # merge key (lower-case lemma, full compound)
    head: str  # head lemma (last part of a compound)
    event_class: str
    kind: str  # verb | noun | other
    past: bool | None
    infinitive: bool
    gloss: str


@dataclass(slots=True)
class _TimexInfo:
    timex: Timex
    end_timex: Timex | None  # the last of a coordinated range ("7. und 8. Juli")
    t0: int  # token index in the sentence
    t1: int
    clause: int
    since_from: int | None  # token index of a "since" preposition governing it
    modifier: bool = False  # inside a noun phrase ("the 1998 bombing"): dates only the nouns right after it


def _doc_of(x: Annotation | Document) -> tuple[Annotation, Document]:
    if isinstance(x, Annotation):
        return x, x.document
    from chronik.timex import tag_document

    ann = tag_document(x)
    return ann, ann.document


def mention_id(doc_id: str, start: int, end: int) -> str:
    return hashlib.blake2b(f"{doc_id}:{start}:{end}".encode(), digest_size=8).hexdigest()


class EventExtractor:
    """Holds what is loaded once per language (lexicon, trigger model, entity finder)."""

    def __init__(self, entities: str | EntityFinder = "heuristic", use_model: bool = True,
                 trigger_model: TriggerModel | None = None, linker_model: TriggerModel | None = None) -> None:
        """``entities``: ``"heuristic"`` (fast, the default), ``"nlp"`` (the shipped spaCy NER),
        ``"auto"`` (nlp when it loads), or any callable ``(text, lang) -> list[Entity]``. ``use_model=False`` uses
        the lexicons and rules only; ``trigger_model`` / ``linker_model`` replace the shipped English ones."""
        self._entities = entities
        self._use_model = use_model
        self._trigger_model = trigger_model
        self._linker_model = linker_model
        self._finders: dict[str, EntityFinder] = {}

    def lexicon(self, lang: str) -> Lexicon:
        try:
            return load(lang)
        except LookupError:
            return load("en")

    def model(self, lang: str) -> TriggerModel | None:
        if not self._use_model:
            return None
        if self._trigger_model is not None and lang == (self._trigger_model.lang or "en"):
            return self._trigger_model
        return load_model(lang)

    def linker(self, lang: str) -> TriggerModel | None:
        if not self._use_model:
            return None
        if self._linker_model is not None and lang == (self._linker_model.lang or "en"):
            return self._linker_model
        return load_model(lang, "linker_model.json.gz")

    def entities(self, text: str, lang: str, lex: Lexicon) -> list[Entity]:
        if callable(self._entities):
            return list(self._entities(text, lang))
        if lang not in self._finders:
            f = nlp_entity_finder(lang) if self._entities in ("auto", "nlp") else None
            if f is None and self._entities == "nlp":
                raise LookupError(f"no language model for {lang!r}: see chronik.nlp")
            self._finders[lang] = f or self._heuristic(lex)
        try:
            return self._finders[lang](text, lang)
        except Exception:
            if self._entities == "nlp":
                raise
            # "auto": a language model that fails is not used again; the heuristic takes over
            self._finders[lang] = self._heuristic(lex)
            return self._finders[lang](text, lang)

    @staticmethod
    def _heuristic(lex: Lexicon) -> EntityFinder:
        never = frozenset(w.lower() for w in lex.config.get("not_names", {}).get("words", []))

        def known(w: str) -> bool:
            low = w.lower()
            return (lex.noun(w) is not None or low in _MONTHS or low.rstrip(".") in never
                    or any(low.startswith(d) for d in lex.weekdays))

        def finder(t: str, lg: str) -> list[Entity]:
            return heuristic_entities(t, lg, known)

        return finder

    def __call__(self, item: Annotation | Document,
                 triggers: list[tuple[int, int]] | None = None) -> list[EventMention]:
        """Event mentions of one article. ``triggers`` (character spans) replaces trigger detection:
        the evaluation uses it to date gold events."""
        ann, doc = _doc_of(item)
        text = doc.text
        lang = doc.lang or "en"
        lex = self.lexicon(lang)
        sentences = split(text, lex.abbreviations, lex.clause_words, bool(lex.config.get("ordinal_dot")))
        entities = self.entities(text, lang, lex)
        model = self.model(lex.lang)
        linker = self.linker(lex.lang)
        dct = _dct(doc.date)
        out: list[EventMention] = []
        ei = 0
        ti = 0
        timexes = sorted(ann.timexes, key=lambda t: t.start)
        for sent in sentences:
            toks = sent.tokens
            if not toks:
                continue
            while ei < len(entities) and entities[ei].end <= sent.start:
                ei += 1
            s_ents = []
            j = ei
            while j < len(entities) and entities[j].start < sent.end:
                s_ents.append(entities[j])
                j += 1
            while ti < len(timexes) and timexes[ti].end <= sent.start:
                ti += 1
            s_tx = []
            j = ti
            while j < len(timexes) and timexes[j].start < sent.end:
                s_tx.append(timexes[j])
                j += 1
            blocked = [(t.start, t.end) for t in s_tx]
            names = [(e.start, e.end) for e in s_ents]
            if triggers is not None:
                trigs = _given_triggers(sent, lex, [sp for sp in triggers if sent.start <= sp[0] < sent.end])
            else:
                trigs = _triggers(sent, lex, model, blocked, names)
            if not trigs:
                continue
            # a name that swallowed an event noun ("Trumps Amtsantritt", "Telefonat") is no participant
            spans = [(toks[t.i0].start, toks[t.i1].end) for t in trigs]
            s_ents = [e for e in s_ents if not any(a < e.end and e.start < b for a, b in spans)]
            tinfo = _timex_info(sent, s_tx, lex)
            stext = text[sent.start : sent.end]
            lows = [t.lower for t in toks]
            for trig in trigs:
                tok0, tok1 = toks[trig.i0], toks[trig.i1]
                clause = sent.clause_ids[trig.i0]
                modality, cues = _modality(sent, lows, trig, lex, clause)
                chosen = None
                if linker is not None and tinfo:
                    chosen = (_choose_model(trig, tinfo, clause, trigs, sent, lows, modality, linker),)
                date, modality = _date(trig, tinfo, clause, modality, dct, doc.date, lex, chosen)
                parts, place = _participants(sent, lows, trig, s_ents, clause, lex)
                label = _label(trig, parts, place)
                out.append(
                    EventMention(
                        doc_id=doc.id,
                        start=tok0.start,
                        end=tok1.end,
                        trigger=text[tok0.start : tok1.end],
                        lemma=trig.lemma,
                        label=label,
                        event_class=trig.event_class,
                        modality=modality,
                        date=date,
                        participants=parts,
                        place=place,
                        sentence=stext,
                        sentence_start=sent.start,
                        sentence_end=sent.end,
                        lang=lang,
                        doc_date=doc.date,
                        cues=cues,
                        key=trig.key,
                        head=trig.head,
                    )
                )
        return out


_MONTHS = frozenset(
    "januar jänner februar märz april mai juni juli august september oktober november dezember january february "
    "march may june july october december".split()
)


def extract_events(item: Annotation | Document, entities: str | EntityFinder = "heuristic") -> list[EventMention]:
    """Event mentions of one article (a ``Document``, tagged here, or an ``Annotation``)."""
    return EventExtractor(entities)(item)


# ----------------------------------------------------------------------------------------------
# triggers


def _inside(tok: Token, spans: list[tuple[int, int]]) -> bool:
    return any(s < tok.end and tok.start < e for s, e in spans)


def _triggers(sent: Sentence, lex: Lexicon, model: TriggerModel | None, blocked: list[tuple[int, int]],
              names: list[tuple[int, int]] = ()) -> list[_Trigger]:
    """Triggers of a sentence; none inside a time expression (``blocked``), and inside a name
    (``names``) only an event noun of the lexicon ("Telefonat" taken for a name)."""
    toks = sent.tokens
    out: list[_Trigger] = []
    if model is not None:
        for i, cls in model.predict(toks):
            tok = toks[i]
            if _inside(tok, blocked) or (_inside(tok, names) and not tok.text[:1].islower()
                                         and lex.noun(tok.text) is None):
                continue
            vf = lex.verb_forms.get(tok.lower)
            lemma = lex.lemma(tok.text)
            noun = lex.noun(tok.text)
            kind = "verb" if vf is not None or tok.lower.endswith(("ed", "ing")) else ("noun" if noun else "other")
            past = vf.past if vf is not None else (True if tok.lower.endswith("ed") else None)
            out.append(_Trigger(i, i, lemma, lemma, lemma, cls, kind, past, vf.infinitive if vf else False,
                                noun.gloss if noun else lemma))
        return out
    n = len(toks)
    for i, tok in enumerate(toks):
        w = tok.text
        if not w[:1].isalpha() or _inside(tok, blocked):
            continue
        if _inside(tok, names) and lex.noun(w) is None:
            continue
        low = tok.lower
        sentence_initial = i == 0 or toks[i - 1].text in "\"„“»(«"
        vf = lex.verb_forms.get(low)
        if vf is not None and (w[:1].islower() or (sentence_initial and lex.noun(w) is None)
                               or not lex.config.get("compound_heads")):
            if vf.particle:
                clause = sent.clause_ids[i]
                found = any(toks[j].lower == vf.particle and sent.clause_ids[j] == clause for j in range(i + 1, n))
                if not found:
                    continue
            if vf.event_class in ("-", "state") and lex.lang == "en":
                continue
            out.append(_Trigger(i, i, vf.lemma, vf.lemma.lower(), vf.lemma.lower(), vf.event_class, "verb", vf.past,
                                vf.infinitive, vf.lemma))
            continue
        if w[:1].isupper() or not lex.config.get("compound_heads"):
            noun = lex.noun(w)
            if noun is None:
                continue
            form = _noun_form(w, noun.lemma, lex)
            out.append(_Trigger(i, i, form, form.lower(), noun.lemma.lower(), noun.event_class, "noun", None, False,
                                noun.gloss))
    return out


def _given_triggers(sent: Sentence, lex: Lexicon, spans: list[tuple[int, int]]) -> list[_Trigger]:
    out = []
    toks = sent.tokens
    for s, e in spans:
        idx = [i for i, t in enumerate(toks) if t.start < e and s < t.end]
        if not idx:
            continue
        tok = toks[idx[0]]
        vf = lex.verb_forms.get(tok.lower)
        lemma = lex.lemma(tok.text)
        noun = lex.noun(tok.text)
        kind = "verb" if vf is not None or tok.lower.endswith(("ed", "ing")) else ("noun" if noun else "other")
        past = vf.past if vf is not None else (True if tok.lower.endswith("ed") else None)
        out.append(_Trigger(idx[0], idx[-1], lemma, lemma, lemma, vf.event_class if vf else "occurrence", kind, past,
                            vf.infinitive if vf else False, lemma))
    return out


def _noun_form(word: str, head: str, lex: Lexicon) -> str:
    """The compound's base form: "G20-Treffens" -> "G20-Treffen"."""
    low, h = word.lower(), head.lower()
    for e in sorted(lex.config.get("noun_endings", [""]), key=len, reverse=True):
        if low.endswith(h + e):
            base = word[: len(word) - len(e)] if e else word
            if len(base) == len(head):
                return head
            return base
    return word


# ----------------------------------------------------------------------------------------------
# time


def _dct(date: str | None) -> tuple[str, str] | None:
    if not date:
        return None
    return value_interval(date)


def _timex_info(sent: Sentence, s_tx: list[Timex], lex: Lexicon) -> list[_TimexInfo]:
    toks = sent.tokens
    starts = [t.start for t in toks]
    since = lex.words("since_prepositions")
    infos: list[_TimexInfo] = []
    usable = [t for t in s_tx if (t.earliest and str(t.type) in ("DATE", "TIME")) or t.value in _REFS
              or str(t.type) == "DURATION"]
    i = 0
    import bisect

    while i < len(usable):
        t = usable[i]
        last = t
        k = i + 1
        text_between = None
        while k < len(usable):
            nxt = usable[k]
            a = bisect.bisect_left(starts, last.end)
            b = bisect.bisect_left(starts, nxt.start)
            between = [toks[x].lower for x in range(a, b)]
            if len(between) <= 2 and between and all(w in _COORD or w in ("am", "on", "the") for w in between) \
                    and nxt.earliest and t.earliest:
                last = nxt
                k += 1
                text_between = True
            else:
                break
        t0 = bisect.bisect_left(starts, t.start)
        t1 = max(t0, bisect.bisect_left(starts, last.end) - 1)
        if t0 >= len(toks):
            i = k
            continue
        clause = sent.clause_ids[t0]
        since_from = None
        for j in range(t0 - 1, max(-1, t0 - 7), -1):
            if sent.clause_ids[j] != clause:
                break
            if toks[j].lower in since:
                since_from = j
                break
        prev = toks[t0 - 1].lower if t0 > 0 else ""
        nxt = toks[t1 + 1] if t1 + 1 < len(toks) else None
        modifier = (prev in lex.determiners or prev in ("'s", "’s")) and nxt is not None and nxt.text[:1].isalpha() \
            and nxt.lower not in lex.clause_words and nxt.lower not in lex.words("place_prepositions") \
            and nxt.lower not in lex.words("patient_prepositions")
        infos.append(_TimexInfo(t, last if text_between else None, t0, t1, clause, since_from, modifier))
        i = k
    return infos


def _link_features(trig: _Trigger, info: _TimexInfo | None, clause: int, trigs: list[_Trigger], infos: list[_TimexInfo],
                   sent: Sentence, lows: list[str], modality: Modality) -> list[str]:
    """Features of linking ``trig`` to ``info`` (None: to no expression of the sentence)."""
    cls = trig.event_class
    if info is None:
        n = len(infos)
        same = sum(1 for i in infos if i.clause == clause)
        aux = lows[trig.i0 - 1] if trig.i0 > 0 else "<s>"
        return ["none", f"none_cls={cls}", f"none_kind={trig.kind}", f"none_n={min(n, 3)}", f"none_same={min(same, 2)}",
                f"none_mod={modality}", f"none_past={trig.past}", f"none_w={lows[trig.i0]}", f"none_aux={aux}"]
    t = info.timex
    before = info.t0 > trig.i1  # the trigger comes first
    dist = info.t0 - trig.i1 if before else trig.i0 - info.t1
    db = "0" if dist <= 1 else "2" if dist <= 2 else "3" if dist <= 3 else "5" if dist <= 5 else "9" if dist <= 9 else "x"
    ty = t.value if t.value in _REFS else str(t.type)
    prep = lows[info.t0 - 1] if info.t0 > 0 else "<s>"
    lo, hi = (trig.i1, info.t0) if before else (info.t1, trig.i0)
    between = [x for x in trigs if lo < x.i0 < hi]
    closer = any(abs(x.i0 - info.t0) < abs(trig.i0 - info.t0) for x in trigs if x is not trig)
    comma = any(lows[j] in (",", ";", ":") for j in range(lo + 1, hi))
    same = info.clause == clause
    d = "r" if before else "l"
    f = ["b", f"dist={db}", f"dir={d}", f"dd={d}{db}", f"same={same}", f"type={ty}", f"prep={prep}",
         f"cls={cls}", f"kind={trig.kind}", f"cd={cls}|{d}", f"kd={trig.kind}|{d}{db}", f"closest={not closer}",
         f"btw={min(len(between), 2)}", f"comma={comma}", f"cs={not closer}|{same}", f"mod={modality}",
         f"ty_mod={ty}|{modality}", f"modifier={info.modifier}", f"since={info.since_from is not None}",
         f"prep_d={prep}|{d}", f"past={trig.past}", f"tyk={ty}|{trig.kind}"]
    if info.modifier or info.since_from is not None:
        f.append(f"after4={info.t1 < trig.i0 <= info.t1 + 4}")
    w = lows[trig.i0]
    aux = lows[trig.i0 - 1] if trig.i0 > 0 else "<s>"
    f += [f"w={w}|{d}", f"aux={aux}|{ty}", f"gran={_gran(t)}|{d}", f"wty={cls}|{ty}|{same}"]
    return f


def _gran(t: Timex) -> str:
    from chronik.dates import granularity

    return granularity(t.value) or "-"


def _choose_model(trig: _Trigger, infos: list[_TimexInfo], clause: int, trigs: list[_Trigger], sent: Sentence,
                  lows: list[str], modality: Modality, linker: TriggerModel) -> _TimexInfo | None:
    best, best_v = None, linker.score1(_link_features(trig, None, clause, trigs, infos, sent, lows, modality))
    for info in infos:
        v = linker.score1(_link_features(trig, info, clause, trigs, infos, sent, lows, modality))
        if v > best_v:
            best, best_v = info, v
    return best


def _date(trig: _Trigger, infos: list[_TimexInfo], clause: int, modality: Modality, dct, doc_date: str | None,
          lex: Lexicon, chosen: tuple[_TimexInfo | None] | None = None) -> tuple[EventDate, Modality]:
    """The date of a trigger: the expression ``chosen`` by a linking model, else by the rules below."""
    best: _TimexInfo | None = None
    best_score = 1e9
    for info in infos if chosen is None else ():
        after = info.t1 < trig.i0 <= info.t1 + 4  # "since the January 1998 bombing"
        if info.since_from is not None and not (info.since_from < trig.i0 < info.t0 or after):
            continue  # "seit Trumps Amtsantritt im Januar" dates only the Amtsantritt
        if info.modifier and not after:
            continue  # "the 1998 bombing" dates the bombing only
        if info.timex.value == "PRESENT_REF" and (
                modality in (Modality.PLANNED, Modality.HYPOTHETICAL) or info.clause != clause):
            continue
        dist = info.t0 - trig.i1 if info.t0 > trig.i1 else trig.i0 - info.t1
        score = dist + (0 if info.clause == clause else 50)
        if str(info.timex.type) == "DURATION" or info.timex.value in ("PAST_REF", "FUTURE_REF"):
            score += 100 if info.clause == clause else 150  # a duration or vague reference only without a date
        if info.t0 > trig.i1 and trig.kind == "noun" and dist <= 3:
            score -= 5  # "Telefonat am Dienstagabend": the time right after a noun is its own
        if score < best_score:
            best, best_score = info, score
    if chosen is not None:
        best = chosen[0]
    day = doc_date[:10] if doc_date else None  # an event dated through the tense: the article's day, not its minute
    if best is not None and (str(best.timex.type) == "DURATION" or best.timex.value in ("PAST_REF", "FUTURE_REF")):
        if dct is None:
            return EventDate(None, None, None, "none", timex_value=best.timex.value), modality
        return EventDate(day, dct[0][:10], dct[1][:10], "tense", None, None, True, timex_value=best.timex.value), modality
    if best is not None:
        t = best.timex
        if t.value == "PRESENT_REF":
            d = EventDate(day, dct[0][:10] if dct else None, dct[1][:10] if dct else None, "timex", t.text, None, True,
                          timex_value="PRESENT_REF")
            if modality == Modality.HAPPENED:
                modality = Modality.ONGOING
            return d, modality
        end_t = best.end_timex or t
        text = t.text if best.end_timex is None else f"{t.text} … {end_t.text}"
        value, earliest, latest = t.value, t.earliest, end_t.latest
        d = EventDate(value, earliest, latest, "timex", text, t.uncertain, False, _detail(t, lex), value)
        if modality == Modality.HAPPENED and dct and earliest and earliest > dct[1]:
            modality = Modality.PLANNED
        return d, modality
    if dct is None:
        return EventDate(None, None, None, "none"), modality
    return EventDate(day, dct[0][:10], dct[1][:10], "tense", None, None, True), modality


_POD_WORDS = {"abend": "evening", "morgen": "morning", "vormittag": "morning", "mittag": "midday",
              "nachmittag": "afternoon", "nacht": "night", "evening": "evening", "morning": "morning",
              "afternoon": "afternoon", "night": "night"}


def _detail(t: Timex, lex: Lexicon) -> str | None:
    """ "a Tuesday evening" for "am Dienstagabend" when the day itself is not known."""
    if not t.uncertain:
        return None
    low = t.text.lower()
    day = next((name for w, name in lex.weekdays.items() if w in low), None)
    pod = next((name for w, name in _POD_WORDS.items() if low.endswith(w) or f"{w} " in low), None)
    words = " ".join(x for x in (day, pod) if x)
    if not words:
        return None
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words}"


# ----------------------------------------------------------------------------------------------
# modality


def _modality(sent: Sentence, lows: list[str], trig: _Trigger, lex: Lexicon, clause: int) -> tuple[Modality, tuple[str, ...]]:
    ids = sent.clause_ids
    if any(w.endswith(("n't", "n’t")) for w in lows):  # "didn't attack": the contraction is the cue "n't"
        lows = ["n't" if w.endswith(("n't", "n’t")) else w for w in lows]
    n = len(lows)
    cl = [j for j in range(n) if ids[j] == clause and not (trig.i0 <= j <= trig.i1)]
    words = [lows[j] for j in cl]
    words_set = set(words)
    found: dict[str, str] = {}
    for name in MODALITY_ORDER:
        cues = lex.cues[name]
        lo = max(0, trig.i0 - cues.window)
        for j in range(lo, trig.i0):
            if lows[j] in cues.before:
                found.setdefault(name, lows[j])
        if name in found:
            continue
        single, multi = lex.cue_index(name)
        hit = single & words_set
        if hit:
            found[name] = min(hit)
            continue
        for cue in multi:
            if cue[0] not in words_set:
                continue
            m = len(cue)
            for j in range(len(words) - m + 1):
                if tuple(words[j : j + m]) == cue:
                    found[name] = " ".join(cue)
                    break
            if name in found:
                break
    marker = lex.config.get("infinitive_marker")
    if "planned" not in found and marker:
        # "ein Gespräch zu arrangieren", "agreed to meet": an infinitive of intention
        if trig.kind == "verb" and trig.i0 > 0 and lows[trig.i0 - 1] == marker and lex.lang != "en":
            found["planned"] = marker

    if "planned" not in found and trig.kind == "verb" and trig.infinitive:
        for cue in lex.future_cues:
            if len(cue) == 1 and cue[0] in words:
                found["planned"] = cue[0]
    for name in MODALITY_ORDER:
        if name in found:
            return Modality(name), (found[name],)
    if trig.kind == "verb" and trig.past is False and not trig.infinitive and lex.lang != "en":
        if not any(len(c) == 1 and c[0] in words for c in lex.past_cues):
            return Modality.ONGOING, ()
    return Modality.HAPPENED, ()


# ----------------------------------------------------------------------------------------------
# participants and place


def _participants(sent: Sentence, lows: list[str], trig: _Trigger, ents: list[Entity], clause: int,
                  lex: Lexicon) -> tuple[tuple[Participant, ...], str | None]:
    toks = sent.tokens
    ids = sent.clause_ids
    starts = [t.start for t in toks]
    import bisect

    place_preps = lex.words("place_prepositions")
    patient_preps = lex.words("patient_prepositions")
    joint = lex.words("joint_prepositions")
    place = None
    parts: list[Participant] = []
    seen: set[str] = set()
    cands = []
    for e in ents:
        i = bisect.bisect_left(starts, e.start)
        if i >= len(toks):
            continue
        prev = lows[i - 1] if i > 0 else ""
        prev2 = lows[i - 2] if i > 1 else ""
        same = ids[i] == clause
        cands.append((e, i, prev, prev2, same))
    in_clause = [c for c in cands if c[4]]
    if trig.kind == "noun":
        # a noun's own phrase first: "Trumps Amtsantritt", "Telefonat zwischen Trump und Putin",
        # "Angriff auf Regierungstruppen"; the rest of the clause only when the phrase names no one
        end_tok = lambda c: bisect.bisect_left(starts, c[0].end) - 1  # noqa: E731
        own = [c for c in in_clause if trig.i0 - 2 <= end_tok(c) < trig.i0
               or (trig.i1 < c[1] <= trig.i1 + 5 and (c[2] in joint or c[2] in patient_preps or c[3] in joint
                                                      or c[3] in patient_preps or c[2] in place_preps
                                                      or c[2] in lex.words("genitive_words")))]
        if own:
            # and whoever is joined to them: "zwischen Trump und Putin"
            joined = set(id(c) for c in own)
            for c in sorted(in_clause, key=lambda c: c[1]):
                if id(c) not in joined and c[2] in lex.words("conjunctions") and any(
                        0 < c[1] - end_tok(o) <= 2 for o in in_clause if id(o) in joined):
                    joined.add(id(c))
            in_clause = [c for c in in_clause if id(c) in joined]
    for e, i, prev, prev2, _same in in_clause:
        if e.label == "LOC" and (prev in place_preps) and place is None and e.key not in seen:
            place = e.text
            continue
        if e.key in seen:
            continue
        if prev in patient_preps or prev2 in patient_preps:
            role = "patient"
        elif prev in joint or prev2 in joint:
            role = "agent"
        elif i < trig.i0:
            role = "agent"
        else:
            role = "patient" if trig.kind == "verb" and any(r.role == "agent" for r in parts) else (
                "agent" if trig.kind == "verb" else "participant")
        seen.add(e.key)
        parts.append(Participant(e.text, e.key, e.label, role, e.start, e.end))
        if len(parts) >= 5:
            break
    if place is None:
        for e, _i, prev, _p2, _same in cands:
            if e.label == "LOC" and prev in place_preps and e.key not in seen:
                place = e.text
                break
    return tuple(parts), place


def _label(trig: _Trigger, parts: tuple[Participant, ...], place: str | None) -> str:
    label = trig.lemma
    names = [p.name for p in parts if p.role in ("agent", "participant")][:3]
    others = [p.name for p in parts if p.role == "patient"][:2]
    if names:
        label += " — " + ", ".join(names)
    if others:
        label += " → " + ", ".join(others)
    if place:
        label += f" ({place})"
    return label
