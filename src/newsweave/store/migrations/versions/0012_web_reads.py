"""Indexes for the web app's paged reads: the story list in its order (biggest, then
latest) a page at a time, and the quotes an entity speaks, so neither scans its table.

Revision ID: 0012_web_reads
Revises: 0011_outcomes
"""

from __future__ import annotations

from alembic import op

revision = "0012_web_reads"
down_revision = "0011_outcomes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_stories_listing", "stories", ["article_count", "last_published", "id"])
    op.create_index("ix_quotes_speaker_entity_id", "quotes", ["speaker_entity_id"])


def downgrade() -> None:
    op.drop_index("ix_quotes_speaker_entity_id", "quotes")
    op.drop_index("ix_stories_listing", "stories")
