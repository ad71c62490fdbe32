"""Calendar arithmetic and TIMEX3 value formatting used by the rules.

Why separate: the rules in ``named`` and ``relative`` read like the guidelines
("last week" is the ISO week seven days before the DCT) only if the date sums
live elsewhere.
"""

from __future__ import annotations

import datetime as dt
import re

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# How many days the tense may move a month or date away from its nearest year:
# "said ... Dec. 15" in an October paper is still this December, but "met in
# December" in a March paper is last December.
WRONG_SIDE_DAYS = 270


def day(d: dt.date) -> str:
    return d.isoformat()


def month(year: int, m: int) -> str:
    return f"{year:04d}-{m:02d}"


def week(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def quarter_of(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def shift_quarter(year: int, q: int, n: int) -> tuple[int, int]:
    idx = year * 4 + (q - 1) + n
    return idx // 4, idx % 4 + 1


def add_months(d: dt.date, n: int) -> dt.date:
    idx = d.year * 12 + (d.month - 1) + n
    y, m = idx // 12, idx % 12 + 1
    return dt.date(y, m, min(d.day, 28))


def season_of(d: dt.date) -> tuple[int, str]:
    """Season containing ``d``; winter belongs to the year it starts in."""
    if d.month in (3, 4, 5):
        return d.year, "SP"
    if d.month in (6, 7, 8):
        return d.year, "SU"
    if d.month in (9, 10, 11):
        return d.year, "FA"
    return (d.year if d.month == 12 else d.year - 1), "WI"


def weekday_near(dct: dt.date, wd: int, direction: int) -> dt.date:
    """The weekday ``wd`` (1=Mon) nearest the DCT looking back (-1) or ahead (+1).

    The DCT's own weekday resolves to the DCT itself: "said Friday" in a
    Friday paper is that day.
    """
    diff = wd - dct.isoweekday()
    if direction < 0:
        return dct + dt.timedelta(days=diff if diff <= 0 else diff - 7)
    return dct + dt.timedelta(days=diff if diff >= 0 else diff + 7)


def pick_year(dct: dt.date, m: int, d: int | None, direction: int) -> int:
    """Year of a month (and day) given without one, from the tense's direction.

    The nearest such date to the DCT, where a date on the side the tense
    does not point to counts ``WRONG_SIDE_DAYS`` further away; for a bare
    month the tense always wins ("began in January" in a December paper).
    """
    ref = dt.date(dct.year, dct.month, dct.day if d else 1)

    def distance(year: int) -> tuple[int, int]:
        gap = (dt.date(year, m, min(d or 1, 28)) - ref).days
        wrong_side = gap * direction < 0
        penalty = (WRONG_SIDE_DAYS if d else 366) if wrong_side else 0
        return abs(gap) + penalty, abs(year - dct.year)

    return min((dct.year - 1, dct.year, dct.year + 1), key=distance)


_PRECISION = (
    (re.compile(r"^\d{4}-\d\d-\d\dT\d"), "time"),
    (re.compile(r"^\d{4}-\d\d-\d\dT[A-Z]"), "daypart"),
    (re.compile(r"^\d{4}-\d\d-\d\d$"), "day"),
    (re.compile(r"^\d{4}-W\d\d"), "week"),
    (re.compile(r"^\d{4}-\d\d$"), "month"),
    (re.compile(r"^\d{4}-Q\d$"), "quarter"),
    (re.compile(r"^\d{4}-H\d$"), "half"),
    (re.compile(r"^\d{4}-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{3}$"), "decade"),
    (re.compile(r"^\d{2}$"), "century"),
    (re.compile(r"_REF$"), "ref"),
    (re.compile(r"^P"), "duration"),
)


def precision(value: str | None, type_: str) -> str | None:
    """Coarse granularity of a value: day, week, month, year, decade, duration …"""
    if value is None:
        return None
    if type_ == "SET":
        return "set"
    for pattern, name in _PRECISION:
        if pattern.search(value):
            return name
    return None
