"""Saved stage states: how the dedupe and cluster stages resume instead of replaying.

A state is saved with a fingerprint of the articles it covers. The next run loads it
only when that fingerprint matches the articles the stage has processed; otherwise
(another model, a copy relinked, a damaged or missing state) the stage replays them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from newsweave.keyed import KeyedState, manifest
from newsweave.store.sql import SqlStore
from newsweave.store.stories_sql import Snapshot

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Largest saved stage state: well under the ~1 GB a single SQLite or PostgreSQL value
#: may hold (the cluster state is ~2.5 KB per article, so ~200k articles).
MAX_STATE_BYTES = 512 * 2**20


def saveable(stage: str, fingerprint: str, data: bytes) -> Snapshot | None:
    """The state to save, or None when it is too big for one database value (SQLite and
    PostgreSQL both stop near 1 GB): the next run then replays, as without a state."""
    if len(data) > MAX_STATE_BYTES:
        log.warning(
            "%s: state of %d MB not saved (limit %d MB); the next run replays the store",
            stage,
            len(data) // 2**20,
            MAX_STATE_BYTES // 2**20,
        )
        return None
    return Snapshot(fingerprint, data)


def saved_state(
    store: SqlStore,
    stage: str,
    version: str,
    covered: list[str],
    load: Callable[[bytes], T],
    fingerprint: str,
) -> T | None:
    """The state ``stage`` saved last run, loaded, if its ``fingerprint`` (of the ``covered``
    articles) matches; None (the caller replays) if there is none, it differs or it is
    unreadable."""
    saved = store.snapshot(stage, version)
    if saved is None or saved.fingerprint != fingerprint:
        return None
    try:
        resumed = load(saved.data)
    except ValueError as exc:
        log.warning("%s state unreadable (%s): replaying %d articles", stage, exc, len(covered))
        return None
    log.info("%s: resumed from the saved state of %d articles", stage, len(covered))
    return resumed


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
