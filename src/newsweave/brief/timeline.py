"""A story's events in date order, each with its precision, participants and citations.

Events come merged from the extract stage; here they are ordered by the day a
(possibly partial or week-based) date starts, undated ones left out, and the
repeats the merger left (same day, same kind, shared participants or words)
folded together so the timeline reads once per happening.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsweave.model import Event, Span

_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?")
_PRECISION_RANK = {"day": 0, "daypart": 0, "week": 1, "month": 2, "season": 3, "year": 4}


@dataclass(frozen=True)
class TimelineEntry:
    """One dated happening: ``date`` as ISO (partial allowed), participants by name."""

    date: str
    precision: str | None
    kind: str
    summary: str
    participants: tuple[str, ...]
    location: str | None
    citations: tuple[Span, ...]
    event_ids: tuple[str, ...]


def sort_key(date: str) -> tuple[str, int]:
    """The first day a date covers, then coarser precision after finer on the same day."""
    m = _WEEK.match(date)
    if m:
        day = 6 if m.group(3) else 1
        start = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), day).isoformat()
        return start, 1
    head = date[:10]
    return head, {4: 4, 7: 2, 10: 0}.get(len(head), 3)


def _is_dated(date: str | None) -> bool:
    return date is not None and date[:4].isdigit() and not date.startswith("P")


def timeline(
    events: Sequence[Event], names: Mapping[str, str] | None = None
) -> list[TimelineEntry]:
    """Dated events of a story in date order, near-repeats folded together."""
    names = names or {}
    dated = sorted(
        (e for e in events if e.date and _is_dated(e.date)),
        key=lambda e: (*sort_key(e.date or ""), -len(e.evidence), e.id),
    )
    entries: list[TimelineEntry] = []
    for event in dated:
        participants = tuple(dict.fromkeys(names.get(p, p) for p in event.participants))
        twin = next((i for i, x in enumerate(entries) if _same(x, event, participants)), None)
        if twin is None:
            entries.append(_entry(event, participants))
        else:
            entries[twin] = _fold(entries[twin], event, participants)
    return entries


def _entry(event: Event, participants: tuple[str, ...]) -> TimelineEntry:
    return TimelineEntry(
        date=event.date or "",
        precision=event.precision,
        kind=event.kind,
        summary=event.summary,
        participants=participants,
        location=event.location,
        citations=event.evidence,
        event_ids=(event.id,),
    )


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower())}


def _same(entry: TimelineEntry, event: Event, participants: tuple[str, ...]) -> bool:
    """Same day, same kind, and shared participants or mostly the same words."""
    if sort_key(entry.date)[0] != sort_key(event.date or "")[0] or entry.kind != event.kind:
        return False
    if set(entry.participants) & set(participants):
        return True
    a, b = _words(entry.summary), _words(event.summary)
    return bool(a and b) and len(a & b) / len(a | b) >= 0.5


def _fold(entry: TimelineEntry, event: Event, participants: tuple[str, ...]) -> TimelineEntry:
    finer = _PRECISION_RANK.get(event.precision or "", 9) < _PRECISION_RANK.get(
        entry.precision or "", 9
    )
    return TimelineEntry(
        date=event.date if finer and event.date else entry.date,
        precision=event.precision if finer else entry.precision,
        kind=entry.kind,
        summary=entry.summary if len(entry.summary) >= len(event.summary) else event.summary,
        participants=tuple(dict.fromkeys(entry.participants + participants)),
        location=entry.location or event.location,
        citations=tuple(dict.fromkeys(entry.citations + event.evidence)),
        event_ids=(*entry.event_ids, event.id),
    )
