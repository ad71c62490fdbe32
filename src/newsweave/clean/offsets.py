"""Build cleaned text piece by piece while remembering where each piece came from.

Hand-written because no library tracks raw offsets through text cleaning, and
provenance (every span maps back to the raw input) is a core promise.
"""

from __future__ import annotations

from newsweave.model import OffsetMap, Segment


class TextBuilder:
    """Accumulates cleaned text from raw slices and inserted separators."""

    def __init__(self, raw: str) -> None:
        self._raw = raw
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self._length = 0

    @property
    def length(self) -> int:
        return self._length

    def copy(self, raw_start: int, raw_end: int) -> None:
        """Append ``raw[raw_start:raw_end]`` verbatim, remembering its origin."""
        if raw_end <= raw_start:
            return
        piece = self._raw[raw_start:raw_end]
        last = self._segments[-1] if self._segments else None
        if (
            last is not None
            and last.clean_start + last.length == self._length
            and last.raw_start + last.length == raw_start
        ):
            self._segments[-1] = Segment(last.clean_start, last.raw_start, last.length + len(piece))
        else:
            self._segments.append(Segment(self._length, raw_start, len(piece)))
        self._parts.append(piece)
        self._length += len(piece)

    def insert(self, text: str) -> None:
        """Append text that is not in the raw input (a separator or joining space)."""
        self._parts.append(text)
        self._length += len(text)

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._parts), OffsetMap(tuple(self._segments))
