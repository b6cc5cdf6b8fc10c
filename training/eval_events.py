"""Score event triggers and event-time anchoring against TimeML gold (TempEval-3 TBAQ style).

    python training/eval_events.py ../shared/data/tempeval3-tbaq/AQUAINT
    python training/eval_events.py GOLD... [--gold-timexes] [--limit N]

Negation: predicted modality ``negated`` against MAKEINSTANCE polarity NEG (TimeBank; AQUAINT's
polarity attribute marks far too many events NEG to be a reference).
Triggers: precision / recall / F1 of predicted event mentions against the gold EVENT tags, strict
(same offsets) and relaxed (overlapping extents, TempEval-3 task B's extent match), one-to-one.
Anchoring: for each gold event that a gold TLINK ties to a time expression or to the creation time
(event IS_INCLUDED / DURING / SIMULTANEOUS / BEGINS / ENDS / IDENTITY the time, or the time
INCLUDES / SIMULTANEOUS / BEGUN_BY / ENDED_BY / IDENTITY the event), the extractor dates the event
(its trigger given, so anchoring is scored apart from detection); it is right when the date's
TimeML value (or that of the duration or reference it is linked to) equals the value of a time it
is tied to; values covering the same calendar interval ("1968", "1968-XX") and a day and a time of
that day count as equal. Beside it, the baseline that dates every
event by the article date. Time expressions come from Chronik's tagger (end to end) or, with
``--gold-timexes``, from the gold TIMEX3 tags (linking alone).

The shipped English models are trained on all of TBAQ; to score on documents a model has not seen,
train on one part and pass the files (``--trigger-model``, ``--linker-model``):

    python training/eval_events.py ../shared/data/tempeval3-tbaq/AQUAINT --train-on ../shared/data/tempeval3-tbaq/TimeBank

(or train with training/train_triggers.py and training/train_linker.py ``--out FILE`` and pass the
files with ``--trigger-model`` / ``--linker-model``).
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from chronik.dates import interval
from chronik.events.extract import EventExtractor
from chronik.readers import read_timeml
from chronik.records import Annotation, Document, Timex, TimexType

EVENT_SIDE = {"IS_INCLUDED", "DURING", "SIMULTANEOUS", "BEGINS", "ENDS", "IDENTITY"}
TIME_SIDE = {"INCLUDES", "SIMULTANEOUS", "BEGUN_BY", "ENDED_BY", "IDENTITY"}


def gold_anchors(d) -> dict[str, set[str]]:
    """eid -> the values of the times it is anchored to."""
    ei2e = {mi.eiid: mi.eid for mi in d.instances}
    values = {t.tid: t.value for t in d.timexes}
    if d.creation_time is not None:
        values[d.creation_time.tid] = d.creation_time.value
    out: dict[str, set[str]] = {}
    for link in d.tlinks:
        if link.event_instance_id and link.related_to_time and link.rel_type in EVENT_SIDE:
            eid, tid = ei2e.get(link.event_instance_id), link.related_to_time
        elif link.time_id and link.related_to_event_instance and link.rel_type in TIME_SIDE:
            eid, tid = ei2e.get(link.related_to_event_instance), link.time_id
        else:
            continue
        if eid and tid in values and values[tid]:
            out.setdefault(eid, set()).add(values[tid])
    return out


def _norm(v: str) -> str:
    """TimeBank's spellings of decades and weeks: ``199X`` is the decade ``199``, ``2000-W2`` week 02."""
    m = re.fullmatch(r"(\d{2,3})X+", v)
    if m:
        return m.group(1)
    m = re.fullmatch(r"(\d{4})-W(\d)", v)
    if m:
        return f"{m.group(1)}-W0{m.group(2)}"
    return v


def same_date(value: str | None, gold: set[str]) -> bool:
    """Equal values, values covering the same interval, or the same calendar day when both give at least a day ("1998-02-27" and the
    creation time "1998-02-27T08:09:00")."""
    if value is None:
        return False
    if value in gold:
        return True
    iv = interval(_norm(value))
    if iv is not None and any(interval(_norm(g)) == iv for g in gold):
        return True  # "1968" and "1968-XX", "1998-10" and "1998-10-XX": the same calendar interval
    if len(value) >= 10 and value[4] == "-" and value[7] == "-" and "X" not in value[:10]:
        return any(len(g) >= 10 and g[:10] == value[:10] and g[4] == "-" and g[7] == "-" for g in gold)
    return False


def gold_annotation(d, doc: Document) -> Annotation:
    txs = []
    for t in d.timexes:
        iv = interval(t.value) if t.value else None
        try:
            ty = TimexType(t.type)
        except ValueError:
            ty = TimexType.DATE
        txs.append(Timex(t.start, t.end, t.text, ty, t.value, t.mod, earliest=iv[0] if iv else None,
                         latest=iv[1] if iv else None))
    return Annotation(document=doc, timexes=tuple(txs))


def match(pred: list[tuple[int, int]], gold: list[tuple[int, int]], strict: bool) -> int:
    used: set[int] = set()
    tp = 0
    for s, e in pred:
        for j, (gs, ge) in enumerate(gold):
            if j in used:
                continue
            if (s, e) == (gs, ge) if strict else (s < ge and gs < e):
                used.add(j)
                tp += 1
                break
    return tp


def main() -> None:
    ap = argparse.ArgumentParser(description="Event trigger and anchoring scores against TimeML gold.")
    ap.add_argument("gold", nargs="+", type=Path)
    ap.add_argument("--gold-timexes", action="store_true", help="link to the gold TIMEX3s instead of the tagger's")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--errors", type=int, default=0, help="show this many anchoring errors")
    ap.add_argument("--trigger-model", type=Path, help="a trigger model file instead of the shipped one")
    ap.add_argument("--linker-model", type=Path, help="a linker model file instead of the shipped one")
    ap.add_argument("--rules", action="store_true", help="no models: lexicons and rules only")
    ap.add_argument("--train-on", nargs="+", type=Path, metavar="DIR",
                    help="first train both models on these TimeML folders (held-out scoring in one command)")
    a = ap.parse_args()
    from chronik.timex import tag_document

    files = sorted(f for p in a.gold for f in (p.glob("*.tml") if p.is_dir() else [p]))
    if a.limit:
        files = files[: a.limit]
    from chronik.events.model import read

    if a.train_on:
        import sys
        import tempfile

        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import train_linker
        import train_triggers

        from chronik.events.model import save

        tmp = Path(tempfile.mkdtemp())
        train_files = sorted(f for p in a.train_on for f in (p.glob("*.tml") if p.is_dir() else [p]))
        bias = train_triggers.choose_bias(train_files, 8)
        trig = train_triggers.train(train_files, 8)
        trig.bias = bias
        save(trig, tmp / "trig.json.gz")
        save(train_linker.train(train_files), tmp / "link.json.gz")
        a.trigger_model, a.linker_model = tmp / "trig.json.gz", tmp / "link.json.gz"
        print(f"trained on {len(train_files)} documents of {', '.join(str(p) for p in a.train_on)}")
    elif not a.rules and not a.trigger_model:
        print("note: the shipped English models were trained on all of TBAQ; for held-out figures use "
              "--train-on with the other part (e.g. score AQUAINT with --train-on .../TimeBank)")

    ex = EventExtractor(entities="heuristic", use_model=not a.rules,
                        trigger_model=read(a.trigger_model) if a.trigger_model else None,
                        linker_model=read(a.linker_model) if a.linker_model else None)
    n_pred = n_gold = tp_strict = tp_relaxed = 0
    anchored = right = base = 0
    neg: dict[tuple[bool, bool], int] = {(a, b): 0 for a in (True, False) for b in (True, False)}
    errors = []
    t0 = time.perf_counter()
    for f in files:
        d = read_timeml(f)
        doc = Document(text=d.text, date=d.dct, lang="en", id=d.doc_id)
        ann = gold_annotation(d, doc) if a.gold_timexes else tag_document(doc)
        mentions = ex(ann)
        pred = [(m.start, m.end) for m in mentions]
        gold = [(e.start, e.end) for e in d.events]
        n_pred += len(pred)
        n_gold += len(gold)
        tp_strict += match(pred, gold, True)
        tp_relaxed += match(pred, gold, False)
        anchors = gold_anchors(d)
        evs = [e for e in d.events if e.eid in anchors]
        dated = ex(ann, triggers=[(e.start, e.end) for e in d.events])  # all events: each sees its neighbours
        by_start = {m.start: m for m in dated}
        e2i = {mi.eid: mi for mi in d.instances}
        for e in d.events:
            mi, m = e2i.get(e.eid), by_start.get(e.start)
            if mi is None or m is None or mi.polarity not in ("POS", "NEG"):
                continue
            g, p = mi.polarity == "NEG", str(m.modality) == "negated"
            neg[(g, p)] += 1
        for e in evs:
            anchored += 1
            m = by_start.get(e.start) or next((x for x in dated if x.start < e.end and e.start < x.end), None)
            value = m.date.value if m is not None else d.dct
            ok = same_date(value, anchors[e.eid]) or (m is not None and same_date(m.date.timex_value, anchors[e.eid]))
            right += ok
            base += same_date(d.dct, anchors[e.eid])
            if not ok and len(errors) < a.errors:
                errors.append((d.doc_id, e.text, value, sorted(anchors[e.eid]), m.sentence[:120] if m else ""))
    secs = time.perf_counter() - t0

    def prf(tp: int) -> str:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return f"P {p:.3f}  R {r:.3f}  F1 {f1:.3f}"

    src = "gold TIMEX3" if a.gold_timexes else "Chronik's tagger"
    print(f"{len(files)} documents, {n_gold} gold events, {n_pred} predicted ({secs:.1f} s)")
    print(f"triggers, relaxed (extent overlap): {prf(tp_relaxed)}")
    print(f"triggers, strict (same offsets):    {prf(tp_strict)}")
    print(f"anchoring ({src}), {anchored} anchored gold events: accuracy {right / max(1, anchored):.3f}  "
          f"(baseline, every event at the article date: {base / max(1, anchored):.3f})")
    tp, fp, fn = neg[(True, True)], neg[(False, True)], neg[(True, False)]
    print(f"negation (MAKEINSTANCE polarity NEG, trigger given): P {tp / max(1, tp + fp):.3f}  "
          f"R {tp / max(1, tp + fn):.3f}  ({tp + fn} negated gold events)")
    for err in errors:
        print("  ", err)


if __name__ == "__main__":
    main()
