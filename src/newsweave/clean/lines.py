"""Line model for plain-text scrapes: every line keeps its raw span.

A scrape is judged line by line (chrome, headline, body...), so the cleaner
works on lines whose visible text is a list of raw slices. Markdown prefixes,
inline HTML tags and entities are dropped or decoded here, *between* slices,
so the offset map back to the raw input is never broken.

Hand-written: HTML/Markdown libraries rebuild text and lose raw offsets.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# Markdown block prefixes ("## ", "> ") and list bullets at the start of a line.
_BLOCK_PREFIX = re.compile(r"(?:#{1,6}|>)[ \t]+")
_BULLET = re.compile(r"(?:[•●▪◦·‣∙*+]|[-–—](?=[ \t]))[ \t]+")
# Inline remnants: tags, entities, markdown emphasis and "[text](url)" links.
_INLINE = re.compile(
    r"\[(?P<link>[^\[\]\n]{1,300})\]\([^()\s]{1,300}\)"
    r"|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]{0,200})?/?>"  # <u>, </b>, <a href=...>
    r"|<!--.*?-->"
    r"|&(?:[A-Za-z]{2,8}|#\d{1,6}|#[xX][0-9A-Fa-f]{1,6});"  # &amp; &#8217;
    r"|\*\*|__"  # **bold**
)


@dataclass(frozen=True)
class Piece:
    """Either a raw slice ``raw[start:end]`` or text to insert (decoded entity)."""

    start: int
    end: int
    insert: str | None = None


@dataclass(frozen=True)
class Line:
    """One input line: raw span of its content, visible text and how it was built."""

    index: int
    start: int  # raw offset of the first content char (after indentation/prefix)
    end: int  # raw offset just past the last content char
    pieces: tuple[Piece, ...]
    text: str
    indent: int = 0
    bullet: bool = False
    marked_heading: bool = False  # had a markdown "#" prefix

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def words(self) -> list[str]:
        return self.text.split()


def _inline_pieces(raw: str, start: int, end: int) -> list[Piece]:
    """Slices of ``raw[start:end]`` with inline remnants removed or decoded."""
    pieces: list[Piece] = []
    pos = start
    for m in _INLINE.finditer(raw, start, end):
        if m.start() > pos:
            pieces.append(Piece(pos, m.start()))
        token = m.group(0)
        if m.group("link") is not None:
            pieces.append(Piece(m.start("link"), m.end("link")))
        elif token.startswith("&"):
            decoded = html.unescape(token)
            if decoded == token:
                pieces.append(Piece(m.start(), m.end()))
            else:
                pieces.append(Piece(m.start(), m.end(), decoded.replace("\xa0", " ")))
        pos = m.end()
    if pos < end:
        pieces.append(Piece(pos, end))
    return pieces


def _text_of(raw: str, pieces: list[Piece]) -> str:
    return "".join(p.insert if p.insert is not None else raw[p.start : p.end] for p in pieces)


def _trim(raw: str, pieces: list[Piece]) -> list[Piece]:
    """Trim whitespace at both ends of the piece list (raw slices only)."""
    while pieces:
        first = pieces[0]
        if first.insert is not None:
            if first.insert.strip():
                break
            pieces.pop(0)
            continue
        s = first.start
        while s < first.end and raw[s].isspace():
            s += 1
        if s < first.end:
            pieces[0] = Piece(s, first.end)
            break
        pieces.pop(0)
    while pieces:
        last = pieces[-1]
        if last.insert is not None:
            if last.insert.strip():
                break
            pieces.pop()
            continue
        e = last.end
        while e > last.start and raw[e - 1].isspace():
            e -= 1
        if e > last.start:
            pieces[-1] = Piece(last.start, e)
            break
        pieces.pop()
    return pieces


def make_line(raw: str, index: int, start: int, end: int) -> Line:
    """Build the line for ``raw[start:end]`` (one physical line, no newline)."""
    s = start
    while s < end and raw[s] in " \t\r\f\v\xa0\u3000":
        s += 1
    indent = s - start
    marked = False
    m = _BLOCK_PREFIX.match(raw, s, end)
    if m:
        marked = raw[s] == "#"
        s = m.end()
    bullet = False
    b = _BULLET.match(raw, s, end)
    if b and b.end() < end:
        bullet = True
        s = b.end()
    pieces = _trim(raw, _inline_pieces(raw, s, end))
    text = _text_of(raw, pieces)
    if marked and text.rstrip("#").strip() != text:
        # "## Title ##": closing hashes are markup too.
        pieces = _trim(raw, _strip_closing_hashes(raw, pieces))
        text = _text_of(raw, pieces)
    first = pieces[0].start if pieces else s
    last = pieces[-1].end if pieces else s
    return Line(index, first, last, tuple(pieces), text, indent, bullet, marked)


def _strip_closing_hashes(raw: str, pieces: list[Piece]) -> list[Piece]:
    last = pieces[-1]
    if last.insert is not None:
        return pieces
    e = last.end
    while e > last.start and raw[e - 1] in "# \t":
        e -= 1
    return [*pieces[:-1], Piece(last.start, e)]


def split_lines(raw: str, start: int = 0, end: int | None = None) -> list[Line]:
    """All physical lines of ``raw[start:end]``, in order; linear in the input."""
    stop = len(raw) if end is None else end
    lines: list[Line] = []
    pos = start
    while pos <= stop:
        nl = raw.find("\n", pos, stop)
        line_end = stop if nl < 0 else nl
        lines.append(make_line(raw, len(lines), pos, line_end))
        if nl < 0:
            break
        pos = nl + 1
    return lines


def piece_text(raw: str, pieces: tuple[Piece, ...] | list[Piece]) -> str:
    """Visible text of a piece list."""
    return _text_of(raw, list(pieces))
