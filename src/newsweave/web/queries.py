"""Read-only lookups the pages need for one article or one entity.

The store's own readers return every row of a table; a page needs the rows of
one article or one entity, so these select by key through the store's engine
(SQLAlchemy Core, so SQLite and PostgreSQL alike). Nothing here writes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from newsweave.store import SqlStore
from newsweave.store.schema import articles, entities, mentions, quotes, timexes


def _rows(store: SqlStore, query: Any) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def article_facts(store: SqlStore, article_id: str) -> dict[str, list[dict[str, Any]]]:
    """Mentions (with their entity and its name), quotes and dates of one article."""
    mention_query = (
        select(mentions, entities.c.name.label("entity_name"))
        .outerjoin(entities, entities.c.id == mentions.c.entity_id)
        .where(mentions.c.article_id == article_id)
        .order_by(mentions.c.start)
    )
    return {
        "mentions": _rows(store, mention_query),
        "quotes": _rows(
            store,
            select(quotes).where(quotes.c.article_id == article_id).order_by(quotes.c.start),
        ),
        "timexes": _rows(
            store,
            select(timexes).where(timexes.c.article_id == article_id).order_by(timexes.c.start),
        ),
    }


def entity_row(store: SqlStore, entity_id: str) -> dict[str, Any] | None:
    found = _rows(store, select(entities).where(entities.c.id == entity_id))
    return found[0] if found else None


def entity_mentions(store: SqlStore, entity_id: str) -> list[dict[str, Any]]:
    """Every mention of the entity, with its article's headline, outlet and date."""
    query = (
        select(
            mentions,
            articles.c.headline,
            articles.c.outlet,
            articles.c.published,
            articles.c.story_id,
            articles.c.text.label("article_text"),
        )
        .join(articles, articles.c.id == mentions.c.article_id)
        .where(mentions.c.entity_id == entity_id)
        .order_by(articles.c.published, mentions.c.article_id, mentions.c.start)
    )
    return _rows(store, query)


def speaker_quotes(store: SqlStore, entity_id: str) -> list[dict[str, Any]]:
    query = (
        select(quotes, articles.c.headline, articles.c.outlet, articles.c.published)
        .join(articles, articles.c.id == quotes.c.article_id)
        .where(quotes.c.speaker_entity_id == entity_id)
        .order_by(articles.c.published, quotes.c.article_id, quotes.c.start)
    )
    return _rows(store, query)


def articles_brief(store: SqlStore, article_ids: list[str]) -> list[dict[str, Any]]:
    """Headline, outlet, date and size of these articles, in date order."""
    if not article_ids:
        return []
    query = (
        select(
            articles.c.id,
            articles.c.headline,
            articles.c.outlet,
            articles.c.published,
            articles.c.word_count,
            articles.c.duplicate_of,
            articles.c.story_id,
            articles.c.language,
        )
        .where(articles.c.id.in_(article_ids))
        .order_by(articles.c.published.is_(None), articles.c.published, articles.c.id)
    )
    return _rows(store, query)


def entity_names(store: SqlStore, entity_ids: list[str]) -> dict[str, str]:
    """Entity id → canonical name, for the ids that are entities (others are left out)."""
    if not entity_ids:
        return {}
    query = select(entities.c.id, entities.c.name).where(entities.c.id.in_(entity_ids))
    return {r["id"]: r["name"] for r in _rows(store, query)}


def story_quotes(store: SqlStore, article_ids: list[str]) -> list[dict[str, Any]]:
    """Quotes in these articles, with each article's outlet and date."""
    if not article_ids:
        return []
    query = (
        select(quotes, articles.c.outlet, articles.c.published, articles.c.headline)
        .join(articles, articles.c.id == quotes.c.article_id)
        .where(quotes.c.article_id.in_(article_ids))
        .order_by(articles.c.published, quotes.c.article_id, quotes.c.start)
    )
    return _rows(store, query)
