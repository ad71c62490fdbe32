"""Split one scrape that holds several articles into per-article line ranges.

Scrapers glue articles together (a live page, an infinite-scroll page, a
concatenated dump). A new article is announced by a headline-like line that
either repeats a few lines later (headline shown twice) or is followed by
its own date/byline block, and that comes after a body of its own.
Hand-written: article splitting of flattened text is not something any
extraction library offers.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from newsweave.clean.body import densest_block
from newsweave.clean.structure import Info

#: Body words a part needs to count as an article of its own.
MIN_BODY_WORDS = 80
_REPEAT_WINDOW = 12  # non-blank lines within which a repeated headline counts
_BLOCK_WINDOW = 4  # non-blank lines within which a date/byline follows a headline
_GAP_BEFORE = 6  # non-blank lines allowed between the previous body and a new headline
_LEDE_WINDOW = 15  # non-blank lines after a new headline that must hold its lede


def _non_blank(infos: list[Info]) -> list[int]:
    return [i for i, info in enumerate(infos) if info.role != "blank"]


def _is_start_cue(infos: list[Info], nb: list[int], k: int, seen: Counter[str]) -> bool:
    """Headline at ``nb[k]`` that repeats once soon after, or heads a date/byline block.

    A line shown more than twice is a table header or a caption, not a headline.
    """
    head = infos[nb[k]]
    if head.role != "heading" or head.words < 3:
        return False
    for j in nb[k + 1 : k + 1 + _REPEAT_WINDOW]:
        if infos[j].norm == head.norm:
            return seen[head.norm] == 2
    return any(
        infos[j].role in ("date", "agency", "author") for j in nb[k + 1 : k + 1 + _BLOCK_WINDOW]
    )


def _body_words(infos: list[Info], lo: int, hi: int) -> int:
    return sum(info.words for info in infos[lo:hi] if info.role == "body")


def _adjoins_body(infos: list[Info], nb: list[int], k: int, lo: int) -> bool:
    """The previous article's body ends right before, and a new body follows soon.

    Glued articles follow one another; a headline far below the body (footer
    teasers, cookie notices) or one without its own lede starts no article.
    """
    block = densest_block(infos, lo, nb[k])
    if block is None or bisect_left(nb, block[1]) < k - _GAP_BEFORE - 1:
        return False
    after = nb[k + 1 : k + 1 + _LEDE_WINDOW]
    return sum(infos[j].words for j in after if infos[j].role == "body") >= 60


def split_parts(infos: list[Info]) -> list[tuple[int, int]]:
    """``[lo, hi)`` line ranges, one per article, covering all lines in order."""
    nb = _non_blank(infos)
    seen = Counter(infos[i].norm for i in nb if infos[i].role == "heading")
    starts = [0]
    for k, idx in enumerate(nb):
        if (
            idx == 0
            or not _is_start_cue(infos, nb, k, seen)
            or not _adjoins_body(infos, nb, k, starts[-1])
        ):
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
