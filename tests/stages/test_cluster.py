"""The cluster stage on keyed state rows, in a real SQLite store: resumed runs decide as one
run would, a run reads what its articles touch (not the store), and a failed save leaves
the rows as they were."""

from __future__ import annotations

import dataclasses
import logging
import random
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select

from newsweave.clean.offsets import TextBuilder
from newsweave.cluster import stream
from newsweave.keyed import KeyedState
from newsweave.model import Article, Document, sha256_hex
from newsweave.stages import cluster, store_stage
from newsweave.stages.base import Context
from newsweave.store import Ingested, SqlStore, open_store, stories_sql
from newsweave.store.schema import article_stages, stage_state_rows, stories

STAGE = store_stage("cluster")
#: Common words every topic uses (they make document frequencies worth reading).
COMMON = ["minister", "council", "report", "police", "city", "court", "election", "budget"]


def _word(rng: random.Random) -> str:
    """An invented word: no two topics share their rare words by accident."""
    return "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(4))


def _stream(n: int, seed: int, per_topic: int = 4, start: date = date(2026, 1, 5)) -> list[Article]:
    """``n`` articles, ``per_topic`` per topic told in a row over a few days: each topic has
    its own people and rare words, and every article some common words."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        if i % per_topic == 0:
            topic = [_word(rng) for _ in range(12)]
            person = f"{_word(rng).title()} {_word(rng).title()}"
        day = start + timedelta(days=i // 10)
        words = rng.sample(topic, 8) + rng.sample(COMMON, 3)
        headline = f"{person} and the {words[0]} {words[1]}"
        body = (
            f"{person} spoke about the {' '.join(words[:6])} on Monday. "
            f"The {' '.join(words[6:])} followed, {person.split()[1]} said."
        )
        raw = f"{headline}\n\n{body}"
        doc = Document(f"s{seed}-{i}.txt", raw, "text", "utf-8", sha256_hex(raw))
        builder = TextBuilder(raw)
        builder.copy(len(headline) + 2, len(raw))
        text, offsets = builder.build()
        out.append(
            Article(
                source=doc.source,
                document_hash=doc.content_hash,
                part=0,
                text=text,
                offsets=offsets,
                headline=headline,
                published=day.isoformat(),
                outlet=f"outlet{i % 3}.example",
                language="en",
            )
        )
    return out


def _add(store: SqlStore, articles: Sequence[Article]) -> None:
    docs = [
        Ingested(
            Document(a.source, f"{a.headline}\n\n{a.text}", "text", "utf-8", a.document_hash), [a]
        )
        for a in articles
    ]
    assert store.save(docs).articles == len(articles)


def _run(store: SqlStore) -> int:
    """The cluster stage alone (the stages it reads are left out of the registry)."""
    return cluster.run(Context(store, registry=(STAGE,)), STAGE)


def _result(store: SqlStore) -> tuple[dict[str, str | None], list[Any], dict[str, bytes]]:
    """Article → story, the stories table and the state rows."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(stories).order_by(stories.c.id)).all()
        t = stage_state_rows
        state = {
            r.key: bytes(r.data)
            for r in conn.execute(select(t.c.key, t.c.data).where(t.c.stage == "cluster"))
        }
    links = {a: s for a, (_, s) in store.article_links().items()}
    return links, [tuple(r) for r in rows], state


def _stores(tmp_path: Path, name: str) -> SqlStore:
    return open_store(str(tmp_path / f"{name}.db"))


def test_runs_resumed_from_the_rows_give_the_stories_of_one_run(tmp_path: Path) -> None:
    articles = _stream(60, seed=1)
    one = _stores(tmp_path, "one")
    _add(one, articles)
    assert _run(one) == 60
    parts = _stores(tmp_path, "parts")
    for start in range(0, 60, 20):  # in publication order, as one run takes them
        _add(parts, articles[start : start + 20])
        assert _run(parts) == 20
    whole, split = _result(one), _result(parts)
    assert split[0] == whole[0]
    assert len(set(whole[0].values())) == 15  # one story per topic
    assert split[1] == whole[1]
    assert split[2] == whole[2]  # the same rows, byte for byte
    one.close()
    parts.close()


def _reads_adding_50(tmp_path: Path, stored: int, caplog: pytest.LogCaptureFixture) -> int:
    store = _stores(tmp_path, f"n{stored}")
    _add(store, _stream(stored, seed=2))
    _run(store)
    # 50 new articles: half continue stories already stored, half start their own
    later = _stream(50, seed=3, start=date(2026, 1, 5) + timedelta(days=stored // 10))
    old = _stream(stored, seed=2)[-25:]
    again = [dataclasses.replace(a, document_hash=sha256_hex(a.document_hash)) for a in old]
    caplog.clear()
    _add(store, later[:25] + again)
    assert _run(store) == 50
    store.close()
    (line,) = [r.getMessage() for r in caplog.records if "state rows read" in r.getMessage()]
    return int(line.split(" articles, ")[1].split()[0])


def test_rows_read_to_add_50_articles_do_not_grow_with_the_store(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The common words are blocking keys of every article here, so their posting lists
    fill: with a cap of 8 (64 in use) they are full in both stores, and what 50 new
    articles read is then the same for 200 stored articles as for 480."""
    monkeypatch.setattr(stream, "POSTING_CAP", 8)
    caplog.set_level(logging.INFO, logger="newsweave.stages.cluster")
    small = _reads_adding_50(tmp_path, 200, caplog)
    big = _reads_adding_50(tmp_path, 480, caplog)
    assert 0 < big <= small * 1.05, (small, big)


def test_the_keyed_state_reads_are_counted_on_the_resumed_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``KeyedState.reads`` for one article joining a story of a 200-article store: its
    terms' counts, its keys' postings, the heads they hit and a few stories."""
    store = _stores(tmp_path, "count")
    articles = _stream(201, seed=4)
    _add(store, articles[:200])
    _run(store)
    _add(store, articles[200:])
    resumed: list[KeyedState] = []
    original = cluster.keyed_state

    def spy(*args: Any) -> tuple[KeyedState, int]:
        state, covered = original(*args)
        resumed.append(state)
        return state, covered

    monkeypatch.setattr(cluster, "keyed_state", spy)
    _run(store)
    (state,) = resumed
    assert not state.reset
    assert 0 < state.reads <= 100 < store.state_row_count("cluster") / 10
    store.close()


def test_a_failed_save_leaves_the_rows_and_the_next_run_decides_as_one_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = _stream(40, seed=5)
    one = _stores(tmp_path, "one")
    _add(one, articles)
    _run(one)
    store = _stores(tmp_path, "failing")
    _add(store, articles[:20])
    _run(store)
    _add(store, articles[20:])
    before = _result(store)

    def broken(*args: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(stories_sql, "_set_column", broken)  # after the rows are written
    with pytest.raises(RuntimeError, match="disk full"):
        _run(store)
    monkeypatch.undo()
    assert _result(store) == before  # rows, stories and links as the last good run left them
    assert store.snapshot("cluster", STAGE.version) is not None
    _run(store)
    assert _result(store) == _result(one)
    store.close()
    one.close()


def test_rows_not_matching_the_stamps_are_rebuilt_by_replaying_the_store(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    articles = _stream(40, seed=6)
    store = _stores(tmp_path, "n")
    _add(store, articles[:30])
    _run(store)
    links, _, rows = _result(store)
    # another process cleared one article's stamp: the rows no longer match the stamps
    cleared = articles[29].id
    with store.writer.begin() as conn:
        conn.execute(delete(article_stages).where(article_stages.c.article_id == cleared))
    _add(store, articles[30:])
    caplog.set_level(logging.INFO, logger="newsweave.stages")
    assert _run(store) == 11
    assert "rebuilding it" in caplog.text and "cluster: replaying 29 articles" in caplog.text
    after, _, rebuilt = _result(store)
    assert {a: after[a] for a in links} == links  # the cleared article rejoins its story
    assert all(after[a.id] for a in articles)
    assert set(rows) <= set(rebuilt) and rebuilt["meta"] != rows["meta"]
    # the rebuilt rows resume: a later run reads them instead of replaying again
    caplog.clear()
    more = _stream(4, seed=7, start=date(2026, 1, 9))
    _add(store, more)
    assert _run(store) == 4
    assert "resumed from the keyed state of 40 articles" in caplog.text
    store.close()


def test_an_article_the_clusterer_raises_on_fails_alone_and_leaves_nothing_half_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = _stream(24, seed=8)
    bad = articles[13]  # the second article of a topic: it would join a story
    without = _stores(tmp_path, "without")
    _add(without, [a for a in articles if a is not bad])
    _run(without)
    store = _stores(tmp_path, "with")
    _add(store, articles)
    attach = stream.StoryClusterer.attach

    def flaky(self: stream.StoryClusterer, art: Any, story_id: str) -> Any:
        if art.id == bad.id:  # after its counts went into the document frequencies
            raise RuntimeError("no room for this one")
        return attach(self, art, story_id)

    monkeypatch.setattr(stream.StoryClusterer, "attach", flaky)
    assert _run(store) == 24
    links, table, rows = _result(store)
    assert links.pop(bad.id) is None
    assert (links, table, rows) == _result(without)  # as if it had never come
    assert store.failed_of("cluster", [a.id for a in articles]) == {bad.id}
    with store.engine.connect() as conn:
        (note,) = conn.execute(
            select(article_stages.c.note).where(article_stages.c.article_id == bad.id)
        ).scalars()
    assert "RuntimeError" in note and "no room for this one" in note
    monkeypatch.undo()
    assert _run(store) == 0  # stamped: not retried at this version
    store.close()
    without.close()
