"""Web safety: headers on every response, the Host check, CORS off by default, injection
strings in every parameter of every route, path traversal against a real server."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import lxml.html  # type: ignore[import-untyped]
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from starlette.routing import Mount, Route

from newsweave.store import open_store
from newsweave.web import create_app
from newsweave.web.security import CSP
from tests.web.browser import serve_app
from tests.web.conftest import LOCAL

TEMPLATES = Path(str(resources.files("newsweave.web"))) / "templates"
STATIC = Path(str(resources.files("newsweave.web"))) / "static"

#: SQL, FTS5 and tsquery syntax, and odd values, sent in every parameter.
INJECTIONS = (
    "' OR '1'='1",
    "1; DROP TABLE articles; --",
    "x' UNION SELECT name, sql FROM sqlite_master --",
    '"',
    '"unterminated',
    "NEAR(",
    "a AND OR NOT b",
    "headline:x",
    "body : * ^",
    "*",
    "a & | ! b",
    "(a OR",
    "-1",
    "99999999999999999999999999",
    "%",
    "\\",
    "\x00",
    "☃" * 400,
    "<script>alert(1)</script>",
    "../../../../etc/passwd",
)

#: Which stored row each path parameter names; a new parameter must be added here.
PATH_EXAMPLES = ("story_id", "article_id", "entity_id", "short")


@pytest.fixture(scope="module")
def ids(client: TestClient) -> dict[str, str]:
    """A real story, article and entity id and permalink of the sample store, for every path
    parameter."""
    story = client.get("/api/stories").json()["stories"][0]
    article_id = client.get(story["url"].replace("/stories", "/api/stories")).json()["articles"][0][
        "id"
    ]
    article = client.get(f"/api/articles/{article_id}").json()
    entity_id = next(m["entity_id"] for m in article["mentions"] if m["entity_id"])
    return {
        "story_id": story["id"],
        "article_id": article_id,
        "entity_id": entity_id,
        "short": article["short"],
    }


def get_routes(app: FastAPI) -> list[tuple[str, list[str]]]:
    """(path, query parameter names) of every GET route of the app, pages and API, read
    from the app (through included routers) so that a new route is covered too."""
    found = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and "GET" in (context.methods or ()):
            found.append((str(context.path), [p.alias for p in route.dependant.query_params]))
    return found


def fill(path: str, values: dict[str, str]) -> str:
    names = re.findall(r"{(\w+)}", path)
    unknown = [n for n in names if n not in values]
    assert not unknown, f"{path}: add an example for {unknown} to PATH_EXAMPLES"
    for name in names:
        path = path.replace(f"{{{name}}}", values[name])
    return path


def every_url(app: FastAPI, ids: dict[str, str]) -> list[str]:
    """One URL for each route: GET routes with real ids, the OpenAPI document, each static file."""
    urls = [fill(path, ids) for path, _ in get_routes(app)]
    for route in app.routes:
        if isinstance(route, Mount):
            urls += [f"{route.path}/{f.name}" for f in sorted(STATIC.iterdir())]
        elif isinstance(route, Route) and not isinstance(route, APIRoute):
            urls.append(route.path)
    return urls


def assert_headers(response: Any) -> None:
    headers = response.headers
    assert headers["content-security-policy"] == CSP, response.url
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP
    assert "frame-ancestors 'none'" in CSP
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"


def test_every_route_kind_carries_the_security_headers(
    client: TestClient, ids: dict[str, str]
) -> None:
    app = client.app
    assert isinstance(app, FastAPI)
    urls = every_url(app, ids)
    assert {"/", "/openapi.json", "/static/app.js", "/api/search"} <= set(urls)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_headers(response)
    refusals = [
        client.get("/no/such/page"),  # 404 page
        client.get("/api/stories/no-such-story"),  # 404 JSON
        client.get("/api/articles"),  # 405
        client.get(fill("/articles/{article_id}", ids), params={"start": "x"}),  # 422
        client.post("/api/articles", json={"text": "x"}),  # 401
        client.get("/", headers={"host": "evil.example"}),  # 400 foreign host
    ]
    assert [r.status_code for r in refusals] == [404, 404, 405, 422, 401, 400]
    for response in refusals:
        assert_headers(response)


def test_an_unexpected_error_answers_500_with_the_headers(tmp_path: Path) -> None:
    app = create_app(str(tmp_path / "boom.db"))

    def boom() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/boom", boom)
    with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as client:
        response = client.get("/boom")
    assert response.status_code == 500
    assert "a bug" not in response.text, "no traceback or message leaks"
    assert_headers(response)


def test_templates_hold_no_inline_script_or_style() -> None:
    """The CSP forbids inline script and style; the templates must not need them."""
    for template in sorted(TEMPLATES.glob("*.html")):
        source = template.read_text()
        tree = lxml.html.fromstring(source)
        scripts = list(tree.iter("script"))
        assert all(s.get("src", "").startswith("/static/") for s in scripts), template.name
        assert all(not (s.text or "").strip() for s in scripts), template.name
        assert not list(tree.iter("style")), template.name
        attributes = [a.lower() for el in tree.iter() for a in el.attrib]
        assert "style" not in attributes, template.name
        assert not [a for a in attributes if a.startswith("on")], template.name
        assert "javascript:" not in source, template.name


def test_host_header_is_checked_against_dns_rebinding(web_db: str) -> None:
    with TestClient(create_app(web_db), base_url=LOCAL) as client:
        for host in ("localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000"):
            assert client.get("/api/stories", headers={"host": host}).status_code == 200, host
        for host in ("evil.example", "127.0.0.1.evil.example", "localhost.evil.example:80"):
            refused = client.get("/api/stories", headers={"host": host})
            assert refused.status_code == 400, host
            assert "stories" not in refused.text
    named = create_app(web_db, allowed_hosts=("news.example.org", "*.example.net"))
    with TestClient(named, base_url="http://news.example.org") as client:
        assert client.get("/api/stories").status_code == 200
        assert client.get("/", headers={"host": "a.example.net"}).status_code == 200
        assert client.get("/", headers={"host": "localhost"}).status_code == 400


def test_no_cors_unless_the_operator_allows_origins(web_db: str) -> None:
    other = {"origin": "https://evil.example"}
    preflight = {**other, "access-control-request-method": "POST"}
    with TestClient(create_app(web_db), base_url=LOCAL) as client:
        read = client.get("/api/stories", headers=other)
        assert read.status_code == 200
        assert "access-control-allow-origin" not in read.headers
        assert (
            "access-control-allow-origin"
            not in client.options("/api/articles", headers=preflight).headers
        )
    dash = "https://dash.example.org"
    allowed = create_app(web_db, allowed_origins=(dash,))
    with TestClient(allowed, base_url=LOCAL) as client:
        ok = client.get("/api/stories", headers={"origin": dash})
        assert ok.headers["access-control-allow-origin"] == dash
        assert (
            "access-control-allow-origin" not in client.get("/api/stories", headers=other).headers
        )
        assert client.options("/api/articles", headers=preflight).status_code == 400


def test_injection_strings_in_every_parameter_never_answer_500(
    client: TestClient, ids: dict[str, str], web_db: str
) -> None:
    app = client.app
    assert isinstance(app, FastAPI)
    routes = get_routes(app)
    with_query = {path for path, params in routes if params}
    assert with_query >= {"/search", "/api/search", "/articles/{article_id}"}
    tried = 0
    for path, params in routes:
        for value in INJECTIONS:
            for name in re.findall(r"{(\w+)}", path):
                response = client.get(fill(path, {**ids, name: quote(value, safe="")}))
                assert response.status_code in (200, 400, 404), (path, value, response.text)
                tried += 1
            for param in params:
                url = fill(path, ids)
                response = client.get(url, params={param: value})
                assert response.status_code in (200, 400, 422), (url, param, value)
                if path.endswith("/search") and response.status_code == 200:
                    _assert_search_answer(path, response)
                tried += 1
    assert tried > 100
    store = open_store(web_db)
    try:
        assert store.story_titles([ids["story_id"]]), "the stories are still there"
        assert store.stored_article(ids["article_id"]) is not None
    finally:
        store.close()


def _assert_search_answer(path: str, response: Any) -> None:
    """A search for syntax answers results or none, as JSON or as the page's message."""
    if path.startswith("/api/"):
        assert isinstance(response.json()["results"], list)
    else:
        assert "with “" in response.text or "Type a name" in response.text


@pytest.fixture(scope="module")
def live(web_db: str) -> Iterator[str]:
    yield from serve_app(create_app(web_db))


def raw_get(base: str, path: str) -> tuple[int, str]:
    """GET exactly ``path`` (no client normalises dot segments away) → (status, body)."""
    parts = urlsplit(base)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as conn:
        conn.sendall(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        )
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode("utf-8", "replace")


TRAVERSALS = (
    "/static/../app.py",
    "/static/../../newsweave/settings.py",
    "/static/..%2fapp.py",
    "/static/%2e%2e/app.py",
    "/static/%2e%2e%2f%2e%2e%2fsettings.py",
    "/static/..%5capp.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/....//app.py",
    "/static/app.js%00.py",
    "/articles/..%2f..%2fetc%2fpasswd",
    "/api/articles/..%2F..%2Fetc%2Fpasswd",
)


def test_path_traversal_is_refused(live: str) -> None:
    assert raw_get(live, "/static/app.js")[0] == 200
    for path in TRAVERSALS:
        status, body = raw_get(live, path)
        assert status in (400, 404), (path, status)
        assert "def create_app" not in body and "MAX_INPUT_BYTES" not in body, path
        assert "root:" not in body, path
