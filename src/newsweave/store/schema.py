"""Table definitions shared by every SQL backend (SQLite and PostgreSQL).

Migrations in ``migrations/versions`` create exactly these tables; a test
checks that the migrated schema and this module agree.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Integer, MetaData, String, Table, Text

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("content_hash", String(64), primary_key=True),
    Column("source", Text, nullable=False),
    Column("format", String(16), nullable=False),
    Column("encoding", String(40), nullable=False),
    Column("raw", Text, nullable=False),
    Column("hints", JSON, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(16), primary_key=True),
    Column(
        "document_hash",
        String(64),
        ForeignKey("documents.content_hash"),
        nullable=False,
        index=True,
    ),
    Column("part", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Column("headline", Text),
    Column("published", String(32), index=True),
    Column("published_from", String(16)),
    Column("outlet", Text),
    Column("agency", Text),
    Column("dateline", Text),
    Column("language", String(8)),
    Column("url", Text),
    Column("standfirst", Text),
    Column("text", Text, nullable=False),
    Column("text_hash", String(64), nullable=False, index=True),
    Column("word_count", Integer, nullable=False),
    Column("cited_outlets", JSON, nullable=False),
    Column("captions", JSON, nullable=False),
    Column("offsets", JSON, nullable=False),
    Column("extra", JSON, nullable=False),
    Column("duplicate_of", String(16)),
    Column("story_id", String(32)),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("content_hash", String(64)),
    Column("rejected_at", DateTime(timezone=True), nullable=False),
)
