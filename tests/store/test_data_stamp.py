"""The store's data stamp (store/version.py) and the search check it spares."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from newsweave.store import open_store, search
from tests.stored import ingested


def test_the_stamp_moves_on_every_commit_by_another_connection(tmp_path: Path) -> None:
    path = str(tmp_path / "stamp.db")
    reader, writer = open_store(path), open_store(path)
    try:
        first = reader.data_stamp()
        assert first is not None and reader.data_stamp() == first  # reading moves nothing
        writer.save([ingested("The harbour reopened on Tuesday.")])
        second = reader.data_stamp()
        assert second != first
        # The same store object's own writes go through its pooled connections, never
        # through the stamp's connection: they move it too.
        reader.save([ingested("The harbour closed again on Friday.")])
        assert reader.data_stamp() != second
    finally:
        reader.close()
        writer.close()


def test_an_in_memory_store_has_no_stamp() -> None:
    store = open_store("sqlite://")
    try:
        assert store.data_stamp() is None
    finally:
        store.close()


def test_search_counts_the_index_only_after_a_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(tmp_path / "search.db")
    store, other = open_store(path), open_store(path)
    checks: list[bool] = []
    real = search._index_current

    def counted(engine: Engine) -> bool:
        checks.append(real(engine))
        return checks[-1]

    monkeypatch.setattr(search, "_index_current", counted)
    try:
        store.save([ingested("The harbour reopened on Tuesday.")])
        assert len(store.search("harbour")) == 1  # behind: synced (a write: the stamp moves)
        assert len(store.search("harbour")) == 1  # checked again, current: recorded
        assert checks == [False, True]
        store.search("harbour")
        store.search("tuesday")
        assert checks == [False, True]  # unchanged store: no count
        other.save([ingested("The harbour closed again on Friday.")])
        assert len(store.search("harbour")) == 2  # another process's commit is seen
        assert checks == [False, True, False]
    finally:
        store.close()
        other.close()
