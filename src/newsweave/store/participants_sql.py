"""The event–entity index (``event_participants``): which entities take part in which
event, kept beside the events so an entity page finds its events by key.

An event's ``participants`` is a JSON list (entity ids and unresolved names); no index
reaches inside it, and matching its text scanned the whole events table on every entity
page. These rows are written and deleted in the transaction that writes or deletes the
events, so the two never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, delete, select

from newsweave.model import Event
from newsweave.store.chunking import chunks
from newsweave.store.schema import entities, event_participants, events


def forget_stories(conn: Connection, story_ids: Sequence[str]) -> None:
    """Delete the rows of the events of these stories (before the events themselves)."""
    for ids in chunks(story_ids):
        of_stories = select(events.c.id).where(events.c.story_id.in_(ids))
        conn.execute(
            delete(event_participants).where(event_participants.c.event_id.in_(of_stories))
        )


def record(conn: Connection, written: Iterable[Event]) -> int:
    """A row for each (event, participant) whose participant is an entity; how many."""
    pairs = {(e.id, p) for e in written for p in e.participants}
    named = {p for _, p in pairs}
    known: set[str] = set()
    for some in chunks(sorted(named)):
        known.update(conn.execute(select(entities.c.id).where(entities.c.id.in_(some))).scalars())
    rows = [{"event_id": e, "entity_id": p} for e, p in sorted(pairs) if p in known]
    if rows:
        conn.execute(event_participants.insert(), rows)
    return len(rows)
