"""Pieces every ``newsweave`` verb shares: the ``--db`` option and opening the store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from newsweave import settings
from newsweave.errors import NewsweaveError
from newsweave.store import SqlStore, open_store

db_option = click.option(
    "--db",
    "target",
    default=settings.DEFAULT_DB,
    show_default=True,
    metavar="TARGET",
    help="SQLite file path (created if missing) or a postgresql:// URL.",
)


@contextmanager
def cli_store(target: str) -> Iterator[SqlStore]:
    """The store for a verb; a store that cannot be opened is a message, not a traceback."""
    try:
        store = open_store(target)
    except NewsweaveError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        yield store
    finally:
        store.close()
