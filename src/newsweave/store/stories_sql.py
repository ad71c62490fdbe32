"""Reading and writing what the dedupe and cluster stages decide: copies, overlaps, stories.

A mixin over the SQL store's engine (like ``facts_sql``). Copies and stories are
columns of ``articles`` (``duplicate_of``, ``story_id``); ``stories`` holds one row
per story with its title and dates; ``overlaps`` the passages shared with an
earlier article that is not a copy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, bindparam, delete, select, update

from newsweave.model import Article, Story, StoryChange
from newsweave.store import changes_sql, participants_sql
from newsweave.store.chunking import chunks
from newsweave.store.schema import (
    articles,
    claims,
    events,
    mentions,
    overlaps,
    stage_snapshots,
    stories,
    story_comparisons,
    summaries,
)
from newsweave.store.stamps import StampsMixin, clear_stories

if TYPE_CHECKING:
    from newsweave.dedupe import Overlap
    from newsweave.store.keyed_sql import StateRows


@dataclass(frozen=True)
class Snapshot:
    """A stage's saved state and the fingerprint of what it covers."""

    fingerprint: str
    data: bytes


class StoriesMixin(StampsMixin):
    engine: Engine
    writer: Engine

    if TYPE_CHECKING:  # provided by SqlStore

        def _row_to_article(self, row: Any) -> Article: ...

    def article(self, article_id: str) -> Article | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings()
            found = row.first()
        return self._row_to_article(found) if found is not None else None

    def articles_by_id(self, article_ids: Sequence[str]) -> dict[str, Article]:
        out: dict[str, Article] = {}
        with self.engine.connect() as conn:
            for ids in chunks(article_ids):
                query = select(articles).where(articles.c.id.in_(ids))
                out.update(
                    (r["id"], self._row_to_article(r)) for r in conn.execute(query).mappings()
                )
        return out

    def published_dates(self, article_ids: Sequence[str] | None = None) -> dict[str, str | None]:
        """Article id → publication date, of ``article_ids`` (or of every article)."""
        query = select(articles.c.id, articles.c.published)
        with self.engine.connect() as conn:
            if article_ids is None:
                return {r.id: r.published for r in conn.execute(query)}
            return {
                r.id: r.published
                for ids in chunks(article_ids)
                for r in conn.execute(query.where(articles.c.id.in_(ids)))
            }

    def save_dedupe(
        self,
        links: Mapping[str, str | None],
        found: Mapping[str, Sequence[Overlap]],
        version: str,
        state: StateRows | None = None,
        failed: Mapping[str, str] | None = None,
    ) -> None:
        """Set ``duplicate_of`` for these articles and store their overlaps, atomically,
        with the changes to the detector's keyed state that found them (``state``), so
        the rows never describe links that were not saved. ``failed`` maps the articles
        the detector raised on to the reason: stamped failed, so they are not retried at
        this version."""
        from newsweave.store.keyed_sql import write_state_rows  # it imports this module

        with self.writer.begin() as conn:
            if state is not None:
                write_state_rows(conn, "dedupe", version, state)
            _set_column(conn, "duplicate_of", links)
            ids = list(found)
            if ids:
                for some in chunks(ids):
                    conn.execute(delete(overlaps).where(overlaps.c.article_id.in_(some)))
                rows = [_overlap_row(a, o) for a, found_here in found.items() for o in found_here]
                if rows:
                    conn.execute(overlaps.insert(), rows)
            self.mark_stage(conn, ids, "dedupe", version)
            for article_id, reason in (failed or {}).items():
                self.mark_stage(conn, [article_id], "dedupe", version, reason, status="failed")

    def copies_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Copy id → its canonical article, for the copies of ``article_ids`` (keyed: the
        ``duplicate_of`` index)."""
        query = select(articles.c.id, articles.c.duplicate_of)
        with self.engine.connect() as conn:
            return {
                r.id: r.duplicate_of
                for ids in chunks(sorted(set(article_ids)))
                for r in conn.execute(query.where(articles.c.duplicate_of.in_(ids)))
            }

    def stories_with_articles(self, story_ids: Sequence[str]) -> set[str]:
        """Those of ``story_ids`` that some article belongs to (keyed: the ``story_id``
        index)."""
        query = select(articles.c.story_id).distinct()
        with self.engine.connect() as conn:
            return {
                r.story_id
                for ids in chunks(sorted(set(story_ids)))
                for r in conn.execute(query.where(articles.c.story_id.in_(ids)))
            }

    def overlaps(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            query = select(overlaps).order_by(overlaps.c.article_id, overlaps.c.other_id)
            return [dict(r._mapping) for r in conn.execute(query)]

    def save_stories(
        self,
        story_of: Mapping[str, str],
        changed: Sequence[Story],
        gone: Sequence[str],
        clustered: Sequence[str],
        version: str,
        state: StateRows | None = None,
        failed: Mapping[str, str] | None = None,
        clears: Sequence[str] = (),
        clears_stories: Sequence[str] = (),
        changes: Sequence[StoryChange] = (),
        merged_into: Mapping[str, str] | None = None,
    ) -> None:
        """Point articles at their stories (``story_of``: only those whose story is new or
        changed), write the rows of the ``changed`` stories, delete the ``gone`` ones (merged
        into another) with everything computed for them, and clear the per-story stamps in
        ``clears_stories`` of the changed ones, atomically. With ``state``, the rows of the
        clusterer state that produced them are written in the same transaction, so a saved
        state never describes stories that were not saved. ``changes`` go to the stories' change
        logs, and the log of each story in ``merged_into`` (gone → the story it joined)
        becomes the joined story's, in the same transaction. ``failed`` articles (id →
        reason) are stamped failed, so they are not retried at this version."""
        # keyed_sql imports this module (Snapshot), so it is imported where it is used
        from newsweave.store.keyed_sql import write_state_rows

        with self.writer.begin() as conn:
            if state is not None:
                write_state_rows(conn, "cluster", version, state)
            changes_sql.move(conn, merged_into or {})
            changes_sql.record(conn, changes)
            _set_column(conn, "story_id", story_of)
            _set_mention_stories(conn, story_of)
            written = [s.id for s in changed]
            for ids in chunks([*written, *gone]):
                conn.execute(delete(stories).where(stories.c.id.in_(ids)))
            participants_sql.forget_stories(conn, gone)
            for table in (claims, summaries, story_comparisons, events):
                for ids in chunks(gone):
                    conn.execute(delete(table).where(table.c.story_id.in_(ids)))
            clear_stories(conn, gone, None)
            clear_stories(conn, written, clears_stories)
            if changed:
                conn.execute(
                    stories.insert(),
                    [
                        {
                            "id": s.id,
                            "title": s.title,
                            "first_published": s.first_published,
                            "last_published": s.last_published,
                            "article_count": len(s.article_ids),
                        }
                        for s in changed
                    ],
                )
            self.mark_stage(conn, list(clustered), "cluster", version, clears=clears)
            for article_id, reason in (failed or {}).items():
                self.mark_stage(
                    conn, [article_id], "cluster", version, reason, clears, status="failed"
                )

    def snapshot_versions(self) -> list[tuple[str, str]]:
        """Every (stage, version) a saved state is stored under."""
        query = select(stage_snapshots.c.stage, stage_snapshots.c.version)
        with self.engine.connect() as conn:
            return sorted((r.stage, r.version) for r in conn.execute(query))

    def snapshot(self, stage: str, version: str) -> Snapshot | None:
        """The state ``stage`` saved at ``version`` after its last run, if any."""
        query = select(stage_snapshots.c.fingerprint, stage_snapshots.c.data).where(
            stage_snapshots.c.stage == stage, stage_snapshots.c.version == version
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return Snapshot(row.fingerprint, bytes(row.data)) if row is not None else None

    def stories(self) -> list[Story]:
        """Every story with its articles (oldest first); biggest and latest stories first."""
        members: dict[str, list[str]] = {}
        query = (
            select(articles.c.id, articles.c.story_id)
            .where(articles.c.story_id.is_not(None))
            .order_by(articles.c.published.is_(None), articles.c.published, articles.c.id)
        )
        with self.engine.connect() as conn:
            for r in conn.execute(query):
                members.setdefault(r.story_id, []).append(r.id)
            rows = conn.execute(select(stories)).all()
        return stories_in_order(rows, members)


def stories_in_order(rows: Sequence[Any], members: Mapping[str, Sequence[str]]) -> list[Story]:
    """Story rows with their member ids; biggest stories first, then the latest."""
    out = [
        Story(
            r.id,
            r.title or "",
            tuple(members.get(r.id, ())),
            r.first_published,
            r.last_published,
        )
        for r in rows
    ]
    out.sort(key=lambda s: (s.last_published or "", s.id), reverse=True)
    out.sort(key=lambda s: len(s.article_ids), reverse=True)
    return out


def replace_snapshot(conn: Connection, stage: str, version: str, snapshot: Snapshot) -> None:
    """The one saved state of ``stage``, in the caller's transaction."""
    conn.execute(delete(stage_snapshots).where(stage_snapshots.c.stage == stage))
    conn.execute(
        stage_snapshots.insert(),
        {
            "stage": stage,
            "version": version,
            "fingerprint": snapshot.fingerprint,
            "data": snapshot.data,
        },
    )


def _set_column(conn: Connection, column: str, values: Mapping[str, str | None]) -> None:
    """Set one column of many articles in one executemany (not a round trip per article)."""
    if values:
        conn.execute(
            update(articles)
            .where(articles.c.id == bindparam("article"))
            .values({column: bindparam("value")}),
            [{"article": a, "value": v} for a, v in values.items()],
        )


def _set_mention_stories(conn: Connection, story_of: Mapping[str, str | None]) -> None:
    """The mentions of these articles follow them to their story (``mentions.story_id``
    is the copy an entity's stories are counted from), in the caller's transaction."""
    if story_of:
        conn.execute(
            update(mentions)
            .where(mentions.c.article_id == bindparam("article"))
            .values(story_id=bindparam("value")),
            [{"article": a, "value": v} for a, v in story_of.items()],
        )


def _overlap_row(article_id: str, o: Overlap) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "other_id": o.other_id,
        "share": o.shared_fraction,
        "spans": [
            {"start": s.start, "end": s.end, "other_start": s.other_start, "other_end": s.other_end}
            for s in o.spans
        ],
    }
