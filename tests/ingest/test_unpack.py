"""Unpacking with the limit counted while unpacking: memory stays near the limit however
far the input would expand."""

from __future__ import annotations

import gzip
import io
import tracemalloc

from newsweave.ingest.unpack import UnpackFailure, gunzip


def test_multi_member_gzip_is_unpacked_whole_under_the_limit() -> None:
    data = gzip.compress(b"first member. ") + gzip.compress(b"second member.")
    assert gunzip(io.BytesIO(data), limit=1000) == b"first member. second member."


def test_a_bomb_is_refused_with_memory_near_the_limit_not_its_size() -> None:
    member = gzip.compress(b"a" * (16 << 20))
    bomb = member * 16  # 256 MiB unpacked from about 260 KB
    tracemalloc.start()
    try:
        result = gunzip(io.BytesIO(bomb), limit=1 << 20)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(result, UnpackFailure)
    assert "unpacks to more than 1,048,576 bytes" in result.reason
    assert peak < 4 << 20, peak  # the 1 MiB limit, its copy and the reader's buffers


def test_corrupt_gzip_is_a_failure_with_a_reason() -> None:
    result = gunzip(gzip.compress(b"some text here")[:-6], limit=1000)
    assert isinstance(result, UnpackFailure) and "truncated or corrupt" in result.reason
