"""The stage version beside each story result, so stored results can be checked against
the stage registry.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("story_comparisons") as batch:
        batch.add_column(sa.Column("version", sa.String(16)))


def downgrade() -> None:
    with op.batch_alter_table("story_comparisons") as batch:
        batch.drop_column("version")
