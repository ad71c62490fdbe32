"""The upload token bucket, on a clock the test moves by hand."""

from __future__ import annotations

from newsweave.web.ratelimit import TokenBucket, retry_after


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_burst_then_refill_at_the_rate_per_client() -> None:
    clock = Clock()
    bucket = TokenBucket(per_minute=30, burst=2, clock=clock)  # one token per 2 s
    assert [bucket.take("a") for _ in range(2)] == [0.0, 0.0]
    assert bucket.take("a") == 2.0, "empty: the next token comes in 2 s"
    assert bucket.take("b") == 0.0, "another client has its own bucket"
    clock.now += 0.5
    assert bucket.take("a") == 1.5, "a refused request takes nothing"
    clock.now += 1.5
    assert bucket.take("a") == 0.0
    clock.now += 1000.0
    assert [bucket.take("a") for _ in range(3)] == [0.0, 0.0, 2.0], "never above the burst"
    assert retry_after(0.2) == "1" and retry_after(10.0) == "10" and retry_after(10.1) == "11"


def test_the_map_keeps_only_the_most_recent_clients() -> None:
    clock = Clock()
    bucket = TokenBucket(per_minute=1, burst=1, max_clients=3, clock=clock)
    assert bucket.take("a") == 0.0 and bucket.take("a") > 0
    for client in ("b", "c", "d"):
        bucket.take(client)
    assert bucket.take("a") == 0.0, "a was dropped as the oldest and starts with a full bucket"
