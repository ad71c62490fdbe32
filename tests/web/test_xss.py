"""Stored text is shown as text: markup in an article never reaches the page as markup."""

from __future__ import annotations

import lxml.html  # type: ignore[import-untyped]
from fastapi.testclient import TestClient

from newsweave.store import open_store
from newsweave.web import create_app
from tests.web.conftest import LOCAL


def test_article_markup_is_escaped_everywhere(hostile_db: tuple[str, str]) -> None:
    db, article_id = hostile_db
    with TestClient(create_app(db), base_url=LOCAL) as client:
        stored = client.get(f"/api/articles/{article_id}").json()
        assert "<script>alert(1)</script>" in stored["text"], "the hostile text is stored as is"
        pages = [
            client.get(f"/articles/{article_id}").text,
            client.get(f"/articles/{article_id}?start=20&end=90").text,
            client.get("/search", params={"q": "script alert"}).text,
            client.get("/search", params={"q": "<script>alert(1)</script>"}).text,
        ]
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "<i>Evil</i>" not in html and "<b>credit</b>" not in html
        _assert_no_active_markup(html)
    article_page = pages[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article_page
    assert "&lt;img src=x onerror=alert(1)&gt;" in article_page
    assert 'href="javascript:' not in article_page, "a javascript: URL never becomes a link"
    assert "&lt;script&gt;" in pages[2], "the search snippet is escaped too"


def _assert_no_active_markup(html: str) -> None:
    """Parsed as a browser would: only our own script, no images, no on* handlers."""
    tree = lxml.html.fromstring(html)
    assert [s.get("src") for s in tree.iter("script")] == ["/static/app.js"]
    assert not list(tree.iter("img"))
    handlers = [a for el in tree.iter() for a in el.attrib if a.lower().startswith("on")]
    assert handlers == []


def test_search_index_syncs_idempotently(hostile_db: tuple[str, str]) -> None:
    db, _ = hostile_db
    store = open_store(db)
    try:
        assert store.sync_search_index() == 1
        assert store.sync_search_index() == 0
    finally:
        store.close()
