"""``newsweave watch`` and ``newsweave feeds`` as a user runs them, against a local feed
server that publishes the sample articles as HTML pages over two polls."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
import feedparser
import pytest
from fastapi.testclient import TestClient

from newsweave.cli.watch import parse_duration, seconds_until
from newsweave.present.digest import md
from newsweave.store import open_store
from newsweave.store.feeds_sql import feed_states
from newsweave.web import create_app
from newsweave.web.atom import tag_uri
from tests.cli.runner import run_cli
from tests.conftest import SAMPLES
from tests.watch.server import article_page, rss, running, sample_texts
from tests.web.conftest import LOCAL

CONTACT = "ops@example.org"
DATES = ["Sat, 20 Dec 2025 10:00:00 GMT", "Sun, 21 Dec 2025 10:00:00 GMT",
         "Mon, 22 Dec 2025 10:00:00 GMT", "Mon, 22 Dec 2025 12:00:00 GMT",
         "Mon, 22 Dec 2025 14:00:00 GMT"]  # fmt: skip


def _watch(url: str, db: str) -> tuple[int, str]:
    code, out, err = run_cli("watch", url, "--db", db, "--once", "--contact", CONTACT,
                             "--delay", "0", "--timeout", "5")  # fmt: skip
    return code, out + err


def test_watch_twice_stores_each_article_once_with_conditional_requests(tmp_path: Path) -> None:
    texts = sample_texts(SAMPLES)
    db = str(tmp_path / "watch.db")
    with running() as server:
        server.put("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        for n, text in enumerate(texts):
            server.put(f"/news/{n}.html", article_page(text))
        server.put("/private/secret.html", article_page(texts[0]))
        # The fifth article moved: the feed links its old address.
        server.put("/old/4.html", status=301, location="/news/4.html")
        links = [server.url(f"/news/{n}.html") for n in range(4)] + [server.url("/old/4.html")]
        first = [(links[n], f"Item {n}", DATES[n]) for n in range(3)]
        first.append((server.url("/private/secret.html"), "Private", DATES[0]))
        first.append((server.url("/news/gone.html"), "Gone", DATES[0]))
        server.put("/feed.rss", rss("Test Wire", first), content_type="application/rss+xml",
                   etag='"v1"', last_modified="Mon, 22 Dec 2025 10:00:00 GMT")  # fmt: skip
        code, out = _watch(server.url("/feed.rss"), db)
        assert code == 0, out
        assert "robots.txt" in out and "/private/secret.html" in out
        assert "HTTP 404" in out

        # The second poll: two more items; the feed changed, so the server answers 200.
        second = first + [(links[n], f"Item {n}", DATES[n]) for n in (3, 4)]
        server.put("/feed.rss", rss("Test Wire", second), content_type="application/rss+xml",
                   etag='"v2"', last_modified="Mon, 22 Dec 2025 14:00:00 GMT")  # fmt: skip
        code, out = _watch(server.url("/feed.rss"), db)
        assert code == 0, out
        # A third poll: nothing changed, the server answers 304.
        code, out = _watch(server.url("/feed.rss"), db)
        assert code == 0, out
        assert "not modified" in out

        feed_hits = server.hits("/feed.rss")
        assert len(feed_hits) == 3
        assert "if-none-match" not in feed_hits[0].headers
        assert feed_hits[1].headers["if-none-match"] == '"v1"'
        assert feed_hits[2].headers["if-none-match"] == '"v2"'
        assert feed_hits[2].headers["if-modified-since"] == "Mon, 22 Dec 2025 14:00:00 GMT"
        assert all(CONTACT in h.headers["user-agent"] and "newsweave" in h.headers["user-agent"]
                   for h in server.requests)  # fmt: skip
        for n in range(5):
            assert len(server.hits(f"/news/{n}.html")) == 1, n
        assert server.hits("/private/secret.html") == []
        assert len(server.hits("/news/gone.html")) == 1
        assert len(server.hits("/robots.txt")) == 3  # once per watch process

    store = open_store(db)
    try:
        stored = list(store.iter_articles())
        assert len(stored) == 5
        assert sorted(a.source for a in stored) == sorted(links)
        moved = next(a for a in stored if a.source.endswith("/old/4.html"))
        assert moved.url is not None and moved.url.endswith("/news/4.html")
        assert all(a.extra.get("feed_categories") == ["World"] for a in stored)
        links_of = store.article_links()
        assert all(links_of[a.id][1] for a in stored)  # each placed in a story
        reasons = {r.source: r.reason for r in store.rejections()}
        assert "robots.txt" in reasons[server.url("/private/secret.html")]
        assert "404" in reasons[server.url("/news/gone.html")]
        (state,) = feed_states(store)
        assert state.etag == '"v2"' and state.articles_found == 5
        assert state.consecutive_errors == 0 and state.last_status == 304
    finally:
        store.close()

    code, out, _ = run_cli("feeds", "--db", db)
    assert code == 0
    assert "/feed.rss" in out and "304" in out

    # Each story's Atom feed lists the articles the watch placed in it.
    with TestClient(create_app(db), base_url=LOCAL) as client:
        listed: set[str] = set()
        for story_id in {s for _dup, s in links_of.values() if s}:
            feed = feedparser.parse(client.get(f"/stories/{story_id}/feed.atom").content)
            assert not feed.bozo
            listed.update(e.id for e in feed.entries if ":article/" in e.id)
    assert listed == {tag_uri("article", a.id) for a in stored}

    # The day's digest names the stories the watch filled and cites the characters each
    # briefing sentence comes from.
    code, digest, err = run_cli("digest", "--db", db, "--since", "24h")
    assert code == 0, err
    texts = {a.id: a.text for a in stored}
    store = open_store(db)
    try:
        titles = [s.title for s in store.stories()]
    finally:
        store.close()
    assert titles and all(md(t) in digest for t in titles)
    cited = [m.groups() for m in _CITATION.finditer(digest)]
    assert cited
    for article_id, start, end, words in cited:
        assert _unescape(words) == " ".join(texts[article_id][int(start) : int(end)].split())


#: A digest citation line: "1. Outlet, ARTICLE_ID text START–END: “WORDS”".
_CITATION = re.compile(r"^\d+\. .*, (\w+) text (\d+)–(\d+): “(.*)”$", re.MULTILINE)


def _unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def test_two_watch_processes_on_one_store_store_each_article_once(tmp_path: Path) -> None:
    """Two `newsweave watch --once` started together on one SQLite file and one feed: both
    finish, each page is stored once and placed in a story, and the store is whole."""
    texts = sample_texts(SAMPLES)
    db = str(tmp_path / "shared.db")
    with running() as server:
        for n, text in enumerate(texts):
            server.put(f"/news/{n}.html", article_page(text))
        items = [(server.url(f"/news/{n}.html"), f"Item {n}", DATES[n]) for n in range(5)]
        server.put("/feed.rss", rss("Test Wire", items), content_type="application/rss+xml")
        command = [sys.executable, "-m", "newsweave", "watch", server.url("/feed.rss"),
                   "--db", db, "--once", "--contact", CONTACT, "--delay", "0"]  # fmt: skip
        watches = [
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        for watch in watches:
            out, err = watch.communicate(timeout=600)
            assert watch.returncode == 0, out + err
            assert "database is locked" not in err
    store = open_store(db)
    try:
        stored = list(store.iter_articles())
        assert sorted(a.source for a in stored) == sorted(url for url, _, _ in items)
        links = store.article_links()
        assert all(links[a.id][1] for a in stored)
        assert store.integrity_problems() == []
    finally:
        store.close()


def test_watch_needs_a_contact(tmp_path: Path) -> None:
    code, out, err = run_cli("watch", "http://127.0.0.1:9/feed.rss", "--db", str(tmp_path / "x.db"))
    assert code == 2
    assert "--contact" in out + err


def test_durations_and_sleep_between_polls() -> None:
    assert [parse_duration(v) for v in ("90s", "15m", "2h", "1d", "30")] == [
        90,
        900,
        7200,
        86400,
        30,
    ]
    for bad in ("", "15x", "-1m", "0"):
        with pytest.raises(click.BadParameter):
            parse_duration(bad)
    now = datetime.now(UTC)
    assert seconds_until(None, 900) == 900
    assert seconds_until(now - timedelta(minutes=5), 900) == 1.0
    assert 590 < seconds_until(now + timedelta(minutes=10), 900) <= 600
    assert seconds_until(now + timedelta(hours=3), 900) == 900
