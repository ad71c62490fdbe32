"""The distributed path on a real Dask scheduler: same facts as the in-process run.

Each test starts a real cluster of one single-threaded worker process (it loads spaCy
once), so the pair takes about half a minute on two cores.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from distributed import LocalCluster

from newsweave.cli import main
from newsweave.distributed import dask_mapper
from newsweave.errors import NewsweaveError
from newsweave.pipeline import run
from newsweave.present import export_json
from newsweave.store import open_store
from tests.conftest import SAMPLES

#: The parts of the export the extract stage feeds (directly or through entities/events).
FACT_KEYS = ("entities", "quotes", "events", "dates", "claims", "stories")


def _export(path: str) -> dict[str, Any]:
    store = open_store(path)
    try:
        return export_json(store)
    finally:
        store.close()


def test_local_cluster_run_equals_in_process(sample_db: str, tmp_path: Path) -> None:
    db = str(tmp_path / "dask.db")
    store = open_store(db)
    try:
        with dask_mapper("local", n_workers=1) as mapper:
            # Results come back in input order even with many small tasks in flight.
            assert list(mapper(sum, ([i] * 3 for i in range(40)))) == [3 * i for i in range(40)]
            report = run([str(SAMPLES)], store, mapper=mapper)
    finally:
        store.close()
    assert report.stages["extract"] == report.articles_stored > 0
    on_dask, in_process = _export(db), _export(sample_db)
    assert on_dask["quotes"] and on_dask["entities"] and on_dask["events"] and on_dask["dates"]
    for key in FACT_KEYS:
        assert on_dask[key] == in_process[key], key


def test_cli_run_on_a_scheduler_address(sample_db: str, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    with LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard": False, "dashboard_address": ":0"},
    ) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        result = CliRunner().invoke(main, ["run", str(SAMPLES), "--db", db, "--dask", address])
    assert result.exit_code == 0, result.output
    assert "stored 6 new article(s)" in result.output
    on_dask, in_process = _export(db), _export(sample_db)
    for key in FACT_KEYS:
        assert on_dask[key] == in_process[key], key


def test_unreachable_scheduler_says_what_to_do() -> None:
    # Port 9 (discard) on localhost: nothing listens, so every attempt is refused.
    with (
        pytest.raises(
            NewsweaveError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"
        ),
        dask_mapper("tcp://127.0.0.1:9", connect_timeout=1),
    ):
        pass


def test_worker_pool_run_equals_in_process(
    sample_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsweave import settings
    from newsweave.distributed import in_process, pool_mapper

    # Batches of two articles, so that both workers parse at once and results must be
    # put back in input order.
    monkeypatch.setattr(settings, "EXTRACT_BATCH_SIZE", 2)
    db = str(tmp_path / "pool.db")
    store = open_store(db)
    try:
        with pool_mapper(2) as mapper:
            assert mapper is not in_process
            assert list(mapper(sum, ([i] * 3 for i in range(20)))) == [3 * i for i in range(20)]
            report = run([str(SAMPLES)], store, mapper=mapper)
    finally:
        store.close()
    assert report.stages["extract"] == report.articles_stored > 0
    pooled, in_process_export = _export(db), _export(sample_db)
    for key in FACT_KEYS:
        assert pooled[key] == in_process_export[key], key


def test_one_worker_runs_in_this_process() -> None:
    from newsweave.distributed import in_process, pool_mapper

    with pool_mapper(1) as mapper:
        assert mapper is in_process


def test_a_worker_killed_by_one_input_fails_that_input_alone() -> None:
    from newsweave.distributed import Guarded, pool_mapper
    from tests.crashing import died, doubled_or_die

    batches = [[1, 2], [3, -4, 5], [6], [7, 8], [-9], [10]]
    with pool_mapper(2) as mapper:
        out = list(mapper(Guarded(doubled_or_die, died), batches))
    assert out == [[2, 4], [6, 0, 10], [12], [14, 16], [0], [20]]


def test_a_worker_killed_without_a_guard_ends_the_run_with_a_next_step() -> None:
    from newsweave.distributed import pool_mapper
    from newsweave.errors import NewsweaveError
    from tests.crashing import doubled_or_die

    with pool_mapper(2) as mapper, pytest.raises(NewsweaveError, match="--workers 1"):
        list(mapper(doubled_or_die, [[1], [-2], [3]]))


def test_a_dask_worker_killed_by_one_input_fails_that_input_alone() -> None:
    import dask

    from newsweave.distributed import Guarded
    from tests.crashing import died, doubled_or_die

    # The scheduler gives up on a task after its first dead worker (default: 3 more tries).
    once = dask.config.set({"distributed.scheduler.allowed-failures": 0})
    with once, dask_mapper(n_workers=2) as mapper:
        out = list(mapper(Guarded(doubled_or_die, died), [[1, 2], [3, -4], [5]]))
    assert out == [[2, 4], [6, 0], [10]]
