"""Turn what the user typed (files, folders, globs, ``-``) into sources to read.

Nothing here reads more than ``settings.MAX_INPUT_BYTES`` of any one input: stdin is
read up to the limit and no further, and a folder is walked without following links
(a link cannot loop), each odd entry (a loop, a pipe, an unlistable folder) becoming a
rejection with its reason.
"""

from __future__ import annotations

import errno
import glob
import io
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsweave import errors, settings
from newsweave.model import Rejection

STDIN = "-"
#: ``scheme://`` at the start of an argument: a URL, which ``run`` does not fetch.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True)
class Source:
    """One input to read; ``data`` is set for stdin, which can be read only once."""

    name: str
    path: Path | None = None
    data: bytes | None = None

    def read_bytes(self, limit: int | None = None) -> bytes:
        """The bytes, at most ``limit + 1`` of them: a file that grew since its size was
        checked (or a pipe) still cannot make the reader hold more than the limit."""
        if self.data is not None:
            return self.data
        assert self.path is not None
        with self.path.open("rb") as handle:
            return handle.read() if limit is None else handle.read(limit + 1)

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
        for found in _guarded(item):
            key = found.source if isinstance(found, Rejection) else found.name
            if key in seen:
                continue
            seen.add(key)
            yield found


def _guarded(item: str) -> Iterator[Source | Rejection]:
    """``_expand_one``, with a path the system refuses to look at (too long, say) turned
    into a rejection of that argument instead of an error that ends the run."""
    try:
        yield from _expand_one(item)
    except OSError as exc:
        yield Rejection(display_name(item), errors.UNREADABLE.format(detail=exc.strerror or exc))


def read_stdin(stream: BinaryIO | None = None) -> Source | Rejection:
    """Standard input as a source, read up to the input limit and no further."""
    limit = settings.MAX_INPUT_BYTES
    data = (stream or sys.stdin.buffer).read(limit + 1)
    if len(data) > limit:
        return Rejection("<stdin>", errors.TOO_LARGE_STREAM.format(limit=limit))
    return Source("<stdin>", data=data)


def display_name(path: str) -> str:
    """A path as text that can be stored and printed: bytes of a file name that are not
    UTF-8 (kept by Python as lone surrogates) are written as ``\\xNN`` escapes."""
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeError:
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


def _expand_one(item: str) -> Iterator[Source | Rejection]:
    if item == STDIN:
        yield read_stdin()
        return
    if _URL.match(item):
        yield Rejection(item, errors.URL_INPUT)
        return
    path = Path(item)
    if path.is_file():
        yield Source(display_name(str(path)), path)
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


def _walk(folder: Path) -> Iterator[Source | Rejection]:
    """Every visible file below a folder, in path order; hidden files and folders are tool
    litter. Links are not followed into folders, so a link loop cannot trap the walk."""
    found: list[tuple[Path, Source | Rejection]] = []

    def unlistable(exc: OSError) -> None:
        where = Path(exc.filename or folder)
        detail = exc.strerror or str(exc)
        reason = errors.UNREADABLE_FOLDER.format(detail=detail)
        found.append((where, Rejection(display_name(str(where)), reason)))

    for root, dirs, files in os.walk(folder, onerror=unlistable, followlinks=False):
        base = Path(root)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        links = {d for d in dirs if _is_link(base / d)}
        for name in [*files, *sorted(links)]:
            if name.startswith("."):
                continue
            path = base / name
            found.append((path, _entry(path)))
        dirs[:] = [d for d in dirs if d not in links]
    for _, item in sorted(found, key=lambda pair: pair[0].parts):
        yield item


def _is_link(path: Path) -> bool:
    """Whether ``path`` is a symbolic link; a path the system cannot even look at (too
    long, say) is not one, and listing it reports why."""
    try:
        return path.is_symlink()
    except OSError:
        return False


def _entry(path: Path) -> Source | Rejection:
    """A folder entry as a source to read, or why it is not read."""
    name = display_name(str(path))
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            return Rejection(name, errors.SYMLINK_LOOP.format(detail="it points nowhere"))
        return Rejection(name, errors.SYMLINK_LOOP.format(detail=exc.strerror or exc))
    if stat.S_ISDIR(info.st_mode):
        return Rejection(name, errors.SYMLINK_DIR)
    if not stat.S_ISREG(info.st_mode):
        return Rejection(name, errors.NOT_REGULAR.format(kind=_kind(info.st_mode)))
    return Source(name, path)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"
