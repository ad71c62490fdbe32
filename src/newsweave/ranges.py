"""Membership of character offsets in a set of ranges, by bisection.

The extractors ask "is this token inside a quote?" for nearly every token of an article,
each time against every quote of it; a scan of the ranges per question made that part
quadratic in the article. :class:`Ranges` merges the ranges once and answers by bisection.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable


class Ranges:
    """The union of half-open ranges ``[start, end)``; ``offset in ranges`` is True when
    some range holds ``offset``."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted(r for r in ranges if r[0] < r[1]):
            if ends and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        self._starts = starts
        self._ends = ends

    @classmethod
    def of(cls, ranges: Ranges | Iterable[tuple[int, int]]) -> Ranges:
        """``ranges`` itself when already indexed, else indexed once here."""
        return ranges if isinstance(ranges, Ranges) else cls(ranges)

    def __contains__(self, offset: int) -> bool:
        k = bisect_right(self._starts, offset) - 1
        return k >= 0 and offset < self._ends[k]

    def __bool__(self) -> bool:
        return bool(self._starts)
