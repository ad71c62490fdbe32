"""Turn what the user typed (files, folders, globs, ``-``) into sources to read."""

from __future__ import annotations

import glob
import io
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsweave import errors
from newsweave.model import Rejection

STDIN = "-"


@dataclass(frozen=True)
class Source:
    """One input to read; ``data`` is set for stdin, which can be read only once."""

    name: str
    path: Path | None = None
    data: bytes | None = None

    def read_bytes(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()

    def open(self) -> BinaryIO:
        """A stream over the bytes, for containers (WARC) too large to read at once."""
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None
        return self.path.open("rb")

    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        assert self.path is not None
        return self.path.stat().st_size

    def head(self, count: int = 4096) -> bytes:
        with self.open() as handle:
            return handle.read(count)


def expand_inputs(inputs: Sequence[str]) -> Iterator[Source | Rejection]:
    """Yield each source once, in a stable order; a missing path becomes a Rejection."""
    seen: set[str] = set()
    for item in inputs:
        for found in _expand_one(item):
            key = found.source if isinstance(found, Rejection) else found.name
            if key in seen:
                continue
            seen.add(key)
            yield found


def _expand_one(item: str) -> Iterator[Source | Rejection]:
    if item == STDIN:
        yield Source("<stdin>", data=sys.stdin.buffer.read())
        return
    path = Path(item)
    if path.is_file():
        yield Source(str(path), path)
    elif path.is_dir():
        yield from _walk(path)
    elif glob.has_magic(item):
        matches = sorted(glob.glob(item, recursive=True))
        if not matches:
            yield Rejection(item, errors.NOT_FOUND)
        for match in matches:
            yield from _expand_one(match)
    else:
        yield Rejection(item, errors.NOT_FOUND)


def _walk(folder: Path) -> Iterator[Source]:
    """Every visible file below a folder; hidden files and folders are tool litter."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file():
            yield Source(str(path), path)
