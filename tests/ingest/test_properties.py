"""Property-based: whatever bytes arrive, under whatever name, the readers return
Documents and Rejections and never raise."""

from __future__ import annotations

import gzip

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.ingest.decode import Decoded, DecodeFailure, decode
from newsweave.ingest.discover import Source
from newsweave.ingest.readers import read_source
from newsweave.model import Document, Rejection

NAMES = st.sampled_from(
    ["a.txt", "a.html", "a.jsonl", "a.rss", "a.atom", "a.xhtml", "a.gz", "a.warc.gz", "noext"]
)
#: Bytes that look like the formats the readers sniff, mutated: prefixes that route
#: the input to each reader, then anything.
PREFIXES = st.sampled_from(
    [
        b"",
        b"<html><body>",
        b'<?xml version="1.0"?><rss version="2.0"><channel><item><description>',
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content>',
        b'{"text": "',
        b"WARC/1.0\r\n",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"%PDF",
    ]
)
TEXTISH = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


def _check(found: list[Document | Rejection]) -> None:
    for item in found:
        assert isinstance(item, Document | Rejection)
        if isinstance(item, Rejection):
            assert item.reason
        else:
            assert item.raw.strip() and item.content_hash


@settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(name=NAMES, prefix=PREFIXES, body=TEXTISH, gzipped=st.booleans())
def test_readers_never_raise(name: str, prefix: bytes, body: bytes, gzipped: bool) -> None:
    data = prefix + body
    if gzipped:
        data = gzip.compress(data)
    _check(list(read_source(Source(name, data=data))))


@settings(max_examples=60, deadline=None, database=None)
@given(data=TEXTISH)
def test_decode_returns_text_or_a_reason(data: bytes) -> None:
    result = decode(data)
    assert isinstance(result, Decoded | DecodeFailure)
    if isinstance(result, Decoded):
        assert result.text.strip() and result.replaced >= 0
    else:
        assert result.reason
