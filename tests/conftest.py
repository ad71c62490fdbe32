"""Shared fixtures: real sample files, real stores (an SQLite file, a PostgreSQL server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.store import SqlStore, open_store
from tests.pgserver import PgServer, running_server

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlStore]:
    """An empty store, once on an SQLite file and once on a real PostgreSQL server."""
    if request.param == "sqlite":
        opened = open_store(str(tmp_path / "test.db"))
        yield opened
        opened.close()
        return
    opened = open_store(request.getfixturevalue("pg_server").emptied_database())
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store that has been through the whole pipeline on samples/ (built once per session).

    Tests must only read it; a test that writes makes its own store.
    """
    from newsweave.pipeline import run

    path = str(tmp_path_factory.mktemp("sample-store") / "samples.db")
    opened = open_store(path)
    run([str(SAMPLES)], opened)
    opened.close()
    return path


#: The samples a followed story starts with; the rest arrive in a second run.
FIRST_SAMPLES = ("000_", "001_", "002_")


@pytest.fixture(scope="session")
def grown_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store that saw the samples arrive in two runs, as a follower's store does: three
    files first, then the whole folder, so its stories have grown and logged changes.

    Tests must only read it; a test that writes makes its own store.
    """
    from newsweave.pipeline import run

    path = str(tmp_path_factory.mktemp("grown-store") / "grown.db")
    opened = open_store(path)
    run([str(p) for p in sorted(SAMPLES.iterdir()) if p.name.startswith(FIRST_SAMPLES)], opened)
    run([str(SAMPLES)], opened)
    opened.close()
    return path


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A throwaway real PostgreSQL server, started on first use and stopped at the end of the
    session; ``pg_server.new_database()`` gives each test its own migrated database."""
    with running_server() as server:
        yield server
