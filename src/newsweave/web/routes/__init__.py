"""Routes: ``pages`` (HTML) and ``api`` (their JSON twins and the upload)."""

from __future__ import annotations

from fastapi import Request

from newsweave.store import SqlStore


def store_of(request: Request) -> SqlStore:
    """The app's store (opened once by ``create_app``)."""
    found: SqlStore = request.app.state.store
    return found
