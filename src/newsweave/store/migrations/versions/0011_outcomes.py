"""How a stage ended on each article (done, partial, skipped, failed) and on each story
(failed, with the reason); how many bad bytes were replaced when a document was decoded.

Revision ID: 0011_outcomes
Revises: 0010_reader
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_outcomes"
down_revision = "0010_reader"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("article_stages") as batch:
        batch.add_column(sa.Column("status", sa.String(16)))
    with op.batch_alter_table("story_stages") as batch:
        batch.add_column(sa.Column("status", sa.String(16)))
        batch.add_column(sa.Column("note", sa.Text))
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("replaced", sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("story_stages") as batch:
        batch.drop_column("note")
        batch.drop_column("status")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("replaced")
    with op.batch_alter_table("article_stages") as batch:
        batch.drop_column("status")
