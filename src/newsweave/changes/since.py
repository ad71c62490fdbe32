"""Time windows as users write them: ``24h``, ``90m``, ``7d``, ``2w`` back from now, or an
ISO date or time (``2026-12-06``, ``2026-12-06T08:00``, with or without a zone; UTC
when none is given)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

_AGO = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d|w)\s*$", re.IGNORECASE)
_UNIT = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """The moment ``text`` names (aware, UTC); ValueError says what is accepted."""
    now = now or datetime.now(UTC)
    ago = _AGO.match(text)
    if ago is not None:
        amount, unit = float(ago.group(1)), _UNIT[ago.group(2).lower()]
        return now - timedelta(**{unit: amount})
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"cannot read the time {text!r}: give a span back from now (90m, 24h, 7d, 2w) "
            "or an ISO date or time (2026-12-06, 2026-12-06T08:00)"
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
