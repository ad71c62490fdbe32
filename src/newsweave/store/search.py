"""Full-text search over article headlines and text.

SQLite: an FTS5 table of its own (``article_fts``), created if missing and kept
in step with ``articles`` by id, so the store's schema and migrations stay
untouched and the index can be rebuilt at any time. PostgreSQL: the built-in
full-text functions over the articles table, no index table needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, text

from newsweave.store.locks import write_engine

#: Characters put around each match in a snippet; control characters never in article text.
MATCH_OPEN, MATCH_CLOSE = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_RESULTS = 50


@dataclass(frozen=True)
class Hit:
    """One matching article: its listing columns and a snippet of the matched words."""

    article_id: str
    headline: str | None
    outlet: str | None
    published: str | None
    story_id: str | None
    snippet: str  # plain text; matches sit between MATCH_OPEN and MATCH_CLOSE
    url: str | None
    agency: str | None
    source: str
    part: int

    @property
    def id(self) -> str:
        """The article's id, under the name ``compare.outlets.outlet_name`` reads."""
        return self.article_id

    @property
    def snippet_text(self) -> str:
        return self.snippet.replace(MATCH_OPEN, "").replace(MATCH_CLOSE, "")


def sync_index(engine: Engine) -> int:
    """Create the SQLite FTS table if needed and add/remove rows to match ``articles``.

    Idempotent; returns how many articles were added. A no-op on PostgreSQL.
    """
    if engine.dialect.name != "sqlite":
        return 0
    with write_engine(engine).begin() as conn:
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5("
                "article_id UNINDEXED, headline, body, tokenize='unicode61 remove_diacritics 2')"
            )
        )
        conn.execute(
            text("DELETE FROM article_fts WHERE article_id NOT IN (SELECT id FROM articles)")
        )
        added = conn.execute(
            text(
                "INSERT INTO article_fts (article_id, headline, body) "
                "SELECT id, coalesce(headline, ''), text FROM articles "
                "WHERE id NOT IN (SELECT article_id FROM article_fts)"
            )
        )
        return int(added.rowcount or 0)


def _index_current(engine: Engine) -> bool:
    """True when the FTS table exists and holds as many rows as ``articles`` (a cheap check
    that catches articles a ``newsweave run`` added while the server was up)."""
    with engine.connect() as conn:
        exists = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'article_fts'")
        ).first()
        if exists is None:
            return False
        # FTS5 keeps one row per indexed document in its ``_docsize`` shadow table: counting
        # that b-tree is a fraction of a millisecond, counting ``article_fts`` itself reads
        # the whole index (22 ms at 2,000 articles, on every search).
        indexed = conn.execute(text("SELECT count(*) FROM article_fts_docsize")).scalar_one()
        stored = conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
        return bool(indexed == stored)


def fts_query(q: str) -> str:
    """The user's words as an FTS5 query: each word quoted, all required.

    Quoting keeps FTS5 syntax (AND, NEAR, ``*``, ``:``) in user input from being
    read as operators or raising syntax errors.
    """
    return " ".join(f'"{w}"' for w in _WORD.findall(q))


def ensure_index(engine: Engine) -> bool:
    """Bring the SQLite index in step if it is behind; True when it already was (and on
    PostgreSQL, which needs none)."""
    if engine.dialect.name != "sqlite" or _index_current(engine):
        return True
    sync_index(engine)
    return False


def search(engine: Engine, q: str, limit: int = MAX_RESULTS, *, checked: bool = False) -> list[Hit]:
    """Articles matching every word of ``q``, best first. ``checked``: the caller knows
    the index is current (``ensure_index``), so it is not counted again."""
    if not _WORD.search(q):
        return []
    if not checked:
        ensure_index(engine)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            return _search_sqlite(conn, q, limit)
        return _search_postgres(conn, q, limit)


def _search_sqlite(conn: Connection, q: str, limit: int) -> list[Hit]:
    rows = conn.execute(
        text(
            "SELECT a.id, a.headline, a.outlet, a.published, a.story_id, "
            "snippet(article_fts, 2, :o, :c, ' … ', 24) AS snip, "
            "a.url, a.agency, a.source, a.part "
            "FROM article_fts JOIN articles a ON a.id = article_fts.article_id "
            "WHERE article_fts MATCH :q ORDER BY bm25(article_fts, 0.0, 5.0, 1.0) LIMIT :n"
        ),
        {"o": MATCH_OPEN, "c": MATCH_CLOSE, "q": fts_query(q), "n": limit},
    )
    return [_hit(r) for r in rows]


def _search_postgres(conn: Connection, q: str, limit: int) -> list[Hit]:
    """PostgreSQL full text (``simple`` configuration: no stemming for mixed languages)
    through the GIN index on each article's stored search document (migration
    ``0017_pg_search_doc``)."""
    rows = conn.execute(
        text(
            "SELECT id, headline, outlet, published, story_id, "
            "ts_headline('simple', text, plainto_tsquery('simple', :q), "
            "'StartSel=' || :o || ', StopSel=' || :c || ', MaxWords=30, MinWords=10'), "
            "url, agency, source, part "
            "FROM articles WHERE search_doc @@ plainto_tsquery('simple', :q) "
            "ORDER BY ts_rank(search_doc, plainto_tsquery('simple', :q)) DESC LIMIT :n"
        ),
        {"o": MATCH_OPEN, "c": MATCH_CLOSE, "q": q, "n": limit},
    )
    return [_hit(r) for r in rows]


def _hit(r: Any) -> Hit:
    return Hit(r[0], r[1], r[2], r[3], r[4], r[5] or "", r[6], r[7], r[8], r[9])
