"""From a rule match to a TimeML value: the engine's semantics, which know no language.

A match's named groups are read by name into a ``Frame`` (``year``, ``month``, ``day``,
``weekday``, ``hour``, ``minute``, ``ampm``, ``daypart``, ``season``, ``quarter``, ``half``,
``decade``, ``century``, ``holiday``, ``num``, ``vague``, ``unit``, ``shift``, ``deictic``, ``dir``,
``ref``, ``mod``, ``set``, ``every``); words are looked up in the language's tables of the same
name. The frame is then resolved against an anchor (the article date, or the last date
mentioned) and the tense of the sentence.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass, replace

import regex

from chronik.dates import Anchor, interval
from chronik.records import TimexType
from chronik.timex import calendar as cal
from chronik.timex.grammar import Grammar, Rule

_DIGITS = regex.compile(r"\d+")
_DEICTIC = regex.compile(r"([A-Z]+)([+-]?\d+)")
_THOUSANDS = regex.compile(r"\d{1,3}(?:[.,\s]\d{3})+")
_FRACTION = regex.compile(r"(\d+)\s+(\d)/(\d)")
_DECIMAL = regex.compile(r"(\d+)(?:[.,](\d+))?")
DURATION_UNIT = {"Y": "Y", "M": "M", "W": "W", "D": "D", "Q": "Q", "DE": "10Y", "CE": "100Y", "WE": "WE",
                 "HY": "6M", "H": "TH", "MIN": "TM", "S": "TS"}
SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month; winter YYYY-WI starts in December of YYYY


@dataclass(slots=True)
class Frame:
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    hour: int | None = None
    minute: int | None = None
    daypart: str | None = None
    season: str | None = None
    quarter: int | None = None
    half: int | None = None
    decade: int | None = None
    century: int | None = None
    holiday: str | None = None
    num: float | None = None
    vague: bool = False
    unit: str | None = None
    shift: int | None = None
    deictic: tuple[str, int] | None = None
    dir: int | None = None
    ref: str | None = None
    mod: str | None = None
    set: str | None = None
    every: bool = False
    freq: int | None = None
    day_offset: int = 0  # "in der Nacht auf Sonntag": the night before the named day
    two_digit_year: bool = False


@dataclass(frozen=True, slots=True)
class Resolved:
    type: TimexType
    value: str
    mod: str | None = None
    quant: str | None = None
    freq: str | None = None
    earliest: str | None = None
    latest: str | None = None
    uncertain: str | None = None
    unresolved: bool = False
    absolute: bool = False  # the value was fixed by the text itself (usable as a later anchor)
    day_from_anchor: bool = False  # a clock time or part of day that took its day from the anchor
    derived: bool = False  # computed from another expression's value ("a year earlier" than it)


_NUMBER_RE: dict[str, regex.Pattern] = {}


def _number_regex(grammar: Grammar) -> regex.Pattern:
    if grammar.lang in _NUMBER_RE:
        return _NUMBER_RE[grammar.lang]
    words = sorted(grammar.tables.get("number", {}), key=len, reverse=True)
    _NUMBER_RE[grammar.lang] = regex.compile("|".join(regex.escape(w) for w in words) or "(?!)", regex.I)
    return _NUMBER_RE[grammar.lang]


def parse_number(text: str, grammar: Grammar) -> float | None:
    t = text.strip().lower()
    if _THOUSANDS.fullmatch(t):  # "3.000", "10 000", "1,000"
        return float(regex.sub(r"[.,\s]", "", t))
    m = _FRACTION.fullmatch(t)  # "5 1/2"
    if m and int(m.group(3)):
        return int(m.group(1)) + int(m.group(2)) / int(m.group(3))
    m = _DECIMAL.fullmatch(t)
    if m:
        return float(t.replace(",", ".")) if m.group(2) else float(m.group(1))
    values = [grammar.tables["number"][w.lower()] for w in _number_regex(grammar).findall(t)]
    if not values:
        return None
    total = current = 0.0
    for v in values:
        v = float(v)  # type: ignore[arg-type]
        if v in (100.0, 1000.0):
            current = max(current, 1.0) * v
            if v == 1000.0:
                total += current
                current = 0.0
        elif v < 1:  # fractions: "halb", "half"
            current += v
        else:
            current += v
    return total + current


def _int(text: str, grammar: Grammar, table: str | None = None) -> int | None:
    if table:
        v = grammar.lookup(table, text)
        if v is not None:
            return int(v)  # type: ignore[call-overload]
    m = _DIGITS.search(text)
    return int(m.group()) if m else None


def read_frame(m: regex.Match, grammar: Grammar, rule: Rule | None = None) -> Frame:
    f = Frame()
    for group, text in m.groupdict().items():
        if text is None:
            continue
        name = group.rstrip("0123456789")  # "mod2": a second slot of the same kind
        if name != group and getattr(f, name, None) not in (None, False):
            continue
        if name == "year":
            digits = "".join(_DIGITS.findall(text))
            if not digits:
                continue
            f.year = int(digits)
            f.two_digit_year = len(digits) <= 2
        elif name == "spoken_year":  # "nineteen ninety-six" = 19 * 100 + 96; "two thousand one"
            words = text.lower().split()
            if words[:2] == ["two", "thousand"]:
                f.year = int(2000 + (parse_number(" ".join(words[2:]), grammar) or 0))
            else:
                head = parse_number(words[0], grammar) or 0
                rest = parse_number(" ".join(w for w in words[1:] if w != "hundred"), grammar) or 0
                f.year = int(head * 100 + rest)
        elif name == "month":
            f.month = _int(text, grammar, "month")
        elif name == "day":
            f.day = _int(text, grammar, "ordinal")
        elif name == "weekday":
            f.weekday = _int(text, grammar, "weekday")
        elif name == "hour":
            f.hour = _int(text, grammar, "number")
        elif name == "minute":
            f.minute = _int(text, grammar)
        elif name == "ampm":
            if f.hour is not None:
                pm = str(grammar.lookup("ampm", text) or "").upper() == "PM"
                if pm and f.hour < 12:
                    f.hour += 12
                elif not pm and f.hour == 12:
                    f.hour = 0
        elif name == "daypart":
            f.daypart = str(grammar.lookup("daypart", text) or "")
        elif name == "season":
            f.season = str(grammar.lookup("season", text) or "")
        elif name == "quarter":
            f.quarter = _int(text, grammar, "ordinal")
        elif name == "half":
            f.half = _int(text, grammar, "ordinal")
        elif name == "decade":
            v = grammar.lookup("decade", text)
            if v is not None:
                f.decade = int(v)  # type: ignore[call-overload]
            else:
                d = "".join(_DIGITS.findall(text))
                if len(d) == 4:
                    f.decade = int(d) // 10
                elif len(d) == 2:
                    f.decade = 190 + int(d) // 10 if int(d) >= 20 else 200 + int(d) // 10
        elif name == "century":
            n = _int(text, grammar, "ordinal")
            f.century = n - 1 if n else None
        elif name == "holiday":
            f.holiday = str(grammar.lookup("holiday", text) or "")
        elif name == "num":
            f.num = parse_number(text, grammar)
        elif name == "vague":
            f.vague = True
        elif name == "unit":
            f.unit = str(grammar.lookup("unit", text) or "")
        elif name == "shift":
            v = grammar.lookup("shift", text)
            f.shift = int(v) if v is not None else None  # type: ignore[call-overload]
        elif name == "deictic":
            v = str(grammar.lookup("deictic", text) or "")
            mm = _DEICTIC.fullmatch(v)
            if mm:
                f.deictic = (mm.group(1), int(mm.group(2)))
        elif name == "dir":
            v = grammar.lookup("dir", text)
            f.dir = int(v) if v is not None else None  # type: ignore[call-overload]
        elif name == "ref":
            f.ref = str(grammar.lookup("ref", text) or "") or None
        elif name == "mod":
            f.mod = str(grammar.lookup("mod", text) or "") or None
        elif name == "set":
            f.set = str(grammar.lookup("set", text) or "") or None
        elif name == "every":
            f.every = True
        elif name == "freq":
            v = grammar.lookup("freq", text)
            n = int(v) if v is not None else parse_number(text.lower().replace("times", "").replace("mal", ""), grammar)  # type: ignore[call-overload]
            f.freq = int(n) if n else None
    if rule is not None:
        for key, val in rule.defaults:
            if getattr(f, key) in (None, False):
                if key == "deictic":
                    mm = _DEICTIC.fullmatch(str(val))
                    val = (mm.group(1), int(mm.group(2))) if mm else None
                setattr(f, key, val)
    return f


def _num_str(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _duration(f: Frame) -> str:
    unit = f.unit or "D"
    u = DURATION_UNIT.get(unit, "D")
    n = None if f.vague or f.num is None else f.num
    for big, (small, factor) in {"HY": ("M", 6), "DE": ("Y", 10), "CE": ("Y", 100)}.items():
        if unit == big:
            vague_unit = {"HY": "M", "DE": "DE", "CE": "CE"}[big]
            return f"P{_num_str(n * factor)}{small}" if n is not None else f"PX{vague_unit}"
    if n is not None and not float(n).is_integer():
        # 1.5 years -> P18M, 1.5 hours -> PT90M
        smaller = {"Y": ("M", 12), "D": ("TH", 24), "TH": ("TM", 60), "TM": ("TS", 60), "W": ("D", 7), "M": ("W", 4)}
        if u in smaller:
            u, factor = smaller[u]
            n = n * factor
            if not float(n).is_integer():
                return f"P{'T' if u.startswith('T') else ''}X{u.lstrip('T')}"
    if u.startswith("T"):
        return f"PT{_num_str(n)}{u[1:]}"
    return f"P{_num_str(n)}{u}"


def _time_suffix(f: Frame) -> str:
    if f.hour is not None:
        minute = f.minute or 0
        if f.hour > 24 or minute > 59:
            return ""
        return f"T{f.hour:02d}:{minute:02d}"
    if f.daypart:
        return f"T{f.daypart}"
    return ""


FORWARD_MONTHS = 4  # without a tense cue, a bare month up to 4 months ahead is this year's, else last year's
FUTURE_GUARD_DAYS = 60  # a future cue moves a date to next year only when it is this far in the past


def _infer_year(anchor: Anchor, month: int, day: int | None, tense: str | None, strict: bool = False) -> int:
    """The year of a month (and day) that the text gives without one.

    News reports the past more than it announces the future: without a tense cue the month is
    read in the window from 7 months back to 4 months ahead of the anchor; a past cue reads it on
    or before the anchor; a future cue on or after it, but a date just past ("will be tried for the
    Aug. 7 bombing" on Aug. 18) stays in this year unless ``strict`` (holidays: "Zu Ostern wird er
    kommen" in May is next Easter).
    """
    ay, am, ad = anchor.year, anchor.month, anchor.day
    assert ay is not None
    if am is None:
        return ay
    if tense == "past":
        if (month, day or 0) <= (am, ad or 99) or month == am:
            return ay
        return ay - 1
    diff = month - am
    if tense == "future" and day is not None:
        if (month, day) >= (am, ad or 0):
            return ay
        days_back = (am - month) * 30 + ((ad or 15) - day)
        return ay + 1 if strict or days_back > FUTURE_GUARD_DAYS else ay
    if tense == "future" and 0 <= diff % 12 <= 8:
        # "findet im Dezember statt" in May: the coming December. A future cue is weak evidence
        # for a month far ahead ("will report August sales" in November), so beyond 8 months
        # the unmarked reading stands.
        return ay if diff >= 0 else ay + 1
    if diff > FORWARD_MONTHS:
        return ay - 1
    if diff < -(11 - FORWARD_MONTHS):
        return ay + 1
    return ay


def _weekday_date(anchor_day: dt.date, weekday: int, tense: str | None, shift: int | None) -> dt.date:
    cur = anchor_day.isoweekday()
    if shift is not None and shift != 0:
        # "letzten Dienstag" / "next Tuesday": strictly before / after
        if shift < 0:
            back = (cur - weekday) % 7 or 7
            return anchor_day - dt.timedelta(days=back + 7 * (-shift - 1))
        fwd = (weekday - cur) % 7 or 7
        return anchor_day + dt.timedelta(days=fwd + 7 * (shift - 1))
    if shift == 0:  # "diesen Dienstag": same week
        return anchor_day + dt.timedelta(days=weekday - cur)
    if tense == "future":
        return anchor_day + dt.timedelta(days=(weekday - cur) % 7)
    return anchor_day - dt.timedelta(days=(cur - weekday) % 7)


def _partial(anchor: Anchor, need: str, suffix: str = "") -> tuple[str, str]:
    """A value for a day (or week) that the anchor cannot pin down: the known part plus X."""
    base = f"{anchor.year:04d}-{anchor.month:02d}" if anchor.month is not None else f"{anchor.year:04d}-XX"
    if need == "W":
        return f"{anchor.year:04d}-WXX", "week"
    return base + "-XX" + suffix, "day"


def resolve(
    rule: Rule,
    f: Frame,
    anchor: Anchor | None,
    tense: str | None,
    prev_value: str | None = None,
) -> Resolved | None:
    """Resolve a frame against an anchor. Returns None if the frame makes no valid date."""
    mod = f.mod or rule.mod
    if rule.kind == "ref" or (f.ref and rule.kind == "point" and not rule.value):
        value = rule.value or f.ref
        if not value:
            return None
        return Resolved(TimexType(rule.type), value, mod=mod)
    if rule.kind == "duration":
        value = rule.value or _duration(f)
        return Resolved(TimexType.DURATION, value, mod=mod)
    if rule.kind == "set":
        return _resolve_set(rule, f, mod)
    if rule.value:
        return Resolved(rule.type, rule.value, mod=mod, absolute=True)
    return _resolve_point(rule, f, anchor, tense, mod, prev_value)


def _resolve_set(rule: Rule, f: Frame, mod: str | None) -> Resolved:
    quant = rule.quant or ("EVERY" if f.every else None)
    freq = f"{f.freq}X" if f.freq else None
    if f.set:
        value = f.set
    elif f.weekday:
        value = f"XXXX-WXX-{f.weekday}" + _time_suffix(f)
    elif f.daypart and not f.unit:
        value = f"XXXX-XX-XXT{f.daypart}"
    elif f.month and not f.unit:
        value = f"XXXX-{f.month:02d}"
    else:
        if f.num is None:
            f.num = 1
        value = _duration(f)
    return Resolved(TimexType.SET, value, mod=mod, quant=quant, freq=freq)


def _finish(rule: Rule, value: str, mod: str | None, *, uncertain: str | None = None,
            span: tuple[str | None, str | None] | None = None, absolute: bool = False,
            unresolved: bool = False) -> Resolved:
    typ = TimexType.TIME if "T" in value and not value.startswith("P") else (
        rule.type if rule.type != TimexType.TIME else TimexType.DATE)
    if span is None:
        iv = interval(value)
        span = iv if iv else (None, None)
    return Resolved(typ, value, mod=mod, earliest=span[0], latest=span[1], uncertain=uncertain,
                    absolute=absolute, unresolved=unresolved)


def _unresolved(rule: Rule, f: Frame, mod: str | None) -> Resolved:
    """A relative expression with nothing to anchor to: TimeML's X placeholders."""
    suffix = _time_suffix(f)
    if f.weekday:
        value = f"XXXX-WXX-{f.weekday}"
    elif f.month:
        value = f"XXXX-{f.month:02d}" + (f"-{f.day:02d}" if f.day else "")
    elif f.season:
        value = f"XXXX-{f.season}"
    elif f.quarter:
        value = f"XXXX-Q{f.quarter}"
    elif f.deictic and f.deictic[0] in ("Y", "M", "W"):
        value = {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX"}[f.deictic[0]]
    elif f.unit in ("Y", "DE", "CE"):
        value = "XXXX"
    elif f.unit in ("M",):
        value = "XXXX-XX"
    elif f.unit in ("W", "WE"):
        value = "XXXX-WXX"
    else:
        value = "XXXX-XX-XX"
    if suffix and value.startswith("XXXX-WXX-"):
        value += suffix
    elif suffix and "W" not in value:
        value = (value if value.count("-") == 2 else "XXXX-XX-XX") + suffix
    return _finish(rule, value, mod, span=(None, None), unresolved=True)


_QUARTER = regex.compile(r"^\d{4}-Q[1-4]$")
_YEAR_PART = regex.compile(r"^(\d{4})(-(?:Q[1-4]|H[12]|SP|SU|FA|WI|0[1-9]|1[0-2]))$")


def _resolve_point(rule: Rule, f: Frame, anchor: Anchor | None, tense: str | None,
                   mod: str | None, prev_value: str | None = None) -> Resolved | None:
    suffix = _time_suffix(f)
    # 1. absolute: centuries, decades, years with what hangs on them
    if f.century is not None and f.year is None:
        return _finish(rule, f"{f.century:02d}", mod, absolute=True)
    if f.decade is not None and f.year is None:
        return _finish(rule, f"{f.decade:03d}", mod, absolute=True)
    if f.year is not None and f.two_digit_year:
        base = anchor.year if anchor and anchor.year else 2000
        century = (base // 100) * 100
        y = century + f.year
        if y > base + 20:
            y -= 100
        f.year = y
    if f.deictic and f.deictic[0] == "Y" and f.year is None and anchor is not None and anchor.year is not None and (
            f.month or f.season or f.quarter or f.half):
        f.year, f.deictic = anchor.year + f.deictic[1], None  # "im Mai des Vorjahres"
    if f.weekday and f.unit == "W" and f.shift is not None and anchor is not None and anchor.day is not None:
        # "Mittwoch vergangener Woche": that weekday in the week named
        monday = anchor.date - dt.timedelta(days=anchor.date.isoweekday() - 1)  # type: ignore[operator]
        d = monday + dt.timedelta(weeks=f.shift, days=f.weekday - 1 + f.day_offset)
        return _finish(rule, d.isoformat() + suffix, mod)
    relative = f.deictic is not None or f.shift is not None or (f.dir is not None and f.unit)
    if f.year is None and not relative and not any(
        (f.month, f.day, f.weekday, f.season, f.quarter, f.half, f.holiday, f.daypart, f.hour is not None)
    ):
        return None
    if anchor is None or anchor.year is None:
        if f.year is None:
            return _unresolved(rule, f, mod)
        anchor = None

    # 2. deictic words and "<n> <unit> ago/later", "last/next <unit>"
    if relative and f.year is None:
        assert anchor is not None
        if f.deictic:
            unit, n = f.deictic
        elif f.unit and f.shift is not None and not (f.weekday or f.month or f.season or f.holiday):
            unit, n = f.unit, f.shift
        elif f.unit and f.dir is not None:
            unit = f.unit
            n = int(f.dir * (f.num if f.num is not None else 1))
            if unit in ("DE", "CE"):  # "a decade ago": the year ten years back
                unit, n = "Y", n * (10 if unit == "DE" else 100)
            if f.vague or (f.num is not None and not float(f.num).is_integer()):
                return _finish(rule, "PAST_REF" if f.dir < 0 else "FUTURE_REF", mod)
        else:
            unit, n = None, 0
        if (unit == "Y" and n and prev_value and (m := _YEAR_PART.match(prev_value))
                and (rule.anchor == "previous" or (f.dir is not None and "-Q" in prev_value))):
            # "a year earlier" after "the third quarter": the same quarter (month, season) a year before
            return replace(_finish(rule, f"{int(m.group(1)) + n:04d}{m.group(2)}", mod), derived=True)
        if unit == "Q" and rule.anchor == "quarter" and prev_value and _QUARTER.match(prev_value):
            return replace(_finish(rule, prev_value, mod), derived=True)
        if unit:
            if unit in ("H", "MIN", "S"):
                if anchor.day is None:
                    value, unc = _partial(anchor, "D", "")
                    return _finish(rule, value, mod, uncertain=unc, span=interval(anchor.value))
                return _finish(rule, anchor.value + suffix, mod)
            gran_needed = unit
            if anchor.day is None and gran_needed in ("D", "W", "WE") or anchor.month is None and gran_needed in ("M", "Q", "HY", "D", "W", "WE"):
                # the anchor is too coarse: keep what is known, widen the interval
                if gran_needed in ("D", "W", "WE") and anchor.month is not None:
                    value, unc = _partial(anchor, "W" if unit in ("W", "WE") else "D", suffix)
                    first = dt.date(anchor.year, anchor.month, 1)
                    last = dt.date(anchor.year, anchor.month, _calendar.monthrange(anchor.year, anchor.month)[1])
                    lo, hi = cal.shift(first, unit, n), cal.shift(last, unit, n)
                    if lo is None or hi is None:
                        return None
                    return _finish(rule, value, mod, uncertain=unc, span=(lo.isoformat(), hi.isoformat()))
                if gran_needed in ("M", "Q", "HY", "D", "W", "WE"):
                    value = {"M": f"{anchor.year:04d}-XX", "D": f"{anchor.year:04d}-XX-XX",
                             "W": f"{anchor.year:04d}-WXX", "WE": f"{anchor.year:04d}-WXX-WE"}.get(gran_needed, f"{anchor.year:04d}")
                    return _finish(rule, value, mod, uncertain="day" if gran_needed in ("D", "W", "WE") else "month",
                                   span=interval(f"{anchor.year:04d}"))
            base = dt.date(anchor.year, anchor.month or 1, anchor.day or 1)
            if unit == "WE" and n == 0 and anchor.day is not None and tense != "future" and base.isoweekday() < 6:
                n = -1  # "am Wochenende" in a Tuesday article: the weekend just past
            d = cal.shift(base, unit, n)
            if d is None:
                return None
            value = cal.value_at(d, "D" if unit in ("H", "MIN", "S") else unit)
            if suffix and unit == "D":
                value += suffix
            return _finish(rule, value, mod)

    # 3. weekdays: from the anchor day by tense (or "letzten Dienstag")
    if f.weekday and not (f.day and f.month):
        if anchor is None:
            return _unresolved(rule, f, mod)
        if anchor.day is None:
            value, unc = _partial(anchor, "D", suffix)
            return _finish(rule, value, mod, uncertain=unc, span=interval(anchor.value))
        d = _weekday_date(anchor.date, f.weekday, tense, f.shift)  # type: ignore[arg-type]
        d += dt.timedelta(days=f.day_offset)
        return _finish(rule, d.isoformat() + suffix, mod)

    # 4. calendar fields: year, month, day, season, quarter, half, holiday
    year = f.year
    absolute = year is not None
    ref_month = f.month or (SEASON_MONTH.get(f.season or "") if f.season else None) or (
        f.quarter * 3 - 1 if f.quarter else None) or (f.half * 6 - 3 if f.half else None)
    if f.holiday:
        if year is None:
            if anchor is None:
                return _unresolved(rule, f, mod)
            ay = anchor.year
            cands = [cal.holiday(f.holiday, y) for y in (ay - 1, ay, ay + 1)]
            cands = [c for c in cands if c]
            if not cands:
                return None
            hd = cal.holiday(f.holiday, ay)
            ref_month = hd.month if hd else 12
            year = _infer_year(anchor, ref_month, hd.day if hd else None, tense, strict=True) if f.shift is None else ay + f.shift
        d = cal.holiday(f.holiday, year)
        if d is None:
            return None
        return _finish(rule, d.isoformat() + suffix, mod, absolute=absolute)
    if year is None:
        if anchor is None:
            return _unresolved(rule, f, mod)
        if f.shift is not None and not f.month and not f.season:
            year = anchor.year + f.shift  # "letztes Quartal" is handled above
        elif ref_month:
            if f.shift is not None and anchor.month is not None and f.shift != 0:
                # "last April": the latest April before the anchor month; "next April": the first after
                if f.shift < 0:
                    year = anchor.year if ref_month < anchor.month else anchor.year - 1
                else:
                    year = anchor.year if ref_month > anchor.month else anchor.year + 1
            elif f.shift is not None:
                year = anchor.year + f.shift
            elif (f.quarter or f.half) and anchor.month is not None:
                # "the third quarter": the latest third quarter begun by the anchor date (reports
                # look back, and "will report third-quarter results" is about the past quarter)
                first = (f.quarter - 1) * 3 + 1 if f.quarter else (f.half - 1) * 6 + 1
                year = anchor.year if first <= anchor.month else anchor.year - 1
            else:
                year = _infer_year(anchor, ref_month, f.day, tense)
        elif f.day and anchor.month:
            # "am 15." - the anchor's month
            return _finish(rule, f"{anchor.year:04d}-{anchor.month:02d}-{f.day:02d}" + suffix, mod)
        elif f.daypart or f.hour is not None:
            # "am Abend", "um 15 Uhr": the anchor day
            if anchor.day is None:
                value, unc = _partial(anchor, "D", suffix)
                r = _finish(rule, value, mod, uncertain=unc, span=interval(anchor.value))
            else:
                r = _finish(rule, anchor.value + suffix, mod)
            return replace(r, day_from_anchor=f.hour is not None)
        else:
            year = anchor.year
    if not 1 <= year <= 9999:
        return None
    value = f"{year:04d}"
    if f.month:
        if not 1 <= f.month <= 12:
            return None
        value += f"-{f.month:02d}"
        if f.day:
            try:
                dt.date(year, f.month, f.day)
            except ValueError:
                return None
            value += f"-{f.day:02d}" + suffix
    elif f.season:
        value += f"-{f.season}"
    elif f.quarter:
        if not 1 <= f.quarter <= 4:
            return None
        value += f"-Q{f.quarter}"
    elif f.half:
        if not 1 <= f.half <= 2:
            return None
        value += f"-H{f.half}"
    return _finish(rule, value, mod, absolute=absolute)
