"""Syndicated copies and shared passages: the copy detector and its keyed state.

Typical use::

    index = DedupeIndex()                        # in memory; or DedupeIndex(KeyedState(…))
    for article in new_articles:
        result = index.add(article.id, article.text, article.published, article.words)
        # result.duplicate_of, result.relinked, result.overlaps

The detector reads and writes its state through a :class:`newsweave.keyed.KeyedState`,
so the dedupe stage resumes from the stored rows an article touches, never the whole state.
"""

from newsweave.dedupe.index import (
    BUCKET_CAP,
    JACCARD_THRESHOLD,
    DamagedState,
    DedupeIndex,
    DedupeResult,
    Overlap,
    SharedSpan,
    normalise,
    settings,
    shingles,
)

__all__ = [
    "BUCKET_CAP",
    "JACCARD_THRESHOLD",
    "DamagedState",
    "DedupeIndex",
    "DedupeResult",
    "Overlap",
    "SharedSpan",
    "normalise",
    "settings",
    "shingles",
]
