"""Map text extracted from an HTML page back to the characters of the raw source.

The extractor (trafilatura) hands back normalised text that does not literally
exist in the page: tags are gone, entities are decoded, whitespace is collapsed.
Provenance is a core promise, so we rebuild the link: the raw HTML is turned
into a *visible-text view* (tags, comments, scripts dropped; entities decoded;
whitespace collapsed) that remembers, run by run, where each view character
sits in the raw source. Each extracted paragraph is then located in that view,
whole if possible, else as its longest literal runs; only characters that are
byte-identical in the raw source are recorded as copied, everything else
(decoded entities, collapsed whitespace, unmatched bits) is inserted text.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Sequence
from typing import NamedTuple

from newsweave.clean.offsets import TextBuilder
from newsweave.model import OffsetMap

# Shortest run we trust as a real match: shorter ones would often point at an
# unrelated spot of the page ("the", a stray hyphen) and fake provenance.
MIN_RUN = 6

_SKIP = re.compile(
    r"<(?:!--.*?-->|!\[CDATA\[.*?\]\]>"
    r"|(script|style|noscript|template|svg)\b[^>]*>.*?</\1\s*>"
    r"|[!?/]?[a-zA-Z][^>]*>|[!?][^>]*>)",
    re.DOTALL | re.IGNORECASE,
)
_BODY = re.compile(r"<body\b", re.IGNORECASE)
# What breaks a literal stretch: whitespace other than one plain space between
# words (that space is verbatim and stays in the stretch, so it is not matched:
# prose would otherwise cost one match per word), and entities, with the space
# after one (an entity may decode to a space, and then that space is not kept).
_SPECIAL = re.compile(
    r"[^\S ]\s*| \s+|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?(?P<space> (?!\s))?"
)


class _Run(NamedTuple):
    """A stretch of view text and where it starts in the raw page (a tuple: pages make
    tens of thousands of them, and a tuple is the cheapest record to build)."""

    view_start: int
    raw_start: int
    length: int
    verbatim: bool


class TextView:
    """The visible text of a page, each run remembering its raw origin."""

    def __init__(self, raw: str, start: int = 0) -> None:
        self.raw = raw
        self._parts: list[str] = []
        self._runs: list[_Run] = []
        self._length = 0
        self._space = True  # suppress leading whitespace
        pos = start
        for m in _SKIP.finditer(raw, start):
            self._add_text(pos, m.start())
            pos = m.end()
        self._add_text(pos, len(raw))
        self.text = "".join(self._parts)
        self._starts = [r.view_start for r in self._runs]

    def _emit(self, text: str, raw_start: int, verbatim: bool) -> None:
        self._runs.append(_Run(self._length, raw_start, len(text), verbatim))
        self._parts.append(text)
        self._length += len(text)

    def _add_text(self, start: int, end: int) -> None:
        """Literal stretches become one verbatim run each; whitespace and entities break them.

        A single space after a visible character is kept inside the literal
        stretch (it is verbatim), so a plain paragraph is one run, not one per word.
        """
        raw = self.raw
        if start >= end:
            return
        if raw[start:end].isspace():  # most gaps between tags: one cheap check
            if not self._space:
                self._emit(" ", start, end - start == 1 and raw[start] == " ")
                self._space = True
            return
        if self._space and raw[start].isspace():  # leading whitespace after a space: suppressed
            start = end - len(raw[start:end].lstrip())
        pos = start  # start of the pending literal stretch
        for m in _SPECIAL.finditer(raw, start, end):
            piece = m.group()
            if piece[0] == "&":
                entity_end = m.start("space") if m.group("space") else m.end()
                entity = raw[m.start() : entity_end]
                decoded = html.unescape(entity)
                if decoded == entity:
                    continue  # not an entity after all: literal text
                self._flush(pos, m.start())
                self._add_decoded(decoded, m.start())
                if m.group("space") and not self._space:
                    pos = entity_end  # the space opens the next literal stretch, verbatim
                    continue
            else:
                self._flush(pos, m.start())
                if not self._space:
                    self._emit(" ", m.start(), False)
                    self._space = True
            pos = m.end()
        self._flush(pos, end)

    def _flush(self, start: int, end: int) -> None:
        if start < end:
            self._emit(self.raw[start:end], start, True)
            self._space = self.raw[end - 1] == " "

    def _add_decoded(self, decoded: str, raw_start: int) -> None:
        """An entity: its characters are not in the raw source, so not verbatim."""
        if decoded.isspace():
            if not self._space:
                self._emit(" ", raw_start, False)
                self._space = True
            return
        self._emit(decoded, raw_start, False)
        self._space = False

    def copy_into(self, builder: TextBuilder, start: int, end: int) -> None:
        """Append view[start:end] to ``builder``: verbatim runs copied, the rest inserted."""
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        while start < end and i < len(self._runs):
            run = self._runs[i]
            run_end = run.view_start + run.length
            if run_end <= start:
                i += 1
                continue
            stop = min(end, run_end)
            if run.verbatim:
                offset = run.raw_start + (start - run.view_start)
                builder.copy(offset, offset + (stop - start))
            else:
                builder.insert(self.text[start:stop])
            start = stop
            i += 1

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw (start, end) covering view[start:end], for captions and diagnostics."""
        first = self._runs[bisect.bisect_right(self._starts, start) - 1]
        last = self._runs[bisect.bisect_right(self._starts, end - 1) - 1]
        raw_start = first.raw_start + (start - first.view_start if first.verbatim else 0)
        raw_end = (
            last.raw_start + (end - last.view_start)
            if last.verbatim
            else self.raw.find(";", last.raw_start) + 1 or last.raw_start + 1
        )
        return raw_start, raw_end

    def find(self, needle: str, cursor: int) -> int:
        """Position of ``needle`` at or after ``cursor``, else anywhere, else -1."""
        found = self.text.find(needle, cursor)
        return found if found >= 0 else self.text.find(needle, 0, cursor + len(needle))


def body_start(raw: str) -> int:
    """Where the page's <body> starts (0 if it has none): the view need not read the head."""
    m = _BODY.search(raw)
    return m.start() if m else 0


def _longest_prefix(view: TextView, piece: str, cursor: int) -> tuple[int, int]:
    """Longest prefix of ``piece`` present in the view: (length, view position)."""
    where = view.find(piece, cursor)
    if where >= 0:
        return len(piece), where
    lo, hi, best = 0, len(piece) - 1, (0, -1)
    while lo <= hi:  # prefix presence is monotone in length: binary search
        mid = (lo + hi) // 2
        where = view.find(piece[:mid], cursor) if mid else -1
        if where >= 0:
            best, lo = (mid, where), mid + 1
        else:
            hi = mid - 1
    return best


def _locate(view: TextView, builder: TextBuilder, para: str, cursor: int) -> int:
    """Append one paragraph, copying its literal runs; returns the new cursor."""
    pos = 0
    while pos < len(para):
        rest = para[pos:]
        if len(rest) < MIN_RUN and view.text.startswith(rest, cursor):
            length, where = len(rest), cursor  # a short tail right where we are
        else:
            length, where = _longest_prefix(view, rest, cursor)
        if length >= MIN_RUN or (length == len(rest) and where == cursor):
            view.copy_into(builder, where, where + length)
            cursor, pos = where + length, pos + length
            continue
        # Unmatched: insert up to and including the next space, then retry.
        nxt = para.find(" ", pos + 1)
        stop = len(para) if nxt < 0 else nxt + 1
        builder.insert(para[pos:stop])
        pos = stop
    return cursor


def build_text(
    raw: str,
    paragraphs: Sequence[str],
    prefixes: Sequence[str] | None = None,
    view: TextView | None = None,
) -> tuple[str, OffsetMap]:
    """Join paragraphs with blank lines and map every literal run back into ``raw``.

    ``prefixes`` are markers the cleaner adds (a list bullet) that the page does
    not contain; they are inserted, never searched for. ``view`` is the page's
    text view when the caller already built it (it is the costly part).
    """
    view = view if view is not None else TextView(raw)
    builder = TextBuilder(raw)
    cursor = 0
    for i, para in enumerate(paragraphs):
        if i:
            builder.insert("\n\n")
        prefix = prefixes[i] if prefixes else ""
        if prefix:
            builder.insert(prefix)
        cursor = _locate(view, builder, para[len(prefix) :], cursor)
    return builder.build()


def locate_span(view: TextView, text: str) -> tuple[int, int] | None:
    """Raw span of the first literal occurrence of ``text`` in the page's visible text."""
    where = view.find(text, 0) if text else -1
    if where < 0:
        return None
    return view.raw_span(where, where + len(text))
