"""The cross-language pair measures of benchmarks.stories_across, on a hand-computed case."""

from __future__ import annotations

import pytest

from benchmarks.stories_across import Item, pair_scores
from newsweave.cluster import ClusterInput


def item(i: str, topic: str, lang: str, day: int | None) -> Item:
    return Item(i, topic, lang, day, ClusterInput(i, "", "", None, lang))


def test_pair_scores_by_hand() -> None:
    items = [
        item("a", "t1", "ru", 100),
        item("b", "t1", "uk", 101),
        item("c", "t1", "pl", 200),
        item("d", "t2", "uk", 100),
    ]
    pred = {"a": "S1", "b": "S1", "d": "S1", "c": "S2"}
    s = pair_scores(items, pred, window=60)
    # Same topic, two languages: a-b (1 day apart, joined), a-c and b-c (~100 days, apart).
    assert s.close_recall == 1.0  # a-b is the only pair within 2 days
    assert s.within_recall == 1.0  # ... and the only one within the window
    assert s.all_recall == pytest.approx(1 / 3)
    # Joined pairs of two languages: a-b (one topic) and a-d (two topics); b-d is one language.
    assert s.joined_pairs == 2 and s.precision == 0.5
    assert s.cross_topic_pairs == 2  # a-d and b-d, whatever their languages
