"""Find the character spans enclosed by quotation marks in an article's text.

Why a scanner of its own instead of regexes: news text mixes straight and
curly marks (often wrongly paired, ``"ready,”``), French guillemets, German
„…“ and quotes that run over several paragraphs, where the convention is to
leave the paragraph unclosed and reopen the next one. Marks are classified as
opening or closing by what flanks them (the rule Markdown uses for emphasis),
so a wrongly curled mark still pairs with its partner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_MARKS = frozenset('"“”„‟«»')  # and '' (two apostrophes), see _width
SINGLE_MARKS = frozenset("‘’'")
_OPEN_PUNCT = frozenset("([{—–-/:")
_PARAGRAPH = re.compile(r"[^\n]+")
_DECADE = re.compile(r"['’]\d\d(?:s\b|\b)")  # '80s, '16: an elided century, not a quote
_TRIM_END = " \t,;:"
_TRIM_START = " \t"


@dataclass(frozen=True)
class QuotedSpan:
    """Words between a pair of marks; ``start:end`` excludes the marks themselves.

    ``open_at``/``close_at`` are the offsets of the marks (``close_at`` is None
    when the paragraph ended without a closing mark); ``paragraphs`` counts the
    paragraphs the quote runs over.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    paragraphs: int = 1
    close_width: int = 1

    @property
    def outer_start(self) -> int:
        return self.open_at

    @property
    def outer_end(self) -> int:
        return self.close_at + self.close_width if self.close_at is not None else self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-empty line; cleaned articles put one paragraph per line."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _width(text: str, i: int) -> int:
    """Two apostrophes ('') stand for one double mark in some wire copy."""
    return 2 if text.startswith("''", i) else 1


def _can_open(text: str, i: int) -> bool:
    w = _width(text, i)
    nxt = text[i + w] if i + w < len(text) else ""
    prev = text[i - 1] if i > 0 else ""
    if text[i] in "«„":
        return True
    if text[i] == "»":
        return False
    if not nxt or nxt.isspace():
        return False
    return not prev or prev.isspace() or prev in _OPEN_PUNCT or prev in DOUBLE_MARKS


def _can_close(text: str, i: int) -> bool:
    w = _width(text, i)
    nxt = text[i + w] if i + w < len(text) else ""
    prev = text[i - 1] if i > 0 else ""
    if text[i] == "»":
        return True
    if text[i] in "«„":
        return False
    if prev.isspace() and i >= 2 and text[i - 2] in "'’" and text[i] in '"”':
        return True  # 'Oh, this is important,' " she said: a single and a double close
    if not prev or prev.isspace():
        return False
    return not nxt or nxt.isspace() or not nxt.isalnum()


def _double_marks(text: str, start: int, end: int) -> list[tuple[int, bool, bool]]:
    """``(offset, can_open, can_close)`` for every double mark in ``[start, end)``."""
    out = []
    i = start
    while i < end:
        if text[i] in DOUBLE_MARKS or text.startswith("''", i):
            out.append((i, _can_open(text, i), _can_close(text, i)))
        i += _width(text, i)
    return out


def _single_marks(text: str, start: int, end: int) -> list[tuple[int, bool, bool]]:
    """Single marks that can delimit a quote; an apostrophe inside a word is never one."""
    out = []
    for i in range(start, end):
        ch = text[i]
        if ch not in SINGLE_MARKS:
            continue
        prev = text[i - 1] if i > 0 else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if (prev.isalnum() and nxt.isalnum()) or _DECADE.match(text, i):
            continue
        opens = ch != "’" and _can_open(text, i)
        closes = ch != "‘" and _can_close(text, i) and not (prev in "sS" and ch != "’")
        if opens or closes:
            out.append((i, opens, closes))
    return out


def _inner(text: str, open_at: int, end: int) -> tuple[int, int]:
    start = open_at + _width(text, open_at)
    while start < end and text[start] in _TRIM_START:
        start += 1
    while end > start and text[end - 1] in _TRIM_END:
        end -= 1
    return start, end


def _starts_with_open_mark(text: str, start: int, end: int, marks: frozenset[str]) -> int | None:
    i = start
    while i < end and text[i] in " \t":
        i += 1
    is_mark = text[i] in marks or (marks == DOUBLE_MARKS and text.startswith("''", i))
    if i < end and is_mark and text[i] not in "”»’" and _can_open(text, i):
        return i
    return None


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quoted span of ``text`` in order, multi-paragraph quotes joined into one."""
    paras = paragraphs(text)
    spans: list[QuotedSpan] = []
    carry: tuple[int, int] | None = None  # (open_at, paragraph count) of a running quote
    for n, (p_start, p_end) in enumerate(paras):
        has_double = any(text[i] in DOUBLE_MARKS for i in range(p_start, p_end)) or (
            "''" in text[p_start:p_end]
        )
        marks = (
            _double_marks(text, p_start, p_end)
            if has_double or carry
            else _single_marks(text, p_start, p_end)
        )
        mark_set = DOUBLE_MARKS if has_double or carry else SINGLE_MARKS
        open_at: int | None = None
        count = 1
        if carry is not None:
            cont = _starts_with_open_mark(text, p_start, p_end, mark_set)
            open_at, count = carry
            count += 1
            marks = [m for m in marks if m[0] != cont]
            carry = None
        for i, opens, closes in marks:
            if open_at is None:
                if opens:
                    open_at, count = i, 1
            elif closes and i > open_at + _width(text, open_at):
                start, end = _inner(text, open_at, i)
                if end > start:
                    spans.append(QuotedSpan(start, end, open_at, i, count, _width(text, i)))
                open_at = None
            elif opens and not closes:
                _emit_unclosed(text, spans, open_at, i, count)
                open_at, count = i, 1
        if open_at is not None:
            nxt = paras[n + 1] if n + 1 < len(paras) else None
            if nxt is not None and _starts_with_open_mark(text, nxt[0], nxt[1], DOUBLE_MARKS):
                carry = (open_at, count)
            else:
                _emit_unclosed(text, spans, open_at, p_end, count)
    return spans


def _emit_unclosed(text: str, spans: list[QuotedSpan], open_at: int, end: int, count: int) -> None:
    start, stop = _inner(text, open_at, end)
    if stop > start:
        spans.append(QuotedSpan(start, stop, open_at, None, count))
