"""Saved stage states: how the dedupe, cluster and entities stages resume instead of replaying.

A state is kept as keyed rows (:mod:`newsweave.keyed`) with a manifest of the articles it
covers. The next run uses the rows only when the manifest matches the articles the stage
has stamped; otherwise (another model, a copy relinked, a damaged or missing state) the
stage rebuilds them from its articles.
"""

from __future__ import annotations

import logging
from typing import TypeVar

from newsweave.keyed import KeyedState, manifest
from newsweave.store.sql import SqlStore

log = logging.getLogger(__name__)
T = TypeVar("T")

def keyed_state(
    store: SqlStore, stage: str, version: str, pending: list[str], settings: str
) -> tuple[KeyedState, int]:
    """The keyed state of ``stage`` and how many articles it covers, resumed when its
    manifest matches the articles stamped before this run (``pending`` left out) and
    ``settings``; else an empty state to rebuild (``reset``: its rows replace the old ones)
    and 0."""
    covered = store.processed_count(stage, excluding=pending)
    saved = store.snapshot(stage, version)
    if saved is not None and saved.fingerprint == manifest(covered, settings).fingerprint:
        log.info("%s: resumed from the keyed state of %d articles", stage, covered)
        return KeyedState(lambda keys: store.state_rows(stage, keys)), covered
    if covered:
        log.info("%s: no keyed state matching %d articles: rebuilding it", stage, covered)
    return KeyedState.empty(), 0
