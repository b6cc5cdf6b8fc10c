"""TimeML values: parsing document dates, checking values, and the calendar interval a value covers.

Pure functions, no I/O. A TimeML date value is ISO 8601 with TimeML's extensions:
``2017`` ``201`` (decade) ``20`` (century) ``2017-05`` ``2017-05-09`` ``2017-W19`` ``2017-W19-WE``
``2017-SU`` ``2017-Q2`` ``2017-H1``, ``X`` for unknown digits (``XXXX-04``, ``2017-05-XX``),
times ``2017-05-09T18:30`` / ``2017-05-09TEV``, durations ``P3Y`` ``PT2H`` ``PXD``, and the
references ``PRESENT_REF`` ``PAST_REF`` ``FUTURE_REF``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import regex

REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
PARTS_OF_DAY = {"MO": (6, 11), "MI": (11, 13), "AF": (12, 17), "EV": (17, 21), "NI": (21, 23), "DT": (8, 17)}
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # WI runs into next year

_D = r"[0-9X]"
_DATE_RE = regex.compile(
    rf"""^(?:
        (?P<century>{_D}{{2}})
      | (?P<decade>{_D}{{3}})
      | (?P<year>{_D}{{4}})
        (?:-(?:
            (?P<month>{_D}{{2}})(?:-(?P<day>{_D}{{2}}))?
          | W(?P<week>{_D}{{2}})(?:-(?P<wday>[1-7X]|WE))?
          | (?P<season>SP|SU|FA|WI)
          | Q(?P<quarter>[1-4X])
          | H(?P<half>[12X])
        ))?
    )
    (?:T(?:(?P<pod>MO|MI|AF|EV|NI|DT)|(?P<hour>{_D}{{2}})(?::(?P<minute>{_D}{{2}})(?::(?P<second>{_D}{{2}}(?:\.\d+)?))?)?))?
    $""",
    regex.X,
)
_DUR_RE = regex.compile(
    r"^P(?:(?:(?:[0-9]+(?:\.[0-9]+)?|X)(?:Y|M|W|D|DE|CE|ML|Q|H|WE|L))+(?:T(?:(?:[0-9]+(?:\.[0-9]+)?|X)(?:H|M|S))+)?"
    r"|T(?:(?:[0-9]+(?:\.[0-9]+)?|X)(?:H|M|S))+)$"
)
_DOC_DATE_RE = regex.compile(
    r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$"
)


class DateError(ValueError):
    """A date that cannot be read; the message says what was expected."""


def parse_document_date(text: str) -> str:
    """Read an article date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or an ISO timestamp).

    Returns the TimeML value at the granularity given (``"2017-05"``). Raises ``DateError``
    with a readable message for anything else, including impossible dates (``2017-13``).
    Also accepts the compact TimeBank form ``19980108``.
    """
    s = text.strip()
    if regex.fullmatch(r"\d{8}", s):
        s = f"{s[:4]}-{s[4:6]}-{s[6:]}"
    m = _DOC_DATE_RE.match(s)
    if not m:
        raise DateError(
            f"expected a date as YYYY, YYYY-MM, YYYY-MM-DD or an ISO timestamp, got {text.strip()!r}"
        )
    year = int(m["year"])
    if year < 1:
        raise DateError(f"year {year} is out of range 1-9999 in date {text.strip()!r}")
    if m["month"] is None:
        return f"{year:04d}"
    month = int(m["month"])
    if not 1 <= month <= 12:
        raise DateError(f"month {month} is out of range 1-12 in date {text.strip()!r}")
    if m["day"] is None:
        return f"{year:04d}-{month:02d}"
    day = int(m["day"])
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError(f"day {day} is out of range 1-{last} for {year:04d}-{month:02d} in date {text.strip()!r}")
    value = f"{year:04d}-{month:02d}-{day:02d}"
    if m["hour"] is not None:
        hour, minute = int(m["hour"]), int(m["minute"])
        if hour > 23 or minute > 59:
            raise DateError(f"time {hour:02d}:{minute:02d} is out of range in date {text.strip()!r}")
        value += f"T{hour:02d}:{minute:02d}"
    return value


def is_timeml_value(value: str) -> bool:
    """True if ``value`` is a well-formed TimeML TIMEX3 value whose known parts exist on the
    calendar (``2017-13``, ``2017-02-30``, ``2017-W54``, ``T25:00`` are not)."""
    if value in REFS:
        return True
    if value.startswith("P") or value.startswith("PT"):
        return bool(_DUR_RE.match(value))
    m = _DATE_RE.match(value)
    if not m:
        return False

    def known(g: str) -> int | None:
        return int(m[g]) if m[g] and "X" not in m[g] and m[g].isdigit() else None

    year, month, day, week = known("year"), known("month"), known("day"), known("week")
    if year is not None and year < 1:
        return False
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        last = calendar.monthrange(year or 2000, month)[1] if month else 31
        if not 1 <= day <= last:
            return False
    if week is not None:
        weeks = dt.date(year, 12, 28).isocalendar().week if year else 53
        if not 1 <= week <= weeks:
            return False
    hour, minute = known("hour"), known("minute")
    if hour is not None and hour > 24 or minute is not None and minute > 59:
        return False
    return True


@dataclass(frozen=True, slots=True)
class Anchor:
    """What is known of a reference date: year, month, day may each be unknown (None)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None

    @classmethod
    def from_value(cls, value: str | None) -> Anchor | None:
        """The anchor for a TimeML date value, or None when the value has no year."""
        if not value:
            return None
        m = _DATE_RE.match(value)
        if not m or not m["year"] or "X" in m["year"]:
            return None

        def num(g: str | None) -> int | None:
            return int(g) if g and "X" not in g else None

        month, day = num(m["month"]), num(m["day"])
        week, wday = num(m["week"]), m["wday"]
        year = int(m["year"])
        if week is not None and month is None:
            try:
                d = dt.date.fromisocalendar(year, week, int(wday) if wday and wday.isdigit() else 1)
            except ValueError:
                return cls(year=year)
            return cls(year=year, month=d.month, day=d.day if wday and wday.isdigit() else None)
        return cls(year=year, month=month, day=day if month else None, hour=num(m["hour"]), minute=num(m["minute"]))

    @property
    def date(self) -> dt.date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    @property
    def granularity(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def value(self) -> str:
        v = f"{self.year:04d}"
        if self.month is not None:
            v += f"-{self.month:02d}"
            if self.day is not None:
                v += f"-{self.day:02d}"
        return v


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def interval(value: str) -> tuple[str, str] | None:
    """The calendar interval a TimeML date/time value covers, inclusive, as ISO strings.

    ``interval("2017-05") == ("2017-05-01", "2017-05-31")``;
    ``interval("2017-05-XXTEV") == ("2017-05-01", "2017-05-31")`` (the day is unknown);
    ``interval("2017-05-09T18:30") == ("2017-05-09T18:30", "2017-05-09T18:30")``.
    Returns None for durations, references and values without a known year.
    """
    m = _DATE_RE.match(value) if value and not value.startswith("P") else None
    if not m:
        return None
    if m["century"]:
        if "X" in m["century"]:
            return None
        c = int(m["century"])
        return (f"{c * 100:04d}-01-01", f"{c * 100 + 99:04d}-12-31")
    if m["decade"]:
        if "X" in m["decade"]:
            return None
        d = int(m["decade"])
        return (f"{d * 10:04d}-01-01", f"{d * 10 + 9:04d}-12-31")
    if "X" in m["year"]:
        return None
    y = int(m["year"])
    if y < 1:
        return None
    year_span = (f"{y:04d}-01-01", f"{y:04d}-12-31")
    if m["season"]:
        a, b = SEASONS[m["season"]]
        if m["season"] == "WI":
            # winter of Y: December Y to February Y+1
            return (f"{y:04d}-12-01", f"{y + 1:04d}-02-{_last_day(y + 1, 2):02d}") if y < 9999 else year_span
        return (f"{y:04d}-{a:02d}-01", f"{y:04d}-{b:02d}-{_last_day(y, b):02d}")
    if m["quarter"]:
        if m["quarter"] == "X":
            return year_span
        q = int(m["quarter"])
        a, b = 3 * q - 2, 3 * q
        return (f"{y:04d}-{a:02d}-01", f"{y:04d}-{b:02d}-{_last_day(y, b):02d}")
    if m["half"]:
        if m["half"] == "X":
            return year_span
        a, b = (1, 6) if m["half"] == "1" else (7, 12)
        return (f"{y:04d}-{a:02d}-01", f"{y:04d}-{b:02d}-{_last_day(y, b):02d}")
    if m["week"]:
        if "X" in m["week"]:
            return year_span
        w = int(m["week"])
        try:
            if m["wday"] and m["wday"] not in ("WE", "X"):
                d = dt.date.fromisocalendar(y, w, int(m["wday"]))
                return (d.isoformat(), d.isoformat())
            first = dt.date.fromisocalendar(y, w, 6 if m["wday"] == "WE" else 1)
            last = dt.date.fromisocalendar(y, w, 7)
        except ValueError:
            return year_span
        return (first.isoformat(), last.isoformat())
    if not m["month"] or "X" in m["month"]:
        return year_span
    mo = int(m["month"])
    if not 1 <= mo <= 12:
        return None
    month_span = (f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{_last_day(y, mo):02d}")
    if not m["day"] or "X" in m["day"]:
        return month_span
    day = int(m["day"])
    if not 1 <= day <= _last_day(y, mo):
        return None
    d = f"{y:04d}-{mo:02d}-{day:02d}"
    if m["pod"]:
        a, b = PARTS_OF_DAY[m["pod"]]
        return (f"{d}T{a:02d}:00", f"{d}T{b - 1:02d}:59")
    if m["hour"] and "X" not in m["hour"]:
        h = int(m["hour"])
        if h > 24:
            return None
        if m["minute"] and "X" not in m["minute"]:
            t = f"{d}T{min(h, 23):02d}:{m['minute']}"
            return (t, t)
        return (f"{d}T{min(h, 23):02d}:00", f"{d}T{min(h, 23):02d}:59")
    return (d, d)


def granularity(value: str) -> str | None:
    """The unit of a date value: century, decade, year, half, quarter, season, month, week, day, time."""
    m = _DATE_RE.match(value) if value else None
    if not m:
        return None
    if m["century"]:
        return "century"
    if m["decade"]:
        return "decade"
    if m["pod"] or m["hour"]:
        return "time"
    for g in ("day", "wday", "week", "month", "season", "quarter", "half"):
        if m[g]:
            return {"wday": "day"}.get(g, g)
    return "year"
