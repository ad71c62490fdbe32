"""Which date governs which event, and when two partial dates can be the same day.

Why syntax first: a sentence often holds two times ("said on Saturday that the
talks began on Friday"); the date belongs to the trigger it hangs from, found by
walking up the parse from the expression without leaving its clause. Dates that
hang from no trigger go to the nearest undated one, and an event with no date of
its own takes the date of the event it is the setting of ("… hailing gains in
an annual news conference" shares the date of the hailing).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Token

from newsweave.extract.events.args import clause_edge, precision_rank, setting_of
from newsweave.extract.events.triggers import Trigger
from newsweave.model import Timex

_BLOCKED = -1
#: A date that hangs from no trigger (a misparse, a caption fragment) dates only
#: an undated trigger this many tokens away or closer ("the weekend talks").
LOOSE_DISTANCE = 3


def _governor(tok: Token, index: dict[int, int]) -> int | None:
    """Index of the trigger above ``tok``, ``_BLOCKED`` at a clause edge, None at root."""
    while True:
        if clause_edge(tok):
            return _BLOCKED
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.i in index:
            return index[tok.i]


def _finer(a: Timex | None, b: Timex) -> bool:
    return a is None or precision_rank(b.precision) < precision_rank(a.precision)


def assign_dates(
    triggers: Sequence[Trigger], roots: Sequence[tuple[Timex, Token]]
) -> list[Timex | None]:
    """The governing timex of each trigger (or None), in trigger order."""
    index: dict[int, int] = {}
    for i, trig in enumerate(triggers):
        index.setdefault(trig.token.i, i)
        index.setdefault(trig.anchor.i, i)
    dates: list[Timex | None] = [None] * len(triggers)
    loose: list[tuple[Timex, Token]] = []
    for tx, root in roots:
        gov = index[root.i] if root.i in index else _governor(root, index)
        if gov is None:
            loose.append((tx, root))
        elif gov != _BLOCKED and _finer(dates[gov], tx):
            dates[gov] = tx
    for tx, root in loose:
        free = [
            i
            for i, d in enumerate(dates)
            if d is None and abs(triggers[i].token.i - root.i) <= LOOSE_DISTANCE
        ]
        if free:
            nearest = min(free, key=lambda i: abs(triggers[i].token.i - root.i))
            dates[nearest] = tx
    _inherit(triggers, dates, index)
    return dates


def _inherit(triggers: Sequence[Trigger], dates: list[Timex | None], index: dict[int, int]) -> None:
    """An undated event takes the date of the event it hangs from in the same clause.

    Only verbs and setting nouns inherit: "the outcome of the discussions" in a
    sentence about returning home on Monday does not date the discussions.
    """
    for i, trig in enumerate(triggers):
        if dates[i] is not None or (trig.nominal and setting_of(trig) is None):
            continue
        gov = _governor(trig.anchor, index)
        seen = {i}
        # Trigger and anchor tokens can govern each other, so the walk remembers where it was.
        while gov is not None and gov != _BLOCKED and gov not in seen:
            if dates[gov] is not None:
                dates[i] = dates[gov]
                break
            seen.add(gov)
            gov = _governor(triggers[gov].anchor, index)


_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_QUARTER = re.compile(r"^(\d{4})-Q(\d)$")
_HALF = re.compile(r"^(\d{4})-H(\d)$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    y2, m2 = year + (last - 1) // 12, (last - 1) % 12 + 1
    return dt.date(year, first, 1), dt.date(y2, m2, calendar.monthrange(y2, m2)[1])


def interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The days a TIMEX3 date value covers ("2025-W51-WE" is that Saturday and Sunday)."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            first = monday + dt.timedelta(days=5 if m[3] else 0)
            return first, monday + dt.timedelta(days=6)
        if m := _MONTH.match(value):
            return _months(int(m[1]), int(m[2]), int(m[2]))
        if m := _QUARTER.match(value):
            q = int(m[2])
            return _months(int(m[1]), 3 * q - 2, 3 * q)
        if m := _HALF.match(value):
            h = int(m[2])
            return _months(int(m[1]), 6 * h - 5, 6 * h)
        if m := _SEASON.match(value):
            return _months(int(m[1]), *_SEASON_MONTHS[m[2]])
        if m := _YEAR.match(value):
            return _months(int(m[1]), 1, 12)
    except ValueError:
        return None
    return None


def compatible(a: str | None, b: str | None) -> bool:
    """Two dates can name the same happening when one interval contains the other.

    A day is compatible with its month, week and year; two different days, or a
    day outside a month, are not. An unknown date is compatible with anything.
    """
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return True
    return (ia[0] <= ib[0] and ib[1] <= ia[1]) or (ib[0] <= ia[0] and ia[1] <= ib[1])
