"""robots.txt, read once per host and trusted for a while (``settings.ROBOTS_TTL``).

The rules are parsed by the standard library's ``urllib.robotparser``; this module only
fetches, caches and applies them the way RFC 9309 asks: a missing robots.txt (4xx)
allows everything, one that cannot be fetched (5xx, network error) allows nothing until
it can be read (the verdict is "unknown", so the page is tried again later rather than
skipped for good), and 401/403 forbid the whole site.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from newsweave import settings

#: The product token robots.txt rules name (``User-agent: newsweave``).
AGENT_TOKEN = "newsweave"


class Answer(Protocol):
    """The part of a fetch result robots.txt needs (``fetch.Fetched`` is one)."""

    @property
    def status(self) -> int: ...

    @property
    def body(self) -> bytes: ...


Verdict = Literal["allowed", "disallowed", "unknown"]


@dataclass
class _Rules:
    parser: RobotFileParser | None  # None: the verdict below holds for every path
    verdict: Verdict
    read_at: float

    def check(self, url: str) -> Verdict:
        if self.parser is None:
            return self.verdict
        return "allowed" if self.parser.can_fetch(AGENT_TOKEN, url) else "disallowed"

    def delay(self) -> float | None:
        if self.parser is None:
            return None
        found = self.parser.crawl_delay(AGENT_TOKEN)
        return float(found) if found is not None else None


def host_of(url: str) -> str:
    """``scheme://host:port``: robots.txt and politeness limits are per origin."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class Robots:
    """Answers "may newsweave fetch this URL?", fetching each host's robots.txt once."""

    def __init__(self, fetch: Callable[[str], Answer], ttl: float = settings.ROBOTS_TTL) -> None:
        self._fetch = fetch
        self._ttl = ttl
        self._rules: dict[str, _Rules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def check(self, url: str) -> Verdict:
        """``unknown`` while the host's robots.txt cannot be fetched (5xx, network error):
        nothing is fetched from the host then, and the caller asks again later."""
        return self._rules_for(host_of(url)).check(url)

    def crawl_delay(self, url: str) -> float | None:
        """The host's Crawl-delay if its robots.txt was read and names one (never fetches)."""
        rules = self._rules.get(host_of(url))
        return rules.delay() if rules is not None else None

    def _rules_for(self, host: str) -> _Rules:
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:  # one fetch per host, however many threads ask at once
            rules = self._rules.get(host)
            if rules is None or time.monotonic() - rules.read_at > self._ttl:
                rules = self._read(host)
                self._rules[host] = rules
            return rules

    def _read(self, host: str) -> _Rules:
        answer = self._fetch(f"{host}/robots.txt")
        now = time.monotonic()
        if answer.status in (401, 403):
            return _Rules(None, "disallowed", now)
        if 400 <= answer.status < 500:
            return _Rules(None, "allowed", now)
        if answer.status != 200:
            # Unreachable: allow nothing, and ask again at the next request, not after the TTL.
            return _Rules(None, "unknown", now - self._ttl - 1)
        parser = RobotFileParser()
        parser.parse(answer.body.decode("utf-8", errors="replace").splitlines())
        return _Rules(parser, "allowed", now)
