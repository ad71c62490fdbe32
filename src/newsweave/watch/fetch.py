"""HTTP for ``newsweave watch``: a polite client over httpx.

httpx does the HTTP; this module adds what a good citizen of other people's servers
does and httpx leaves to its caller: conditional GETs (ETag / Last-Modified), robots.txt
checked on every hop of a redirect chain, a delay between requests to one host (at least
its Crawl-delay) and a cap on requests in flight to it, retries with exponential backoff
for answers worth retrying, and a size limit enforced while the body streams in.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import httpx

from newsweave import __version__, errors, settings
from newsweave.watch.robots import Robots, host_of

_REDIRECTS = (301, 302, 303, 307, 308)
_RETRY_STATUS = (429, 500, 502, 503, 504)
#: Longest Retry-After honoured within one poll (a longer one waits for the next poll).
_MAX_RETRY_AFTER = 60.0


def user_agent(contact: str) -> str:
    """``newsweave/VERSION (+contact)``: who is fetching, and how to reach the operator."""
    return f"newsweave/{__version__} (+{contact})"


@dataclass(frozen=True)
class FetchOptions:
    """How politely to fetch; the defaults live in ``settings``."""

    contact: str
    timeout: float = settings.FETCH_TIMEOUT
    retries: int = settings.FETCH_RETRIES
    backoff: float = settings.FETCH_BACKOFF
    host_delay: float = settings.FETCH_HOST_DELAY
    host_concurrency: int = settings.FETCH_HOST_CONCURRENCY
    concurrency: int = settings.FETCH_CONCURRENCY
    max_bytes: int = settings.FETCH_MAX_BYTES
    max_redirects: int = settings.FETCH_MAX_REDIRECTS


@dataclass(frozen=True)
class Fetched:
    """One request's outcome. ``status`` is 0 when no answer came; ``error`` says why the
    body is unusable; ``transient`` marks failures worth trying again at the next poll."""

    url: str
    final_url: str
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    transient: bool = False

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.error is None

    @property
    def not_modified(self) -> bool:
        return self.status == 304 and self.error is None


@dataclass
class _Host:
    """Politeness bookkeeping for one origin."""

    slots: threading.Semaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0


class Fetcher:
    """A thread-safe polite client; ``close()`` (or ``with``) releases its connections."""

    def __init__(self, options: FetchOptions) -> None:
        self.options = options
        self.user_agent = user_agent(options.contact)
        self._client = httpx.Client(
            timeout=httpx.Timeout(options.timeout),
            follow_redirects=False,  # each hop is checked against robots.txt below
            headers={"User-Agent": self.user_agent},
            limits=httpx.Limits(max_connections=options.concurrency),
        )
        self._hosts: dict[str, _Host] = {}
        self._guard = threading.Lock()
        self.robots = Robots(lambda url: self.get(url, check_robots=False))

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        check_robots: bool = True,
    ) -> Fetched:
        """GET ``url`` following redirects; with ``etag``/``last_modified`` a conditional GET
        whose 304 answer comes back as ``not_modified``. Never raises for network trouble."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(self.options.max_redirects + 1):
            verdict = self.robots.check(current) if check_robots else "allowed"
            if verdict != "allowed":
                host = urlsplit(current).netloc
                if verdict == "unknown":
                    reason = errors.ROBOTS_UNKNOWN.format(host=host)
                    return Fetched(url, current, 0, error=reason, transient=True)
                reason = errors.ROBOTS_DISALLOWED.format(host=host)
                return Fetched(url, current, 0, error=reason)
            answer = self._with_retries(url, current, headers)
            if answer.status not in _REDIRECTS:
                return answer
            location = answer.headers.get("location")
            if not location:
                return _failed(url, current, answer.status)
            current = urljoin(current, location)
        limit = self.options.max_redirects
        return Fetched(url, current, 0, error=errors.TOO_MANY_REDIRECTS.format(limit=limit))

    def _with_retries(self, url: str, current: str, headers: dict[str, str]) -> Fetched:
        attempt = 0
        while True:
            answer, wait = self._once(url, current, headers)
            if not answer.transient or attempt >= self.options.retries:
                return answer
            backoff = self.options.backoff * 2**attempt
            time.sleep(min(max(backoff, wait or 0.0), _MAX_RETRY_AFTER))
            attempt += 1

    def _once(self, url: str, current: str, headers: dict[str, str]) -> tuple[Fetched, float]:
        """One request through the host's limits, and the Retry-After it asked for."""
        host = self._host(current)
        with host.slots:
            self._wait_turn(host, current)
            try:
                return self._stream(url, current, headers)
            except httpx.TimeoutException:
                detail = f"no answer within {self.options.timeout:g} s"
                return Fetched(url, current, 0, error=_transient(detail), transient=True), 0.0
            except httpx.HTTPError as exc:
                detail = f"{type(exc).__name__}: {exc}"
                return Fetched(url, current, 0, error=_transient(detail), transient=True), 0.0

    def _stream(self, url: str, current: str, headers: dict[str, str]) -> tuple[Fetched, float]:
        limit = self.options.max_bytes
        with self._client.stream("GET", current, headers=headers) as response:
            found = {k.lower(): v for k, v in response.headers.items()}
            status = response.status_code
            if status in _REDIRECTS or status == 304:
                return Fetched(url, current, status, headers=found), 0.0
            if status != 200:
                wait = _retry_after(found.get("retry-after"))
                return _failed(url, current, status, found), wait
            declared = found.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                return _too_large(url, current, found, limit), 0.0
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > limit:
                    return _too_large(url, current, found, limit), 0.0
        return Fetched(url, current, 200, bytes(body), found), 0.0

    def _host(self, url: str) -> _Host:
        key = host_of(url)
        with self._guard:
            host = self._hosts.get(key)
            if host is None:
                host = _Host(threading.Semaphore(self.options.host_concurrency))
                self._hosts[key] = host
            return host

    def _wait_turn(self, host: _Host, url: str) -> None:
        """Sleep until this host's next request may start; book the slot after it."""
        delay = max(self.options.host_delay, self.robots.crawl_delay(url) or 0.0)
        with host.lock:
            now = time.monotonic()
            start = max(now, host.next_start)
            host.next_start = start + delay
        if start > now:
            time.sleep(start - now)


def _transient(detail: str) -> str:
    return errors.FETCH_FAILED.format(detail=detail)


def _failed(url: str, current: str, status: int, headers: dict[str, str] | None = None) -> Fetched:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    reason = errors.HTTP_STATUS.format(status=status, phrase=phrase).replace("  ", " ")
    transient = status in _RETRY_STATUS
    return Fetched(url, current, status, headers=headers or {}, error=reason, transient=transient)


def _too_large(url: str, current: str, headers: dict[str, str], limit: int) -> Fetched:
    return Fetched(
        url, current, 200, headers=headers, error=errors.TOO_LARGE_PAGE.format(limit=limit)
    )


def _retry_after(value: str | None) -> float:
    """Seconds a 429/503 asks us to wait (delta-seconds or an HTTP date), 0 if none."""
    if not value:
        return 0.0
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    return max(0.0, when.timestamp() - time.time())
