"""Dedupe and cluster stages on the sample corpus, through the real pipeline and store."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from sqlalchemy import update

from newsweave.cluster import ClusterModel
from newsweave.keyed import manifest
from newsweave.pipeline import run
from newsweave.stages import cluster, store_stage
from newsweave.store import open_store
from newsweave.store.schema import stage_snapshots, stage_state_rows
from tests.conftest import DATA, SAMPLES

REPUBLISHED = DATA / "republished" / "harbour-daily-war-talks.html"


def _by_source(db: str) -> dict[str, list[tuple[str, str | None, str | None, str | None]]]:
    """Sample file prefix → [(article id, headline, duplicate_of, story_id)] in part order."""
    store = open_store(db)
    links = store.article_links()
    out: dict[str, list[tuple[str, str | None, str | None, str | None]]] = {}
    for a in sorted(store.iter_articles(), key=lambda a: (a.source, a.part)):
        out.setdefault(Path(a.source).name[:3], []).append((a.id, a.headline, *links[a.id]))
    store.close()
    return out


def test_samples_make_one_story_and_the_glued_article_another(sample_db: str) -> None:
    found = _by_source(sample_db)
    first_parts = [found[k][0] for k in ("000", "001", "002", "003", "004")]
    stories = {story for _, _, _, story in first_parts}
    assert len(stories) == 1 and None not in stories
    glued = found["001"][1]
    assert glued[3] is not None and glued[3] not in stories
    assert all(dup is None for parts in found.values() for _, _, dup, _ in parts)


def test_stories_carry_titles_dates_and_members(sample_db: str) -> None:
    store = open_store(sample_db)
    stories = store.stories()
    links = store.article_links()
    store.close()
    assert len(stories) == 2
    big = stories[0]
    assert len(big.article_ids) == 5
    assert (big.first_published, big.last_published) == ("2025-12-20", "2025-12-22")
    assert big.title
    for s in stories:
        assert all(links[a][1] == s.id for a in s.article_ids)


def test_html_republication_is_linked_as_copy_in_the_same_story(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    store = open_store(db)
    run([str(SAMPLES)], store, until="cluster")
    run([str(REPUBLISHED)], store, until="cluster")
    by_source = {Path(a.source).name: a for a in store.iter_articles()}
    links = store.article_links()
    store.close()
    copy = by_source[REPUBLISHED.name]
    original = by_source["003_fb0497bd58dd550c.txt"]
    assert copy.outlet == "Harbour Daily"
    assert links[copy.id][0] == original.id
    assert links[copy.id][1] == links[original.id][1]


def test_a_later_run_adds_to_existing_stories_without_moving_earlier_ones(tmp_path: Path) -> None:
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    for path in sorted(SAMPLES.iterdir()):
        shutil.copy(path, (later if path.name.startswith("002") else first) / path.name)
    db = str(tmp_path / "n.db")
    store = open_store(db)
    run([str(first)], store, until="cluster")
    before = {a: story for a, (_, story) in store.article_links().items()}
    run([str(later)], store, until="cluster")
    after = {a: story for a, (_, story) in store.article_links().items()}
    new = {a.id for a in store.iter_articles() if Path(a.source).name.startswith("002")}
    store.close()
    assert all(after[a] == story for a, story in before.items())
    (new_id,) = new
    assert after[new_id] in set(before.values())
    # and a third run on everything changes nothing
    store = open_store(db)
    run([str(first), str(later)], store, until="cluster")
    assert {a: s for a, (_, s) in store.article_links().items()} == after
    store.close()


def test_later_runs_resume_from_saved_states_and_replay_if_they_are_damaged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folders = [tmp_path / name for name in ("a", "b", "c")]
    for folder in folders:
        folder.mkdir()
    for path in sorted(SAMPLES.iterdir()):  # 000-001, then 002-003, then the rest
        shutil.copy(path, folders[min(int(path.name[:3]) // 2, 2)] / path.name)
    store = open_store(str(tmp_path / "n.db"))
    run([str(folders[0])], store, until="cluster")
    saved = store.snapshot("cluster", store_stage("cluster").version)
    expected = manifest(store.processed_count("cluster"), cluster.settings(ClusterModel.load()))
    assert saved is not None and saved.fingerprint == expected.fingerprint
    caplog.set_level(logging.INFO, logger="newsweave.stages")
    run([str(folders[1])], store, until="cluster")
    assert "cluster: resumed from the keyed state" in caplog.text
    assert "dedupe: resumed from the keyed state" in caplog.text
    before = {a: story for a, (_, story) in store.article_links().items()}
    with store.engine.begin() as conn:
        conn.execute(update(stage_snapshots).values(data=b"not a snapshot"))
        rows = stage_state_rows
        damaged = update(rows).where(rows.c.stage == "cluster", rows.c.key == "meta")
        conn.execute(damaged.values(data=b"not a row"))
    caplog.clear()
    run([str(folders[2])], store, until="cluster")
    assert "cluster state unreadable" in caplog.text and "replaying" in caplog.text
    # dedupe keeps keyed rows, not a blob: its manifest's fingerprint is intact, so it
    # resumes (a damaged row of its own is rebuilt: tests/stages/test_dedupe.py)
    assert "dedupe: resumed from the keyed state" in caplog.text
    after = {a: story for a, (_, story) in store.article_links().items()}
    store.close()
    assert {a: after[a] for a in before} == before
    assert len(after) > len(before) and all(after.values())
