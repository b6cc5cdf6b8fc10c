"""Calendar arithmetic for the tagger: shifting by units, holidays, values at a granularity."""

from __future__ import annotations

import calendar as _cal
import datetime as dt

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

# Units: Y year, M month, W week, D day, H hour, MIN minute, S second, Q quarter, HY half year,
# DE decade, CE century, WE weekend
MONTHS_PER = {"Y": 12, "M": 1, "Q": 3, "HY": 6, "DE": 120, "CE": 1200}
DAYS_PER = {"W": 7, "D": 1, "WE": 7}


def shift(d: dt.date, unit: str, n: int) -> dt.date | None:
    """``d`` moved by ``n`` units (calendar-aware for months and years); None off the calendar
    (before year 1 or after 9999)."""
    try:
        if unit in MONTHS_PER:
            return d + relativedelta(months=MONTHS_PER[unit] * n)
        if unit in DAYS_PER:
            return d + dt.timedelta(days=DAYS_PER[unit] * n)
    except (ValueError, OverflowError):
        return None
    return d


def value_at(d: dt.date, unit: str) -> str:
    """The TimeML value of the ``unit`` containing day ``d``."""
    if unit == "CE":
        return f"{d.year // 100:02d}"
    if unit == "DE":
        return f"{d.year // 10:03d}"
    if unit == "Y":
        return f"{d.year:04d}"
    if unit == "HY":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if unit == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if unit in ("W", "WE"):
        iso = d.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}" + ("-WE" if unit == "WE" else "")
    return d.isoformat()


def holiday(spec: str, year: int) -> dt.date | None:
    """The date of a holiday in ``year`` from its spec in the language tables.

    Specs: ``MM-DD`` (fixed), ``easter`` / ``easter+49`` / ``easter-2`` (movable, via dateutil's
    Easter computation), ``nth:MM:N:WD`` (N-th weekday WD=1..7 of month MM; N=-1 for the last),
    ``advent:N`` (N-th Sunday of Advent).
    """
    try:
        if spec.startswith("easter"):
            off = int(spec[6:] or 0)
            return easter(year) + dt.timedelta(days=off)
        if spec.startswith("nth:"):
            spec, _, after = spec.partition("+")  # "nth:11:1:1+1": the day after the 1st Monday
            if after:
                base = holiday(spec, year)
                return base + dt.timedelta(days=int(after)) if base else None
            _, mm, n, wd = spec.split(":")
            month, n, wd = int(mm), int(n), int(wd)
            if n > 0:
                first = dt.date(year, month, 1)
                return first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
            last = dt.date(year, month, _cal.monthrange(year, month)[1])
            return last - dt.timedelta(days=(last.isoweekday() - wd) % 7)
        if spec.startswith("advent:"):
            n = int(spec.split(":")[1])
            christmas = dt.date(year, 12, 25)
            fourth = christmas - dt.timedelta(days=(christmas.isoweekday() % 7) or 7)
            return fourth - dt.timedelta(weeks=4 - n)
        mm, dd = spec.split("-")
        return dt.date(year, int(mm), int(dd))
    except (ValueError, OverflowError):
        return None
