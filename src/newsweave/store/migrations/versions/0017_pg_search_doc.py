"""PostgreSQL full text through an index: each article keeps its search document as a
stored generated ``tsvector`` (``simple`` configuration, headline then text) with a GIN
index on it, so a search reads the posting lists of its words and ranks the matching
rows from their stored vectors, instead of building a vector of every article's text on
each query (a whole-table read per search). SQLite has its own FTS5 index and needs
nothing here.

The text is cut at ``SEARCH_CHARS`` characters: PostgreSQL refuses a ``tsvector`` over
1 MB, which a hostile 2-million-character article of distinct words would pass, and a
generated column that cannot be computed would refuse the article itself.

Revision ID: 0017_pg_search_doc
Revises: 0016_mention_keys
"""

from __future__ import annotations

from alembic import op

revision = "0017_pg_search_doc"
down_revision = "0016_mention_keys"
branch_labels = None
depends_on = None

#: Characters of headline and text indexed per article (about 50,000 words).
SEARCH_CHARS = 300_000


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # The store turns every string column into text in byte order after the migrations
    # (store.postgres.text_columns_as_in_sqlite); a column a generated column reads can
    # no longer change type, so the two it reads are turned here first.
    for column in ("headline", "text"):
        op.execute(f'ALTER TABLE articles ALTER COLUMN "{column}" TYPE text COLLATE "C"')
    op.execute(
        "ALTER TABLE articles ADD COLUMN search_doc tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('simple', left(coalesce(headline, '') || ' ' || text, {SEARCH_CHARS}))) "
        "STORED"
    )
    op.execute("CREATE INDEX ix_articles_search_doc ON articles USING GIN (search_doc)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX ix_articles_search_doc")
    op.execute("ALTER TABLE articles DROP COLUMN search_doc")
