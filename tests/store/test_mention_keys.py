"""Mentions keyed by entity and date (migration 0016): every mention carries its article's
published date and story, kept so by every write (extraction, stories growing and
merging), so an entity's page of mentions, its stories and its feed are read from the
index on the entity alone and equal what the whole store says (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
import importlib.util
from collections import Counter
from importlib import resources
from pathlib import Path
from types import ModuleType

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, select, update

from newsweave import pipeline
from newsweave.model import ArticleFacts
from newsweave.store import SqlStore, open_store
from newsweave.store.facts_sql import mention_id
from newsweave.store.schema import articles, mentions
from tests.conftest import FIRST_SAMPLES, SAMPLES

MIGRATIONS = resources.files("newsweave.store") / "migrations"


def _keys(store: SqlStore) -> dict[str, tuple[str | None, str | None]]:
    """Mention id → (published, story_id) as stored on the mention."""
    query = select(mentions.c.id, mentions.c.published, mentions.c.story_id)
    with store.engine.connect() as conn:
        return {r.id: (r.published, r.story_id) for r in conn.execute(query)}


def _from_articles(store: SqlStore) -> dict[str, tuple[str | None, str | None]]:
    """Mention id → its article's (published, story_id): what the keys must equal."""
    query = select(mentions.c.id, articles.c.published, articles.c.story_id).join(
        articles, articles.c.id == mentions.c.article_id
    )
    with store.engine.connect() as conn:
        return {r.id: (r.published, r.story_id) for r in conn.execute(query)}


def _migration() -> ModuleType:
    path = Path(str(MIGRATIONS / "versions" / "0016_mention_keys.py"))
    spec = importlib.util.spec_from_file_location("migration_0016", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _by_date(store: SqlStore, entity_id: str) -> list[tuple[str, int, str]]:
    """The entity's mentions in page order, computed from the whole store: by their
    article's date, undated last, then article, position and id."""
    dates = {h.id: h.published for h in store.article_heads()}
    entity = store.entity(entity_id)
    assert entity is not None
    rows = [(m.article_id, m.start, mention_id(m)) for m in entity.mentions]
    return sorted(rows, key=lambda r: (dates[r[0]] is None, dates[r[0]] or "", r))


def _check_entity_reads(store: SqlStore) -> int:
    """Each entity's paged mentions, stories and newest articles equal the whole store's
    answer; returns how many entities were checked."""
    heads = {h.id: h for h in store.article_heads()}
    checked = 0
    for entity in store.entities():
        expected = _by_date(store, entity.id)
        full = store.mentions_in_context(entity.id)
        assert [(m["article_id"], m["start"], m["id"]) for m in full] == expected
        assert store.mention_count(entity.id) == len(expected)
        for size in (1, 2, 3):
            pages = [
                store.mentions_in_context(entity.id, start, size)
                for start in range(0, len(full) + size, size)
            ]
            assert [m for page in pages for m in page] == full, (entity.id, size)
        for m in full[:2]:
            stored = store.stored_article(m["article_id"])
            assert stored is not None and m["article_text"] == stored.article.text
        in_stories = Counter(
            heads[m.article_id].story_id for m in entity.mentions if heads[m.article_id].story_id
        )
        assert store.entity_stories(entity.id) == sorted(
            in_stories.items(), key=lambda kv: (-kv[1], kv[0])
        )
        named = sorted(
            {m.article_id for m in entity.mentions},
            key=lambda a: (heads[a].published is not None, heads[a].published or "", a),
            reverse=True,
        )
        for limit in (1, 3, 100):
            newest = store.newest_mentioning(entity.id, limit)
            assert [m["article_id"] for m in newest] == named[:limit]
            for m in newest:
                first = min(
                    (x for x in full if x["article_id"] == m["article_id"]),
                    key=lambda x: (x["start"], x["id"]),
                )
                assert m["id"] == first["id"]
        checked += 1
    return checked


def test_mentions_follow_their_articles_as_the_stream_grows(store: SqlStore) -> None:
    """Two runs (three files, then the folder: stories grow), then a merge of two stories
    (articles move): every mention's date and story are its article's after each, the
    entity reads equal the whole store's, and the migration's backfill (the keys rebuilt
    from the articles) writes back exactly what the writes kept incrementally."""
    first = [str(p) for p in sorted(SAMPLES.iterdir()) if p.name.startswith(FIRST_SAMPLES)]
    pipeline.run(first, store)
    assert _keys(store) == _from_articles(store)
    before = {h.id: h.story_id for h in store.article_heads()}
    pipeline.run([str(SAMPLES)], store)
    moved = [h.id for h in store.article_heads() if h.id in before and before[h.id] != h.story_id]
    kept = _keys(store)
    assert kept == _from_articles(store)
    assert any(story for _, story in kept.values()), "mentions in stories"
    assert any(date for date, _ in kept.values()), "dated mentions"
    assert not moved  # the samples' second run only adds: the merge below moves articles

    # The cluster stage's write merging the biggest story into another (as a new article
    # showing two stories to be one does): the gone story's articles, and their
    # mentions, move to the story they joined, in the same transaction.
    big, other = sorted(store.stories(), key=lambda s: -len(s.article_ids))[:2]
    joined = dataclasses.replace(other, article_ids=other.article_ids + big.article_ids)
    store.save_stories({a: other.id for a in big.article_ids}, [joined], [big.id], [], "merge")
    kept = _keys(store)
    assert kept == _from_articles(store)
    assert {story for _, story in kept.values()} & {big.id, other.id} == {other.id}
    assert _check_entity_reads(store) >= 10

    with store.writer.begin() as conn:
        conn.execute(update(mentions).values(published=None, story_id=None))
        assert _migration().backfill(conn) == len(store.article_heads())
    assert _keys(store) == kept


def test_extracting_an_article_again_keys_its_new_mentions(store: SqlStore) -> None:
    """An article in a story whose facts are saved again (the extract stage's write) gets
    mentions that carry its date and story at once, before any later stage runs."""
    pipeline.run([str(SAMPLES)], store)
    head = next(h for h in store.article_heads() if h.story_id and h.published)
    again = store.mentions_of([head.id])[head.id]
    assert again
    store.save_facts([ArticleFacts(head.id, True, mentions=again)], "test")
    keys = _keys(store)
    assert keys == _from_articles(store)
    with store.engine.connect() as conn:
        rows = conn.execute(select(mentions.c.id).where(mentions.c.article_id == head.id)).all()
    assert rows and {keys[r.id] for r in rows} == {(head.published, head.story_id)}


def test_upgrading_from_0015_keys_the_stored_mentions(tmp_path: Path) -> None:
    """A store at revision 0015 with a dated article in a story and an undated one outside
    any story: opening it fills each mention with its article's date and story, and the
    entity's page lists the dated mention first."""
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0015_event_participants")
        conn.exec_driver_sql(
            "INSERT INTO documents (content_hash, source, format, encoding, raw, hints, "
            "ingested_at, replaced) VALUES ('d', 'x.txt', 'text', 'utf-8', '', '{}', "
            "'2026-12-01 00:00:00', 0)"
        )
        for n, (published, story) in enumerate([(None, None), ("2026-11-30", "story-a1")]):
            conn.exec_driver_sql(
                "INSERT INTO articles (id, document_hash, part, source, published, text, "
                "text_hash, word_count, cited_outlets, captions, offsets, extra, story_id) "
                "VALUES (?, 'd', ?, 'x.txt', ?, 'Ivan Sokolov spoke.', ?, 3, '[]', '[]', "
                "'[]', '{}', ?)",
                (f"a{n}", n, published, f"h{n}", story),
            )
            conn.exec_driver_sql(
                'INSERT INTO mentions (id, article_id, start, "end", text, label, field, '
                "entity_id) VALUES (?, ?, 0, 12, 'Ivan Sokolov', 'PERSON', 'text', "
                "'person-ivan-sokolov')",
                (f"m{n}", f"a{n}"),
            )
        conn.exec_driver_sql(
            "INSERT INTO entities (id, name, type, aliases, roles) VALUES "
            "('person-ivan-sokolov', 'Ivan Sokolov', 'PERSON', '[]', '[]')"
        )
    engine.dispose()
    opened = open_store(str(path))
    try:
        assert _keys(opened) == {"m0": (None, None), "m1": ("2026-11-30", "story-a1")}
        page = opened.mentions_in_context("person-ivan-sokolov")
        assert [m["id"] for m in page] == ["m1", "m0"]
        assert opened.entity_stories("person-ivan-sokolov") == [("story-a1", 1)]
        assert [m["id"] for m in opened.newest_mentioning("person-ivan-sokolov", 5)] == [
            "m1",
            "m0",
        ]
    finally:
        opened.close()


def test_an_entitys_page_reads_its_index_range_not_the_mentions(sample_db: str) -> None:
    """SQLite's plans for the entity page's reads: its mentions by date and its stories
    search the indexes that lead with the entity (the stories from the index alone);
    neither scans the mentions nor sorts every mention of the entity."""
    store = open_store(sample_db)
    try:
        entity_id = max(store.entities(), key=lambda e: len(e.mentions)).id
        statements: list[tuple[str, tuple[object, ...]]] = []

        def record(_c: object, _cur: object, statement: str, params: object, *_a: object) -> None:
            statements.append((statement, tuple(params)))  # type: ignore[arg-type]

        event.listen(store.engine, "before_cursor_execute", record)
        try:
            assert store.mentions_in_context(entity_id, 0, 2)
            assert store.entity_stories(entity_id)
        finally:
            event.remove(store.engine, "before_cursor_execute", record)
        plans = []
        with store.engine.connect() as conn:
            for statement, params in statements:
                found = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params)
                plan = " | ".join(str(r[-1]) for r in found)
                plans.append(plan)
                assert "SCAN mentions" not in plan, plan
                if "GROUP BY" not in statement:  # the stories are sorted by count, not read
                    assert "TEMP B-TREE" not in plan, plan
        assert any("ix_mentions_entity_published" in p for p in plans), plans
        assert any("COVERING INDEX ix_mentions_entity_story" in p for p in plans), plans
    finally:
        store.close()
