"""What every response carries and which requests reach the app at all.

Security headers are added by an ASGI wrapper around the whole middleware stack, so
they are on every response: pages, JSON, static files, errors (even a 500 that
Starlette's outermost error middleware writes) and refusals of a foreign Host.
The Host check is Starlette's ``TrustedHostMiddleware``; CORS is Starlette's
``CORSMiddleware``, added only when the operator names origins.
"""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Scripts, styles and images from this server only (no inline script or style, no
#: ``eval``); no plugins; no framing by any other page; forms post back here only.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

#: Sent with every response. X-Frame-Options repeats ``frame-ancestors`` for browsers
#: that predate CSP level 2.
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """ASGI wrapper: adds ``HEADERS`` to each HTTP response start that lacks them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in HEADERS if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class GuardedApp(FastAPI):
    """FastAPI whose whole middleware stack sits inside ``SecurityHeaders``.

    ``app.middleware`` would place the headers inside Starlette's error middleware,
    so a 500 would go out without them; wrapping the built stack covers it.
    """

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeaders(super().build_middleware_stack())


def guard(app: FastAPI, allowed_hosts: Sequence[str], allowed_origins: Sequence[str]) -> None:
    """Refuse requests for other host names (400); allow cross-origin reads only from
    ``allowed_origins`` (none by default: browsers then block other sites' scripts)."""
    if allowed_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(allowed_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
