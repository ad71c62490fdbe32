"""A stamp that changes whenever anything commits to the store: what a reader's cache
of pages is keyed by.

SQLite keeps a counter per connection, ``PRAGMA data_version``, that moves whenever
*another* connection (in this process or any other) has committed since it was last
read. A connection of its own that never writes therefore sees every commit: a
``newsweave run`` in another process, an upload through the app's pooled connections,
a migration. Reading it costs a few microseconds and no transaction.

PostgreSQL has no such counter that is cheap and exact for one database, so there the
stamp is None, which tells a cache to keep nothing.
"""

from __future__ import annotations

import sqlite3
import threading
from urllib.parse import quote

from sqlalchemy import Engine


class DataStamp:
    """``current()``: a value that differs after any commit to the store, or None when
    this store offers none (PostgreSQL, an in-memory SQLite database)."""

    def __init__(self, engine: Engine) -> None:
        self._path = _sqlite_file(engine)
        self._conn: sqlite3.Connection | None = None
        # One connection shared by every thread asking (the server's event loop and its
        # worker threads): a statement at a time.
        self._lock = threading.Lock()

    def current(self) -> int | None:
        if self._path is None:
            return None
        with self._lock:
            if self._conn is None:
                # Read-only and outside any transaction (isolation_level None): it never
                # writes, so every commit anywhere is another connection's.
                self._conn = sqlite3.connect(
                    f"file:{quote(self._path)}?mode=ro",
                    uri=True,
                    isolation_level=None,
                    check_same_thread=False,
                )
            row = self._conn.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def _sqlite_file(engine: Engine) -> str | None:
    """The database file of an SQLite engine; None for PostgreSQL and in-memory SQLite
    (each connection of the latter is its own database: no commit is seen by another)."""
    if engine.dialect.name != "sqlite":
        return None
    path = engine.url.database
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return path
