"""The entities stage resumes from its book's keyed state rows: a second batch of articles
resolved from the rows leaves the entities, mention links and quote speakers that
rebuilding the book from every stored entity and quote leaves; and a run that fails
while saving leaves the rows and the entities as they were."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select
from sqlalchemy.exc import OperationalError

from newsweave import pipeline
from newsweave.extract.entities.book import EntityBook
from newsweave.keyed import manifest
from newsweave.model import Mention
from newsweave.present import export_json
from newsweave.stages import store_stage
from newsweave.store import open_store
from newsweave.store.facts_sql import mention_id
from newsweave.store.schema import stage_snapshots, stage_state_rows
from newsweave.store.sql import SqlStore
from tests.conftest import SAMPLES

TEXTS = Path(__file__).resolve().parents[1] / "data" / "text"


def _two_batches(path: Path, *, forget_book: bool) -> tuple[dict[str, Any], int]:
    store = open_store(str(path))
    pipeline.ingest([str(SAMPLES)], store)
    pipeline.run_stages(store, until="entities")
    if forget_book:
        with store.engine.begin() as conn:
            conn.execute(delete(stage_snapshots).where(stage_snapshots.c.stage == "entities"))
    pipeline.ingest([str(TEXTS)], store)
    rebuilt = 0
    original = EntityBook.from_store

    def counting(*args: Any, **kwargs: Any) -> EntityBook:
        nonlocal rebuilt
        rebuilt += 1
        return original(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(EntityBook, "from_store", staticmethod(counting))
        pipeline.run_stages(store, until="entities")
    exported = export_json(store)
    store.close()
    return {k: exported[k] for k in ("entities", "quotes", "articles")}, rebuilt


def test_resumed_book_equals_rebuilt_book(tmp_path: Path) -> None:
    resumed, rebuilt_resumed = _two_batches(tmp_path / "resumed.db", forget_book=False)
    replayed, rebuilt_replayed = _two_batches(tmp_path / "replayed.db", forget_book=True)
    assert (rebuilt_resumed, rebuilt_replayed) == (0, 1)
    assert resumed["entities"]
    assert any(q.get("speaker_entity_id") for q in resumed["quotes"])
    assert resumed == replayed


def test_a_run_failing_while_saving_leaves_rows_and_entities_as_they_were(
    tmp_path: Path,
) -> None:
    from newsweave.store import facts_sql

    store = open_store(str(tmp_path / "store.db"))
    pipeline.ingest([str(SAMPLES)], store)
    pipeline.run_stages(store, until="entities")
    entities_before = export_json(store)["entities"]
    count_before = store.state_row_count("entities")
    version = store_stage("entities").version
    snapshot_before = store.snapshot("entities", version)
    assert snapshot_before is not None and count_before
    pipeline.ingest([str(TEXTS)], store)
    real = facts_sql.write_state_rows

    def dying(*args: Any) -> None:
        real(*args)
        # A store error (not an article's fault, so no article is stamped failed).
        raise OperationalError("COMMIT", {}, OSError("disk I/O error before the commit"))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(facts_sql, "write_state_rows", dying)
        with pytest.raises(OperationalError, match="disk I/O"):
            pipeline.run_stages(store, until="entities")
    assert export_json(store)["entities"] == entities_before
    assert store.state_row_count("entities") == count_before
    assert store.snapshot("entities", version) == snapshot_before

    rebuilt = 0
    original = EntityBook.from_store

    def counting(*args: Any, **kwargs: Any) -> EntityBook:
        nonlocal rebuilt
        rebuilt += 1
        return original(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(EntityBook, "from_store", staticmethod(counting))
        pipeline.run_stages(store, until="entities")
    assert rebuilt == 0  # the rows still match the stamps: resumed
    assert len(export_json(store)["entities"]) > len(entities_before)
    store.close()


def _place(m: Mention) -> tuple[str, int, str]:
    return (m.article_id, m.start, mention_id(m))


def _rows(store: SqlStore) -> dict[str, Any]:
    """The entities stage's rows that do not depend on the order articles came in."""
    with store.engine.connect() as conn:
        found = conn.execute(
            select(stage_state_rows.c.key, stage_state_rows.c.data).where(
                stage_state_rows.c.stage == "entities"
            )
        ).all()
    return {k: json.loads(bytes(v)) for k, v in found if k.startswith(_STABLE)}


_STABLE = ("e:", "ea:", "a:", "b:", "v:", "qn:", "i:")


def test_an_article_that_raises_fails_alone_and_leaves_nothing_half_applied(
    tmp_path: Path,
) -> None:
    from newsweave.extract.entities import book

    store = open_store(str(tmp_path / "store.db"))
    pipeline.ingest([str(SAMPLES)], store)
    pipeline.run_stages(store, until="extract")
    ids = sorted(store.mentions_of())
    poisoned = ids[1]
    real = book.cluster_article

    def clustering(article_id: str, mentions: Any) -> Any:
        if article_id == poisoned:
            raise KeyError("a mention no rule expected")
        return real(article_id, mentions)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(book, "cluster_article", clustering)
        pipeline.run_stages(store, until="entities")
    failed = [f for f in store.stage_failures() if f["stage"] == "entities"]
    assert [f["article_id"] for f in failed] == [poisoned]
    assert "KeyError" in str(failed[0]["reason"])
    exported = export_json(store)
    linked = {m["article_id"] for e in exported["entities"] for m in e["mentions"]}
    assert poisoned not in linked and set(ids) - {poisoned} <= linked
    # The rows say what rebuilding them from the stored entities says.
    rebuilt = book.EntityBook.from_store(store.entities(), _place)
    expected = {
        k: json.loads(v)
        for k, v in rebuilt.state.rows(manifest(0, "")).changes.items()
        if v is not None and k.startswith(_STABLE)
    }
    assert _rows(store) == expected
    store.close()
