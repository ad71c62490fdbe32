"""The web app: ``create_app(db_url, token)`` builds a FastAPI app over one store.

Pages and their JSON twins read the store; only ``POST /api/articles`` writes,
and only with the operator's token. Templates autoescape; a strict Content
Security Policy (scripts and styles from this server only) backs that up, and
requests naming another host are refused (``web/security.py``). docs/security.md
gives the threat model.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsweave import __version__, settings
from newsweave.store import open_store
from newsweave.web.cache import PageCache
from newsweave.web.filters import when
from newsweave.web.ratelimit import TokenBucket
from newsweave.web.security import GuardedApp, guard

_HERE = Path(str(resources.files("newsweave.web")))


#: Names a dict answers as attributes (``d.items``, ``d.get``): these stay attributes.
_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """Jinja2 whose ``x.name`` looks a plain dict's key up first.

    The pages' data are dicts; Jinja2 tries ``getattr`` first and reaches the key through
    the AttributeError it raises, which was a tenth of a story page's CPU. The result is
    the same: names that are dict attributes (``items``, ``get``) are still attributes,
    and a missing key still falls through to Jinja2's own lookup (undefined)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def templates() -> Jinja2Templates:
    """Jinja2 with autoescaping on for every template (the .html default, made explicit)."""
    env = _Environment(
        loader=jinja2.FileSystemLoader(str(_HERE / "templates")),
        autoescape=True,
        # Templates ship with the package and never change while it runs: no stat of
        # each template file on every render.
        auto_reload=False,
    )
    env.filters["when"] = when
    return Jinja2Templates(env=env)


def create_app(
    db_url: str,
    token: str | None = None,
    *,
    allowed_hosts: Sequence[str] = settings.ALLOWED_HOSTS,
    allowed_origins: Sequence[str] = (),
    max_upload_bytes: int = settings.MAX_UPLOAD_BYTES,
    uploads_per_minute: float = settings.UPLOADS_PER_MINUTE,
    upload_burst: int = settings.UPLOAD_BURST,
    cache_mb: float = settings.PAGE_CACHE_MB,
) -> FastAPI:
    """An app over the store at ``db_url`` (a file path or URL); ``token`` enables uploads.

    ``allowed_hosts``: Host header values answered (``"*"`` answers any); ``allowed_origins``:
    other sites whose scripts may call the API (CORS; none by default); ``cache_mb``: memory
    for rendered pages kept while the store is unchanged (``web/cache.py``; 0: none).
    """
    store = open_store(db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        store.sync_search_index()
        # What is loaded by now (modules, templates, the engine) lives as long as the
        # process: moved out of the collector's reach, the full collections that a page's
        # many short-lived dicts set off stop re-walking it (a third of a story page's CPU).
        # Garbage is collected first so that none of it is frozen.
        gc.collect()
        gc.freeze()
        yield
        store.close()

    app = GuardedApp(
        title="newsweave",
        version=__version__,
        description="Stories, articles, entities and search over a newsweave store.",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN; /openapi.json stays
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.token = token or None
    app.state.templates = templates()
    app.state.max_upload_bytes = max_upload_bytes
    app.state.upload_bucket = TokenBucket(uploads_per_minute, upload_burst)
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")

    from newsweave.web.routes import api, feeds, pages

    app.include_router(api.router)
    app.include_router(feeds.router)
    app.include_router(pages.router)
    _add_error_handlers(app)
    # Added before the guard, so it sits inside it: the Host check runs before a kept
    # page is served, and CORS headers are decided per request.
    app.add_middleware(
        PageCache,
        stamp=store.data_stamp,
        max_bytes=int(cache_mb * 1024 * 1024),
        ttl=settings.PAGE_CACHE_SECONDS,
    )
    guard(app, allowed_hosts, allowed_origins)
    return app


#: How ``newsweave serve --workers N`` hands its options to each worker process: Uvicorn
#: starts workers from an import string, so the options travel as JSON in the environment
#: (the token stays in its own variable; only that variable's name is passed).
SERVE_OPTIONS_ENV = "NEWSWEAVE_SERVE_OPTIONS"


def app_from_environment() -> FastAPI:
    """The app ``create_app`` builds from the JSON options in ``SERVE_OPTIONS_ENV``
    (``db_url``, ``token_env`` and ``create_app``'s keyword options)."""
    options = json.loads(os.environ[SERVE_OPTIONS_ENV])
    token = os.environ.get(options.pop("token_env")) or None
    return create_app(options.pop("db_url"), token=token, **options)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def error_response(request: Request, status: int, message: str, headers: Any = None) -> Response:
    """One error shape: ``{"error", "status"}`` under /api, an HTML page elsewhere."""
    if _wants_json(request):
        body = {"error": message, "status": status}
        return JSONResponse(body, status_code=status, headers=headers)
    page = request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )
    if headers:
        page.headers.update(headers)
    return page  # type: ignore[no-any-return]


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}: see / for the stories"
        return error_response(request, exc.status_code, message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:]) or 'body'}: {e['msg']}" for e in exc.errors()
        )
        return error_response(request, 422, f"invalid request: {problems}")
