"""How several processes share one store: write transactions, and one stage runner at a time.

Two ``newsweave run`` on one SQLite file used to fail within seconds with ``database is
locked``, whatever the busy timeout. The cause: Python's ``sqlite3`` module began its
transactions lazily and *deferred*, so a write transaction that read first (is this
document stored?) held a read snapshot, and when it then wrote after another process had
committed, SQLite answered ``SQLITE_BUSY_SNAPSHOT`` at once: the busy timeout cannot help,
as waiting would not make the stale snapshot current. So newsweave now issues its own
``BEGIN``: ``BEGIN IMMEDIATE`` for write transactions (``SqlStore.writer``), which takes
the write lock up front and waits for it up to the busy timeout, and a plain deferred
``BEGIN`` for reads, which in WAL mode never wait for a writer.

Ingestion from several processes may interleave, one batch transaction at a time. The
store stages may not: each reads what the others wrote (the clusterer its saved state and
every article's links, the entity resolver the whole entity book), so two processes
running them at once would each resume from the same state and overwrite the other's.
``stage_lock`` lets one process at a time run them: an advisory lock the operating system
(SQLite: ``flock`` on a file beside the database) or the server (PostgreSQL:
``pg_advisory_lock``) releases by itself when its holder dies, so a killed run never
leaves the store locked.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Connection, Engine, text

#: The execution option that marks a write transaction (``SqlStore.writer``).
WRITE_OPTION = "newsweave_write"
#: How long an SQLite statement waits for another process's write lock before failing.
BUSY_TIMEOUT_MS = 30_000
#: Any fixed number, other than the migration lock's: the key of the PostgreSQL advisory
#: lock held while a process runs the store stages.
_STAGES_LOCK = 7_246_993_312
#: Beside ``newsweave.db``, SQLite's own ``newsweave.db-wal`` and ``-shm``: ``newsweave.db-lock``.
LOCK_SUFFIX = "-lock"


def sqlite_connected(dbapi_conn: Any, _record: Any) -> None:
    """Every new SQLite connection: newsweave issues BEGIN itself (``sqlite_begin``); the
    busy timeout is set first so that even switching to WAL waits for another process; WAL
    lets readers (the web app) work while a run writes; foreign keys keep rows honest."""
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def sqlite_begin(conn: Connection) -> None:
    """Begin a transaction: IMMEDIATE (the write lock now, waiting for it) for writes, so a
    write never fails on a stale read snapshot; deferred for reads."""
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def write_engine(engine: Engine) -> Engine:
    """The engine whose transactions are write transactions (same pool and connections)."""
    return engine.execution_options(**{WRITE_OPTION: True})


OnWait = Callable[[], None]


@contextlib.contextmanager
def stage_lock(engine: Engine, on_wait: OnWait | None = None) -> Iterator[None]:
    """Hold the store-wide lock for running the store stages; if another process holds it,
    call ``on_wait`` (to say so) and wait until it is released."""
    if engine.dialect.name == "postgresql":
        with _pg_lock(engine, on_wait):
            yield
        return
    path = engine.url.database
    if not path or path == ":memory:" or path.startswith("file:"):
        yield  # an in-memory database: no other process can reach it
        return
    with _file_lock(path + LOCK_SUFFIX, on_wait):
        yield


@contextlib.contextmanager
def _file_lock(path: str, on_wait: OnWait | None) -> Iterator[None]:
    # Hand-written over the standard library: flock is per open file, so two threads of
    # one process (the web app's uploads) exclude each other as two processes do, and the
    # kernel drops the lock with its holder. The file stays: deleting it on release would
    # let a waiter lock a file the next process no longer sees.
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the file releases the lock


@contextlib.contextmanager
def _pg_lock(engine: Engine, on_wait: OnWait | None) -> Iterator[None]:
    # A session lock on a connection of its own, outside any transaction (autocommit), so
    # no transaction stays open while the stages run; the server releases it when the
    # session ends, as it does when the process dies.
    key = {"key": _STAGES_LOCK}
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        got = conn.execute(text("SELECT pg_try_advisory_lock(:key)"), key).scalar()
        if not got:
            if on_wait is not None:
                on_wait()
            conn.execute(text("SELECT pg_advisory_lock(:key)"), key)
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), key)
