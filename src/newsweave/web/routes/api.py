"""JSON twins of every page under ``/api``, described in ``/openapi.json``, and the upload."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from newsweave.store import SqlStore
from newsweave.web import data
from newsweave.web.routes import since_moment, store_of
from newsweave.web.upload import (
    ArticleUpload,
    UploadResult,
    ingest_upload,
    json_content_type,
    rate_limited,
    read_upload,
    require_token,
)

router = APIRouter(prefix="/api", tags=["api"])
Store = Annotated[SqlStore, Depends(store_of)]


class ErrorOut(BaseModel):
    error: str
    status: int


class StoryBrief(BaseModel):
    id: str
    title: str
    first_published: str | None
    last_published: str | None
    article_count: int
    copies: int
    outlets: list[str]
    url: str
    #: When the story's change log last changed (ISO, UTC), and how long ago in words.
    updated: str | None = None
    updated_ago: str | None = None


class StoryList(BaseModel):
    stories: list[StoryBrief]
    page: int
    pages: int
    total: int


class SearchHit(BaseModel):
    article_id: str
    headline: str | None
    outlet: str | None
    published: str | None
    story_id: str | None
    snippet: str
    url: str


class SearchResult(BaseModel):
    query: str
    results: list[SearchHit]


NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut}}


def not_found(kind: str, key: str) -> HTTPException:
    return HTTPException(404, f"no {kind} with id {key!r}: see /api/stories or /api/search?q=")


Page = Annotated[int, Query(ge=1, le=1_000_000, description="page number, from 1")]


@router.get("/stories", response_model=StoryList)
def stories(store: Store, page: Page = 1) -> dict[str, Any]:
    """One page of the stories (biggest and latest first) with their size, outlets and
    first/last publication dates; ``pages`` and ``total`` say how many there are."""
    return data.story_list(store, page)


@router.get("/stories/{story_id}", responses=NOT_FOUND)
def story(
    story_id: str, store: Store, since: Annotated[str | None, Query(max_length=40)] = None
) -> dict[str, Any]:
    """One story: its articles (also by outlet), dated timeline with citations, quotes by
    speaker, briefing, when it last changed and its changes (``since``: 24h, 7d, an ISO
    date; else the newest)."""
    found = data.story_detail(store, story_id, since_moment(since))
    if found is None:
        raise not_found("story", story_id)
    return found


@router.get("/articles/{article_id}", responses=NOT_FOUND)
def article(article_id: str, store: Store) -> dict[str, Any]:
    """One article as exported, with its entity mentions, quotes and dates as spans."""
    found = data.article_detail(store, article_id)
    if found is None:
        raise not_found("article", article_id)
    return found


@router.get("/entities/{entity_id}", responses=NOT_FOUND)
def entity(entity_id: str, store: Store, page: Page = 1) -> dict[str, Any]:
    """One person, organisation or place: a page of its mentions (``mention_count`` in
    all), its quotes, events and stories."""
    found = data.entity_detail(store, entity_id, page)
    if found is None:
        raise not_found("entity", entity_id)
    return found


@router.get("/search", response_model=SearchResult)
def search_articles(
    store: Store, q: Annotated[str, Query(max_length=500, description="words to find")] = ""
) -> dict[str, Any]:
    """Articles whose headline or text hold every word of ``q`` (full-text, best first)."""
    keys = ("article_id", "headline", "outlet", "published", "story_id", "snippet", "url")
    hits = data.search_hits(store, q)
    return {"query": q, "results": [{k: h[k] for k in keys} for h in hits]}


@router.post(
    "/articles",
    status_code=201,
    response_model=UploadResult,
    # In this order, all before the body is read; the body is read by read_upload.
    dependencies=[Depends(rate_limited), Depends(require_token), Depends(json_content_type)],
    responses={status: {"model": ErrorOut} for status in (401, 403, 413, 415, 422, 429)},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": ArticleUpload.model_json_schema()}},
        }
    },
)
async def upload(request: Request, store: Store) -> UploadResult:
    """Add one article (``text`` or ``html``) and run every stage; needs the operator's token."""
    body = await read_upload(request)
    return await run_in_threadpool(ingest_upload, store, body)
