"""A stage's state read and written a key at a time, so a run costs what its articles touch.

Dedupe, clustering and entity resolution each keep an index over everything seen so far
(LSH bands, blocking keys, stories, entities). Held as one blob, that index is read and
written whole by every run, which makes adding 1,000 articles to a big store cost more
than adding them to an empty one. :class:`KeyedState` holds it as rows instead: a value is
read from the store the first time a run asks for its key (``get_many`` reads many keys
in one query), kept for the run, and only the keys the run changed are written back
(:meth:`rows`), in the same transaction as the stage's results.

Validity works as for blob states (:mod:`newsweave.stages.state`), with a cheap check: the
manifest records how many articles the rows cover and the settings that shaped them; a run
uses the rows only when the stage's stamps (by count, leaving out the run's pending
articles) and the settings match. Otherwise the stage rebuilds the state from its articles
into an empty :class:`KeyedState` with ``reset=True``, and the rows are replaced whole.
Row values are compact JSON (never pickle: a store may come from someone else); a row that
does not decode is refused with :class:`StateRowError` (a ValueError).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from newsweave.store.keyed_sql import StateRows
from newsweave.store.stories_sql import Snapshot

Reader = Callable[[Sequence[str]], Mapping[str, bytes]]


class StateRowError(ValueError):
    """A stored state row that does not decode, or rows that do not hold together: the
    store's fault, not an article's (the stage rebuilds its state)."""


def manifest(covered: int, settings: str) -> Snapshot:
    """The manifest of a keyed state covering ``covered`` articles under ``settings``
    (format numbers, thresholds): what the next run must match to use the rows."""
    digest = hashlib.sha256(settings.encode()).hexdigest()[:40]
    return Snapshot(f"rows {covered} {digest}", settings.encode())


class KeyedState:
    """The rows of one stage's state, read on first use and written back as changes.

    Keys are strings such as ``"band:3:9f2c…"``; values are JSON-compatible data. Reads
    are cached for the run, a missing key is remembered as missing, and ``put`` and
    ``delete`` mark a key changed. Reads never cover the whole state: code that needs
    "every story" must keep its own keyed list of them."""

    def __init__(self, read: Reader | None, *, reset: bool = False) -> None:
        self._read = read
        self._cache: dict[str, Any] = {}
        self._changed: set[str] = set()
        self.reset = reset
        self.reads = 0  # rows read from the store, for the benchmark's figures

    @classmethod
    def empty(cls) -> KeyedState:
        """A state with no stored rows (a rebuild): every row it ends with is written."""
        return cls(None, reset=True)

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self._cache:
            self.get_many([key])
        value = self._cache.get(key)
        return default if value is None else value

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        """The values of ``keys`` that exist, reading the uncached ones in one query."""
        wanted = list(dict.fromkeys(keys))
        missing = [k for k in wanted if k not in self._cache]
        if missing:
            found = self._read(missing) if self._read is not None else {}
            self.reads += len(found)
            for key in missing:
                raw = found.get(key)
                self._cache[key] = None if raw is None else _decode(key, raw)
        return {k: v for k in wanted if (v := self._cache.get(k)) is not None}

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def put(self, key: str, value: Any) -> None:
        """Set ``key`` (a value the caller may go on changing: it is encoded at the end)."""
        self._cache[key] = value
        self._changed.add(key)

    def touch(self, key: str) -> None:
        """Mark ``key`` changed after the caller changed its cached value in place."""
        self._changed.add(key)

    def delete(self, key: str) -> None:
        self._cache[key] = None
        self._changed.add(key)

    def changed(self) -> int:
        return len(self._changed)

    def rows(self, manifest: Snapshot) -> StateRows:
        """The run's changes, encoded, with the ``manifest`` to save beside them."""
        changes: dict[str, bytes | None] = {}
        for key in sorted(self._changed):
            value = self._cache.get(key)
            changes[key] = None if value is None else _encode(value)
        return StateRows(manifest, changes, self.reset)


def _encode(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def _decode(key: str, raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StateRowError(f"state row {key!r} is not readable: {exc}") from exc
