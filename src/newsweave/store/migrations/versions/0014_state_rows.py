"""Stage states as keyed rows, read a key at a time instead of one blob per stage.

Revision ID: 0014_state_rows
Revises: 0013_mention_base
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_state_rows"
down_revision = "0013_mention_base"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stage_state_rows",
        sa.Column("stage", sa.String(32), primary_key=True),
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("stage_state_rows")
