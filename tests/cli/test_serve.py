"""``newsweave serve``: defaults and help."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from click.testing import CliRunner

from newsweave.cli.serve import answered_hosts, is_loopback, serve
from tests.conftest import ROOT


def test_serve_binds_loopback_by_default_and_documents_the_token() -> None:
    defaults = {p.name: p.default for p in serve.params}
    assert defaults["host"] == "127.0.0.1"
    assert defaults["port"] == 8000
    assert defaults["token_env"] == "NEWSWEAVE_TOKEN"
    result = CliRunner().invoke(serve, ["--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "Bearer" in result.output


def test_serve_refuses_a_database_it_cannot_open(tmp_path: object) -> None:
    result = CliRunner().invoke(serve, ["--db", "/no/such/folder/x.db"])
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_loopback_detection() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")


def test_answered_hosts_add_the_bound_address_but_never_a_wildcard() -> None:
    assert answered_hosts("127.0.0.1", ()) == ["localhost", "127.0.0.1", "[::1]"]
    assert answered_hosts("0.0.0.0", ()) == ["localhost", "127.0.0.1", "[::1]"]
    assert answered_hosts("192.168.1.5", ("news.lan",)) == ["news.lan", "192.168.1.5"]
    assert answered_hosts("::", ()) == ["localhost", "127.0.0.1", "[::1]"]
    assert answered_hosts("fe80::1", ())[-1] == "[fe80::1]"
    assert answered_hosts("news.lan", ()) == ["localhost", "127.0.0.1", "[::1]"]


def test_serve_documents_the_safety_flags() -> None:
    result = CliRunner().invoke(serve, ["--help"])
    for flag in (
        "--allowed-host",
        "--allowed-origin",
        "--max-upload-bytes",
        "--uploads-per-minute",
    ):
        assert flag in result.output


def test_serve_with_two_workers_answers_with_its_options(sample_db: str, tmp_path: Path) -> None:
    """``--workers 2``: Uvicorn's worker processes build the app from the options the
    command hands them, so the Host check and the headers hold in every worker."""
    db = tmp_path / "served.db"
    shutil.copy(sample_db, db)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "newsweave", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--workers", "2", "--allowed-host", "news.lan"], env=env, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
            try:
                stories = httpx.get(f"{base}/api/stories", headers={"host": "news.lan"})
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
        assert stories.status_code == 200 and stories.json()["stories"]
        assert stories.headers["x-frame-options"] == "DENY"
        assert httpx.get(f"{base}/", headers={"host": "evil.example"}).status_code == 400
        assert httpx.get(f"{base}/", headers={"host": "127.0.0.1"}).status_code == 200
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
