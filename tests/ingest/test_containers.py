from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.ingest import iter_documents
from newsweave.ingest.containers import is_warc
from newsweave.model import Document, Rejection
from tests.conftest import DATA

PAGE = (
    "<!DOCTYPE html><html><head><title>Bridge opens</title></head><body><article>"
    "<h1>Bridge opens</h1><p>The new bridge over the river opened on Friday after four years "
    "of building, the city said, cutting the drive between the two districts to ten minutes."
    "</p></article></body></html>"
)


def test_rss_items_become_documents_with_hints() -> None:
    found = list(iter_documents([str(DATA / "feeds" / "harbour-news.rss")]))
    docs = [d for d in found if isinstance(d, Document)]
    rejected = [r for r in found if isinstance(r, Rejection)]
    assert [d.hints["title"] for d in docs] == [
        "Harbour reopens after three-day storm closure",
        "Council delays vote on parking fees",
    ]
    first = docs[0]
    assert first.format == "html"
    assert first.source.endswith("#https://coastal-herald.example/2026/03/04/harbour-reopens")
    assert first.hints["published"] == "2026-03-04"
    assert first.hints["outlet"] == "Coastal Herald"
    # content:encoded (the full article) wins over the one-line description.
    assert "breakwater" in first.raw
    assert len(rejected) == 1 and "no content" in rejected[0].reason


def _warc(records: list[tuple[str, bytes, str]]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for uri, payload, content_type in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                uri, "response", payload=io.BytesIO(payload), http_headers=headers
            )
        )
    return buffer.getvalue()


def test_warc_html_responses_are_read_and_other_records_skipped(tmp_path: Path) -> None:
    data = _warc(
        [
            ("https://city.example/bridge", PAGE.encode(), "text/html; charset=utf-8"),
            ("https://city.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
            ("https://city.example/cut", b"<html><body><p>The council met", "text/html"),
        ]
    )
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    assert is_warc(data[:4096])
    found = list(iter_documents([str(path)]))
    docs = [d for d in found if isinstance(d, Document)]
    rejected = [r for r in found if isinstance(r, Rejection)]
    assert [d.hints["url"] for d in docs] == ["https://city.example/bridge"]
    assert "new bridge over the river" in docs[0].raw
    assert len(rejected) == 1 and "truncated" in rejected[0].reason


def test_corrupt_warc_is_rejected_not_raised(tmp_path: Path) -> None:
    data = _warc([("https://city.example/bridge", PAGE.encode(), "text/html")])
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(data[: len(data) // 2])
    found = list(iter_documents([str(path)]))
    assert found and all(isinstance(f, Rejection) for f in found)
    assert "WARC" in found[-1].reason or "gzip" in found[-1].reason


def test_plain_gzip_is_not_a_warc() -> None:
    assert not is_warc(gzip.compress(b"Headline\n\nBody text."))
