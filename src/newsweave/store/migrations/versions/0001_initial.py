"""Documents, articles and rejections.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("content_hash", sa.String(64), primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("encoding", sa.String(40), nullable=False),
        sa.Column("raw", sa.Text, nullable=False),
        sa.Column("hints", sa.JSON, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column(
            "document_hash", sa.String(64), sa.ForeignKey("documents.content_hash"), nullable=False
        ),
        sa.Column("part", sa.Integer, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("headline", sa.Text),
        sa.Column("published", sa.String(32)),
        sa.Column("published_from", sa.String(16)),
        sa.Column("outlet", sa.Text),
        sa.Column("agency", sa.Text),
        sa.Column("dateline", sa.Text),
        sa.Column("language", sa.String(8)),
        sa.Column("url", sa.Text),
        sa.Column("standfirst", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("word_count", sa.Integer, nullable=False),
        sa.Column("cited_outlets", sa.JSON, nullable=False),
        sa.Column("captions", sa.JSON, nullable=False),
        sa.Column("offsets", sa.JSON, nullable=False),
        sa.Column("extra", sa.JSON, nullable=False),
        sa.Column("duplicate_of", sa.String(16)),
        sa.Column("story_id", sa.String(32)),
    )
    op.create_index("ix_articles_document_hash", "articles", ["document_hash"])
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_text_hash", "articles", ["text_hash"])
    op.create_table(
        "rejections",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("rejected_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("rejections")
    op.drop_index("ix_articles_text_hash", "articles")
    op.drop_index("ix_articles_published", "articles")
    op.drop_index("ix_articles_document_hash", "articles")
    op.drop_table("articles")
    op.drop_table("documents")
