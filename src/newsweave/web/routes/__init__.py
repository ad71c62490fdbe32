"""Routes: ``pages`` (HTML) and ``api`` (their JSON twins and the upload)."""

from __future__ import annotations

from datetime import datetime

from fastapi import HTTPException, Request

from newsweave.changes import parse_since
from newsweave.store import SqlStore


def store_of(request: Request) -> SqlStore:
    """The app's store (opened once by ``create_app``)."""
    found: SqlStore = request.app.state.store
    return found


def since_moment(since: str | None) -> datetime | None:
    """The moment a ``?since=`` parameter names (24h, 7d, an ISO date), None without one;
    422 with the parser's reason when it names none."""
    if not since:
        return None
    try:
        return parse_since(since)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
