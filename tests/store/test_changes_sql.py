"""The change log and the short permalinks in a real store (SQLite file and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData, create_engine, update

from newsweave import permalinks
from newsweave.model import Article, Document, OffsetMap, StoryChange, sha256_hex
from newsweave.store import Ingested, SqlStore, open_store
from newsweave.store import changes_sql as log
from newsweave.store.schema import articles

T0 = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)


def _change(story: str, kind: str, subject: str, hours: float) -> StoryChange:
    return StoryChange(story, T0 + timedelta(hours=hours), kind, subject, {"n": hours})  # type: ignore[arg-type]


def test_changes_are_logged_once_and_read_by_story_and_window(store: SqlStore) -> None:
    first = [_change("story-a", "article", "a1", 0), _change("story-b", "article", "b1", 2)]
    with store.engine.begin() as conn:
        assert log.record(conn, first) == 2
    with store.engine.begin() as conn:  # found again by a later run: not logged twice
        assert log.record(conn, [_change("story-a", "article", "a1", 5)]) == 0
        assert log.record(conn, [_change("story-a", "outlet", "Post", 3)]) == 1
    assert [c.subject for c in log.changes_of(store, "story-a")] == ["Post", "a1"]
    assert [c.subject for c in log.changes_of(store, "story-a", since=T0 + timedelta(hours=1))] == [
        "Post"
    ]
    window = log.changes_since(store, T0 + timedelta(hours=1))
    assert [(c.story_id, c.subject) for c in window] == [("story-a", "Post"), ("story-b", "b1")]
    assert window[0].at == T0 + timedelta(hours=3) and window[0].detail == {"n": 3}
    assert log.last_changed(store, ["story-a", "story-b", "story-c"]) == {
        "story-a": T0 + timedelta(hours=3),
        "story-b": T0 + timedelta(hours=2),
    }


def test_a_merged_story_log_moves_to_the_story_it_joined(store: SqlStore) -> None:
    with store.engine.begin() as conn:
        log.record(conn, [_change("story-b", "article", "b1", 0)])
    with store.engine.begin() as conn:
        log.move(conn, {"story-b": "story-a"})
        log.record(conn, [_change("story-a", "merge", "story-b", 1)])
    assert [c.kind for c in log.changes_of(store, "story-a")] == ["merge", "article"]
    assert log.changes_of(store, "story-b") == []
    assert log.merged_into(store, "story-b") == "story-a"
    assert log.merged_into(store, "story-a") is None


def _doc_with(texts: list[str], name: str) -> Ingested:
    raw = "\n\n".join(texts)
    doc = Document(name, raw, "text", "utf-8", sha256_hex(raw))
    found = [Article(name, doc.content_hash, i, t, OffsetMap()) for i, t in enumerate(texts)]
    return Ingested(doc, found)


def test_each_article_gets_a_short_that_never_changes(store: SqlStore) -> None:
    item = _doc_with(["One harbour story.", "Another harbour story."], "two.txt")
    store.save([item])
    ids = [a.id for a in item.articles]
    heads = store.heads_by_id(ids)
    shorts = [heads[i].short for i in ids]
    assert shorts == [permalinks.candidates(i)[0] for i in ids]
    assert all(s is not None and len(s) == permalinks.SHORT_LENGTH for s in shorts)
    assert [store.article_by_short(str(s)) for s in shorts] == ids
    assert store.article_by_short("zzzzzzzz") is None


def test_a_taken_short_makes_the_next_article_take_a_longer_one(store: SqlStore) -> None:
    later = _doc_with(["A later harbour story."], "later.txt")
    wanted = permalinks.candidates(later.articles[0].id)[0]
    earlier = _doc_with(["An earlier harbour story."], "earlier.txt")
    store.save([earlier])
    with store.engine.begin() as conn:  # another article already holds that 8-character short
        conn.execute(update(articles).values(short=wanted))
    store.save([later])
    short = store.heads_by_id([later.articles[0].id])[later.articles[0].id].short
    assert short == permalinks.candidates(later.articles[0].id)[1] and len(short) == 9
    assert store.article_by_short(wanted) == earlier.articles[0].id


def test_upgrading_an_older_store_gives_its_articles_their_shorts(tmp_path: Path) -> None:
    """A store made before the change log (migration 0008) keeps its rows and gets a short
    for every article when it is opened."""
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("newsweave.store") / "migrations")
    )
    ids = ["0123456789abcdef", "fedcba9876543210"]
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0008")
        old = MetaData()
        old.reflect(conn)
        assert "short" not in old.tables["articles"].c and "story_changes" not in old.tables
        conn.execute(
            old.tables["documents"].insert(),
            {"content_hash": "h", "source": "old.txt", "format": "text", "encoding": "utf-8",
             "raw": "Old text.", "hints": {}, "ingested_at": T0},
        )  # fmt: skip
        conn.execute(
            old.tables["articles"].insert(),
            [
                {"id": i, "document_hash": "h", "part": n, "source": "old.txt", "text": "Old text.",
                 "text_hash": "t", "word_count": 2, "cited_outlets": [], "captions": [],
                 "offsets": [], "extra": {}}
                for n, i in enumerate(ids)
            ],
        )  # fmt: skip
    engine.dispose()
    store = open_store(str(path))
    try:
        heads = store.heads_by_id(ids)
        assert [heads[i].short for i in ids] == [permalinks.candidates(i)[0] for i in ids]
        assert [heads[i].section for i in ids] == [None, None]
        assert log.changes_since(store, T0) == []
    finally:
        store.close()


def test_a_window_in_another_zone_means_the_same_moment(store: SqlStore) -> None:
    with store.engine.begin() as conn:
        log.record(conn, [_change("story-a", "article", "a1", 2)])  # 10:00 UTC
    kyiv = timezone(timedelta(hours=2))
    assert len(log.changes_since(store, datetime(2026, 12, 6, 11, 30, tzinfo=kyiv))) == 1
    assert log.changes_since(store, datetime(2026, 12, 6, 12, 30, tzinfo=kyiv)) == []
