"""Throughput as a store grows: articles per second over each consecutive thousand."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")


def rates(items: Sequence[Item], step: Callable[[Item], object]) -> list[float]:
    """Articles/s of ``step`` over each consecutive thousand of ``items``."""
    out = []
    for k in range(0, len(items), 1000):
        start = time.perf_counter()
        for item in items[k : k + 1000]:
            step(item)
        out.append(len(items[k : k + 1000]) / (time.perf_counter() - start))
    return out
