"""Indexes on the article columns that keyed reads select by: a story's articles
(``story_id``) and a group's copies (``duplicate_of``), so neither scans the table.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_story_id", "articles", ["story_id"])
    op.create_index("ix_articles_duplicate_of", "articles", ["duplicate_of"])


def downgrade() -> None:
    op.drop_index("ix_articles_duplicate_of", "articles")
    op.drop_index("ix_articles_story_id", "articles")
