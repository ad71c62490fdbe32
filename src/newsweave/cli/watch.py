"""``newsweave watch`` and ``newsweave feeds``: follow feeds, news sitemaps and OPML lists as
they publish, and show how each watched feed fares."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsweave import errors, settings
from newsweave.cli.common import cli_store, db_option
from newsweave.store.feeds_sql import feed_states
from newsweave.watch import Fetcher, FetchOptions, PollReport, poll

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: str) -> float:
    """Seconds in ``90s``, ``15m``, ``2h``, ``1d`` (a bare number is seconds)."""
    m = _DURATION.match(value)
    if m is None or float(m.group(1)) <= 0:
        raise click.BadParameter(f"{value!r} is not a duration such as 90s, 15m, 2h or 1d")
    return float(m.group(1)) * _UNIT[m.group(2)]


def _duration(_ctx: click.Context, _param: click.Parameter, value: str) -> float:
    return parse_duration(value)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option(
    "--every",
    default="15m",
    show_default=True,
    metavar="DURATION",
    callback=_duration,
    help="Time between polls of a feed (90s, 15m, 2h); a failing feed waits longer.",
)
@click.option("--once", is_flag=True, help="Poll every source once now, then exit.")
@click.option(
    "--contact",
    envvar="NEWSWEAVE_CONTACT",
    default=None,
    metavar="EMAIL|URL",
    help="How site operators reach you, sent in the User-Agent (or set NEWSWEAVE_CONTACT).",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=settings.FETCH_HOST_DELAY,
    show_default=True,
    metavar="SECONDS",
    help="Seconds between two requests to one host (a robots.txt Crawl-delay raises it).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=settings.FETCH_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Seconds to wait for a server to connect or send the next bytes.",
)
def watch(
    sources: tuple[str, ...],
    target: str,
    every: float,
    once: bool,
    contact: str | None,
    delay: float,
    timeout: float,
) -> None:
    """Poll RSS/Atom feeds, news sitemaps and OPML files of feeds; store every new article.

    Each poll sends a conditional GET (ETag / If-Modified-Since), fetches the page of each
    new item (robots.txt honoured, requests to one host --delay apart), and runs every stage,
    so new articles land in their stories. Stop it any time: nothing is lost or stored
    twice. A failing feed is reported and retried less often; it never stops the others.

    \b
    Example: newsweave watch https://example.org/world.rss feeds.opml --contact me@example.org
    Once:    newsweave watch https://example.org/news-sitemap.xml --once --contact me@example.org
    """
    if not contact or not contact.strip():
        raise click.UsageError(errors.NO_CONTACT)
    options = FetchOptions(contact=contact.strip(), timeout=timeout, host_delay=delay)
    out = Console(stderr=True, highlight=False, soft_wrap=True)
    with cli_store(target) as store, Fetcher(options) as fetcher:
        try:
            while True:
                report = poll(store, list(sources), fetcher, every, force=once)
                _print_report(out, report)
                if once:
                    break
                time.sleep(seconds_until(report.next_due, every))
        except KeyboardInterrupt:
            out.print("stopped: the next watch resumes where this one left off")


def seconds_until(due: datetime | None, every: float) -> float:
    """Seconds to sleep until ``due`` (at least 1, at most ``every``)."""
    if due is None:
        return every
    return min(every, max(1.0, (due - datetime.now(UTC)).total_seconds()))


def _print_report(out: Console, report: PollReport) -> None:
    for bad in report.unusable:
        out.print(f"[red]unusable[/] {escape(bad.source)}: {escape(bad.reason)}")
    for feed in report.feeds:
        url = escape(feed.url)
        if feed.outcome == "error":
            out.print(f"[red]feed failed[/] {url}: {escape(feed.error or '')}")
            continue
        if feed.outcome != "new":
            out.print(f"{url}: {feed.outcome}")
            continue
        if feed.warning:
            out.print(f"[yellow]warning[/] {url}: {escape(feed.warning)}")
        out.print(
            f"{url}: {feed.items} item(s), {feed.new_items} new, {feed.stored} article(s) stored"
        )
        for r in feed.skipped:
            out.print(f"  [yellow]skipped[/] {escape(r.source)}: {escape(r.reason)}")
        for r in feed.retry:
            out.print(f"  [yellow]retry later[/] {escape(r.source)}: {escape(r.reason)}")
    stages = ", ".join(f"{k} {v}" for k, v in report.stages.items())
    out.print(f"stored {report.stored} new article(s); stages: {stages}")


@click.command()
@db_option
def feeds(target: str) -> None:
    """List watched feeds: last poll, status, errors in a row, next poll, articles found.

    Example: newsweave feeds --db newsweave.db
    """
    with cli_store(target) as store:
        found = feed_states(store)
    table = Table(title=f"{len(found)} watched feed(s) in {target}")
    for name in ("url", "kind", "last poll", "status", "errors", "next poll", "articles", "etag",
                 "last modified", "last error"):  # fmt: skip
        right = name in ("errors", "articles")
        table.add_column(name, justify="right" if right else "left", no_wrap=name == "url")
    for s in found:
        table.add_row(
            escape(s.url),
            s.kind,
            _when(s.last_poll),
            str(s.last_status or "—"),
            str(s.consecutive_errors),
            _when(s.next_poll),
            str(s.articles_found),
            escape(s.etag or "—"),
            escape(s.last_modified or "—"),
            escape(s.last_error or ""),
        )
    Console(width=max(Console().width, 200)).print(table)


def _when(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") if value else "—"
