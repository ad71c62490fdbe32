"""Per-story stage stamps, so the story stages redo only the stories whose members changed.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_stages",
        sa.Column("story_id", sa.String(32), primary_key=True),
        sa.Column("stage", sa.String(32), primary_key=True),
        sa.Column("version", sa.String(16), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("story_stages")
