"""Reading and writing stories' change logs (``story_changes``), as plain functions.

Written in the transaction of the stage that found the change (cluster: articles,
outlets, merges; compare: claims, disagreements), so a change is logged exactly when
its result is saved. Read by story or by time window through the two indexes, so
what a page or ``newsweave changes`` costs grows with the changes shown, not with
the store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select, update

from newsweave.model import StoryChange
from newsweave.store.chunking import chunks
from newsweave.store.schema import story_changes

if TYPE_CHECKING:  # the store's writers call ``record`` and ``move`` in their transactions
    from newsweave.store.sql import SqlStore


def record(conn: Connection, changes: Sequence[StoryChange]) -> int:
    """Insert the changes not already logged (same story, kind and subject), in the
    caller's transaction; returns how many were new."""
    fresh = {c.id: c for c in changes}
    for ids in chunks(list(fresh)):
        for known in conn.execute(select(story_changes.c.id).where(story_changes.c.id.in_(ids))):
            fresh.pop(known.id, None)
    if fresh:
        conn.execute(
            story_changes.insert(),
            [
                {
                    "id": c.id,
                    "story_id": c.story_id,
                    "at": _utc(c.at),
                    "kind": c.kind,
                    "subject": c.subject,
                    "detail": c.detail,
                }
                for c in fresh.values()
            ],
        )
    return len(fresh)


def move(conn: Connection, merged_into: Mapping[str, str]) -> None:
    """A merged-away story's log becomes part of the story it joined."""
    for gone, survivor in merged_into.items():
        conn.execute(
            update(story_changes).where(story_changes.c.story_id == gone).values(story_id=survivor)
        )


def _utc(at: datetime) -> datetime:
    """Times are stored in UTC (SQLite keeps no zone, so every writer and reader agrees)."""
    return at.astimezone(UTC) if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _change(r: Any) -> StoryChange:
    at = r.at if r.at.tzinfo is not None else r.at.replace(tzinfo=UTC)  # SQLite drops it
    return StoryChange(r.story_id, at, r.kind, r.subject, r.detail)


def changes_of(
    store: SqlStore, story_id: str, since: datetime | None = None, limit: int | None = None
) -> list[StoryChange]:
    """One story's changes (since ``since``), newest first."""
    query = select(story_changes).where(story_changes.c.story_id == story_id)
    if since is not None:
        query = query.where(story_changes.c.at >= _utc(since))
    query = query.order_by(story_changes.c.at.desc(), story_changes.c.kind, story_changes.c.id)
    if limit is not None:
        query = query.limit(limit)
    with store.engine.connect() as conn:
        return [_change(r) for r in conn.execute(query).all()]


def changes_since(store: SqlStore, since: datetime, limit: int | None = None) -> list[StoryChange]:
    """Every story's changes since ``since`` (a range on the time index), newest first."""
    query = (
        select(story_changes)
        .where(story_changes.c.at >= _utc(since))
        .order_by(story_changes.c.at.desc(), story_changes.c.story_id, story_changes.c.id)
    )
    if limit is not None:
        query = query.limit(limit)
    with store.engine.connect() as conn:
        return [_change(r) for r in conn.execute(query).all()]


def last_changed(store: SqlStore, story_ids: Sequence[str]) -> dict[str, datetime]:
    """Story id → when its log last changed, for these stories."""
    out: dict[str, datetime] = {}
    with store.engine.connect() as conn:
        for ids in chunks(list(story_ids)):
            query = (
                select(story_changes.c.story_id, func.max(story_changes.c.at).label("at"))
                .where(story_changes.c.story_id.in_(ids))
                .group_by(story_changes.c.story_id)
            )
            for r in conn.execute(query):
                at = r.at if isinstance(r.at, datetime) else datetime.fromisoformat(str(r.at))
                out[r.story_id] = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return out


def merged_into(store: SqlStore, story_id: str) -> str | None:
    """The story a merged-away story joined (its log says so), or None."""
    query = select(story_changes.c.story_id).where(
        story_changes.c.kind == "merge", story_changes.c.subject == story_id
    )
    with store.engine.connect() as conn:
        found = conn.execute(query).scalar()
    return str(found) if found is not None else None


__all__ = ["changes_of", "changes_since", "last_changed", "merged_into", "move", "record"]
