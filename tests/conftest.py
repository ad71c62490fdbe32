"""Shared fixtures: real sample files, a real SQLite store in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.store import SqlStore, open_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqlStore]:
    opened = open_store(str(tmp_path / "test.db"))
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
