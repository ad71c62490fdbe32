"""The story list read from one index on SQLite: ``(story_id, published, id, outlet,
url, agency, duplicate_of)`` holds every column a page of the list reads of its
members (``ListedMember`` and the members' order), so the page no longer reads each
member's table row (about 3.5 KB of text and facts each, one page of the file per
member: three quarters of the list's SQL time at 50 stories of 700 members).

SQLite only: a PostgreSQL B-tree entry is limited to about 2.7 KB, and a hostile URL or
outlet name over that would make the article's insert fail; PostgreSQL reads the
members through ``ix_articles_story_id`` as before.

Revision ID: 0018_listing_index
Revises: 0017_pg_search_doc
"""

from __future__ import annotations

from alembic import op

revision = "0018_listing_index"
down_revision = "0017_pg_search_doc"
branch_labels = None
depends_on = None

INDEX = "ix_articles_story_listing"
COLUMNS = ["story_id", "published", "id", "outlet", "url", "agency", "duplicate_of"]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.create_index(INDEX, "articles", COLUMNS)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.drop_index(INDEX, "articles")
