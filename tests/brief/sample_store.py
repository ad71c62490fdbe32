"""The sample corpus run through the real pipeline and the compare and brief stages, once per
test session (it takes a parse of every article), for the compare, brief, view and report tests.
"""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

from newsweave import pipeline
from newsweave.store import SqlStore, open_store

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@lru_cache(maxsize=1)
def sample_store() -> SqlStore:
    folder = Path(tempfile.mkdtemp(prefix="newsweave-brief-"))
    store = open_store(str(folder / "samples.db"))
    pipeline.run([str(SAMPLES)], store)
    return store


def main_story_id(store: SqlStore) -> str:
    """The story with the most articles (the samples' talks story)."""
    return max(store.stories(), key=lambda s: len(s.article_ids)).id
