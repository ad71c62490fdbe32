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
``stage_lock`` lets one process at a time run them, and first waits until no process is
storing inputs (each holds ``ingest_lock``, shared, while it does): the articles of runs
started together are then processed together, in one order (publication date, then an id
hashed from the content), so the stories do not depend on which process stored what
first, and the clusterer does not stream them in two batches cut by chance. Both are
advisory locks that the operating system (SQLite: ``flock`` on files beside the database)
or the server (PostgreSQL: advisory locks) releases by itself when the holder dies, so a
killed run never leaves the store locked. A run that starts storing inputs while a stage
runner waits is waited for too (``flock`` does not queue the waiting runner ahead of it,
and on PostgreSQL the runner polls instead of queueing), so a stage runner can wait for
ever only if processes keep storing inputs without a pause.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
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
#: Held shared by each process storing inputs, taken exclusively for a moment by the
#: process about to run the stages (PostgreSQL advisory lock key).
_INGEST_LOCK = 7_246_993_313
#: Beside ``newsweave.db`` and SQLite's own ``-wal`` and ``-shm``: ``newsweave.db-lock``
#: (the stages) and ``newsweave.db-ingest-lock``.
LOCK_SUFFIX = "-lock"
INGEST_LOCK_SUFFIX = "-ingest-lock"
#: How often a stage runner on PostgreSQL looks again whether inputs are still being stored.
BARRIER_POLL_SECONDS = 0.2


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


def _lock_file(engine: Engine, suffix: str) -> str | None:
    """The lock file beside an SQLite database file; None for an in-memory database,
    which no other process can reach."""
    path = engine.url.database
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return path + suffix


@contextlib.contextmanager
def ingest_lock(engine: Engine) -> Iterator[None]:
    """Hold the shared lock that says this process is storing inputs (any number may)."""
    if engine.dialect.name == "postgresql":
        with _pg_lock(engine, _INGEST_LOCK, shared=True):
            yield
        return
    path = _lock_file(engine, INGEST_LOCK_SUFFIX)
    if path is None:
        yield
        return
    with _file_lock(path, shared=True):
        yield


@contextlib.contextmanager
def stage_lock(engine: Engine, on_wait: OnWait | None = None) -> Iterator[None]:
    """Hold the store-wide lock for running the store stages, once no process is storing
    inputs; if either means waiting, call ``on_wait`` first (to say so)."""
    if engine.dialect.name == "postgresql":
        with _pg_lock(engine, _STAGES_LOCK, on_wait=on_wait):
            _pg_barrier(engine, on_wait)
            yield
        return
    path = _lock_file(engine, LOCK_SUFFIX)
    ingesting = _lock_file(engine, INGEST_LOCK_SUFFIX)
    if path is None or ingesting is None:
        yield
        return
    with _file_lock(path, on_wait=on_wait):
        with _file_lock(ingesting, on_wait=on_wait):
            pass  # a barrier: every process storing inputs has finished
        yield


@contextlib.contextmanager
def _file_lock(path: str, shared: bool = False, on_wait: OnWait | None = None) -> Iterator[None]:
    # Hand-written over the standard library: flock is per open file, so two threads of
    # one process (the web app's uploads) exclude each other as two processes do, and the
    # kernel drops the lock with its holder. The file stays: deleting it on release would
    # let a waiter lock a file the next process no longer sees.
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, mode)
        yield
    finally:
        os.close(fd)  # closing the file releases the lock


def _pg_barrier(engine: Engine, on_wait: OnWait | None) -> None:
    """Wait until no process holds the ingest lock, by trying again and again: a waiting
    ``pg_advisory_lock`` would queue ahead of runs that start storing inputs meanwhile (the
    server queues requests fairly), and they are to be waited for too, as on SQLite."""
    param = {"key": _INGEST_LOCK}
    told = False
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        while not conn.execute(text("SELECT pg_try_advisory_lock(:key)"), param).scalar():
            if on_wait is not None and not told:
                on_wait()
                told = True
            time.sleep(BARRIER_POLL_SECONDS)
        conn.execute(text("SELECT pg_advisory_unlock(:key)"), param)


@contextlib.contextmanager
def _pg_lock(
    engine: Engine, key: int, shared: bool = False, on_wait: OnWait | None = None
) -> Iterator[None]:
    # A session lock on a connection of its own, outside any transaction (autocommit), so
    # no transaction stays open while it is held; the server releases it when the session
    # ends, as it does when the process dies.
    kind = "_shared" if shared else ""
    param = {"key": key}
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        got = conn.execute(text(f"SELECT pg_try_advisory_lock{kind}(:key)"), param).scalar()
        if not got:
            if on_wait is not None:
                on_wait()
            conn.execute(text(f"SELECT pg_advisory_lock{kind}(:key)"), param)
        try:
            yield
        finally:
            conn.execute(text(f"SELECT pg_advisory_unlock{kind}(:key)"), param)
