"""Reading and writing the state of watched feeds, as plain functions over a store.

``newsweave watch`` keeps one row per feed (``schema.feeds``) and one per item URL it has
handled (``schema.feed_items``), and asks which item URLs are known so that a restarted
watch never fetches a page twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select

from newsweave.model import FeedState
from newsweave.store.chunking import chunks
from newsweave.store.schema import articles, documents, feed_items, feeds, rejections
from newsweave.store.sql import SqlStore


def feed_states(store: SqlStore) -> list[FeedState]:
    """Every watched feed, in URL order."""
    with store.engine.connect() as conn:
        return [_state(r) for r in conn.execute(select(feeds).order_by(feeds.c.url)).mappings()]


def feed_state(store: SqlStore, url: str) -> FeedState | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(feeds).where(feeds.c.url == url)).mappings().first()
    return _state(row) if row is not None else None


def save_feed_state(store: SqlStore, state: FeedState) -> None:
    """Write one feed's state, replacing what was stored (one transaction)."""
    with store.writer.begin() as conn:
        conn.execute(delete(feeds).where(feeds.c.url == state.url))
        conn.execute(
            feeds.insert().values(
                url=state.url,
                kind=state.kind,
                title=state.title,
                etag=state.etag,
                last_modified=state.last_modified,
                last_poll=state.last_poll,
                last_status=state.last_status,
                next_poll=state.next_poll,
                consecutive_errors=state.consecutive_errors,
                last_error=state.last_error,
                articles_found=state.articles_found,
            )
        )


def known_sources(store: SqlStore, urls: Sequence[str]) -> set[str]:
    """Which of these URLs a watch has handled, or are stored as a document's or a
    rejection's source (read by ``newsweave run`` or before the watch recorded them)."""
    found: set[str] = set()
    with store.engine.connect() as conn:
        for wanted in chunks(sorted(set(urls))):
            for column in (feed_items.c.url, documents.c.source, rejections.c.source):
                found.update(conn.execute(select(column).where(column.in_(wanted))).scalars())
    return found


def mark_items(store: SqlStore, feed_url: str, outcomes: Mapping[str, str]) -> None:
    """Record item URLs as handled (``outcome``: fetched, rejected), in one transaction; a
    URL recorded before keeps its first record."""
    now = datetime.now(UTC)
    with store.writer.begin() as conn:
        for wanted in chunks(sorted(outcomes)):
            seen = set(
                conn.execute(select(feed_items.c.url).where(feed_items.c.url.in_(wanted))).scalars()
            )
            rows = [
                {"url": u, "feed_url": feed_url, "outcome": outcomes[u], "seen_at": now}
                for u in wanted
                if u not in seen
            ]
            if rows:
                conn.execute(feed_items.insert(), rows)


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _state(row: Any) -> FeedState:
    return FeedState(
        url=row["url"],
        kind=row["kind"],
        title=row["title"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        last_poll=_aware(row["last_poll"]),
        last_status=row["last_status"],
        next_poll=_aware(row["next_poll"]),
        consecutive_errors=row["consecutive_errors"],
        last_error=row["last_error"],
        articles_found=row["articles_found"],
    )


def stored_at(store: SqlStore, article_ids: Sequence[str]) -> dict[str, datetime]:
    """When each article's document was stored: the ``updated`` time of its Atom entries."""
    found: dict[str, datetime] = {}
    query = select(articles.c.id, documents.c.ingested_at).join(
        documents, documents.c.content_hash == articles.c.document_hash
    )
    with store.engine.connect() as conn:
        for wanted in chunks(sorted(set(article_ids))):
            for row in conn.execute(query.where(articles.c.id.in_(wanted))):
                when = _aware(row.ingested_at)
                if when is not None:
                    found[row.id] = when
    return found
