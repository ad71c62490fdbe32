"""The dedupe stage on a real SQLite store: keyed state rows read by key, resumed runs equal
to one run, a damaged row rebuilt, a failing article stamped failed, kill safety."""

from __future__ import annotations

import json
import logging
import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from newsweave import pipeline
from newsweave.dedupe import index as dedupe_index
from newsweave.store import SqlStore, open_store
from newsweave.store.schema import stage_state_rows
from tests.cluster.texts import SCHOLZ_FEB, SCHOLZ_NOV, TRAIN_STRIKE, VOLCANO
from tests.dedupe.test_index import WIRE, _republished

Record = dict[str, str]


def _record(name: str, text: str, day: int) -> Record:
    return {
        "title": f"Report {name}",
        "text": text,
        "published": f"2024-03-{day:02d}T{len(name) % 10:02d}:00",
        "outlet": "Example Wire",
        "url": f"https://news.example/{name}",
    }


def _stream() -> list[Record]:
    """Originals, copies (one published earlier than the copy seen first), an exact copy,
    an article pasting half of the wire story: every kind of decision the stage makes."""
    pasted = "\n".join(WIRE.split("\n")[:3])
    local = "\n".join(SCHOLZ_FEB) + "\nCommuters in Berlin told our reporter they were angry."
    return [
        _record("strike", "\n".join(TRAIN_STRIKE), 10),
        _record("copy", _republished(WIRE), 11),
        _record("volcano", "\n".join(VOLCANO[0]), 12),
        _record("wire", WIRE, 13),
        _record("local", f"{local}\n{pasted}", 14),
        _record("again", WIRE.upper(), 15),
        _record("scholz", "\n".join(SCHOLZ_NOV), 16),
        _record("early", _republished(WIRE).replace("Rail Times", "Early Post"), 9),
    ]


def _run(store: SqlStore, records: list[Record], path: Path) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    pipeline.run([str(path)], store, until="dedupe")


def _links(store: SqlStore) -> dict[str, Any]:
    """By url: each article's copy link (by url) and the passages it shares."""
    ids = list(store.article_links())
    arts = store.articles_by_id(ids)
    url = {a.id: a.url for a in arts.values()}
    overlaps = {}
    for row in store.overlaps():
        spans = json.dumps(row["spans"], sort_keys=True)
        overlaps.setdefault(url[row["article_id"]], []).append(
            (url[row["other_id"]], row["share"], spans)
        )
    return {
        url[a]: (url.get(dup) if dup else None, sorted(overlaps.get(url[a], [])))
        for a, (dup, _) in store.article_links().items()
    }


def _rows(store: SqlStore) -> dict[str, bytes]:
    t = stage_state_rows
    with store.engine.connect() as conn:
        query = select(t.c.key, t.c.data).where(t.c.stage == "dedupe")
        return {r.key: bytes(r.data) for r in conn.execute(query)}


@pytest.fixture(scope="module")
def one_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, bytes]]:
    tmp = tmp_path_factory.mktemp("dedupe")
    store = open_store(str(tmp / "one.db"))
    _run(store, _stream(), tmp / "all.jsonl")
    found = _links(store), _rows(store)
    store.close()
    return found


def test_runs_resumed_from_keyed_rows_equal_one_run(
    one_run: tuple[dict[str, Any], dict[str, bytes]],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    links, rows = one_run
    assert links["https://news.example/copy"][0] == "https://news.example/early"
    assert links["https://news.example/again"][0] == "https://news.example/early"
    assert links["https://news.example/local"][1]  # the pasted half: shared passages
    stream = sorted(_stream(), key=lambda r: r["published"])
    store = open_store(str(tmp_path / "n.db"))
    caplog.set_level(logging.INFO)
    for part in (stream[:3], stream[3:5], stream[5:]):
        _run(store, part, tmp_path / "part.jsonl")
    assert caplog.text.count("dedupe: resumed from the keyed state") == 2
    assert "rebuilding" not in caplog.text
    assert _links(store) == links
    assert _rows(store) == rows  # the same state, row for row
    store.close()


def test_a_damaged_row_is_rebuilt_from_the_articles(
    one_run: tuple[dict[str, Any], dict[str, bytes]],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    links, rows = one_run
    stream = sorted(_stream(), key=lambda r: r["published"])
    store = open_store(str(tmp_path / "n.db"))
    _run(store, stream[:5], tmp_path / "first.jsonl")
    with store.writer.begin() as conn:  # every row unreadable: whichever is read first
        conn.execute(update(stage_state_rows).values(data=b"\xff{"))
    caplog.set_level(logging.INFO)
    _run(store, stream[5:], tmp_path / "later.jsonl")
    assert "damaged state row" in caplog.text and "not readable" in caplog.text
    assert "rebuilding the state from 5 articles" in caplog.text
    assert _links(store) == links
    assert _rows(store) == rows
    store.close()


def test_state_rows_go_with_the_links_or_not_at_all(
    one_run: tuple[dict[str, Any], dict[str, bytes]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    links, rows = one_run
    stream = sorted(_stream(), key=lambda r: r["published"])
    store = open_store(str(tmp_path / "n.db"))
    _run(store, stream[:4], tmp_path / "first.jsonl")
    before = _rows(store), store.snapshot("dedupe", "1")

    class Killed(Exception):
        pass

    marking = store.mark_stage

    def killed_when_stamping(conn: Any, ids: Any, stage: str, *args: Any, **kw: Any) -> None:
        if stage == "dedupe":  # after the state rows and links, inside their transaction
            raise Killed
        marking(conn, ids, stage, *args, **kw)

    monkeypatch.setattr(store, "mark_stage", killed_when_stamping)
    with pytest.raises(Killed):
        _run(store, stream[4:], tmp_path / "later.jsonl")
    assert (_rows(store), store.snapshot("dedupe", "1")) == before
    assert store.processed_count("dedupe") == 4  # nor the links and stamps
    monkeypatch.undo()
    pipeline.run_stages(store, until="dedupe")
    assert _links(store) == links
    assert _rows(store) == rows
    store.close()


def test_an_article_the_detector_raises_on_is_stamped_failed_and_leaves_no_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    merge = dedupe_index._merge_spans  # reached only for an article sharing passages

    def boom(pairs: Any) -> Any:
        raise RuntimeError("cannot merge these spans")

    store = open_store(str(tmp_path / "n.db"))
    stream = _stream()
    _run(store, [r for r in stream if r["url"].endswith(("wire", "strike"))], tmp_path / "a.jsonl")
    before = _rows(store)
    monkeypatch.setattr(dedupe_index, "_merge_spans", boom)
    later = [r for r in stream if r["url"].endswith(("local", "copy", "volcano"))]
    _run(store, later, tmp_path / "b.jsonl")
    monkeypatch.setattr(dedupe_index, "_merge_spans", merge)
    links = _links(store)
    # "copy" is published before "wire": it took the group over
    assert links["https://news.example/wire"][0] == "https://news.example/copy"
    assert links["https://news.example/volcano"] == (None, [])
    (failure,) = store.stage_failures()
    arts = store.articles_by_id(list(store.article_links()))
    ids = {art.url.rsplit("/", 1)[1]: a for a, art in arts.items()}
    local_id = ids["local"]
    assert failure["article_id"] == local_id and failure["stage"] == "dedupe"
    assert "RuntimeError" in str(failure["reason"]) and "cannot merge" in str(failure["reason"])
    after = _rows(store)
    assert not any(local_id in key or local_id.encode() in data for key, data in after.items())
    assert before and {f"canon:{ids['copy']}", f"canon:{ids['volcano']}"} <= set(after)
    store.close()


def _synthetic(rng: random.Random, vocabulary: list[str]) -> str:
    """An English-looking article of six prose lines no other article shares."""
    return "\n".join(" ".join(rng.choice(vocabulary) for _ in range(16)) for _ in range(6))


def _rows_read(caplog: pytest.LogCaptureFixture) -> int:
    (record,) = [r for r in caplog.records if "state rows read" in r.getMessage()]
    assert isinstance(record.args, tuple)
    return int(record.args[2])


def test_rows_read_for_new_articles_do_not_grow_with_the_store(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """50 new articles (25 copies of stored ones, 25 new) read as many rows from a store
    of 25 as from one of 150: their buckets, signatures, fingerprints and groups."""
    text = " ".join(
        [WIRE, *TRAIN_STRIKE, *SCHOLZ_FEB, *SCHOLZ_NOV, *(t for v in VOLCANO for t in v)]
    )
    vocabulary = sorted({w.strip(".,:;'\"()").lower() for w in text.split()} - {""})
    read: dict[int, int] = {}
    totals: dict[int, int] = {}
    for stored in (25, 150):
        rng = random.Random(5)
        texts = [_synthetic(rng, vocabulary) for _ in range(stored + 25)]
        first = [_record(f"a{i}", t, 1 + i % 9) for i, t in enumerate(texts[:stored])]
        store = open_store(str(tmp_path / f"{stored}.db"))
        _run(store, first, tmp_path / "first.jsonl")
        totals[stored] = store.state_row_count("dedupe")
        new = [_record(f"c{i}", _republished(texts[i]), 20) for i in range(25)]
        new += [_record(f"n{i}", t, 21) for i, t in enumerate(texts[stored:])]
        caplog.clear()
        caplog.set_level(logging.INFO)
        _run(store, new, tmp_path / "new.jsonl")
        assert "resumed from the keyed state" in caplog.text
        read[stored] = _rows_read(caplog)
        links = _links(store)
        assert all(links[f"https://news.example/c{i}"][0] == f"https://news.example/a{i}"
                   for i in range(25))  # fmt: skip
        store.close()
    assert totals[150] > 4 * totals[25]
    assert 0 < read[25] <= read[150] <= 1.05 * read[25], (read, totals)
    assert read[150] < totals[150]  # never the whole state
