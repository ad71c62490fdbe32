"""Syndicated copies and shared passages: the copy detector and its saved state.

Typical use::

    index = DedupeIndex()                        # or DedupeIndex.from_rows(stored rows)
    for article in new_articles:
        result = index.add(article.id, article.text, article.published, article.words)
        # result.duplicate_of, result.relinked, result.overlaps

:mod:`newsweave.dedupe.snapshot` turns the detector's state into bytes and back, so the
next run resumes instead of re-reading every stored article.
"""

from newsweave.dedupe.index import (
    JACCARD_THRESHOLD,
    DedupeIndex,
    DedupeResult,
    Overlap,
    SharedSpan,
    normalise,
    shingles,
)

__all__ = [
    "JACCARD_THRESHOLD",
    "DedupeIndex",
    "DedupeResult",
    "Overlap",
    "SharedSpan",
    "normalise",
    "shingles",
]
