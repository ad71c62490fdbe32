"""Mentions keep their name's citation form (Russian and Ukrainian names inflect).

Revision ID: 0013_mention_base
Revises: 0012_web_reads
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_mention_base"
down_revision = "0012_web_reads"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mentions") as batch:
        batch.add_column(sa.Column("base", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mentions") as batch:
        batch.drop_column("base")
