"""Pieces every ``newsweave`` verb shares: the ``--db`` option, opening the store, and
turning the errors a user can fix into messages instead of tracebacks."""

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
def user_errors() -> Iterator[None]:
    """A ``NewsweaveError`` (it says what to do next) becomes a Click message, exit code 1."""
    try:
        yield
    except NewsweaveError as exc:
        raise click.ClickException(str(exc)) from exc


@contextmanager
def cli_store(target: str) -> Iterator[SqlStore]:
    """The store for a verb; a store that cannot be opened is a message, not a traceback."""
    with user_errors():
        store = open_store(target)
    try:
        yield store
    finally:
        store.close()
