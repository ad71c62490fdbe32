"""Kill a running ``newsweave watch`` after it stored the pages and while its stages run,
then start it again: nothing is lost, nothing is fetched or stored twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from newsweave.store import open_store
from newsweave.watch import Fetcher, FetchOptions, poll
from tests.conftest import SAMPLES
from tests.watch.server import article_page, rss, running, sample_texts


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    store = open_store(str(db))
    try:
        return store.article_count()
    finally:
        store.close()


def test_killed_watch_resumes_without_losing_or_duplicating(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    texts = sample_texts(SAMPLES)[2:5]
    with running() as server:
        for n, text in enumerate(texts):
            server.put(f"/p/{n}.html", article_page(text))
        items = [(server.url(f"/p/{n}.html"), f"Item {n}", "Mon, 22 Dec 2025 10:00:00 GMT")
                 for n in range(len(texts))]  # fmt: skip
        server.put("/f.rss", rss("F", items), etag='"1"')
        command = [
            *(sys.executable, "-m", "newsweave", "watch", server.url("/f.rss"), "--db", str(db)),
            *("--once", "--delay", "0", "--contact", "ops@example.org"),
        ]
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        # The store is opened here only once the watch has migrated it and fetches pages.
        while time.monotonic() < deadline and proc.poll() is None and not server.hits("/p/0.html"):
            time.sleep(0.05)
        while time.monotonic() < deadline and proc.poll() is None and _count(db) < len(texts):
            time.sleep(0.1)
        still_running = proc.poll() is None
        if still_running:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert still_running, "the watch finished before it could be killed"
        assert _count(db) == len(texts)

        # The rerun, in this process (the same poll the command runs).
        store = open_store(str(db))
        options = FetchOptions(contact="ops@example.org", host_delay=0)
        with Fetcher(options) as fetcher:
            report = poll(store, [server.url("/f.rss")], fetcher, 900.0, force=True)
        assert report.feeds[0].new_items == 0
        for n in range(len(texts)):
            assert len(server.hits(f"/p/{n}.html")) == 1
    try:
        stored = list(store.iter_articles())
        assert len(stored) == len(texts) == len({a.id for a in stored})
        links = store.article_links()
        assert all(links[a.id][1] for a in stored), "every article placed in a story"
    finally:
        store.close()
