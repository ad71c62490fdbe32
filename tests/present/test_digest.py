"""The digest: new and grown stories ranked, each briefing sentence cited to exact spans,
text escaped in HTML and Markdown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from newsweave.changes import parse_since
from newsweave.present.digest import digest_context, md, render_html, render_markdown
from newsweave.store import SqlStore, changes_sql, open_store


@pytest.fixture(scope="module")
def grown(grown_db: str) -> Iterator[SqlStore]:
    store = open_store(grown_db)
    yield store
    store.close()


def test_grown_stories_are_ranked_and_every_sentence_cites_its_spans(grown: SqlStore) -> None:
    context = digest_context(grown, parse_since("24h"))
    stories = context["stories"]
    assert stories
    keys = [(-s["grown"]["outlets"], -s["grown"]["articles"]) for s in stories]
    assert keys == sorted(keys)
    for s in stories:
        assert s["summary"], f"story {s['id']} has a briefing"
        for sentence in s["summary"]:
            assert sentence["marks"], "every briefing sentence cites something"
        for note in s["notes"]:
            text = grown.article(note["article_id"]).text  # type: ignore[union-attr]
            assert note["passage"]["cited"] == text[note["start"] : note["end"]]
        assert any(r["kind"] == "article" for r in s["changed"]["rows"])
        named = {e.name for e in grown.entities_of(s["id"]) if e.type == "PERSON"}
        assert {p["name"] for p in s["people"]} <= named


def test_since_the_second_run_a_story_grew_rather_than_appeared(grown: SqlStore) -> None:
    every = changes_sql.changes_since(grown, datetime(2000, 1, 1, tzinfo=UTC))
    latest = max(c.at for c in every if c.kind == "article")  # the second run's cluster stage
    later = {c.story_id: c for c in changes_sql.changes_since(grown, latest) if c.kind == "article"}
    context = digest_context(grown, latest)
    listed = {s["id"]: s for s in context["stories"]}
    assert set(listed) == set(later)  # only the stories articles joined in the second run
    for story_id, s in listed.items():
        arrived = [c for c in changes_sql.changes_since(grown, latest) if c.story_id == story_id]
        assert s["grown"]["articles"] == sum(1 for c in arrived if c.kind == "article")
        assert s["grown"]["new"] is any(c.kind == "story" for c in arrived)
    assert any(not s["grown"]["new"] for s in listed.values()), "a story grew in the second run"


def test_a_window_with_no_change_says_so() -> None:
    context = {"since": "2999-01-01 00:00 UTC", "made": "now", "stories": []}
    assert "No story is new or grew" in render_markdown(context)
    assert "No story is new or grew" in render_html(context)


def test_an_empty_store_has_an_empty_digest(store: SqlStore) -> None:
    context = digest_context(store, datetime(2000, 1, 1, tzinfo=UTC))
    assert context["stories"] == []


def _hostile_context() -> dict[str, object]:
    evil = "<script>alert(1)</script> *bold* [link](javascript:x) | pipe"
    note = {
        "n": 1,
        "id": "c",
        "article_id": "a1",
        "start": 0,
        "end": 5,
        "field": "text",
        "outlet": "<b>Evil</b>",
        "passage": {"before": "<i>", "cited": evil, "after": "</i>"},
    }
    story = {
        "id": "story-a1",
        "title": evil,
        "first_published": None,
        "last_published": None,
        "outlets": ["<b>Evil</b>"],
        "article_count": 1,
        "summary": [{"sentence": evil, "marks": [note]}],
        "notes": [note],
        "people": [{"name": evil, "mentions": 1, "roles": []}],
        "changed": {
            "rows": [{"kind": "story", "at": "2026-12-07T09:00:00+00:00", "text": evil}],
            "more_claims": 0,
        },
        "grown": {"articles": 1, "outlets": 1, "new": True},
    }
    return {"since": "x", "made": "y", "stories": [story]}


def test_html_shows_markup_as_text() -> None:
    html = render_html(_hostile_context())
    assert "<script>" not in html and "<b>Evil" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markdown_escapes_what_would_become_markup() -> None:
    assert md("<script>*x*</script> [a](b) | c_d") == (
        r"\<script\>\*x\*\</script\> \[a\](b) \| c\_d"
    )
    text = render_markdown(_hostile_context())
    assert "<script>" not in text and "[link](" not in text and "*bold*" not in text
