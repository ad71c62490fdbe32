"""What the SQL store does differently on PostgreSQL, so that it behaves as it does on SQLite.

SQLite ignores ``VARCHAR(n)`` lengths, stores any character and sorts strings by their
bytes; PostgreSQL enforces lengths, refuses the NUL character in text and sorts by the
server's locale. Left alone, a long entity name or a stray NUL in a scrape would fail a
whole batch on PostgreSQL only, and listings would come out in another order. The schema
(``schema.py``) stays one for both backends; these adjustments are applied when a
PostgreSQL store is opened.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Connection, Engine, event, text

#: The driver newsweave pins (psycopg 3); plain ``postgresql://`` URLs are pointed at it.
DRIVER_SCHEME = "postgresql+psycopg://"
_PLAIN_SCHEMES = ("postgresql://", "postgres://")
#: Any fixed number: the key of the advisory lock that serialises concurrent migrations.
_MIGRATION_LOCK = 7_246_993_311
#: U+FFFD, what the decoder already puts where a character could not be read.
_REPLACEMENT = "\ufffd"


def driver_url(url: str) -> str:
    """``postgresql://…`` (or ``postgres://…``) as a SQLAlchemy URL naming psycopg 3."""
    for scheme in _PLAIN_SCHEMES:
        if url.startswith(scheme):
            return DRIVER_SCHEME + url[len(scheme) :]
    return url


@cache
def _nul_safe_dumpers() -> tuple[type, type]:
    """psycopg's text dumpers, storing U+FFFD where a string holds NUL (PostgreSQL text
    cannot hold it), one character for one so every offset still points at the same
    characters. Built on first use: psycopg takes a while to import and SQLite users never
    need it."""
    from psycopg.types.string import StrBinaryDumper, StrDumperUnknown

    class NulSafeText(StrDumperUnknown):
        def dump(self, obj: str) -> Any:
            return super().dump(obj.replace("\x00", _REPLACEMENT))

    class NulSafeBinaryText(StrBinaryDumper):
        def dump(self, obj: str) -> Any:
            return super().dump(obj.replace("\x00", _REPLACEMENT))

    return NulSafeText, NulSafeBinaryText


def _register_dumpers(dbapi_conn: Any, _record: Any) -> None:
    for dumper in _nul_safe_dumpers():
        dbapi_conn.adapters.register_dumper(str, dumper)


def prepare_engine(engine: Engine) -> None:
    """Make every connection of this engine store NUL-bearing strings instead of failing."""
    event.listen(engine, "connect", _register_dumpers)


def lock_migrations(conn: Connection) -> None:
    """Two processes opening a new store at once (the web app and a run) must not both
    create the tables: the second waits until the first has committed."""
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})


_LOOSE_COLUMNS = text(
    "SELECT table_name, column_name FROM information_schema.columns "
    "WHERE table_schema = current_schema() AND table_name <> 'alembic_version' "
    "AND data_type IN ('character varying', 'text') "
    "AND (data_type <> 'text' OR collation_name IS DISTINCT FROM 'C') "
    "ORDER BY table_name, column_name"
)


def text_columns_as_in_sqlite(conn: Connection) -> list[str]:
    """Turn every string column into ``text COLLATE "C"``: no length limit and byte order,
    as on SQLite. Runs after each migration; a no-op once done. Returns what it changed."""
    changed = []
    for table, column in conn.execute(_LOOSE_COLUMNS).all():
        conn.execute(text(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE text COLLATE "C"'))
        changed.append(f"{table}.{column}")
    return changed
