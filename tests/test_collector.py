"""The collector's thresholds are raised for the pipeline's work and put back after."""

from __future__ import annotations

import gc

import pytest

from newsweave import collector


def test_young_threshold_raised_inside_and_restored_after() -> None:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        with collector.fewer_collections():
            assert gc.get_threshold() == (collector.YOUNG, 10, 10)
            with collector.fewer_collections():  # nested: unchanged, then back
                assert gc.get_threshold() == (collector.YOUNG, 10, 10)
            assert gc.get_threshold() == (collector.YOUNG, 10, 10)
        assert gc.get_threshold() == (700, 10, 10)
        with pytest.raises(RuntimeError), collector.fewer_collections():
            raise RuntimeError("a stage failed")
        assert gc.get_threshold() == (700, 10, 10)
        gc.set_threshold(50_000, 5, 5)  # a caller's higher threshold is kept
        with collector.fewer_collections():
            assert gc.get_threshold() == (50_000, 5, 5)
    finally:
        gc.set_threshold(*before)
