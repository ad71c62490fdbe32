"""Keyed readers: a read for one story, article or entity returns exactly what the whole
store holds for it, on SQLite and PostgreSQL alike, and touches only its own rows."""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any

from sqlalchemy import event

from newsweave import pipeline
from newsweave.present.story import load_story
from newsweave.store import SqlStore, compare_sql
from tests.conftest import SAMPLES


def test_keyed_reads_equal_the_whole_store_filtered(store: SqlStore) -> None:
    pipeline.run([str(SAMPLES)], store)
    everything = {a.id: a for a in store.iter_articles()}
    links = store.article_links()
    stories = store.stories()
    assert len(stories) >= 2
    for story in stories:
        assert store.story(story.id) == story
        members = store.articles_of(story.id)
        assert [m.article.id for m in members] == list(story.article_ids)
        assert all(m.article == everything[m.article.id] for m in members)
        assert all((m.duplicate_of, m.story_id) == links[m.article.id] for m in members)
        assert store.events_of(story.id) == [e for e in store.events() if e.story_id == story.id]
        in_story = set(story.article_ids)
        assert store.quotes_of(story.id) == [q for q in store.quotes() if q.article_id in in_story]
        expected = {
            e.id: tuple(m for m in e.mentions if m.article_id in in_story)
            for e in store.entities()
            if any(m.article_id in in_story for m in e.mentions)
        }
        assert {e.id: e.mentions for e in store.entities_of(story.id)} == expected
    assert store.story("story-nope") is None
    assert store.articles_of("story-nope") == store.events_of("story-nope") == []


def test_a_story_and_its_heads_in_one_read_equal_the_two_reads(store: SqlStore) -> None:
    pipeline.run([str(SAMPLES)], store)
    for story in store.stories():
        assert store.story_and_heads(story.id) == (story, store.story_heads(story.id))
    assert store.story_and_heads("story-nope") is None
    for head in store.article_heads():
        stored = store.stored_article(head.id)
        assert stored is not None and stored.short == head.short is not None


def test_entity_article_and_listing_reads(store: SqlStore) -> None:
    pipeline.run([str(SAMPLES)], store)
    entities = store.entities()
    events = store.events()
    for entity in entities:
        assert store.entity(entity.id) == entity
        assert store.events_with(entity.id) == [e for e in events if entity.id in e.participants]
    assert any(store.events_with(e.id) for e in entities), "some entity takes part in an event"
    assert store.entity("person-nobody") is None and store.events_with("person-nobody") == []
    names = store.entity_names([entities[0].id, "person-nobody"])
    assert names == {entities[0].id: entities[0].name}

    articles = list(store.iter_articles())
    assert [h.id for h in store.article_heads()] == [a.id for a in articles]
    first = articles[0]
    stored = store.stored_article(first.id)
    assert stored is not None and stored.article == first
    assert (stored.duplicate_of, stored.story_id) == store.article_links()[first.id]
    assert first.id in store.document_articles(first.document_hash)
    assert store.stored_article("nope") is None

    listing = store.story_listing()
    assert [s.story for s in listing] == store.stories()
    for s in listing:
        assert [h.id for h in s.members] == list(s.story.article_ids)
        assert s.claim_count == len(compare_sql.claims(store, s.story.id))
    titles = store.story_titles([listing[0].story.id, "story-nope"])
    assert titles == {listing[0].story.id: listing[0].story.title}
    pages = [store.story_listing(start, 2) for start in range(0, len(listing) + 2, 2)]
    assert [s for page in pages for s in page] == listing, "pages in the listing's order"
    assert store.story_count() == len(listing)

    named = [e for e in store.entities() if len(e.mentions) >= 3][:5]
    assert named
    for entity in named:
        full = store.mentions_in_context(entity.id)
        assert store.mention_count(entity.id) == len(full) == len(entity.mentions)
        paged = store.mentions_in_context(entity.id, 0, 2) + store.mentions_in_context(
            entity.id, 2, None
        )
        assert paged == full
        in_stories = Counter(m["article"].story_id for m in full if m["article"].story_id)
        expected = sorted(in_stories.items(), key=lambda kv: (-kv[1], kv[0]))
        assert store.entity_stories(entity.id) == expected
        assert store.entity_row(entity.id) == dataclasses.replace(entity, mentions=())
        spoken = store.quotes_by(entity.id)
        assert store.quotes_by(entity.id, 1) == spoken[:1]
    assert store.entity_row("nope") is None

    hits = store.search("Kremlin envoy")
    assert hits and all(h.article_id in {a.id for a in articles} for h in hits)
    assert store.search("   ") == []


def test_reading_one_story_touches_only_its_rows(store: SqlStore) -> None:
    """Every statement behind a story page selects by key: none reads a table whole."""
    pipeline.run([str(SAMPLES)], store)
    story_id = store.stories()[0].id
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(" ".join(statement.split()))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        data = load_story(store, story_id)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    assert data is not None and data.articles and data.events
    selects = [s for s in statements if s.upper().startswith("SELECT")]
    assert selects and all(" WHERE " in s.upper() for s in selects), selects
