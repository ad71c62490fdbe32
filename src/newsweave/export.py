"""The JSON output contract (GUIDE.md §2): stable field names other tools can rely on."""

from __future__ import annotations

from typing import Any

from newsweave.model import Article
from newsweave.pipeline import STAGES
from newsweave.store.sql import SqlStore


def export_json(store: SqlStore) -> dict[str, Any]:
    """The whole store as one JSON-ready object.

    ``stages`` lists the stages that produced it, so an empty ``quotes`` list from a
    store no quote stage has run on is not mistaken for "no quotes found".
    """
    links = store.article_links()
    return {
        "articles": [
            article_json(a, *links.get(a.id, (None, None))) for a in store.iter_articles()
        ],
        "stories": [],
        "entities": [],
        "quotes": [],
        "events": [],
        "claims": [],
        "rejected": [{"source": r.source, "reason": r.reason} for r in store.rejections()],
        "stages": [{"name": s.name, "version": s.version} for s in STAGES],
    }


def article_json(a: Article, duplicate_of: str | None, story_id: str | None) -> dict[str, Any]:
    return {
        "id": a.id,
        "source": a.source,
        "headline": a.headline,
        "published": a.published,
        "published_from": a.published_from,
        "outlet": a.outlet,
        "agency": a.agency,
        "dateline": a.dateline,
        "language": a.language,
        "text": a.text,
        "duplicate_of": duplicate_of,
        "story_id": story_id,
        "url": a.url,
        "standfirst": a.standfirst,
        "cited_outlets": list(a.cited_outlets),
        "words": a.word_count,
        "part": a.part,
        "captions": [{"text": c.text, "credit": c.credit} for c in a.captions],
        "offsets": a.offsets.to_json(),
        "extra": a.extra,
    }
