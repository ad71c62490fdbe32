"""The stage registry is the one place versions live: stored stamps and the export agree
with it, and ``run_stages`` runs its stages in its order."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave import pipeline
from newsweave.present import export_json
from newsweave.stages import ALL_STAGES, STAGE_NAMES, STORE_STAGES, store_stage
from newsweave.store import compare_sql, open_store


def test_every_stored_stage_stamp_matches_the_registry(sample_db: str) -> None:
    store = open_store(sample_db)
    versions = {s.name: s.version for s in STORE_STAGES}
    article_stamps = store.stage_stamps()
    story_stamps = store.story_stamps()
    saved_states = store.snapshot_versions()
    story_results = compare_sql.comparison_versions(store)
    store.close()
    assert {stage for stage, _ in article_stamps} == {
        s.name for s in STORE_STAGES if s.unit == "article"
    }
    assert {stage for stage, _ in story_stamps} == {
        s.name for s in STORE_STAGES if s.unit == "story"
    }
    assert {stage for stage, _ in saved_states} == {"dedupe", "cluster", "entities"}
    assert {stage for stage, _ in story_results} == {"compare", "brief"}
    for stage, version in [*article_stamps, *story_stamps, *saved_states, *story_results]:
        assert version == versions[stage], f"{stage} stamped {version}, registry says so not"


def test_the_export_names_the_registry_stages_and_versions(sample_db: str) -> None:
    store = open_store(sample_db)
    exported = export_json(store)["stages"]
    store.close()
    assert exported == [{"name": s.name, "version": s.version} for s in ALL_STAGES]
    assert [s["name"] for s in exported] == list(STAGE_NAMES)
    assert store_stage("cluster").version == "2" and store_stage("compare").version == "2"


def test_run_stages_runs_the_registry_in_order_and_stops_after_until(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "n.db"))
    pipeline.ingest([str(Path(__file__).parents[2] / "samples")], store)
    assert pipeline.run_stages(store, until="ingest") == {}
    first = pipeline.run_stages(store, until="extract")
    assert list(first) == ["dedupe", "extract"] and first["extract"] == 6
    seconds: dict[str, float] = {}
    rest = pipeline.run_stages(store, seconds=seconds)
    store.close()
    assert list(rest) == [s.name for s in STORE_STAGES]
    assert list(seconds) == list(rest) and all(t >= 0 for t in seconds.values())
    assert rest["dedupe"] == 0 and rest["extract"] == 0 and rest["cluster"] == 6


def test_an_unknown_stage_is_refused_with_the_stage_names(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "n.db"))
    with pytest.raises(ValueError, match="the stages are ingest, clean, language, dedupe"):
        pipeline.run_stages(store, until="nope")
    store.close()
