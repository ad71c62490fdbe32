"""Atom feeds to follow a story, an entity or a search in any feed reader.

A story's feed has an entry per article in it and one for its briefing as it stands: the
briefing entry's id carries the brief's stored signature, so each new version of the
briefing is a new entry while an unchanged one is never shown twice.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from newsweave.compare.outlets import outlet_name
from newsweave.model import sha256_hex
from newsweave.present.story import load_story
from newsweave.store import ArticleHead, SqlStore, compare_sql
from newsweave.store.feeds_sql import stored_at
from newsweave.web import data
from newsweave.web.atom import MEDIA_TYPE, Entry, atom_document, published_time, tag_uri
from newsweave.web.routes import store_of

router = APIRouter(include_in_schema=False)
Store = Annotated[SqlStore, Depends(store_of)]

#: Characters of an article's text an entry's summary shows when it has no standfirst.
SUMMARY_CHARS = 400
#: Most entries in an entity's feed: the latest-published articles that mention it (a
#: bounded read of its mentions by date, however often it is named).
MAX_ENTRIES = 100


def atom_path(page_path: str) -> str:
    """The feed URL of a page (``/stories/ID`` → ``/stories/ID/feed.atom``)."""
    return page_path.rstrip("/") + "/feed.atom"


def _absolute(request: Request, path: str) -> str:
    return str(request.base_url).rstrip("/") + path


def _atom(request: Request, body: bytes) -> Response:
    """The feed with an ETag of its bytes; a reader that sends it back gets a bodiless 304."""
    etag = f'"{sha256_hex(body)[:32]}"'
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers={"ETag": etag})
    return Response(body, media_type=MEDIA_TYPE, headers={"ETag": etag})


def _lead(text: str, standfirst: str | None) -> str:
    if standfirst:
        return standfirst
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"


def _title(headline: str | None, outlet: str | None) -> str:
    return f"{outlet}: {headline or '(no headline)'}" if outlet else headline or "(no headline)"


def _epoch() -> datetime:
    return datetime.fromtimestamp(0, UTC)


@router.get("/stories/{story_id}/feed.atom")
def story_feed(request: Request, story_id: str, store: Store) -> Response:
    found = load_story(store, story_id)
    if found is None:
        raise HTTPException(404, f"No story with id “{story_id}”.")
    members = [s.article for s in store.articles_of(story_id)]
    times = stored_at(store, [a.id for a in members])
    entries = [
        Entry(
            id=tag_uri("article", a.id),
            title=_title(a.headline, outlet_name(a)),
            updated=times.get(a.id, _epoch()),
            link=_absolute(request, f"/articles/{a.id}"),
            summary=_lead(a.text, a.standfirst),
            published=published_time(a.published),
            author=outlet_name(a),
        )
        for a in members
    ]
    briefed = compare_sql.comparison(store, story_id, "brief")
    if briefed is not None and found.summary:
        entries.append(
            Entry(
                id=tag_uri("story", story_id, "briefing", briefed["signature"][:32]),
                title=f"Briefing updated: {found.story.title or story_id}",
                updated=max(times.values(), default=_epoch()),
                link=_absolute(request, f"/stories/{story_id}#briefing"),
                summary="\n".join(s.sentence for s in found.summary),
            )
        )
    page = f"/stories/{story_id}"
    body = atom_document(
        tag_uri("story", story_id),
        f"{found.story.title or 'Story'} · newsweave",
        _absolute(request, atom_path(page)),
        _absolute(request, page),
        entries,
        subtitle="New articles in this story across outlets, and each new version of its briefing.",
    )
    return _atom(request, body)


@router.get("/entities/{entity_id}/feed.atom")
def entity_feed(request: Request, entity_id: str, store: Store) -> Response:
    entity = store.entity_row(entity_id)
    if entity is None:
        raise HTTPException(404, f"No entity with id “{entity_id}”.")
    newest = store.newest_mentioning(entity_id, MAX_ENTRIES)
    times = stored_at(store, [m["article_id"] for m in newest])
    entries = []
    for m in newest:
        article_id = m["article_id"]
        head: ArticleHead = m["article"]
        text: str = m["article_text"]
        start, end = int(m["start"]), int(m["end"])
        around = text[max(0, start - 160) : end + 160] if m["field"] == "text" else str(m["text"])
        entries.append(
            Entry(
                id=tag_uri("article", article_id),
                title=_title(head.headline, outlet_name(head)),
                updated=times.get(article_id, _epoch()),
                link=_absolute(request, data.cite_url(article_id, start, end)),
                summary=f"… {around.strip()} …",
                published=published_time(head.published),
                author=outlet_name(head),
            )
        )
    page = f"/entities/{entity_id}"
    body = atom_document(
        tag_uri("entity", entity_id),
        f"{entity.name} · newsweave",
        _absolute(request, atom_path(page)),
        _absolute(request, page),
        entries,
        subtitle=f"Articles that mention {entity.name}.",
    )
    return _atom(request, body)


@router.get("/search/feed.atom")
def search_feed(
    request: Request, store: Store, q: Annotated[str, Query(max_length=500)] = ""
) -> Response:
    hits = store.search(q)
    times = stored_at(store, [h.article_id for h in hits])
    entries = [
        Entry(
            id=tag_uri("article", h.article_id),
            title=_title(h.headline, outlet_name(h)),
            updated=times.get(h.article_id, _epoch()),
            link=_absolute(request, f"/articles/{h.article_id}"),
            summary=h.snippet_text,
            published=published_time(h.published),
            author=outlet_name(h),
        )
        for h in hits
    ]
    page = "/search?" + request.url.query if request.url.query else "/search"
    self_path = "/search/feed.atom" + ("?" + request.url.query if request.url.query else "")
    body = atom_document(
        tag_uri("search", q),
        f"Search “{q}” · newsweave",
        _absolute(request, self_path),
        _absolute(request, page),
        entries,
        subtitle=f"Articles matching every word of “{q}”.",
    )
    return _atom(request, body)
