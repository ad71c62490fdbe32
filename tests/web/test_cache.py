"""The page cache (web/cache.py): kept while the store is unchanged, never past its TTL,
bounded, per host, and behind the Host check and the security headers."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import httpx
import pytest
from fastapi.testclient import TestClient
from starlette.types import Receive, Scope, Send

from newsweave.store import open_store
from newsweave.web import cache as cache_module
from newsweave.web import create_app
from newsweave.web.cache import PageCache
from tests.stored import ingested
from tests.web.conftest import LOCAL

T = TypeVar("T")


class Page:
    """A tiny ASGI app: ``/missing`` answers 404, anything else 200 with the path and a
    render count; ``gate`` (when set) holds each render until it opens."""

    def __init__(self) -> None:
        self.renders = 0
        self.gate: asyncio.Event | None = None
        self.body_size = 0
        self.counted = True  # the render count in the body (off: the same body each time)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.renders += 1
        if self.gate is not None:
            await self.gate.wait()
        status = 404 if scope["path"] == "/missing" else 200
        count = f" #{self.renders}" if self.counted else ""
        body = f"{scope['path']}{count}".encode() + b"x" * self.body_size
        headers = [(b"content-type", b"text/plain"), (b"content-length", b"%d" % len(body))]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class World:
    """The stamp and clock a ``PageCache`` under test sees."""

    def __init__(self) -> None:
        self.stamp: int | None = 1
        self.now = 0.0


def wrapped(max_bytes: int = 10_000, ttl: float = 60) -> tuple[Page, World, PageCache]:
    page, world = Page(), World()
    cache = PageCache(
        page, lambda: world.stamp, max_bytes=max_bytes, ttl=ttl, clock=lambda: world.now
    )
    return page, world, cache


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a thread of its own: the browser tests' Playwright keeps an event
    loop running in the main thread for the whole session."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def get(cache: PageCache, url: str, **headers: str) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=cache)
        async with httpx.AsyncClient(transport=transport, base_url=LOCAL) as client:
            return await client.get(url, headers=headers)

    return run(go())


def test_a_page_is_rendered_once_while_the_store_is_unchanged() -> None:
    page, _world, cache = wrapped()
    first, second = get(cache, "/stories/a"), get(cache, "/stories/a")
    assert page.renders == 1
    assert first.text == second.text == "/stories/a #1"
    assert first.headers["etag"] == second.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    assert second.headers["content-type"] == "text/plain"
    assert int(second.headers["content-length"]) == len(second.content)
    # The query is part of the key.
    assert get(cache, "/stories/a?show=all").text == "/stories/a #2"
    assert (cache.hits, cache.misses) == (1, 2)


def test_a_commit_or_the_ttl_makes_it_render_again() -> None:
    page, world, cache = wrapped(ttl=60)
    get(cache, "/")
    world.stamp = 2  # something committed
    assert get(cache, "/").text == "/ #2"
    world.now = 60.0  # at the TTL: still served
    assert get(cache, "/").text == "/ #2"
    world.now = 60.5  # past it
    assert get(cache, "/").text == "/ #3"
    assert page.renders == 3


def test_without_a_stamp_nothing_is_kept_but_etags_are_given() -> None:
    page, world, cache = wrapped()
    world.stamp = None  # PostgreSQL
    page.counted = False
    first = get(cache, "/")
    second = get(cache, "/", **{"If-None-Match": first.headers["etag"]})
    assert page.renders == 2
    assert second.status_code == 304 and second.content == b""


def test_a_matching_if_none_match_gets_an_empty_304() -> None:
    _page, _world, cache = wrapped()
    etag = get(cache, "/x").headers["etag"]
    for named in (etag, f'"other", {etag}', f"W/{etag}", "*"):
        again = get(cache, "/x", **{"If-None-Match": named})
        assert again.status_code == 304, named
        assert again.content == b"" and again.headers["etag"] == etag
    assert get(cache, "/x", **{"If-None-Match": '"other"'}).status_code == 200


def test_an_answer_keeps_the_status_it_was_kept_with() -> None:
    """``_answer`` sends the status it is given (it sent 200 whatever the entry held), and
    turns only a 200 into a 304: a 304 stands for a 200's body."""
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    etag = b'"abc"'
    run(cache_module._answer(send, 203, ((b"x", b"1"),), b"body", etag, etag))
    assert sent[0]["status"] == 203 and sent[1]["body"] == b"body"
    sent.clear()
    run(cache_module._answer(send, 200, (), b"body", etag, etag))
    assert sent[0]["status"] == 304 and sent[1]["body"] == b""


def test_a_kept_entry_answers_with_its_own_status() -> None:
    page, _world, cache = wrapped()
    get(cache, "/stories/a")
    key = next(iter(cache.entries))
    assert cache.entries[key].status == 200
    # An entry kept with another status (were the kept statuses widened) answers with it.
    cache.entries[key] = dataclasses.replace(cache.entries[key], status=203)
    again = get(cache, "/stories/a")
    assert again.status_code == 203 and again.headers["x-cache"] == "hit"
    assert page.renders == 1


def test_errors_other_methods_and_static_files_are_not_kept() -> None:
    page, _world, cache = wrapped()
    assert get(cache, "/missing").status_code == 404
    assert get(cache, "/missing").status_code == 404
    get(cache, "/static/style.css")
    get(cache, "/static/style.css")
    assert page.renders == 4
    assert "etag" not in get(cache, "/missing").headers


def test_memory_is_bounded_least_recently_used_first() -> None:
    page, _world, cache = wrapped(max_bytes=3 * 110)
    page.body_size = 100  # each body ~110 bytes: three fit
    for path in ("/a", "/b", "/c", "/a", "/d"):  # /a used again, so /b is the oldest
        get(cache, path)
    assert cache.size <= 3 * 110
    assert page.renders == 4
    get(cache, "/a")
    get(cache, "/c")
    assert page.renders == 4
    get(cache, "/b")
    assert page.renders == 5


def test_a_body_larger_than_an_entry_may_be_is_served_whole_and_not_kept() -> None:
    page, world, _cache = wrapped()
    cache = PageCache(page, lambda: world.stamp, max_bytes=10_000, ttl=60, max_entry_bytes=50)
    page.body_size = 200
    first = get(cache, "/big")
    assert len(first.content) == len(b"/big #1") + 200
    get(cache, "/big")
    assert page.renders == 2


def test_each_host_has_its_own_entries() -> None:
    page, _world, cache = wrapped()
    get(cache, "/feed", Host="a.example.org")
    get(cache, "/feed", Host="b.example.org")
    get(cache, "/feed", Host="a.example.org")
    assert page.renders == 2


def test_concurrent_requests_for_one_page_wait_for_one_render() -> None:
    page, _world, cache = wrapped()
    page.gate = asyncio.Event()

    async def go() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=cache)
        async with httpx.AsyncClient(transport=transport, base_url=LOCAL) as client:
            waiting = [asyncio.create_task(client.get("/")) for _ in range(5)]
            await asyncio.sleep(0.05)
            assert page.gate is not None
            page.gate.set()
            return list(await asyncio.gather(*waiting))

    answers = run(go())
    assert page.renders == 1
    assert {a.text for a in answers} == {"/ #1"}


def test_a_commit_by_another_process_shows_on_the_next_request(
    hostile_db: tuple[str, str],
) -> None:
    """The stamp is SQLite's data_version: another connection's commit (a run, another
    process) moves it, and the page kept before is not served again."""
    path, _ = hostile_db
    app = create_app(path)
    with TestClient(app, base_url=LOCAL) as client:
        before = client.get("/api/search", params={"q": "council"}).json()
        again = client.get("/api/search", params={"q": "council"})
        assert again.json() == before and len(before["results"]) == 1
        stamp = app.state.store.data_stamp()
        other = open_store(path)
        try:
            other.save([ingested("The council met again on Friday.", "Council news")])
        finally:
            other.close()
        assert app.state.store.data_stamp() != stamp
        after = client.get("/api/search", params={"q": "council"}).json()
        assert len(after["results"]) == 2


def test_a_kept_page_still_gets_the_host_check_and_the_security_headers(
    hostile_db: tuple[str, str],
) -> None:
    path, article_id = hostile_db
    with TestClient(create_app(path), base_url=LOCAL) as client:
        first = client.get(f"/articles/{article_id}")
        kept = client.get(f"/articles/{article_id}")
        assert first.status_code == kept.status_code == 200
        assert kept.text == first.text
        for response in (first, kept):
            assert "script-src 'self'" in response.headers["content-security-policy"]
            assert response.headers["x-content-type-options"] == "nosniff"
            assert response.headers["x-frame-options"] == "DENY"
        refused = client.get(f"/articles/{article_id}", headers={"Host": "evil.example"})
        assert refused.status_code == 400
        assert article_id not in refused.text
        revalidated = client.get(
            f"/articles/{article_id}", headers={"If-None-Match": kept.headers["etag"]}
        )
        assert revalidated.status_code == 304
        assert revalidated.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("cache_mb", [0, 64])
def test_pages_are_the_same_with_and_without_the_cache(web_db: str, cache_mb: float) -> None:
    with TestClient(create_app(web_db, cache_mb=cache_mb), base_url=LOCAL) as client:
        listed: Any = client.get("/api/stories").json()
        story_id = listed["stories"][0]["id"]
        for url in ("/", f"/stories/{story_id}", f"/api/stories/{story_id}"):
            first, second = client.get(url), client.get(url)
            assert first.status_code == second.status_code == 200
            assert first.content == second.content
            assert first.headers["etag"] == second.headers["etag"]
