"""Several writers on one store: write transactions wait instead of failing, one process at a
time runs the stages, and it waits for every process storing inputs (SQLite and PostgreSQL)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave import pipeline, settings
from newsweave.store import SqlStore, open_store
from tests.feed import write_feed


@pytest.fixture
def twin(store: SqlStore) -> Iterator[SqlStore]:
    """A second store object on the same database, as another process would open."""
    other = open_store(store.url)
    yield other
    other.close()


def _halves(tmp_path: Path) -> tuple[Path, Path]:
    files = write_feed(tmp_path / "feed", 30, seed=3, paragraphs=(1, 1))
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, some in ((first, files[:20]), (second, files[10:])):
        folder.mkdir()
        for path in some:
            shutil.copy(path, folder / path.name)
    return first, second


def test_two_writers_storing_at_once_wait_for_each_other_and_store_each_article_once(
    store: SqlStore, twin: SqlStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One document per transaction: as many chances to collide as there are files. Each
    # transaction reads (is it stored?) before it writes: on SQLite that used to fail at
    # once with "database is locked" (a stale read snapshot), whatever the busy timeout.
    monkeypatch.setattr(settings, "INGEST_BATCH_SIZE", 1)
    first, second = _halves(tmp_path)
    errors: list[BaseException] = []
    reports: list[pipeline.RunReport] = []

    def ingest(folder: Path, into: SqlStore) -> None:
        try:
            reports.append(pipeline.ingest([str(folder)], into))
        except BaseException as exc:  # handed to the test thread, which fails on it
            errors.append(exc)

    threads = [
        threading.Thread(target=ingest, args=(first, store)),
        threading.Thread(target=ingest, args=(second, twin)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    stored = sum(r.articles_stored for r in reports)
    rejected = {r.source for report in reports for r in report.rejected}
    ids = [a.id for a in store.iter_articles()]
    assert len(ids) == len(set(ids)) == stored
    assert stored + len(rejected) == 30  # the 10 files in both halves stored once


def test_one_holder_of_the_stage_lock_at_a_time(store: SqlStore, twin: SqlStore) -> None:
    told = threading.Event()
    inside = threading.Event()
    with store.stage_lock():

        def run_stages() -> None:
            with twin.stage_lock(on_wait=told.set):
                inside.set()

        waiter = threading.Thread(target=run_stages)
        waiter.start()
        assert told.wait(timeout=30)  # it said it waits ...
        assert not inside.wait(timeout=0.5)  # ... and does
    waiter.join(timeout=30)
    assert inside.is_set()


def test_the_stage_runner_waits_for_every_process_storing_inputs(
    store: SqlStore, twin: SqlStore
) -> None:
    told = threading.Event()
    inside = threading.Event()
    with store.ingest_lock():

        def run_stages() -> None:
            with twin.stage_lock(on_wait=told.set):
                inside.set()

        waiter = threading.Thread(target=run_stages)
        waiter.start()
        assert told.wait(timeout=30)
        # A run that starts storing inputs now is not queued behind the waiting runner:
        # the runner waits for it too.
        late = open_store(twin.url)
        try:
            with late.ingest_lock():
                assert not inside.wait(timeout=0.5)
        finally:
            late.close()
        assert not inside.is_set()
    waiter.join(timeout=30)
    assert inside.is_set()
