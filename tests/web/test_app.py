"""The app's startup: what it loaded is frozen out of the garbage collector's reach."""

from __future__ import annotations

import gc

from fastapi.testclient import TestClient

from newsweave.web.app import create_app


def test_startup_freezes_what_the_app_loaded(sample_db: str) -> None:
    """After startup the loaded objects sit in the permanent generation (full collections
    no longer walk them), and the app still answers."""
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    with TestClient(create_app(sample_db), base_url="http://127.0.0.1") as client:
        frozen = gc.get_freeze_count()
        assert frozen > 10_000, frozen
        assert client.get("/api/stories").status_code == 200
    gc.unfreeze()
