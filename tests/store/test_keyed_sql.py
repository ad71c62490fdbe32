"""Keyed stage states in a real store: rows read by key, changes written, counts kept."""

from __future__ import annotations

import pytest

from newsweave.keyed import KeyedState, manifest
from newsweave.stages.state import keyed_state
from newsweave.store import Ingested, SqlStore
from newsweave.store.keyed_sql import write_state_rows
from tests.store.test_sql import RAW, _article, _document


def _save(store: SqlStore, state: KeyedState, covered: int) -> None:
    with store.writer.begin() as conn:
        write_state_rows(conn, "dedupe", "1", state.rows(manifest(covered, "test v1")))


def test_rows_are_read_by_key_and_only_changes_are_written(store: SqlStore) -> None:
    first = KeyedState.empty()
    first.put("band:1:aa", ["x1", "x2"])
    first.put("band:2:bb", ["x1"])
    first.put("sig:x1", {"published": "2026-03-03", "words": 120})
    _save(store, first, 0)
    assert store.state_row_count("dedupe") == 3

    second = KeyedState(lambda keys: store.state_rows("dedupe", keys))
    assert second.get_many(["band:1:aa", "band:9:zz"]) == {"band:1:aa": ["x1", "x2"]}
    assert second.reads == 1
    assert "band:9:zz" not in second
    assert second.reads == 1  # a missing key is remembered, not read again
    second.get("band:1:aa").append("x3")
    second.touch("band:1:aa")
    second.delete("band:2:bb")
    rows = second.rows(manifest(1, "test v1"))
    assert set(rows.changes) == {"band:1:aa", "band:2:bb"}
    assert rows.changes["band:2:bb"] is None
    _save(store, second, 1)

    assert store.state_rows("dedupe", ["band:1:aa", "band:2:bb", "sig:x1"]) == {
        "band:1:aa": b'["x1","x2","x3"]',
        "sig:x1": b'{"published":"2026-03-03","words":120}',
    }


def test_a_reset_state_replaces_every_row(store: SqlStore) -> None:
    old = KeyedState.empty()
    old.put("a", 1)
    old.put("b", 2)
    _save(store, old, 0)
    rebuilt = KeyedState.empty()
    rebuilt.put("c", 3)
    _save(store, rebuilt, 0)
    assert store.state_rows("dedupe", ["a", "b", "c"]) == {"c": b"3"}


def test_an_unreadable_row_is_refused_with_its_key(store: SqlStore) -> None:
    state = KeyedState(lambda keys: {"k": b"\xff{not json"})
    with pytest.raises(ValueError, match="'k'"):
        state.get("k")


def test_the_state_is_resumed_only_when_its_manifest_matches_the_stamps(store: SqlStore) -> None:
    raws = [f"{RAW} {n}" for n in range(3)]
    docs = [_document(raw, f"h{n}.txt") for n, raw in enumerate(raws)]
    assert store.save([Ingested(d, [_article(d)]) for d in docs]).articles == 3
    ids = store.pending_ids("dedupe", "1", [])
    assert len(ids) == 3
    with store.writer.begin() as conn:
        store.mark_stage(conn, ids[:2], "dedupe", "1")
    state, covered = keyed_state(store, "dedupe", "1", [ids[2]], "test v1")
    assert (covered, state.reset) == (0, True)  # stamps but no manifest: rebuild

    state.put("a", 1)
    _save(store, state, 2)
    resumed, covered = keyed_state(store, "dedupe", "1", [ids[2]], "test v1")
    assert (covered, resumed.reset, resumed.get("a")) == (2, False, 1)
    assert store.processed_count("dedupe", excluding=[ids[1]]) == 1

    other, covered = keyed_state(store, "dedupe", "1", [ids[2]], "test v2")
    assert (covered, other.reset) == (0, True)  # other settings
    with store.writer.begin() as conn:
        store.mark_stage(conn, [ids[2]], "dedupe", "1")
    grown, covered = keyed_state(store, "dedupe", "1", [], "test v1")
    assert (covered, grown.reset) == (0, True)  # an article stamped outside the rows
