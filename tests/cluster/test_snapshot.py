"""The clusterer's saved state: resuming from it decides exactly as never stopping would."""

from __future__ import annotations

import dataclasses
import zlib

import pytest

from newsweave.cluster import ClusterInput, ClusterModel, StoryClusterer, snapshot
from tests.cluster import texts


def _stream() -> list[ClusterInput]:
    volcano = [
        ClusterInput(f"v{i}", h, t, d, "en")
        for i, ((h, t), d) in enumerate(zip(texts.VOLCANO, texts.VOLCANO_DATES, strict=True))
    ]
    return [
        *volcano[:2],
        ClusterInput("s1", *texts.TRAIN_STRIKE, "2024-03-14", "en"),
        *volcano[2:],
        ClusterInput("f1", *texts.FRENCH, "2024-03-16", "fr"),
        ClusterInput("s2", *texts.TRAIN_STRIKE, "2024-03-15", "en"),
    ]


def test_resuming_from_a_snapshot_decides_as_the_uninterrupted_stream() -> None:
    items = _stream()
    live = StoryClusterer()
    whole = [live.assign(item) for item in items]
    first = StoryClusterer()
    for item in items[:3]:
        first.assign(item)
    resumed = snapshot.load(snapshot.dump(first))
    rest = [resumed.assign(item) for item in items[3:]]
    assert rest == whole[3:]  # same stories, same probabilities to the last bit
    assert resumed.assignments() == live.assignments()
    assert [s.title for s in resumed.summaries()] == [s.title for s in live.summaries()]


def test_a_damaged_or_foreign_snapshot_is_refused() -> None:
    good = snapshot.dump(StoryClusterer())
    with pytest.raises(ValueError, match="not a story-clusterer snapshot"):
        snapshot.load(good[:-5])
    with pytest.raises(ValueError, match="format"):
        snapshot.load(zlib.compress(b'{"format": 99}'))


def test_fingerprint_tells_which_articles_and_which_model() -> None:
    model = ClusterModel.load()
    base = snapshot.fingerprint(["a", "b"], model)
    assert snapshot.fingerprint(["b", "a"], model) == base
    assert snapshot.fingerprint(["a"], model) != base
    other = dataclasses.replace(model, threshold=model.threshold + 0.01)
    assert snapshot.fingerprint(["a", "b"], other) != base
