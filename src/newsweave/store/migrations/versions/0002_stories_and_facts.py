"""Stories, overlaps, stage bookkeeping and extracted facts.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    _story_tables()
    _fact_tables()
    _time_and_event_tables()
    _indexes()


def _story_tables() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.Text),
        sa.Column("first_published", sa.String(32)),
        sa.Column("last_published", sa.String(32)),
        sa.Column("article_count", sa.Integer, nullable=False),
    )
    op.create_table(
        "overlaps",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("other_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("share", sa.JSON, nullable=False),
        sa.Column("spans", sa.JSON, nullable=False),
    )
    op.create_table(
        "article_stages",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("stage", sa.String(32), primary_key=True),
        sa.Column("version", sa.String(16), nullable=False),
        sa.Column("note", sa.Text),
    )


def _fact_tables() -> None:
    op.create_table(
        "mentions",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("role", sa.Text),
        sa.Column("field", sa.String(16), nullable=False),
        sa.Column("caption_index", sa.Integer),
        sa.Column("entity_id", sa.String(80)),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("roles", sa.JSON, nullable=False),
    )
    op.create_table(
        "quotes",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("speaker_start", sa.Integer),
        sa.Column("speaker_end", sa.Integer),
        sa.Column("cue", sa.Text),
        sa.Column("speaker_entity_id", sa.String(80)),
    )


def _time_and_event_tables() -> None:
    op.create_table(
        "timexes",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("value", sa.String(40)),
        sa.Column("precision", sa.String(16)),
        sa.Column("anchor", sa.String(32)),
        sa.Column("mod", sa.String(16)),
        sa.Column("field", sa.String(16), nullable=False),
        sa.Column("caption_index", sa.Integer),
    )
    op.create_table(
        "event_mentions",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("story_id", sa.String(32)),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("date", sa.String(40)),
        sa.Column("precision", sa.String(16)),
        sa.Column("participants", sa.JSON, nullable=False),
        sa.Column("location", sa.Text),
        sa.Column("evidence", sa.JSON, nullable=False),
    )


def _indexes() -> None:
    op.create_index("ix_mentions_article_id", "mentions", ["article_id"])
    op.create_index("ix_mentions_entity_id", "mentions", ["entity_id"])
    op.create_index("ix_quotes_article_id", "quotes", ["article_id"])
    op.create_index("ix_timexes_article_id", "timexes", ["article_id"])
    op.create_index("ix_event_mentions_article_id", "event_mentions", ["article_id"])
    op.create_index("ix_events_story_id", "events", ["story_id"])


def downgrade() -> None:
    op.drop_index("ix_events_story_id", "events")
    op.drop_index("ix_event_mentions_article_id", "event_mentions")
    op.drop_index("ix_timexes_article_id", "timexes")
    op.drop_index("ix_quotes_article_id", "quotes")
    op.drop_index("ix_mentions_entity_id", "mentions")
    op.drop_index("ix_mentions_article_id", "mentions")
    op.drop_table("events")
    op.drop_table("event_mentions")
    op.drop_table("timexes")
    op.drop_table("quotes")
    op.drop_table("entities")
    op.drop_table("mentions")
    op.drop_table("article_stages")
    op.drop_table("overlaps")
    op.drop_table("stories")
