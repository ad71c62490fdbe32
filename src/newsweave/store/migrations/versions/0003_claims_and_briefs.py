"""Claims compared across outlets, story briefings, and per-story comparison results.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("story_id", sa.String(32), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("outlets_supporting", sa.JSON, nullable=False),
        sa.Column("outlets_silent", sa.JSON, nullable=False),
        sa.Column("disagreements", sa.JSON, nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
    )
    op.create_index("ix_claims_story_id", "claims", ["story_id"])
    op.create_table(
        "summaries",
        sa.Column("story_id", sa.String(32), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("citations", sa.JSON, nullable=False),
    )
    op.create_table(
        "story_comparisons",
        sa.Column("story_id", sa.String(32), primary_key=True),
        sa.Column("stage", sa.String(16), primary_key=True),
        sa.Column("signature", sa.String(64), nullable=False),
        sa.Column("outlets", sa.JSON, nullable=False),
        sa.Column("framing", sa.JSON, nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("groups", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("story_comparisons")
    op.drop_table("summaries")
    op.drop_index("ix_claims_story_id", "claims")
    op.drop_table("claims")
