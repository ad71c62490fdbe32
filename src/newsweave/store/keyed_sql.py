"""Stage states kept as keyed rows: read by key, written as changes, with a small manifest.

A whole-blob state (``stage_snapshots``) is read and written whole by every run, so its
cost grows with the store. A keyed state is a set of rows in ``stage_state_rows``; a run
reads only the keys its new articles touch and writes back only the rows it changed. The
stage's ``stage_snapshots`` row then holds a manifest: how many articles the rows cover
(checked against the stage's stamps, by count, so the check is cheap at any size) and the
settings that shaped them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select

from newsweave.store.chunking import chunks
from newsweave.store.schema import article_stages, stage_state_rows
from newsweave.store.stories_sql import Snapshot, replace_snapshot


@dataclass(frozen=True)
class StateRows:
    """What a run changed in a keyed state, written in the stage's own transaction.

    ``changes`` maps keys to their new bytes, or None to delete the row. ``reset`` first
    deletes every row of the stage (a state rebuilt from the store's articles).
    ``manifest`` replaces the stage's ``stage_snapshots`` row."""

    manifest: Snapshot
    changes: Mapping[str, bytes | None] = field(default_factory=dict)
    reset: bool = False


class KeyedStateMixin:
    engine: Engine

    def state_rows(self, stage: str, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored rows of ``stage`` among ``keys`` (absent keys are left out)."""
        out: dict[str, bytes] = {}
        t = stage_state_rows
        with self.engine.connect() as conn:
            for part in chunks(sorted(set(keys))):
                query = select(t.c.key, t.c.data).where(t.c.stage == stage, t.c.key.in_(part))
                out.update((r.key, bytes(r.data)) for r in conn.execute(query))
        return out

    def state_row_count(self, stage: str) -> int:
        """How many rows the keyed state of ``stage`` has (for tests and the docs' figures)."""
        t = stage_state_rows
        with self.engine.connect() as conn:
            query = select(func.count()).select_from(t).where(t.c.stage == stage)
            return int(conn.execute(query).scalar_one())

    def processed_count(self, stage: str, excluding: Sequence[str] = ()) -> int:
        """How many articles ``stage`` has stamped (any version), leaving out ``excluding``
        (the run's pending articles, some stamped by an older version): what a keyed
        state's manifest must match, found without reading every id."""
        s = article_stages
        with self.engine.connect() as conn:
            total = conn.execute(
                select(func.count()).select_from(s).where(s.c.stage == stage)
            ).scalar_one()
            for part in chunks(sorted(set(excluding))):
                total -= conn.execute(
                    select(func.count())
                    .select_from(s)
                    .where(s.c.stage == stage, s.c.article_id.in_(part))
                ).scalar_one()
        return int(total)


def write_state_rows(conn: Connection, stage: str, version: str, rows: StateRows) -> None:
    """Apply ``rows`` to the keyed state of ``stage``, in the caller's transaction."""
    t = stage_state_rows
    if rows.reset:
        conn.execute(delete(t).where(t.c.stage == stage))
    elif rows.changes:
        for keys in chunks(sorted(rows.changes)):
            conn.execute(delete(t).where(t.c.stage == stage, t.c.key.in_(keys)))
    written: list[dict[str, Any]] = [
        {"stage": stage, "key": k, "data": v} for k, v in rows.changes.items() if v is not None
    ]
    for part in chunks(written):
        conn.execute(t.insert(), part)
    replace_snapshot(conn, stage, version, rows.manifest)
