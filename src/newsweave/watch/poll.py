"""One poll of the watched sources: fetch each due feed conditionally, fetch the pages of
its new items, and send them through the same ingest and stages as ``newsweave run``.

Kill-safe by construction: a page is ingested (one transaction per batch, idempotent by
content hash) before its feed's new ETag/Last-Modified is stored, and an item URL already
stored as a document or a rejection is never fetched again. A watch killed anywhere
therefore re-reads at most the feed, and stores nothing twice.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from newsweave import errors, pipeline
from newsweave.ingest.decode import DecodeFailure, decode
from newsweave.ingest.formats import is_truncated_html
from newsweave.model import Document, FeedKind, FeedState, Rejection, sha256_hex
from newsweave.store import SqlStore
from newsweave.store.chunking import chunks
from newsweave.store.feeds_sql import feed_state, known_sources, mark_items, save_feed_state
from newsweave.watch import state as feed_states
from newsweave.watch.fetch import Fetched, Fetcher
from newsweave.watch.sources import Item, Listing, read_listing, read_opml

log = logging.getLogger(__name__)

#: Pages fetched at once and stored in one go: what a killed watch fetches again at most.
PAGE_BATCH = 32


@dataclass
class FeedReport:
    """What one poll did with one feed, for the CLI to print and tests to check."""

    url: str
    outcome: str  # "new", "not modified", "error", "not due"
    items: int = 0
    new_items: int = 0
    stored: int = 0
    error: str | None = None
    warning: str | None = None
    #: Pages not stored and why (robots.txt, HTTP errors, not an article).
    skipped: list[Rejection] = field(default_factory=list)
    #: Pages that failed for now (timeouts, 5xx): fetched again at the next poll.
    retry: list[Rejection] = field(default_factory=list)


@dataclass
class PollReport:
    feeds: list[FeedReport] = field(default_factory=list)
    #: Sources that named no feed (an unreadable OPML file, a path that is not a URL).
    unusable: list[Rejection] = field(default_factory=list)
    stages: dict[str, int] = field(default_factory=dict)
    #: When the first of these sources is due again (None: no source names a feed).
    next_due: datetime | None = None

    @property
    def stored(self) -> int:
        return sum(f.stored for f in self.feeds)


def expand(sources: Sequence[str]) -> tuple[list[str], list[Rejection]]:
    """Feed URLs of the sources: a URL stands for itself, an OPML file for the feeds it lists."""
    urls: list[str] = []
    unusable: list[Rejection] = []
    for source in sources:
        if urlsplit(source).scheme in ("http", "https"):
            urls.append(source)
            continue
        path = Path(source)
        if not path.is_file():
            unusable.append(
                Rejection(source, f"not an http(s) URL nor an OPML file: {errors.NOT_FOUND}")
            )
            continue
        try:
            found = read_opml(path.read_bytes())
        except OSError as exc:
            unusable.append(Rejection(source, errors.UNREADABLE.format(detail=exc.strerror or exc)))
            continue
        if isinstance(found, str):
            unusable.append(Rejection(source, found))
        else:
            urls.extend(found)
    return list(dict.fromkeys(urls)), unusable


def poll(
    store: SqlStore,
    sources: Sequence[str],
    fetcher: Fetcher,
    every: float,
    force: bool = False,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> PollReport:
    """Poll every due feed of ``sources`` once (all of them with ``force``), ingest what is
    new, then bring every stage up to date."""
    urls, unusable = expand(sources)
    report = PollReport(unusable=unusable)
    started = now()
    states = {u: feed_state(store, u) or FeedState(u) for u in urls}
    due = [u for u in urls if force or feed_states.is_due(states[u], started)]
    report.feeds.extend(FeedReport(u, "not due") for u in urls if u not in due)
    workers = max(1, fetcher.options.concurrency)
    with ThreadPoolExecutor(workers) as pool:
        answers = list(pool.map(lambda u: _fetch_listing(fetcher, states[u]), due))
        claimed: set[str] = set()
        for url, (answer, listing) in zip(due, answers, strict=True):
            feed = _poll_feed(
                store, fetcher, pool, states[url], answer, listing, claimed, every, now
            )
            report.feeds.append(feed)
    report.stages = pipeline.run_stages(store)
    due_times = [s.next_poll for u in urls if (s := feed_state(store, u)) and s.next_poll]
    report.next_due = min(due_times, default=None)
    return report


def _fetch_listing(fetcher: Fetcher, state: FeedState) -> tuple[Fetched, Listing | str | None]:
    """The conditional GET of a feed and what it lists (a sitemap index: its sitemaps' pages)."""
    answer = fetcher.get(state.url, state.etag, state.last_modified)
    if not answer.ok:
        return answer, None
    listing = read_listing(answer.body, answer.final_url)
    if isinstance(listing, Listing) and listing.kind == "sitemap-index":
        items: list[Item] = []
        problems: list[str] = []
        for child in listing.sources:
            found = fetcher.get(child)
            inner = read_listing(found.body, found.final_url) if found.ok else found.error
            if isinstance(inner, Listing):
                items.extend(inner.items)
            else:
                problems.append(f"{child}: {inner}")
        warning = "; ".join(problems) or None
        listing = Listing("sitemap", listing.title, tuple(items), warning=warning)
    return answer, listing


def _poll_feed(
    store: SqlStore,
    fetcher: Fetcher,
    pool: ThreadPoolExecutor,
    state: FeedState,
    answer: Fetched,
    listing: Listing | str | None,
    claimed: set[str],
    every: float,
    now: Callable[[], datetime],
) -> FeedReport:
    url = state.url
    if answer.not_modified:
        save_feed_state(
            store,
            feed_states.succeeded(
                state, now(), every, 304, etag=state.etag, last_modified=state.last_modified
            ),
        )
        return FeedReport(url, "not modified")
    problem = answer.error if listing is None else listing if isinstance(listing, str) else None
    if problem is not None or not isinstance(listing, Listing):
        reason = problem or errors.FEED_UNREADABLE.format(detail="nothing listed")
        failed = feed_states.failed(state, now(), every, answer.status, reason)
        save_feed_state(store, failed)
        log.warning("feed %s failed (%d in a row): %s", url, failed.consecutive_errors, reason)
        return FeedReport(url, "error", error=reason)
    if listing.kind == "opml":
        reason = errors.FEED_UNREADABLE.format(detail="an OPML list: pass it as a file")
        save_feed_state(store, feed_states.failed(state, now(), every, answer.status, reason))
        return FeedReport(url, "error", error=reason)
    feed = FeedReport(url, "new", items=len(listing.items), warning=listing.warning)
    known = known_sources(store, [i.url for i in listing.items])
    fresh = [i for i in listing.items if i.url not in known and i.url not in claimed]
    claimed.update(i.url for i in fresh)
    feed.new_items = len(fresh)
    for batch in chunks(fresh, PAGE_BATCH):
        _ingest_pages(store, fetcher, pool, url, batch, feed)
    kind: FeedKind = "sitemap" if listing.kind == "sitemap" else "feed"
    done = feed_states.succeeded(
        dataclasses.replace(state, kind=kind),
        now(),
        every,
        answer.status,
        title=listing.title,
        etag=answer.headers.get("etag"),
        last_modified=answer.headers.get("last-modified"),
        stored=feed.stored,
        keep_validators=bool(feed.retry),
    )
    save_feed_state(store, done)
    return feed


def _ingest_pages(
    store: SqlStore,
    fetcher: Fetcher,
    pool: ThreadPoolExecutor,
    feed_url: str,
    items: Sequence[Item],
    feed: FeedReport,
) -> None:
    """Fetch a batch of pages at once, store them, then record their URLs as handled."""
    pages = list(pool.map(lambda item: fetcher.get(item.url), items))
    inputs: list[Document | Rejection] = []
    handled: dict[str, str] = {}
    for item, page in zip(items, pages, strict=True):
        made = page_document(item, page)
        if isinstance(made, Document):
            inputs.append(made)
            handled[item.url] = "fetched"
        elif page.transient:
            feed.retry.append(made)
        else:
            feed.skipped.append(made)
            inputs.append(made)
            handled[item.url] = "rejected"
    ingested = pipeline.ingest_documents(inputs, store)
    feed.stored += ingested.articles_stored
    feed.skipped.extend(r for r in ingested.rejected if r not in feed.skipped)
    mark_items(store, feed_url, handled)


def page_document(item: Item, page: Fetched) -> Document | Rejection:
    """The Document a fetched page becomes, or why it cannot be one.

    The item URL is the document's source (what later polls check to skip it); the page's
    final URL after redirects and the feed's metadata travel as hints."""
    if not page.ok:
        return Rejection(item.url, page.error or errors.FETCH_FAILED.format(detail="no answer"))
    content_type = page.headers.get("content-type", "text/html").lower()
    if "html" not in content_type:
        kind = content_type.split(";")[0].strip()
        return Rejection(item.url, f"not an HTML page (content type {kind}): nothing to read")
    decoded = decode(page.body)
    if isinstance(decoded, DecodeFailure):
        return Rejection(item.url, decoded.reason, sha256_hex(page.body))
    if is_truncated_html(decoded.text):
        return Rejection(item.url, errors.TRUNCATED_HTML, sha256_hex(page.body))
    return Document(
        source=item.url,
        raw=decoded.text,
        format="html",
        encoding=decoded.encoding,
        content_hash=sha256_hex(decoded.text),
        hints={"url": page.final_url, **item.hints()},
    )
