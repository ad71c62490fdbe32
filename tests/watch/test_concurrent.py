"""Two ``newsweave watch`` processes on one store at once (an SQLite file, a PostgreSQL
server), polling feeds that share items: both finish, each page is stored once, and every
article ends in a story — as two ``run`` processes do (tests/test_pipeline_concurrent.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsweave.store import open_store
from tests.conftest import SAMPLES
from tests.pgserver import PgServer
from tests.watch.server import FeedServer, article_page, rss, running, sample_texts

DATE = "Mon, 22 Dec 2025 10:00:00 GMT"


def _watch(server: FeedServer, feed: str, target: str) -> subprocess.Popen[str]:
    command = [
        *(sys.executable, "-m", "newsweave", "watch", server.url(feed), "--db", target),
        *("--once", "--delay", "0", "--contact", "ops@example.org"),
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_watches_at_once_store_each_page_once(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if backend == "sqlite":
        target = str(tmp_path / "shared.db")
    else:
        pg: PgServer = request.getfixturevalue("pg_server")
        target = pg.new_database()
    texts = sample_texts(SAMPLES)[:5]
    with running() as server:
        for n, text in enumerate(texts):
            server.put(f"/p/{n}.html", article_page(text))
        # Two feeds that share items 1-3: both watches fetch and store those pages.
        for name, numbers in (("/a.rss", range(0, 4)), ("/b.rss", range(1, 5))):
            items = [(server.url(f"/p/{n}.html"), f"Item {n}", DATE) for n in numbers]
            server.put(name, rss(name, items))
        watches = [_watch(server, "/a.rss", target), _watch(server, "/b.rss", target)]
        for watch in watches:
            _out, err = watch.communicate(timeout=600)
            assert watch.returncode == 0, err
            assert "database is locked" not in err
            assert "Traceback" not in err
    store = open_store(target)
    try:
        stored = list(store.iter_articles())
        assert len(stored) == len(texts) == len({a.id for a in stored})
        assert all(a.text.strip() for a in stored)
        in_stories = sorted(a for s in store.stories() for a in s.article_ids)
        assert in_stories == sorted(a.id for a in stored), "each article in exactly one story"
        if backend == "sqlite":
            assert store.integrity_problems() == []
    finally:
        store.close()
