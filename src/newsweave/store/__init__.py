"""Storage behind one small interface; ``open_store`` picks the backend from the target."""

from __future__ import annotations

from pathlib import Path

from newsweave.errors import StoreError
from newsweave.store.base import Ingested, SaveResult, Store
from newsweave.store.sql import SqlStore

__all__ = ["Ingested", "SaveResult", "SqlStore", "Store", "open_store"]


def open_store(target: str) -> SqlStore:
    """Open (creating and migrating if needed) the store named by a path or URL."""
    if "://" in target:
        if not target.startswith(("sqlite://", "postgresql://", "postgresql+psycopg://")):
            raise StoreError(
                f"unknown database URL {target!r}: give a file path (SQLite) or a postgresql:// URL"
            )
        return SqlStore(target)
    path = Path(target)
    if path.exists() and path.is_dir():
        raise StoreError(f"--db {target!r} is a folder: give a file name such as newsweave.db")
    if not path.parent.exists():
        raise StoreError(
            f"folder {str(path.parent)!r} does not exist: create it or choose another --db"
        )
    return SqlStore(f"sqlite:///{path.resolve()}")
