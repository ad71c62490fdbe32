"""When a watched feed is due, and its state after a poll: reset on success, backed off on
error (the wait doubles per consecutive error up to ``settings.WATCH_MAX_BACKOFF``), so a
failing feed is retried less and less often and never holds up the others."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from newsweave import settings
from newsweave.model import FeedState


def is_due(state: FeedState, now: datetime) -> bool:
    return state.next_poll is None or state.next_poll <= now


def backoff(every: float, errors_in_a_row: int) -> float:
    """Seconds to wait after ``errors_in_a_row`` failures when polls are ``every`` apart."""
    if errors_in_a_row <= 0:
        return every
    return float(min(every * 2**errors_in_a_row, max(every, settings.WATCH_MAX_BACKOFF)))


def succeeded(
    state: FeedState,
    now: datetime,
    every: float,
    status: int,
    *,
    title: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    stored: int = 0,
    keep_validators: bool = False,
) -> FeedState:
    """The state after an answered poll. ``keep_validators`` keeps the old ETag and
    Last-Modified (some item failed and must be seen again, so the next GET may not 304)."""
    return dataclasses.replace(
        state,
        title=title or state.title,
        etag=state.etag if keep_validators else etag,
        last_modified=state.last_modified if keep_validators else last_modified,
        last_poll=now,
        last_status=status,
        next_poll=now + timedelta(seconds=every),
        consecutive_errors=0,
        last_error=None,
        articles_found=state.articles_found + stored,
    )


def failed(state: FeedState, now: datetime, every: float, status: int, reason: str) -> FeedState:
    """The state after a failed poll: one more error in a row, and a longer wait."""
    errors_in_a_row = state.consecutive_errors + 1
    return dataclasses.replace(
        state,
        last_poll=now,
        last_status=status or None,
        next_poll=now + timedelta(seconds=backoff(every, errors_in_a_row)),
        consecutive_errors=errors_in_a_row,
        last_error=reason,
    )
