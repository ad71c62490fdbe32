"""One poll at a time through the Python API, against a real local server and a real
store: failing feeds back off without stopping others, transient page failures are
retried, OPML and sitemap sources, and a watch killed between steps duplicates nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsweave.model import FeedState
from newsweave.store import SqlStore, open_store
from newsweave.store.feeds_sql import feed_state, save_feed_state
from newsweave.watch import Fetcher, FetchOptions, poll
from tests.conftest import SAMPLES
from tests.watch.server import FeedServer, article_page, rss, running, sample_texts

EVERY = 600.0
TEXTS = sample_texts(SAMPLES)


def _fetcher() -> Fetcher:
    return Fetcher(FetchOptions(contact="ops@example.org", host_delay=0, backoff=0.01, retries=0))


def _publish(server: FeedServer, n: int, path: str | None = None) -> str:
    path = path or f"/news/{n}.html"
    server.put(path, article_page(TEXTS[n]))
    return server.url(path)


def test_failing_feed_backs_off_and_never_stops_the_others(store: SqlStore) -> None:
    with running() as server, _fetcher() as fetcher:
        good = server.url("/good.rss")
        bad = server.url("/bad.rss")
        link = _publish(server, 0)
        server.put("/good.rss", rss("Good", [(link, "One", "Sat, 20 Dec 2025 10:00:00 GMT")]))
        server.put("/bad.rss", "<rss><channel><item><title>cut off")
        t0 = datetime(2026, 1, 1, tzinfo=UTC)
        report = poll(store, [bad, good], fetcher, EVERY, force=True, now=lambda: t0)
        outcome = {f.url: f for f in report.feeds}
        assert outcome[good].stored == 1
        assert outcome[bad].outcome == "error" and "malformed XML" in (outcome[bad].error or "")
        assert report.next_due == t0 + timedelta(seconds=EVERY)  # the good feed's turn
        failing = feed_state(store, bad)
        assert failing is not None and failing.consecutive_errors == 1
        assert failing.next_poll == t0 + timedelta(seconds=2 * EVERY)
        assert failing.last_error is not None and "malformed" in failing.last_error

        # After one period: the good feed is due again, the failing one waits longer.
        t1 = t0 + timedelta(seconds=EVERY + 1)
        report = poll(store, [bad, good], fetcher, EVERY, now=lambda: t1)
        outcome = {f.url: f for f in report.feeds}
        assert outcome[bad].outcome == "not due"
        assert outcome[good].outcome == "new" and outcome[good].stored == 0
        assert len(server.hits("/bad.rss")) == 1
        t2 = t0 + timedelta(seconds=2 * EVERY + 1)
        poll(store, [bad, good], fetcher, EVERY, now=lambda: t2)
        failing = feed_state(store, bad)
        assert failing is not None and failing.consecutive_errors == 2
        assert failing.next_poll == t2 + timedelta(seconds=4 * EVERY)
        healthy = feed_state(store, good)
        assert healthy is not None and healthy.consecutive_errors == 0
        assert healthy.articles_found == 1
        assert len(server.hits("/news/0.html")) == 1
    assert store.article_count() == 1


def test_a_page_that_fails_for_now_is_fetched_at_the_next_poll(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "w.db"))
    with running() as server, _fetcher() as fetcher:
        server.put("/robots.txt", "", content_type="text/plain")
        link = _publish(server, 1)
        server.put("/news/1.html", status=500)
        server.put("/f.rss", rss("F", [(link, "One", "Sat, 20 Dec 2025 10:00:00 GMT")]),
                   etag='"1"')  # fmt: skip
        first = poll(store, [server.url("/f.rss")], fetcher, EVERY, force=True)
        (feed,) = first.feeds
        assert feed.stored == 0 and [r.source for r in feed.retry] == [link]
        assert "HTTP 500" in feed.retry[0].reason
        assert store.rejections() == []  # not stored: it is tried again
        state = feed_state(store, server.url("/f.rss"))
        assert state is not None and state.etag is None  # so the next GET is not answered 304
        _publish(server, 1)
        second = poll(store, [server.url("/f.rss")], fetcher, EVERY, force=True)
        assert second.feeds[0].stored == 1
        assert "if-none-match" not in server.hits("/f.rss")[1].headers
    store.close()


def test_opml_file_of_a_feed_and_a_news_sitemap(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "w.db"))
    with running() as server, _fetcher() as fetcher:
        link = _publish(server, 2)
        # A page with no date of its own: the sitemap's date and title fill the gaps.
        made = "\n\n".join(
            f"Paragraph {n}: the harbour authority said the ferry service would resume once the "
            "storm had passed, and that crews were inspecting the piers for damage."
            for n in range(6)
        )
        server.put("/plain.html", article_page(made, title="Ferries to resume"))
        sitemap = (
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url>'
            f"<loc>{server.url('/plain.html')}</loc><news:news><news:publication>"
            "<news:name>Sitemap Times</news:name></news:publication>"
            "<news:publication_date>2025-12-22T08:00:00Z</news:publication_date>"
            "<news:title>Talks near a result</news:title><news:keywords>Ukraine</news:keywords>"
            "</news:news></url></urlset>"
        )
        server.put("/sitemap.xml", sitemap, content_type="application/xml")
        server.put("/a.rss", rss("Feed A", [(link, "Two", "Sun, 21 Dec 2025 10:00:00 GMT")]))
        opml = tmp_path / "feeds.opml"
        opml.write_text(
            '<opml version="2.0"><body><outline text="news">'
            f'<outline text="A" xmlUrl="{server.url("/a.rss")}"/>'
            f'<outline text="S" xmlUrl="{server.url("/sitemap.xml")}"/>'
            "</outline></body></opml>",
            encoding="utf-8",
        )
        report = poll(store, [str(opml), str(tmp_path / "missing.opml")], fetcher, EVERY)
        assert sorted(f.stored for f in report.feeds) == [1, 1]
        (unusable,) = report.unusable
        assert unusable.source.endswith("missing.opml")
        state = feed_state(store, server.url("/sitemap.xml"))
        assert state is not None and state.kind == "sitemap"
    by_source = {a.source: a for a in store.iter_articles()}
    from_sitemap = by_source[server.url("/plain.html")]
    assert (from_sitemap.published, from_sitemap.published_from) == ("2025-12-22", "input")
    assert from_sitemap.extra["feed_categories"] == ["Ukraine"]
    # The page states its own date (2025-12-22): it wins over the feed's (2025-12-21).
    assert (by_source[link].published, by_source[link].published_from) == (
        "2025-12-22",
        "html-meta",
    )
    store.close()


def test_a_watch_killed_before_saving_feed_state_duplicates_nothing(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "w.db"))
    with running() as server, _fetcher() as fetcher:
        # The third URL serves the same page as the first (a tracking-parameter copy).
        links = [_publish(server, n) for n in (0, 4)] + [_publish(server, 0, "/news/0.html?x=1")]
        items = [(u, f"Item {i}", "Sat, 20 Dec 2025 10:00:00 GMT") for i, u in enumerate(links)]
        server.put("/f.rss", rss("F", items), etag='"1"')
        first = poll(store, [server.url("/f.rss")], fetcher, EVERY, force=True)
        assert first.feeds[0].new_items == 3 and first.stored == 2
        # As if killed after the pages were stored but before the feed's state was.
        save_feed_state(store, FeedState(server.url("/f.rss")))
        again = poll(store, [server.url("/f.rss")], fetcher, EVERY, force=True)
        assert again.feeds[0].new_items == 0 and again.stored == 0
        assert all(len(server.hits(p)) == 1 for p in ("/news/0.html", "/news/4.html",
                                                         "/news/0.html?x=1"))  # fmt: skip
    assert store.article_count() == 2
    store.close()


def test_sitemap_index_reads_its_sitemaps_and_reports_a_broken_one(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "w.db"))
    with running() as server, _fetcher() as fetcher:
        link = _publish(server, 4)
        ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        server.put("/s1.xml", f"<urlset {ns}><url><loc>{link}</loc></url></urlset>")
        children = "".join(
            f"<sitemap><loc>{server.url(p)}</loc></sitemap>" for p in ("/s1.xml", "/s2.xml")
        )
        server.put("/index.xml", f"<sitemapindex {ns}>{children}</sitemapindex>")
        (feed,) = poll(store, [server.url("/index.xml")], fetcher, EVERY).feeds
    assert feed.stored == 1
    assert feed.warning is not None and "/s2.xml" in feed.warning and "404" in feed.warning
    store.close()
