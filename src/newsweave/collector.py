"""How often the cyclic garbage collector runs while the pipeline works.

CPython starts a young collection every 700 container allocations (its default
threshold), a middle one every ten young ones and a full one every ten middle ones. The
stages allocate millions of short-lived dicts, lists and tuples (rows, mentions, state
entries) while the process holds a large long-lived heap (models, lexicons, caches), and
every full collection walks all of it. Measured on a replayed chunk of 992 articles
(a store of 2,300, one process, the stages after the parse): 7.5 s of the chunk's 56.6 s
of CPU went to the collector, in 6,026 young, 548 middle and 23 full collections (5.4 s
for the full ones). With the young threshold at 10,000 (the older ones unchanged): 816,
75 and 6 collections, 2.4 s. The collector only frees objects nothing can reach, so no
result can change; unreachable cycles wait a few thousand allocations longer.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Container allocations between young collections while the pipeline runs.
YOUNG = 10_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the body with the young threshold at least :data:`YOUNG`; the thresholds
    are put back after, as they were."""
    before = gc.get_threshold()
    if 0 < before[0] < YOUNG:  # 0: the caller turned automatic collection off
        gc.set_threshold(YOUNG, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
