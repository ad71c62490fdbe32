"""The polite client against a real local server: conditional GETs, redirects, timeouts,
retries with backoff, the size limit, robots.txt and the per-host delay."""

from __future__ import annotations

import time

from newsweave.watch import Fetcher, FetchOptions
from tests.watch.server import running

CONTACT = "ops@example.org"


def _fetcher(**kw: float) -> Fetcher:
    options = {"host_delay": 0.0, "backoff": 0.01, "timeout": 2.0, **kw}
    return Fetcher(FetchOptions(contact=CONTACT, **options))  # type: ignore[arg-type]


def test_conditional_get_answers_not_modified_and_names_the_operator() -> None:
    with running() as server, _fetcher() as fetcher:
        server.put("/robots.txt", "", content_type="text/plain")
        server.put("/f", "<rss/>", etag='"e1"', last_modified="Mon, 22 Dec 2025 10:00:00 GMT")
        first = fetcher.get(server.url("/f"))
        assert first.ok and first.body == b"<rss/>"
        assert first.headers["etag"] == '"e1"'
        again = fetcher.get(server.url("/f"), etag='"e1"')
        assert again.not_modified and again.body == b""
        by_date = fetcher.get(server.url("/f"), last_modified="Mon, 22 Dec 2025 10:00:00 GMT")
        assert by_date.not_modified
        sent = server.hits("/f")
        assert sent[1].headers["if-none-match"] == '"e1"'
        assert sent[2].headers["if-modified-since"] == "Mon, 22 Dec 2025 10:00:00 GMT"
        agent = sent[0].headers["user-agent"]
        assert agent.startswith("newsweave/") and CONTACT in agent


def test_redirects_are_followed_and_loops_stopped() -> None:
    with running() as server, _fetcher() as fetcher:
        server.put("/robots.txt", "", content_type="text/plain")
        server.put("/a", status=302, location="/b")
        server.put("/b", status=301, location=server.url("/c"))
        server.put("/c", "here")
        found = fetcher.get(server.url("/a"))
        assert found.ok and found.body == b"here" and found.final_url == server.url("/c")
        server.put("/loop", status=302, location="/loop")
        looped = fetcher.get(server.url("/loop"))
        assert not looped.ok and looped.error is not None and "redirects" in looped.error
        assert len(server.hits("/loop")) == 6  # the first request and five redirects


def test_robots_txt_is_checked_on_every_hop_and_read_once_per_host() -> None:
    with running() as server, _fetcher() as fetcher:
        server.put("/robots.txt", "User-agent: newsweave\nDisallow: /private/\n",
                   content_type="text/plain")  # fmt: skip
        server.put("/open", status=302, location="/private/page")
        server.put("/private/page", "secret")
        found = fetcher.get(server.url("/open"))
        assert not found.ok and found.error is not None and "robots.txt" in found.error
        assert server.hits("/private/page") == []
        assert not fetcher.get(server.url("/private/page")).ok
        assert len(server.hits("/robots.txt")) == 1


def test_missing_robots_txt_allows_and_forbidden_one_denies() -> None:
    with running() as server, _fetcher() as fetcher:
        server.put("/page", "ok")
        assert fetcher.get(server.url("/page")).ok  # no robots.txt: a 404 allows all
    with running() as server, _fetcher() as fetcher:
        server.put("/robots.txt", status=403)
        server.put("/page", "ok")
        assert not fetcher.get(server.url("/page")).ok
        assert server.hits("/page") == []


def test_slow_answer_times_out_as_a_transient_failure() -> None:
    with running() as server, _fetcher(timeout=0.3, retries=1) as fetcher:
        server.put("/robots.txt", "", content_type="text/plain")
        server.put("/slow", "late", delay=1.0)
        started = time.monotonic()
        found = fetcher.get(server.url("/slow"))
        assert not found.ok and found.transient
        assert found.error is not None and "no answer within 0.3 s" in found.error
        assert len(server.hits("/slow")) == 2  # tried again once
        assert time.monotonic() - started < 3


def test_server_errors_are_retried_with_backoff_and_client_errors_are_not() -> None:
    with running() as server, _fetcher(retries=2) as fetcher:
        server.put("/robots.txt", "", content_type="text/plain")
        server.put("/flaky", "fine", first=[503, 500])
        assert fetcher.get(server.url("/flaky")).body == b"fine"
        assert len(server.hits("/flaky")) == 3
        server.put("/down", status=500)
        down = fetcher.get(server.url("/down"))
        assert down.status == 500 and down.transient and "HTTP 500" in (down.error or "")
        assert len(server.hits("/down")) == 3
        gone = fetcher.get(server.url("/gone"))
        assert gone.status == 404 and not gone.transient
        assert len(server.hits("/gone")) == 1


def test_size_limit_stops_the_download() -> None:
    with running() as server, _fetcher(max_bytes=1000) as fetcher:
        server.put("/robots.txt", "", content_type="text/plain")
        server.put("/big", "x" * 5000)
        found = fetcher.get(server.url("/big"))
        assert not found.ok and not found.transient
        assert found.error is not None and "1,000-byte limit" in found.error


def test_requests_to_one_host_are_spaced_by_the_delay() -> None:
    with running() as server, _fetcher(host_delay=0.2) as fetcher:
        server.put("/robots.txt", "", content_type="text/plain")
        server.put("/p", "ok")
        started = time.monotonic()
        for _ in range(3):
            fetcher.get(server.url("/p"))
        # robots.txt and three pages: three gaps of at least 0.2 s between four requests.
        assert time.monotonic() - started >= 0.6


def test_crawl_delay_raises_the_delay() -> None:
    with running() as server, _fetcher(host_delay=0.0) as fetcher:
        server.put("/robots.txt", "User-agent: *\nCrawl-delay: 1\n", content_type="text/plain")
        server.put("/p", "ok")
        fetcher.get(server.url("/p"))
        started = time.monotonic()
        fetcher.get(server.url("/p"))
        assert time.monotonic() - started >= 0.9


def test_unreadable_robots_txt_fetches_nothing_for_now() -> None:
    with running() as server, _fetcher(retries=0) as fetcher:
        server.put("/robots.txt", status=503)
        server.put("/page", "ok")
        found = fetcher.get(server.url("/page"))
        assert not found.ok and found.transient
        assert found.error is not None and "could not be read" in found.error
        assert server.hits("/page") == []
        server.put("/robots.txt", "", content_type="text/plain")
        assert fetcher.get(server.url("/page")).ok  # asked again, not cached
