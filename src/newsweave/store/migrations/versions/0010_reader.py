"""What a reader follows: each story's change log, each article's section and short
permalink (filled in here for the articles already stored).

Revision ID: 0010_reader
Revises: 0009_feeds
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsweave.permalinks import candidates

revision = "0010_reader"
down_revision = "0009_feeds"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_changes",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("story_id", sa.String(32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
    )
    op.create_index("ix_story_changes_story_id_at", "story_changes", ["story_id", "at"])
    op.create_index("ix_story_changes_at", "story_changes", ["at"])
    op.create_index("ix_story_changes_subject", "story_changes", ["subject"])
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("section", sa.Text))
        batch.add_column(sa.Column("short", sa.String(16)))
    with op.batch_alter_table("story_comparisons") as batch:
        batch.add_column(sa.Column("members", sa.JSON))
    _fill_shorts()
    op.create_index("ix_articles_short", "articles", ["short"], unique=True)


def _fill_shorts() -> None:
    """Every stored article gets its short, in id order (a one-off pass at upgrade)."""
    articles = sa.table("articles", sa.column("id", sa.String), sa.column("short", sa.String))
    conn = op.get_bind()
    taken: set[str] = set()
    rows = []
    for (article_id,) in conn.execute(sa.select(articles.c.id).order_by(articles.c.id)):
        short = next(s for s in candidates(article_id) if s not in taken)
        taken.add(short)
        rows.append({"key": article_id, "value": short})
    if rows:
        conn.execute(
            articles.update()
            .where(articles.c.id == sa.bindparam("key"))
            .values(short=sa.bindparam("value")),
            rows,
        )


def downgrade() -> None:
    op.drop_index("ix_articles_short", "articles")
    with op.batch_alter_table("story_comparisons") as batch:
        batch.drop_column("members")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("short")
        batch.drop_column("section")
    op.drop_index("ix_story_changes_subject", "story_changes")
    op.drop_index("ix_story_changes_at", "story_changes")
    op.drop_index("ix_story_changes_story_id_at", "story_changes")
    op.drop_table("story_changes")
