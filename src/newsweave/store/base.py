"""The storage interface every backend implements (SQLite and PostgreSQL).

Stages talk to this interface only, so the same pipeline runs on a laptop file
or a shared server.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from newsweave.model import Article, Document, Rejection


@dataclass(frozen=True)
class Ingested:
    """A document and the articles the cleaner made of it, written together or not at all."""

    document: Document
    articles: list[Article]


@dataclass
class SaveResult:
    documents: int = 0
    articles: int = 0
    already_stored: int = 0
    rejected: int = 0


class Store(Protocol):
    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of these document or rejection content hashes are already stored."""
        ...

    def save(self, batch: Sequence[Ingested | Rejection]) -> SaveResult:
        """Write a batch in one transaction; an item already stored is skipped, not duplicated."""
        ...

    def iter_articles(self) -> Iterator[Article]:
        """Every stored article in a stable order (published date, then id)."""
        ...

    def rejections(self) -> list[Rejection]: ...

    def article_count(self) -> int: ...

    def ingest_lock(self) -> AbstractContextManager[None]:
        """Held while inputs are stored: a process about to run the stages waits for every
        holder, so articles stored at once are processed together."""
        ...

    def close(self) -> None: ...
