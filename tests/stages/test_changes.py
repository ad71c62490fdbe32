"""The change log as the pipeline writes it: samples arriving in two runs (``grown_db``)."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from newsweave.pipeline import run
from newsweave.store import changes_sql, open_store
from newsweave.store.schema import story_changes
from tests.conftest import SAMPLES


def test_a_story_logs_what_each_run_added(grown_db: str) -> None:
    store = open_store(grown_db)
    try:
        stories = {s.id: s for s in store.stories()}
        grown = [
            s for s in stories if any(c.kind == "claim" for c in changes_sql.changes_of(store, s))
        ]
        assert grown, "the second run brought new claims to a story"
        story_id = grown[0]
        log = changes_sql.changes_of(store, story_id)
        runs = sorted({c.at for c in log})
        assert len(runs) >= 2
        first, later = runs[0], runs[-1]
        kinds_first = Counter(c.kind for c in log if c.at == first)
        assert kinds_first["story"] == 1 and kinds_first["article"] >= 1
        added = [c.subject for c in log if c.kind == "article"]
        # Every member was logged as added exactly once, with its headline and outlet.
        assert sorted(added) == sorted(stories[story_id].article_ids)
        outlets = [c.subject for c in log if c.kind == "outlet"]
        assert len(outlets) == len(set(outlets))
        heads = store.heads_by_id(added)
        later_articles = {c.subject for c in log if c.kind == "article" and c.at > first}
        assert later_articles
        for change in log:
            if change.kind == "claim":
                # a new claim cites an article that joined after the first run, by its span
                evidence = change.detail["evidence"]
                assert {e["article_id"] for e in evidence} & later_articles
                texts = store.articles_by_id([e["article_id"] for e in evidence])
                cited = {texts[e["article_id"]].text[e["start"] : e["end"]] for e in evidence}
                assert change.detail["text"] in cited
        assert [c for c in log if c.kind == "claims"] and later == max(c.at for c in log)
        assert all(h.outlet or h.source for h in heads.values())
    finally:
        store.close()


def test_rerunning_logs_nothing_new(grown_db: str, tmp_path: Path) -> None:
    copy = tmp_path / "again.db"
    shutil.copy(grown_db, copy)
    store = open_store(str(copy))
    try:
        with store.engine.connect() as conn:
            before = conn.execute(select(func.count()).select_from(story_changes)).scalar()
        run([str(SAMPLES)], store)
        with store.engine.connect() as conn:
            after = conn.execute(select(func.count()).select_from(story_changes)).scalar()
        assert before and after == before
    finally:
        store.close()
