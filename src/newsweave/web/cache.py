"""Rendered pages kept in memory while the store is unchanged, and ETags on them.

A page costs 5-30 ms of CPU to read and render; readers ask for the same story list and
the same popular stories over and over, and the store changes only when a run or an
upload commits. ``PageCache`` (an ASGI wrapper inside the Host check, so a refused host
never reaches it, and inside the security headers, so a cached answer carries them) keeps
each successful GET's answer under its scheme, host, path and query, tagged with the store's data
stamp (``SqlStore.data_stamp``: it moves on every commit, by this process or another).
An entry is served only while the stamp is the one it was made under and for at most
``ttl`` seconds (pages say "5 min ago", and ``?since=24h`` moves with the clock).

Every answer it passes (cached or not) carries a strong ``ETag`` (a hash of the body)
and ``Cache-Control: no-cache``: a browser asks again each time, and gets an empty 304
when its copy is still the page.

While one request renders a page, other requests for that page wait for it rather than
render it too (twenty readers opening the front page at once cost one render).

Stores without a stamp (PostgreSQL) get the ETags but no cache.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Responses under these paths are not kept: static files carry their own ETags and cost
#: no store read; uploads are POSTs, never cached anyway.
_PASS_PREFIXES = ("/static/",)
#: The app's headers this wrapper sets itself (the length, the ETag when the app gave
#: none, and the caching rule). The security headers and CORS are added outside it.
_REPLACED_HEADERS = frozenset({b"content-length", b"etag", b"cache-control", b"x-cache"})
#: Says an answer came from the cache (for load tests and operators; names no data).
_HIT = (b"x-cache", b"hit")
#: The answers held back to be tagged and kept: a 200 is the page itself. Anything else
#: (redirects, 404s for probed ids, errors) passes straight through: cheap to make, and
#: a 404 per probed id would push real pages out of the cache.
_KEPT_STATUSES = frozenset({200})


@dataclass(frozen=True, slots=True)
class Entry:
    stamp: int
    #: The status the app answered (only 200s are kept today: ``_KEPT_STATUSES``).
    status: int
    made: float
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes
    etag: bytes


class PageCache:
    """ASGI wrapper: GET 200 answers kept, at most ``max_bytes`` of bodies (least
    recently used dropped first), none bigger than ``max_entry_bytes``; ``stamp`` gives
    the store's data stamp (None: keep nothing)."""

    def __init__(
        self,
        app: ASGIApp,
        stamp: Callable[[], int | None],
        *,
        max_bytes: int,
        ttl: float,
        max_entry_bytes: int = 4 * 1024 * 1024,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.stamp = stamp
        self.max_bytes = max_bytes
        self.ttl = ttl
        self.max_entry_bytes = min(max_entry_bytes, max_bytes)
        self.clock = clock
        self.entries: OrderedDict[tuple[bytes, str, bytes], Entry] = OrderedDict()
        self.size = 0
        self.hits = 0
        self.misses = 0
        self._rendering: dict[tuple[bytes, str, bytes], asyncio.Event] = {}
        self._last_stamp: int | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or scope["path"].startswith(_PASS_PREFIXES)
        ):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        wanted = headers.get(b"if-none-match")
        # The scheme and host are in the key: feeds give absolute links built from them.
        origin = scope.get("scheme", "http").encode() + b"://" + headers.get(b"host", b"")
        key = (origin, scope["path"], scope["query_string"])
        stamp = self.stamp() if self.max_bytes > 0 else None
        if stamp is None:
            await self._render(scope, receive, send, wanted, None, None)
            return
        if stamp != self._last_stamp:  # the store changed: nothing kept is current
            self._last_stamp = stamp
            self.entries.clear()
            self.size = 0
        while True:
            entry = self._fresh(key, stamp)
            if entry is not None:
                self.hits += 1
                kept = (*entry.headers, _HIT)
                await _answer(send, entry.status, kept, entry.body, entry.etag, wanted)
                return
            busy = self._rendering.get(key)
            if busy is None:
                break
            await busy.wait()  # the same page is being rendered: use what it leaves
            stamp = self.stamp()
            if stamp is None:
                break
        self.misses += 1
        done = self._rendering[key] = asyncio.Event()
        try:
            await self._render(scope, receive, send, wanted, key, stamp)
        finally:
            del self._rendering[key]
            done.set()

    def _fresh(self, key: tuple[bytes, str, bytes], stamp: int) -> Entry | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        if entry.stamp != stamp or self.clock() - entry.made > self.ttl:
            self._drop(key)
            return None
        self.entries.move_to_end(key)
        return entry

    def _drop(self, key: tuple[bytes, str, bytes]) -> None:
        entry = self.entries.pop(key, None)
        if entry is not None:
            self.size -= len(entry.body)

    def _keep(self, key: tuple[bytes, str, bytes], entry: Entry) -> None:
        self._drop(key)
        self.entries[key] = entry
        self.size += len(entry.body)
        while self.size > self.max_bytes and self.entries:
            self._drop(next(iter(self.entries)))

    async def _render(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        wanted: bytes | None,
        key: tuple[bytes, str, bytes] | None,
        stamp: int | None,
    ) -> None:
        """Run the app; a whole 200 answer is held back until its ETag is known (and kept
        when ``key`` is given), anything else passes straight through."""
        start: Message | None = None
        parts: list[bytes] = []
        held = 0
        passing = False

        async def capture(message: Message) -> None:
            nonlocal start, held, passing
            if passing:
                await send(message)
                return
            if message["type"] == "http.response.start":
                if message["status"] not in _KEPT_STATUSES:
                    passing = True
                    await send(message)
                else:
                    start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            parts.append(message.get("body", b""))
            held += len(parts[-1])
            if message.get("more_body", False):
                if held > self.max_entry_bytes:  # too big to hold: send what came so far
                    passing = True
                    await send(start)
                    await send(
                        {"type": "http.response.body", "body": b"".join(parts), "more_body": True}
                    )
                return
            body = b"".join(parts)
            given = list(start.get("headers", []))
            own = next((v for k, v in given if k.lower() == b"etag"), None)
            etag = own or b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'
            kept = tuple((k, v) for k, v in given if k.lower() not in _REPLACED_HEADERS)
            personal = any(k.lower() == b"set-cookie" for k, _ in kept)
            fits = len(body) <= self.max_entry_bytes
            if key is not None and stamp is not None and fits and not personal:
                self._keep(key, Entry(stamp, start["status"], self.clock(), kept, body, etag))
            await _answer(send, start["status"], kept, body, etag, wanted)

        await self.app(scope, receive, capture)


async def _answer(
    send: Send,
    status: int,
    headers: tuple[tuple[bytes, bytes], ...],
    body: bytes,
    etag: bytes,
    wanted: bytes | None,
) -> None:
    """Send ``body`` with ``status``, or an empty 304 when the answer is a 200 and the
    client's ``If-None-Match`` names ``etag`` (a 304 stands only for a 200's body)."""
    common = [*headers, (b"etag", etag), (b"cache-control", b"no-cache")]
    if status == 200 and wanted is not None and _matches(wanted, etag):
        await send({"type": "http.response.start", "status": 304, "headers": common})
        await send({"type": "http.response.body", "body": b""})
        return
    common.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": common})
    await send({"type": "http.response.body", "body": body})


def _matches(wanted: bytes, etag: bytes) -> bool:
    """Whether an ``If-None-Match`` value names ``etag`` (a list, weak forms, or ``*``)."""
    if wanted.strip() == b"*":
        return True
    tags = (t.strip() for t in wanted.split(b","))
    return any((t[2:] if t.startswith(b"W/") else t) == etag for t in tags)
