"""The event–entity index: ``event_participants`` (event_id, entity_id), so an entity page
finds its events by key instead of matching text in every event's participant list.
Existing events are indexed here, a batch at a time.

Revision ID: 0015_event_participants
Revises: 0014_state_rows
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_event_participants"
down_revision = "0014_state_rows"
branch_labels = None
depends_on = None

#: Events read, and their participants looked up among the entities, per batch.
BATCH = 2000

# The tables as this revision knows them (the app's schema may move on).
_events = sa.table("events", sa.column("id"), sa.column("participants", sa.JSON))
_entities = sa.table("entities", sa.column("id"))
_rows = sa.table("event_participants", sa.column("event_id"), sa.column("entity_id"))


def upgrade() -> None:
    op.create_table(
        "event_participants",
        sa.Column("event_id", sa.String(16), sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("entity_id", sa.String(80), primary_key=True),
    )
    op.create_index("ix_event_participants_entity_id", "event_participants", ["entity_id"])
    backfill(op.get_bind())


def backfill(conn: sa.Connection) -> int:
    """A row for each (event, participant that is an entity) of the stored events, read in
    id order a batch at a time (keyset paging: memory bounded on any store); how many."""
    written, after = 0, ""
    while True:
        batch = conn.execute(
            sa.select(_events.c.id, _events.c.participants)
            .where(_events.c.id > after)
            .order_by(_events.c.id)
            .limit(BATCH)
        ).all()
        if not batch:
            return written
        after = batch[-1].id
        pairs = {(r.id, p) for r in batch for p in (r.participants or [])}
        named = sorted({p for _, p in pairs})
        known: set[str] = set()
        for start in range(0, len(named), 1000):
            some = named[start : start + 1000]
            query = sa.select(_entities.c.id).where(_entities.c.id.in_(some))
            known.update(conn.execute(query).scalars())
        rows = [{"event_id": e, "entity_id": p} for e, p in sorted(pairs) if p in known]
        if rows:
            conn.execute(_rows.insert(), rows)
        written += len(rows)


def downgrade() -> None:
    op.drop_index("ix_event_participants_entity_id", "event_participants")
    op.drop_table("event_participants")
