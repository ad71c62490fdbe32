"""Decompression with a limit counted while unpacking, so a bomb never fills memory.

A 2 MB gzip file can unpack to gigabytes. The stream is unpacked by ``gzip.GzipFile``
(the standard library's reader, which decompresses a chunk at a time and handles
multi-member files) and read only up to ``settings.MAX_DECOMPRESSED_BYTES`` plus one
byte: past that the input is rejected without unpacking the rest.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from newsweave import errors, settings

GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class UnpackFailure:
    reason: str


def is_gzip(head: bytes) -> bool:
    return head[:2] == GZIP_MAGIC


def gunzip(stream: BinaryIO | bytes, limit: int | None = None) -> bytes | UnpackFailure:
    """The unpacked bytes of a gzip stream, or why not (corrupt, or over ``limit``)."""
    limit = settings.MAX_DECOMPRESSED_BYTES if limit is None else limit
    source = io.BytesIO(stream) if isinstance(stream, bytes) else stream
    try:
        with gzip.GzipFile(fileobj=source, mode="rb") as unpacked:
            data = unpacked.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        return UnpackFailure(errors.TRUNCATED_GZIP.format(detail=exc))
    if len(data) > limit:
        return UnpackFailure(errors.TOO_LARGE_UNPACKED.format(limit=limit))
    return data
