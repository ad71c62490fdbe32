"""Resuming is per article and per stage: a run stopped after any stage (``--until``) or
cut short inside one, then run again, leaves the store as one uninterrupted run does."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from newsweave import pipeline
from newsweave.present import export_json
from newsweave.stages import STORE_STAGES
from newsweave.store import open_store
from tests.conftest import SAMPLES

STAGES = [s.name for s in STORE_STAGES]


class Crash(Exception):
    """Stands for the process dying mid-stage: nothing after it runs, and the open
    transaction (if any) is rolled back, as after a kill."""


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples ingested, no store stage run yet (copied by each test)."""
    path = tmp_path_factory.mktemp("resume") / "ingested.db"
    store = open_store(str(path))
    pipeline.ingest([str(SAMPLES)], store)
    store.close()
    return path


@pytest.fixture(scope="module")
def uninterrupted(ingested: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("resume") / "whole.db"
    shutil.copy(ingested, path)
    store = open_store(str(path))
    pipeline.run_stages(store)
    exported = export_json(store)
    store.close()
    assert exported["entities"] and exported["events"] and exported["claims"]
    return exported


def _copy(ingested: Path, tmp_path: Path) -> str:
    path = tmp_path / "n.db"
    shutil.copy(ingested, path)
    return str(path)


@pytest.mark.parametrize("until", STAGES)
def test_until_a_stage_then_a_plain_run_equals_one_uninterrupted_run(
    until: str, ingested: Path, uninterrupted: dict[str, Any], tmp_path: Path
) -> None:
    store = open_store(_copy(ingested, tmp_path))
    done = pipeline.run_stages(store, until=until)
    assert list(done) == STAGES[: STAGES.index(until) + 1]
    pipeline.run_stages(store)
    assert export_json(store) == uninterrupted
    store.close()


@pytest.mark.parametrize("stage", STAGES)
def test_a_run_cut_short_inside_a_stage_is_finished_by_the_next(
    stage: str, ingested: Path, uninterrupted: dict[str, Any], tmp_path: Path
) -> None:
    def crash_in(name: str, done: int, total: int) -> None:
        if name == stage and done > 0:
            raise Crash(f"{name} at {done}/{total}")

    db = _copy(ingested, tmp_path)
    store = open_store(db)
    with pytest.raises(Crash):
        pipeline.run_stages(store, progress=crash_in)
    store.close()
    store = open_store(db)
    pipeline.run_stages(store)
    assert export_json(store) == uninterrupted
    store.close()


def test_a_new_extract_version_redoes_every_stage_computed_from_its_facts(
    ingested: Path, uninterrupted: dict[str, Any], tmp_path: Path
) -> None:
    from dataclasses import replace

    from newsweave.stages import Context

    store = open_store(_copy(ingested, tmp_path))
    pipeline.run_stages(store)
    bumped = tuple(replace(s, version="next") if s.name == "extract" else s for s in STORE_STAGES)
    ctx = Context(store, registry=bumped)
    done = {s.name: s.run(ctx, s) for s in bumped}
    assert done["dedupe"] == 0 and done["extract"] == 6
    assert done["cluster"] == done["entities"] == 6
    assert done["events"] == done["compare"] == done["brief"] == 2  # stories
    exported = export_json(store)
    store.close()
    assert {k: v for k, v in exported.items() if k != "stages"} == {
        k: v for k, v in uninterrupted.items() if k != "stages"
    }
