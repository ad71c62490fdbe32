"""Atom feeds for a story, an entity and a search: valid Atom read back by feedparser,
stable entry ids, escaped text, and linked from their pages."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import feedparser
from fastapi.testclient import TestClient

from newsweave.store import open_store
from newsweave.web.atom import Entry, atom_document, tag_uri
from tests.web.conftest import LOCAL


def _parsed(client: TestClient, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def _alternate(html: str) -> str:
    found = re.search(
        r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', html
    )
    assert found is not None, "no Atom link in the page"
    return found.group(1).replace("&amp;", "&")


def test_story_feed_has_an_entry_per_article_and_one_for_the_briefing(
    client: TestClient, web_db: str
) -> None:
    store = open_store(web_db)
    try:
        stories = store.stories()
        briefed = {s.id for s in stories if store_summary(store, s.id)}
    finally:
        store.close()
    assert stories
    for story in stories:
        page = client.get(f"/stories/{story.id}")
        href = _alternate(page.text)
        assert href == f"/stories/{story.id}/feed.atom"
        feed = _parsed(client, href)
        ids = [e.id for e in feed.entries]
        articles = {tag_uri("article", a) for a in story.article_ids}
        assert articles <= set(ids)
        assert len(ids) == len(set(ids)) == len(articles) + (story.id in briefed)
        assert all(i.startswith("tag:newsweave,2026:") for i in ids)
        for entry in feed.entries:
            assert entry.link.startswith(f"{LOCAL}/")
            assert entry.updated_parsed is not None
        # The same feed asked again: the same ids, so a reader shows nothing twice.
        assert [e.id for e in _parsed(client, href).entries] == ids
    assert briefed, "the sample store has a briefed story"
    story = next(s for s in stories if s.id in briefed)
    briefing = [e for e in _parsed(client, f"/stories/{story.id}/feed.atom").entries
                if "/briefing/" in e.id]  # fmt: skip
    assert len(briefing) == 1 and briefing[0].link.endswith("#briefing")


def store_summary(store: Any, story_id: str) -> list[Any]:
    from newsweave.store import compare_sql

    return compare_sql.summary(store, story_id)


def test_entity_feed_lists_the_articles_that_mention_it(client: TestClient, web_db: str) -> None:
    store = open_store(web_db)
    try:
        entity = max(store.entities(), key=lambda e: len({m.article_id for m in e.mentions}))
    finally:
        store.close()
    page = client.get(f"/entities/{entity.id}")
    assert _alternate(page.text) == f"/entities/{entity.id}/feed.atom"
    feed = _parsed(client, f"/entities/{entity.id}/feed.atom")
    assert feed.feed.title.startswith(entity.name)
    wanted = {tag_uri("article", m.article_id) for m in entity.mentions}
    assert {e.id for e in feed.entries} == wanted
    # Each entry quotes the words around the article's first mention.
    first = {}
    for m in sorted(entity.mentions, key=lambda m: (m.article_id, m.start)):
        first.setdefault(m.article_id, m.text)
    for e in feed.entries:
        assert first[e.id.rsplit("/", 1)[1]] in e.summary
    assert client.get("/entities/no-such-entity/feed.atom").status_code == 404


def test_search_feed_matches_the_search_page(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Dmitriev Miami"})
    href = _alternate(page.text)
    assert href == "/search/feed.atom?q=Dmitriev+Miami"
    feed = _parsed(client, href)
    found = client.get("/api/search", params={"q": "Dmitriev Miami"}).json()["results"]
    assert [e.id for e in feed.entries] and {e.id for e in feed.entries} == {
        tag_uri("article", h["article_id"]) for h in found
    }
    odd = _parsed(client, "/search/feed.atom?q=%3Cb%3E%20%26%20%22x%22")
    assert odd.feed.title == 'Search “<b> & "x"” · newsweave'
    assert _parsed(client, "/search/feed.atom").entries == []
    assert client.get("/stories/nope/feed.atom").status_code == 404


def test_text_is_escaped_and_controls_dropped() -> None:
    hostile = "<script>alert(1)</script> & \x02 “quoted”"
    body = atom_document(
        tag_uri("story", "s/1 x"),
        hostile,
        "http://h/self?a=1&b=2",
        "http://h/page",
        [
            Entry(
                tag_uri("article", "a1"),
                hostile,
                datetime(2025, 12, 22, tzinfo=UTC),
                "http://h/a?x=<1>",
                summary=hostile,
                author="<i>Evil</i>",
            )
        ],
    )
    assert b"<script>" not in body and b"\x02" not in body
    parsed = feedparser.parse(body)
    assert not parsed.bozo
    clean = "<script>alert(1)</script> &  “quoted”"
    assert parsed.feed.id == "tag:newsweave,2026:story/s%2F1%20x"
    (entry,) = parsed.entries
    assert entry.summary == clean
    assert entry.author == "<i>Evil</i>"
    assert entry.updated == "2025-12-22T00:00:00Z"


def test_a_reader_polling_an_unchanged_feed_gets_304(client: TestClient, web_db: str) -> None:
    store = open_store(web_db)
    try:
        story_id = store.stories()[0].id
    finally:
        store.close()
    for path in (f"/stories/{story_id}/feed.atom", "/search/feed.atom?q=Witkoff",
                 "/search/feed.atom?q=nothingmatchesthis"):  # fmt: skip
        first = client.get(path)
        etag = first.headers["etag"]
        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200
