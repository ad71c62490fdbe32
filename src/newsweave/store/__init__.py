"""Storage behind one small interface; ``open_store`` picks the backend from the target."""

from __future__ import annotations

from pathlib import Path

from newsweave.errors import StoreError
from newsweave.store.base import Ingested, SaveResult, Store
from newsweave.store.readers import ArticleHead, ListedMember, StoredArticle, StoryListing
from newsweave.store.search import Hit
from newsweave.store.sql import SqlStore

__all__ = [
    "ArticleHead",
    "Hit",
    "Ingested",
    "ListedMember",
    "SaveResult",
    "SqlStore",
    "Store",
    "StoredArticle",
    "StoryListing",
    "open_store",
]

_URL_SCHEMES = ("sqlite://", "postgresql://", "postgres://", "postgresql+psycopg://")


def open_store(target: str) -> SqlStore:
    """Open (creating and migrating if needed) the store named by a path or URL."""
    if "://" in target:
        if not target.startswith(_URL_SCHEMES):
            raise StoreError(
                f"unknown database URL {target!r}: give a file path (SQLite) or a postgresql:// URL"
                " such as postgresql://user:password@localhost:5432/newsweave"
            )
        return SqlStore(target)  # postgresql:// is served by psycopg 3 (see store/postgres.py)
    path = Path(target)
    if path.exists() and path.is_dir():
        raise StoreError(f"--db {target!r} is a folder: give a file name such as newsweave.db")
    if not path.parent.exists():
        raise StoreError(
            f"folder {str(path.parent)!r} does not exist: create it or choose another --db"
        )
    return SqlStore(f"sqlite:///{path.resolve()}")
