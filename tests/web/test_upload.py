"""POST /api/articles: the operator's token, compared in constant time; then the real pipeline."""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

from fastapi.testclient import TestClient

from newsweave.web import create_app
from tests.web.browser import serve_app
from tests.web.conftest import LOCAL, TOKEN

ARTICLE = {
    "text": (
        "Lisbon council approves new tram line\n\n"
        "LISBON: The city council of Lisbon approved a new tram line on Monday after "
        "a two-year debate. Mayor Carlos Moedas said the line would open in 2027.\n\n"
        "The line will link the airport with the old town, the council said in a statement."
    ),
    "url": "https://example.org/lisbon-tram",
    "title": "Lisbon council approves new tram line",
    "published": "2025-11-03",
    "outlet": "Example Daily",
}


def _client(tmp_path: Path, token: str | None) -> TestClient:
    return TestClient(create_app(str(tmp_path / "upload.db"), token=token), base_url=LOCAL)


def test_without_a_configured_token_uploads_are_refused(tmp_path: Path) -> None:
    with _client(tmp_path, None) as client:
        for headers in ({}, {"Authorization": "Bearer anything"}):
            response = client.post("/api/articles", json=ARTICLE, headers=headers)
            assert response.status_code == 403
            assert "uploads are disabled" in response.json()["error"]


def test_missing_or_wrong_token_is_401(tmp_path: Path) -> None:
    with _client(tmp_path, TOKEN) as client:
        missing = client.post("/api/articles", json=ARTICLE)
        assert missing.status_code == 401
        assert missing.headers["www-authenticate"].startswith("Bearer")
        assert "Authorization: Bearer" in missing.json()["error"]
        for bad in (f"Bearer {TOKEN}x", "Bearer ", f"Basic {TOKEN}", TOKEN):
            response = client.post("/api/articles", json=ARTICLE, headers={"Authorization": bad})
            assert response.status_code in (401, 403), bad
        assert client.get("/api/stories").json()["stories"] == [], "nothing was stored"


def test_valid_token_runs_the_pipeline_and_the_article_is_served(tmp_path: Path) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with _client(tmp_path, TOKEN) as client:
        response = client.post("/api/articles", json=ARTICLE, headers=auth)
        assert response.status_code == 201, response.text
        result = response.json()
        assert len(result["article_ids"]) == 1 and result["already_stored"] is False
        article = client.get(result["urls"][0].replace("/articles", "/api/articles")).json()
        assert article["outlet"] == "Example Daily" and article["published"] == "2025-11-03"
        assert "tram line" in article["text"] and article["story_id"]
        assert any(m["text"] == "Lisbon" for m in article["mentions"]), "extract stage ran"
        hits = client.get("/api/search", params={"q": "Moedas"}).json()["results"]
        assert [h["article_id"] for h in hits] == result["article_ids"]
        again = client.post("/api/articles", json=ARTICLE, headers=auth).json()
        assert again["already_stored"] is True and again["article_ids"] == result["article_ids"]


def test_upload_without_text_or_html_is_422(tmp_path: Path) -> None:
    with _client(tmp_path, TOKEN) as client:
        response = client.post(
            "/api/articles", json={"title": "x"}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert response.status_code == 422
        assert "text" in response.json()["error"]


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_wrong_content_type_is_415_and_bad_json_422(tmp_path: Path) -> None:
    with _client(tmp_path, TOKEN) as client:
        for kind in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
            response = client.post(
                "/api/articles", content=b"{}", headers={**AUTH, "Content-Type": kind}
            )
            assert response.status_code == 415, kind
            assert "application/json" in response.json()["error"]
        charset = {**AUTH, "Content-Type": "application/json; charset=utf-8"}
        broken = client.post("/api/articles", content=b'{"text": ', headers=charset)
        assert broken.status_code == 422 and "invalid request" in broken.json()["error"]


def test_bodies_over_the_limit_are_413_declared_or_streamed(tmp_path: Path) -> None:
    app = create_app(str(tmp_path / "limit.db"), token=TOKEN, max_upload_bytes=10_000)
    big = {**ARTICLE, "text": ARTICLE["text"] + " More words." * 2_000}
    with TestClient(app, base_url=LOCAL) as client:
        declared = client.post("/api/articles", json=big, headers=AUTH)
        assert declared.status_code == 413 and "10,000 bytes" in declared.json()["error"]
        body = json.dumps(big).encode()
        streamed = client.post(  # a generator: sent chunked, without Content-Length
            "/api/articles",
            content=(body[i : i + 1000] for i in range(0, len(body), 1000)),
            headers={**AUTH, "Content-Type": "application/json"},
        )
        assert streamed.status_code == 413
        assert client.get("/api/stories").json()["stories"] == [], "nothing was stored"


def test_uploads_are_rate_limited_per_client(tmp_path: Path) -> None:
    app = create_app(str(tmp_path / "rate.db"), token=TOKEN, uploads_per_minute=1, upload_burst=3)
    with TestClient(app, base_url=LOCAL) as client:
        answers = [
            client.post("/api/articles", json={"title": "no body"}, headers=AUTH).status_code
            for _ in range(5)
        ]
        refused = client.post("/api/articles", json=ARTICLE, headers=AUTH)
        no_token = client.post("/api/articles", json=ARTICLE)
    assert answers == [422, 422, 422, 429, 429]
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    assert "too many uploads" in refused.json()["error"]
    assert no_token.status_code == 429, "guessing tokens uses up the same bucket"


def rss_bytes() -> int:
    """This process's resident memory (the live server runs in one of its threads)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _post_head(base: str, headers: dict[str, str]) -> socket.socket:
    """Open a connection to the live server and send a POST's request line and headers."""
    parts = urlsplit(base)
    conn = socket.create_connection((parts.hostname, parts.port), timeout=10)
    lines = ["POST /api/articles HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    return conn


def _status(conn: socket.socket) -> int:
    head = conn.recv(65536)
    return int(head.split()[1])


def _push(conn: socket.socket, total: int) -> int:
    """Send up to ``total`` bytes of body until the server stops taking them; bytes sent."""
    chunk, sent = b"x" * (1 << 20), 0
    conn.settimeout(0.5)
    try:
        while sent < total:
            sent += conn.send(chunk)
    except OSError:  # the server answered and closed, or stopped reading (timeout)
        pass
    return sent


def test_huge_bodies_without_token_are_refused_before_reading(tmp_path: Path) -> None:
    """The issue's case: eight 50 MB bodies without a token. Each is refused from its
    headers alone, in well under a second each, and the server's memory does not grow."""
    app = create_app(
        str(tmp_path / "huge.db"), token=TOKEN, uploads_per_minute=6000, upload_burst=100
    )
    for base in serve_app(app):
        before = rss_bytes()
        started = time.monotonic()
        for _ in range(8):
            conn = _post_head(base, {"Content-Length": str(50 << 20)})
            with conn:
                conn.sendall(b"{" + b" " * 4096)
                assert _status(conn) == 401
                _push(conn, 50 << 20)
        elapsed = time.monotonic() - started
        grown_mb = (rss_bytes() - before) / 2**20
    assert elapsed < 8 * 1.0, f"{elapsed:.1f} s for eight refusals"
    assert grown_mb < 40, f"the server process grew by {grown_mb:.0f} MB"


def test_a_streamed_body_is_cut_at_the_limit_on_a_real_server(tmp_path: Path) -> None:
    """Chunked (no Content-Length) and a false small Content-Length: the server reads
    at most the limit, then answers 413, or the declared length (bad JSON, 422). 48 MB
    pushed at a 64 KB limit leave the server's memory where it was."""
    limit = 64 * 1024
    app = create_app(str(tmp_path / "stream.db"), token=TOKEN, max_upload_bytes=limit)
    for base in serve_app(app):
        before = rss_bytes()
        conn = _post_head(base, {**AUTH, "Transfer-Encoding": "chunked"})
        with conn:
            piece = b"x" * 65536
            frame = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
            conn.settimeout(0.5)
            sent = 0
            try:
                while sent < 48 << 20:
                    conn.sendall(frame)
                    sent += len(piece)
            except OSError:  # the server answered and closed, or stopped reading
                pass
            conn.settimeout(10)
            assert _status(conn) == 413
        grown_mb = (rss_bytes() - before) / 2**20
        assert grown_mb < 20, f"the server grew by {grown_mb:.0f} MB after {sent >> 20} MB sent"
        conn = _post_head(base, {**AUTH, "Content-Length": "20"})
        with conn:
            conn.sendall(json.dumps(ARTICLE).encode())
            assert _status(conn) == 422, "only the declared 20 bytes were read"
