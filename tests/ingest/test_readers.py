from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.ingest import iter_documents
from newsweave.ingest.discover import Source
from newsweave.ingest.readers import read_source
from newsweave.model import Document, Rejection
from tests.conftest import DATA, SAMPLES


def test_folder_is_read_recursively_and_bad_files_are_rejected_with_reasons() -> None:
    found = list(iter_documents([str(DATA / "mixed")]))
    docs = {Path(d.source).name: d for d in found if isinstance(d, Document)}
    rejected = {Path(r.source).name: r.reason for r in found if isinstance(r, Rejection)}
    assert set(docs) == {"byudzhet-ru.txt", "good-article.txt"}
    assert docs["byudzhet-ru.txt"].encoding == "cp1251"
    assert "Правительство утвердило" in docs["byudzhet-ru.txt"].raw
    assert "empty" in rejected["empty.txt"]
    assert "PNG image" in rejected["photo.png"]
    assert "truncated" in rejected["harbour-truncated.html"]


def test_glob_and_missing_path() -> None:
    found = list(iter_documents([str(SAMPLES / "00[0-1]_*.txt"), "no/such/file.txt"]))
    assert [Path(d.source).name[:3] for d in found if isinstance(d, Document)] == ["000", "001"]
    missing = [r for r in found if isinstance(r, Rejection)]
    assert len(missing) == 1 and "no such file" in missing[0].reason


def test_same_file_named_twice_is_read_once() -> None:
    path = str(SAMPLES / "000_6b6a3360f41f60bd.txt")
    assert len(list(iter_documents([path, path]))) == 1


def test_jsonl_lines_become_documents_with_hints_and_bad_lines_are_rejected() -> None:
    lines = [
        json.dumps(
            {
                "text": "A body.",
                "url": "https://example.org/a",
                "title": "A",
                "published": "2026-01-02",
                "outlet": "Example",
            }
        ),
        "{not json",
        json.dumps({"html": "<article><p>Body</p></article>"}),
        json.dumps({"title": "no body"}),
        json.dumps({"text": "B", "published": 20260102}),
        "",
    ]
    found = list(read_source(Source("feed.jsonl", data="\n".join(lines).encode())))
    docs = [d for d in found if isinstance(d, Document)]
    rejected = [r for r in found if isinstance(r, Rejection)]
    assert [d.format for d in docs] == ["text", "html"]
    assert docs[0].hints == {
        "url": "https://example.org/a",
        "title": "A",
        "published": "2026-01-02",
        "outlet": "Example",
    }
    assert docs[0].source == "feed.jsonl#L1"
    assert [r.source for r in rejected] == ["feed.jsonl#L2", "feed.jsonl#L4", "feed.jsonl#L5"]
    assert "not valid JSON" in rejected[0].reason
    assert "no 'text' or 'html'" in rejected[1].reason
    assert "'published' must be a string" in rejected[2].reason


def test_stdin_source_reads_its_bytes() -> None:
    found = list(read_source(Source("<stdin>", data=b"Headline\n\nBody text.")))
    assert isinstance(found[0], Document) and found[0].source == "<stdin>"


def test_a_url_is_not_read_and_the_reason_says_what_reads_it() -> None:
    [found] = list(iter_documents(["https://example.org/news/feed.xml"]))
    assert isinstance(found, Rejection)
    assert "never the network" in found.reason and "newsweave watch URL" in found.reason


def test_stdin_is_read_up_to_the_limit_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from newsweave import settings
    from newsweave.ingest.discover import read_stdin

    monkeypatch.setattr(settings, "MAX_INPUT_BYTES", 100)
    stream = io.BytesIO(b"x" * 10_000)
    found = read_stdin(stream)
    assert isinstance(found, Rejection) and "more than 100 bytes" in found.reason
    assert stream.tell() == 101, "read stopped one byte past the limit"
    assert isinstance(read_stdin(io.BytesIO(b"A short article.")), Source)
