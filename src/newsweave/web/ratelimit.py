"""A per-client token bucket for the upload endpoint.

Hand-written on purpose: it is twenty lines, needs no store beyond a dict, and the
libraries that offer it (slowapi over ``limits``) bring a decorator framework and
storage back ends newsweave has no use for. Each client (IP address) has a bucket of
``burst`` tokens refilled at ``per_minute`` tokens a minute; a request takes one token
or is refused with the seconds until the next one. The map keeps the most recently
seen ``max_clients`` clients, so a flood of spoofed addresses cannot grow memory.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable


class TokenBucket:
    """``take(client)`` → 0.0 when allowed, else seconds to wait before trying again."""

    def __init__(
        self,
        per_minute: float,
        burst: int,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.max_clients = max_clients
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # tokens, when
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        now = self.clock()
        with self._lock:
            tokens, then = self._buckets.pop(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * self.rate)
            wait = 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.rate
            self._buckets[client] = (tokens - 1.0 if wait == 0.0 else tokens, now)
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
        return wait


def retry_after(wait: float) -> str:
    """The Retry-After header value (whole seconds, at least 1) for a refused request."""
    return str(max(1, math.ceil(wait)))
