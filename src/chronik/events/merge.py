"""Merge event mentions into timeline entries: one event told by many articles (or twice in one)
becomes one entry with all its sources; distinct events that share a date or an actor stay apart.

Two mentions tell the same event when
- they name it alike: the same lemma key (``telefonat``), or, within one article, the same head
  (``treffen``) when one of them is the bare head ("ihr erstes Treffen" … "des G20-Treffens") and
  their modality is the same;
- their dates are consistent: the intervals overlap (a mention dated only through the article's
  tense is consistent with any date of its own article; across articles it needs the same
  article date);
- their modalities are compatible (planned with planned, negated with negated, the rest together);
- across articles, their participants do not contradict: when both name participants, at least one
  is shared (within one article the same name and a consistent date suffice).

The entry's date is the most specific date that its timex-dated mentions agree on, with the count
of mentions that agree; salience ranks entries by sources, agreement, participants and date.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable

from chronik.events.records import EventMention, Modality, Participant, Source, TimelineEntry

_GROUP = {
    Modality.HAPPENED: "fact",
    Modality.REPORTED: "fact",
    Modality.ONGOING: "fact",
    Modality.PLANNED: "plan",
    Modality.HYPOTHETICAL: "plan",
    Modality.NEGATED: "neg",
}
_CLASS_WEIGHT = {"occurrence": 1.0, "intention": 0.6, "i_action": 0.6, "aspectual": 0.4, "state": 0.3,
                 "reporting": 0.2, "i_state": 0.3, "perception": 0.3}


def _interval(m: EventMention) -> tuple[str, str] | None:
    if m.date.start and m.date.end:
        return (m.date.start[:10], m.date.end[:10])
    return None


def _overlap(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    if a is None or b is None:
        return True
    return a[0] <= b[1] and b[0] <= a[1]


class _Cluster:
    __slots__ = ("mentions", "key", "head", "group", "interval", "specific", "keys", "doc_ids", "doc_dates", "modality")

    def __init__(self, m: EventMention):
        self.mentions = [m]
        self.key = m.key or m.lemma.lower()
        self.head = m.head or self.key
        self.group = _GROUP[m.modality]
        self.modality = m.modality
        self.specific = m.date.source in ("timex", "context")
        self.interval = _interval(m)
        self.keys = {p.key for p in m.participants}
        self.doc_ids = {m.doc_id}
        self.doc_dates = {m.doc_date}

    def accepts(self, m: EventMention) -> bool:
        key = m.key or m.lemma.lower()
        head = m.head or key
        same_doc = m.doc_id in self.doc_ids
        if _GROUP[m.modality] != self.group:
            return False
        if key != self.key:
            if not (same_doc and head == self.head and (key == head or self.key == self.head)
                    and m.modality == self.modality):
                return False
        mk = {p.key for p in m.participants}
        if not same_doc and mk and self.keys and not (mk & self.keys):
            return False  # across articles, named participants must meet
        specific = m.date.source in ("timex", "context")
        if specific and self.specific:
            return _overlap(_interval(m), self.interval)
        if same_doc:
            return True
        # across articles a mention dated only by its article needs the same article date
        if not specific and not self.specific:
            return m.doc_date is not None and m.doc_date in self.doc_dates
        if not specific:
            return _overlap(_interval(m), self.interval) and m.doc_date in self.doc_dates
        return False  # a dated mention does not join an undated event of another article

    def add(self, m: EventMention) -> None:
        self.mentions.append(m)
        self.keys |= {p.key for p in m.participants}
        self.doc_ids.add(m.doc_id)
        self.doc_dates.add(m.doc_date)
        if m.date.source in ("timex", "context"):
            iv = _interval(m)
            if not self.specific or self.interval is None:
                self.interval = iv
            elif iv is not None:
                # narrow to the overlap: the most specific consistent date
                self.interval = (max(self.interval[0], iv[0]), min(self.interval[1], iv[1]))
            self.specific = True


def _days(iv: tuple[str, str]) -> list[str] | None:
    """The days of an interval of at most three days, else None."""
    import datetime as dt

    try:
        a, b = dt.date.fromisoformat(iv[0][:10]), dt.date.fromisoformat(iv[1][:10])
    except ValueError:
        return None
    n = (b - a).days
    if n < 0 or n > 2:
        return None
    return [(a + dt.timedelta(days=k)).isoformat() for k in range(n + 1)]


def _months(iv: tuple[str, str]) -> list[str] | None:
    """The months an interval touches (``YYYY-MM``), or None when it spans more than three."""
    a, b = iv[0][:7], iv[1][:7]
    if len(a) < 7 or len(b) < 7:
        return None
    try:
        y, mo = int(a[:4]), int(a[5:7])
        y2, mo2 = int(b[:4]), int(b[5:7])
    except ValueError:
        return None
    n = (y2 - y) * 12 + (mo2 - mo)
    if n > 2 or n < 0:
        return None
    out = []
    for _ in range(n + 1):
        out.append(f"{y:04d}-{mo:02d}")
        mo += 1
        if mo > 12:
            y, mo = y + 1, 1
    return out


def _specificity(m: EventMention) -> tuple:
    iv = _interval(m)
    width = (iv[1] > iv[0]) if iv else True
    spec = 0 if m.date.source in ("timex", "context") else 1
    return (spec, width, m.date.uncertain is not None, m.doc_id, m.start)


def merge_mentions(mentions: Iterable[EventMention], *, include_classes: frozenset[str] | None = None) -> list[TimelineEntry]:
    """Timeline entries from mentions (of one or many articles), in date order."""
    by_head: dict[str, list[EventMention]] = defaultdict(list)
    for m in mentions:
        if include_classes is not None and m.event_class not in include_classes:
            continue
        by_head[m.head or m.key or m.lemma.lower()].append(m)
    entries: list[TimelineEntry] = []
    for _head, ms in by_head.items():
        clusters: list[_Cluster] = []
        # candidate clusters: of the same article (same head), or of the same key and a nearby date
        by_doc: dict[str, list[_Cluster]] = defaultdict(list)
        by_day: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)  # clusters of a few days
        by_month: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)  # clusters of a few months
        in_month: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)  # every dated cluster touching it
        wide: dict[str, list[_Cluster]] = defaultdict(list)
        by_docdate: dict[tuple[str, str | None], list[_Cluster]] = defaultdict(list)
        for m in sorted(ms, key=_specificity):
            key = m.key or m.lemma.lower()
            iv = _interval(m)
            specific = m.date.source in ("timex", "context")
            cands = list(by_doc[m.doc_id])
            if specific and iv is not None:
                days, months = _days(iv), _months(iv)
                if days is not None:
                    for dd in days:
                        cands += by_day[(key, dd)]
                    for mo in months or ():
                        cands += by_month[(key, mo)]
                    cands += wide[key]
                elif months is not None:
                    for mo in months:
                        cands += in_month[(key, mo)]
                    cands += wide[key]
                else:
                    cands += [c for (k, _mo), cs in in_month.items() if k == key for c in cs] + wide[key]
            else:
                cands += by_docdate[(key, m.doc_date)]
                cands += wide[key]
            target = None
            seen: set[int] = set()
            for c in cands:
                if id(c) in seen:
                    continue
                seen.add(id(c))
                if c.accepts(m):
                    target = c
                    break
            if target is None:
                target = _Cluster(m)
                clusters.append(target)
                civ = target.interval
                if target.specific and civ is not None:
                    days, months = _days(civ), _months(civ)
                    if days is not None:
                        for dd in days:
                            by_day[(target.key, dd)].append(target)
                    elif months is not None:
                        for mo in months:
                            by_month[(target.key, mo)].append(target)
                    else:
                        wide[target.key].append(target)
                    for mo in months or ():
                        in_month[(target.key, mo)].append(target)
                else:
                    by_docdate[(target.key, m.doc_date)].append(target)
            else:
                target.add(m)
            if target not in by_doc[m.doc_id]:
                by_doc[m.doc_id].append(target)
        entries.extend(_entry(c) for c in clusters)
    entries.sort(key=sort_key)
    return entries


def sort_key(e: TimelineEntry) -> tuple:
    return (e.start or "9999", e.end or "9999", -e.salience, e.label)


def _label(lemma: str, parts: tuple[Participant, ...] | list[Participant], place: str | None) -> str:
    label = lemma
    names = [p.name for p in parts if p.role in ("agent", "participant")][:3]
    pats = [p.name for p in parts if p.role == "patient"][:2]
    if names:
        label += " — " + ", ".join(names)
    if pats:
        label += " → " + ", ".join(pats)
    if place:
        label += f" ({place})"
    return label


def _single(m: EventMention) -> TimelineEntry:
    """The entry of an event told once (most entries of a large store): the same fields, less work."""
    d = m.date
    dated = d.source in ("timex", "context")
    parts = tuple(sorted(m.participants, key=lambda p: (p.role != "agent", p.start)))
    salience = (2.0 * math.log1p(1) + 0.5 * math.log1p(1) + (1.0 if dated else 0.0) + 0.3 * min(3, len(parts))
                + (0.3 if m.place else 0.0) + _CLASS_WEIGHT.get(m.event_class, 0.5))
    return TimelineEntry(
        id=hashlib.blake2b(f"{m.doc_id}:{m.start}".encode(), digest_size=8).hexdigest(),
        date=d.value, start=d.start, end=d.end, label=_label(m.lemma, parts, m.place), trigger=m.trigger,
        lemma=m.lemma, modality=m.modality, event_class=m.event_class, participants=parts, place=m.place,
        sources=(Source(m.doc_id, m.sentence, m.start, m.end, m.sentence_start, m.sentence_end, m.trigger,
                        m.doc_date),),
        date_source=d.source, uncertain=d.uncertain, approximate=d.approximate, agreeing=1, salience=salience,
        mentions=(m,), detail=d.detail if dated else None,
    )


def _entry(c: _Cluster) -> TimelineEntry:
    ms = c.mentions
    if len(ms) == 1:
        return _single(ms[0])
    dated = [m for m in ms if m.date.source in ("timex", "context")]
    best = None
    if dated:
        # the most specific mention consistent with the cluster's interval
        def width(m: EventMention) -> tuple:
            iv = _interval(m) or ("0000", "9999")
            return (iv[0] != iv[1], m.date.uncertain is not None, iv[1] if iv[0] != iv[1] else "", iv[0])
        agree = [m for m in dated if _overlap(_interval(m), c.interval)]
        best = min(agree or dated, key=width)
    rep = best or ms[0]
    # the representative trigger: the most frequent key, preferring a dated mention
    counts: dict[str, int] = defaultdict(int)
    for m in ms:
        counts[m.key or m.lemma] += 1
    main = max(ms, key=lambda m: (counts[m.key or m.lemma], len(m.participants), m.date.source == "timex", -m.start))
    participants: dict[str, Participant] = {}
    for m in sorted(ms, key=lambda m: -len(m.participants)):
        for p in m.participants:
            old = participants.get(p.key)
            if old is None or (len(p.name) > len(old.name)):
                participants[p.key] = p if old is None or old.role == p.role else Participant(
                    p.name, p.key, p.label, old.role, p.start, p.end)
    places = [m.place for m in ms if m.place]
    place = max(set(places), key=places.count) if places else None
    date = rep.date
    if best is not None:
        agreeing = sum(1 for m in dated if _overlap(_interval(m), _interval(best)))
        # a coordinated range ("7. und 8. Juli") is kept whole
        start, end = date.start, date.end
    else:
        agreeing = len(ms)
        start, end = date.start, date.end
    modalities = [m.modality for m in ms]
    modality = max(set(modalities), key=lambda x: (modalities.count(x), x == rep.modality, x == main.modality))
    docs = {m.doc_id for m in ms}
    sources = tuple(
        Source(m.doc_id, m.sentence, m.start, m.end, m.sentence_start, m.sentence_end, m.trigger, m.doc_date)
        for m in sorted(ms, key=lambda m: (m.doc_id, m.start))
    )
    parts = tuple(sorted(participants.values(), key=lambda p: (p.role != "agent", p.start)))
    salience = (
        2.0 * math.log1p(len(docs))
        + 0.5 * math.log1p(len(ms))
        + (1.0 if best is not None else 0.0)
        + 0.3 * min(3, len(parts))
        + (0.3 if place else 0.0)
        + _CLASS_WEIGHT.get(main.event_class, 0.5)
    )
    label = _label(main.lemma, parts, place)
    ident = hashlib.blake2b(
        "|".join(sorted(f"{m.doc_id}:{m.start}" for m in ms)).encode(), digest_size=8).hexdigest()
    return TimelineEntry(
        id=ident,
        date=date.value,
        start=start,
        end=end,
        label=label,
        trigger=main.trigger,
        lemma=main.lemma,
        modality=modality,
        event_class=main.event_class,
        participants=parts,
        place=place,
        sources=sources,
        date_source=date.source,
        uncertain=date.uncertain,
        approximate=date.approximate,
        agreeing=agreeing,
        salience=salience,
        mentions=tuple(ms),
        detail=_detail(ms, best),
    )


def _detail(ms: list[EventMention], best: EventMention | None) -> str | None:
    if best is not None:
        return best.date.detail
    return None
