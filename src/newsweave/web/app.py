"""The web app: ``create_app(db_url, token)`` builds a FastAPI app over one store.

Pages and their JSON twins read the store; only ``POST /api/articles`` writes,
and only with the operator's token. Templates autoescape; a strict Content
Security Policy (scripts and styles from this server only) backs that up.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsweave import __version__
from newsweave.store import open_store
from newsweave.web.filters import when

_HERE = Path(str(resources.files("newsweave.web")))
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def templates() -> Jinja2Templates:
    """Jinja2 with autoescaping on for every template (the .html default, made explicit)."""
    found = Jinja2Templates(directory=str(_HERE / "templates"))
    found.env.autoescape = True
    found.env.filters["when"] = when
    return found


def create_app(db_url: str, token: str | None = None) -> FastAPI:
    """An app over the store at ``db_url`` (a file path or URL); ``token`` enables uploads."""
    store = open_store(db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        store.sync_search_index()
        yield
        store.close()

    app = FastAPI(
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
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")

    from newsweave.web.routes import api, feeds, pages

    app.include_router(api.router)
    app.include_router(feeds.router)
    app.include_router(pages.router)
    _add_error_handlers(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    return app


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
