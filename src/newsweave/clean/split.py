"""Split one scrape that holds several articles into per-article line ranges.

Scrapers glue articles together (a live page, an infinite-scroll page, a
concatenated dump). A new article is announced by a headline-like line that
either repeats a few lines later (headline shown twice) or is followed by
its own date/byline block, and that comes after a body of its own.
Hand-written: article splitting of flattened text is not something any
extraction library offers.
"""

from __future__ import annotations

from newsweave.clean.structure import Info

#: Body words a part needs to count as an article of its own.
MIN_BODY_WORDS = 80
_REPEAT_WINDOW = 12  # non-blank lines within which a repeated headline counts
_BLOCK_WINDOW = 4  # non-blank lines within which a date/byline follows a headline


def _non_blank(infos: list[Info]) -> list[int]:
    return [i for i, info in enumerate(infos) if info.role != "blank"]


def _is_start_cue(infos: list[Info], nb: list[int], k: int) -> bool:
    """Headline at ``nb[k]`` that repeats soon or heads a date/byline block."""
    head = infos[nb[k]]
    if head.role != "heading" or head.words < 3:
        return False
    for j in nb[k + 1 : k + 1 + _REPEAT_WINDOW]:
        if infos[j].norm == head.norm:
            return True
    return any(
        infos[j].role in ("date", "agency", "author") for j in nb[k + 1 : k + 1 + _BLOCK_WINDOW]
    )


def _body_words(infos: list[Info], lo: int, hi: int) -> int:
    return sum(info.words for info in infos[lo:hi] if info.role == "body")


def split_parts(infos: list[Info]) -> list[tuple[int, int]]:
    """``[lo, hi)`` line ranges, one per article, covering all lines in order."""
    nb = _non_blank(infos)
    starts = [0]
    for k, idx in enumerate(nb):
        if idx == 0 or not _is_start_cue(infos, nb, k):
            continue
        if _body_words(infos, starts[-1], idx) >= MIN_BODY_WORDS:
            starts.append(idx)
    bounds = [*starts, len(infos)]
    parts = [(bounds[i], bounds[i + 1]) for i in range(len(starts))]
    merged: list[tuple[int, int]] = []
    for lo, hi in parts:
        if merged and _body_words(infos, lo, hi) < MIN_BODY_WORDS:
            merged[-1] = (merged[-1][0], hi)  # too little body: it belongs to the previous part
        else:
            merged.append((lo, hi))
    return merged
