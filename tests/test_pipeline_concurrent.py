"""Two ``newsweave run`` processes on one store at once (an SQLite file, a PostgreSQL server):
both finish, each article is stored once, and the stories are those of one run over both
inputs, whichever process stored its articles first.

The order is made, not hoped for: the test holds the store's ingest lock itself, as a
third process storing inputs would, so each run stores its articles and then waits (and
says so) before its stages; the test starts the second run only once the first has
stored everything, or starts both together, then lets go.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.model import sha256_hex
from newsweave.store import SqlStore, open_store
from tests.feed import write_feed
from tests.pgserver import PgServer

FILES = 40
WAITING = "waiting for it"


@pytest.fixture(scope="module")
def halves(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The feed, and two overlapping halves of it: 25 files each, 10 in both."""
    root = tmp_path_factory.mktemp("concurrent")
    files = write_feed(root / "feed", FILES, seed=7, paragraphs=(1, 2))
    first, second = root / "first", root / "second"
    for folder, some in ((first, files[:25]), (second, files[15:])):
        folder.mkdir()
        for path in some:
            shutil.copy(path, folder / path.name)
    return root / "feed", first, second


def _stories(store: SqlStore) -> set[frozenset[str]]:
    """Each story as the set of its articles' text hashes (ids do not say which text)."""
    texts = {a.id: a.text for a in store.iter_articles()}
    return {frozenset(sha256_hex(texts[a]) for a in s.article_ids) for s in store.stories()}


@pytest.fixture(scope="module")
def one_run(
    halves: tuple[Path, Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[set[str], set[frozenset[str]]]]:
    """Article ids and stories of one uninterrupted run over the whole feed."""
    db = tmp_path_factory.mktemp("one") / "one.db"
    _run_to_end(halves[0], str(db))
    store = open_store(str(db))
    yield {a.id for a in store.iter_articles()}, _stories(store)
    store.close()


def _start(inputs: Path, target: str) -> subprocess.Popen[str]:
    env = {**os.environ, "COLUMNS": "300"}
    command = [sys.executable, "-m", "newsweave", "run", str(inputs), "--db", target]
    return subprocess.Popen(
        [*command, "--workers", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _run_to_end(inputs: Path, target: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "newsweave", "run", str(inputs), "--db", target, "--workers", "1"],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def _wait_until_waiting(run: subprocess.Popen[str]) -> None:
    """Read the run's messages until it says it waits for another process."""
    assert run.stderr is not None
    for line in run.stderr:
        if WAITING in line:
            return
    pytest.fail(f"the run ended without waiting (exit {run.wait()})")


def _finish(run: subprocess.Popen[str]) -> str:
    out, err = run.communicate(timeout=600)
    assert run.returncode == 0, err
    assert "database is locked" not in err
    return out


def _target(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return str(tmp_path / "shared.db")
    server: PgServer = request.getfixturevalue("pg_server")
    return server.new_database()


@pytest.mark.parametrize(
    ("backend", "order"),
    [
        ("sqlite", "first, then second"),
        ("sqlite", "second, then first"),
        ("sqlite", "both together"),
        ("postgresql", "first, then second"),
        ("postgresql", "second, then first"),
    ],
)
def test_two_runs_at_once_make_the_stories_of_one_run_whoever_stores_first(
    backend: str,
    order: str,
    halves: tuple[Path, Path, Path],
    one_run: tuple[set[str], set[frozenset[str]]],
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    _, first, second = halves
    target = _target(backend, tmp_path, request)
    store = open_store(target)
    runs: list[subprocess.Popen[str]] = []
    try:
        with store.ingest_lock():  # a third process storing inputs: both runs wait for it
            if order == "both together":
                runs = [_start(first, target), _start(second, target)]
                for run in runs:
                    _wait_until_waiting(run)
            else:
                for folder in (first, second) if order.startswith("first") else (second, first):
                    runs.append(_start(folder, target))
                    _wait_until_waiting(runs[-1])
        outputs = [_finish(run) for run in runs]
        ids, stories = one_run
        assert {a.id for a in store.iter_articles()} == ids
        assert store.article_count() == len(ids)  # none twice, none lost
        assert _stories(store) == stories
        assert store.integrity_problems() == []
    finally:
        for run in runs:
            if run.poll() is None:
                run.kill()
                run.wait()
        store.close()
    assert all(out.startswith("read 25 input(s)") for out in outputs), outputs
    # Nothing was left for a third run to do.
    again = _run_to_end(halves[0], target)
    assert "stored 0 new article(s)" in again
    stage_counts = again.split("stages: ")[1].split(", ")[1:]
    assert all(part.split(" ")[1] == "0" for part in stage_counts), again


def test_two_runs_started_together_on_one_sqlite_file_both_finish(
    halves: tuple[Path, Path, Path], one_run: tuple[set[str], set[frozenset[str]]], tmp_path: Path
) -> None:
    """The report's case: two runs at once, nobody else; it used to fail with ``database is
    locked`` within seconds, half the articles missing."""
    _, first, second = halves
    target = str(tmp_path / "shared.db")
    runs = [_start(first, target), _start(second, target)]
    for run in runs:
        _finish(run)
    store = open_store(target)
    try:
        assert {a.id for a in store.iter_articles()} == one_run[0]
        assert store.article_count() == len(one_run[0])
        in_stories = [a for s in store.stories() for a in s.article_ids]
        assert sorted(in_stories) == sorted(one_run[0])  # every article in one story
        assert store.integrity_problems() == []
    finally:
        store.close()
