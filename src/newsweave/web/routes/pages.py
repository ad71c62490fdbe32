"""HTML pages: story list, story, article, entity, search; short permalinks redirect to them."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from newsweave.store import SqlStore
from newsweave.web import data
from newsweave.web.article_html import CITE_ANCHOR, body_html, parse_cite
from newsweave.web.routes import since_moment, store_of

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Store = Annotated[SqlStore, Depends(store_of)]


def page(request: Request, name: str, context: dict[str, Any]) -> Response:
    response: Response = request.app.state.templates.TemplateResponse(request, name, context)
    return response


#: ``?page=N`` (the parameter is renamed here: ``page`` is the render helper's name).
PageNumber = Annotated[int, Query(ge=1, le=1_000_000, alias="page")]


@router.get("/")
def index(request: Request, store: Store, page_number: PageNumber = 1) -> Response:
    return page(request, "index.html", {"listing": data.story_list(store, page_number)})


@router.get("/stories/{story_id}")
def story(
    request: Request,
    story_id: str,
    store: Store,
    since: Annotated[str | None, Query(max_length=40)] = None,
    show: Annotated[str, Query(pattern="^(all)?$")] = "",
) -> Response:
    """A story's page: its first claims and each speaker's first quotes, or (``?show=all``)
    every one of them."""
    found = data.story_detail(store, story_id, since_moment(since), full=show == "all")
    if found is None:
        raise HTTPException(404, f"No story with id “{story_id}”.")
    query = f"?since={quote(since)}&show=all" if since else "?show=all"
    context = {"story": found, "since": since or "", "show_all": query}
    return page(request, "story.html", context)


@router.get("/s/{short}")
def story_permalink(short: str, store: Store) -> Response:
    """A story's short permalink: a redirect to its page (or the story it merged into)."""
    return _permalink(store, "s", short, "story")


@router.get("/a/{short}")
def article_permalink(short: str, store: Store) -> Response:
    """An article's short permalink: a redirect to its page."""
    return _permalink(store, "a", short, "article")


def _permalink(store: SqlStore, kind: str, short: str, name: str) -> Response:
    target = data.resolve_short(store, kind, short)
    if target is None:
        raise HTTPException(404, f"No {name} has the permalink “{short}”.")
    return RedirectResponse(target, status_code=302)


@router.get("/articles/{article_id}")
def article(
    request: Request,
    article_id: str,
    store: Store,
    start: int | None = None,
    end: int | None = None,
    field: Annotated[str, Query(pattern="^(text|caption)$")] = "text",
    index: int | None = None,
) -> Response:
    detail = data.article_detail(store, article_id)
    if detail is None:
        raise HTTPException(404, f"No article with id “{article_id}”.")
    cite, problem = parse_cite(detail, start, end, field, index)
    body, captions = body_html(detail, cite)
    context = {
        "article": {**detail, "link": data.web_link(detail["url"])},
        "body": body,
        "captions": captions,
        "cite": cite,
        "cite_problem": problem,
        "anchor": CITE_ANCHOR,
    }
    return page(request, "article.html", context)


@router.get("/entities/{entity_id}")
def entity(
    request: Request,
    entity_id: str,
    store: Store,
    page_number: PageNumber = 1,
) -> Response:
    found = data.entity_detail(store, entity_id, page_number)
    if found is None:
        raise HTTPException(404, f"No entity with id “{entity_id}”.")
    shown = {"quotes_shown": data.QUOTES_SHOWN, "events_shown": data.EVENTS_SHOWN}
    return page(request, "entity.html", {"entity": found, **shown})


@router.get("/search")
def search_page(
    request: Request, store: Store, q: Annotated[str, Query(max_length=500)] = ""
) -> Response:
    return page(request, "search.html", {"q": q, "hits": data.search_hits(store, q)})
