"""Long id lists cut to a size every backend accepts in one ``IN (...)``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

#: Ids per ``IN (...)``: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
IN_CHUNK = 1000

T = TypeVar("T")


def chunks(items: Iterable[T], size: int = IN_CHUNK) -> Iterator[list[T]]:
    """``items`` in lists of at most ``size``, so that no ``IN`` list outgrows a backend."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
