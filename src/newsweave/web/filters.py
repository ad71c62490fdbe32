"""Jinja filters: show TIMEX date values (ISO, partial, TimeML suffixes) in words a reader knows."""

from __future__ import annotations

import re

_PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE?)?$")


def when(value: str | None) -> str:
    """``2025-12-20TEV`` → ``2025-12-20 evening``; ``2025-W51-WE`` → ``weekend, week 51 of 2025``.

    Plain ISO dates (full or partial) are shown as they are; unknown forms too.
    """
    if not value:
        return "undated"
    day, sep, part = value.partition("T")
    if sep and part in _PARTS:
        return f"{day} {_PARTS[part]}"
    week = _WEEK.match(value)
    if week:
        year, number, weekend = week.groups()
        prefix = "weekend, " if weekend else ""
        return f"{prefix}week {int(number)} of {year}"
    return value
