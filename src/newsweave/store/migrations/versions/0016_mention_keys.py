"""Mentions keyed by entity and date: each mention carries its article's ``published``
date and ``story_id``, and two indexes lead with the entity, ``(entity_id, published,
article_id, start, id)`` and ``(entity_id, story_id)``, so an entity page reads one page
of its mentions by date, and counts its stories, from the index instead of joining every
article that names it (0.5 s for an entity named 10,000 times). They replace the index
on ``entity_id`` alone, which both lead with. Existing mentions are filled here, a batch
of articles at a time.

Revision ID: 0016_mention_keys
Revises: 0015_event_participants
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_mention_keys"
down_revision = "0015_event_participants"
branch_labels = None
depends_on = None

#: Articles read, and their mentions updated, per batch.
BATCH = 2000

# The tables as this revision knows them (the app's schema may move on).
_articles = sa.table("articles", sa.column("id"), sa.column("published"), sa.column("story_id"))
_mentions = sa.table(
    "mentions", sa.column("article_id"), sa.column("published"), sa.column("story_id")
)


def upgrade() -> None:
    op.add_column("mentions", sa.Column("published", sa.String(32)))
    op.add_column("mentions", sa.Column("story_id", sa.String(32)))
    backfill(op.get_bind())
    op.drop_index("ix_mentions_entity_id", "mentions")
    op.create_index(
        "ix_mentions_entity_published",
        "mentions",
        ["entity_id", "published", "article_id", "start", "id"],
    )
    op.create_index("ix_mentions_entity_story", "mentions", ["entity_id", "story_id"])


def backfill(conn: sa.Connection) -> int:
    """Each stored mention given its article's date and story, the articles read in id
    order a batch at a time (keyset paging: memory bounded on any store); how many
    articles were read."""
    done, after = 0, ""
    update = (
        sa.update(_mentions)
        .where(_mentions.c.article_id == sa.bindparam("article"))
        .values(published=sa.bindparam("date"), story_id=sa.bindparam("story"))
    )
    while True:
        batch = conn.execute(
            sa.select(_articles.c.id, _articles.c.published, _articles.c.story_id)
            .where(_articles.c.id > after)
            .order_by(_articles.c.id)
            .limit(BATCH)
        ).all()
        if not batch:
            return done
        after = batch[-1].id
        conn.execute(
            update, [{"article": r.id, "date": r.published, "story": r.story_id} for r in batch]
        )
        done += len(batch)


def downgrade() -> None:
    op.drop_index("ix_mentions_entity_story", "mentions")
    op.drop_index("ix_mentions_entity_published", "mentions")
    op.create_index("ix_mentions_entity_id", "mentions", ["entity_id"])
    with op.batch_alter_table("mentions") as batch:
        batch.drop_column("story_id")
        batch.drop_column("published")
