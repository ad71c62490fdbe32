"""Split one scrape that holds several articles into per-article line ranges.

Scrapers glue articles together (a live page, an infinite-scroll page, a
concatenated dump). A new article is announced by a headline-like line that
either repeats a few lines later (headline shown twice) or is followed by
its own date/byline block, and that comes after a body of its own.
A whole flattened page glued to the next (a scraper that appends pages) has
no such cue next to its body: the previous page's footer and the next one's
menus sit in between. There a boundary is a page's end, its copyright line,
between two body lines and followed by the next page's header (a run of
non-body lines) before the next body. Without a footer line no cut is made:
deep gaps of chrome alone, even between texts that share few words, also cut
single pages at their teasers or comment forms (measured with
``benchmarks.dumps``).
Hand-written: article splitting of flattened text is not something any
extraction library offers.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from itertools import pairwise

from newsweave.clean.body import densest_block
from newsweave.clean.structure import Info

#: Body words a part needs to count as an article of its own.
MIN_BODY_WORDS = 80
_REPEAT_WINDOW = 12  # non-blank lines within which a repeated headline counts
_BLOCK_WINDOW = 4  # non-blank lines within which a date/byline follows a headline
_GAP_BEFORE = 6  # non-blank lines allowed between the previous body and a new headline
_LEDE_WINDOW = 15  # non-blank lines after a new headline that must hold its lede

# Page boundaries in dumps of whole flattened pages (chosen on the tuning pages of
# benchmarks.dumps, ids 0-3 of the article-extraction benchmark:
# python -m benchmarks.train.tune_page_split).
#: Body lines of at least this many words delimit the gaps searched for a page's end.
PAGE_BODY_WORDS = 8
#: Non-blank lines between the footer and the next body: the next page's header (fewer:
#: sign-up forms or teasers below the footer of the same page).
PAGE_HEADER_LINES = 10
_FOOTER = re.compile(
    r"^\W*(?:©|\(c\)\s*(?:19|20)\d\d|copyright\b)|all rights reserved|tous droits réservés|"
    r"alle rechte vorbehalten|todos los derechos reservados|все права защищены|"
    r"всі права захищені|版权所有|無断転載",
    re.IGNORECASE,
)


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
    parts = [piece for lo, hi in parts for piece in _page_parts(infos, lo, hi)]
    merged: list[tuple[int, int]] = []
    for lo, hi in parts:
        if merged and _body_words(infos, lo, hi) < MIN_BODY_WORDS:
            merged[-1] = (merged[-1][0], hi)  # too little body: it belongs to the previous part
        else:
            merged.append((lo, hi))
    return merged


def _non_blank_count(infos: list[Info], lo: int, hi: int) -> int:
    return sum(1 for info in infos[lo:hi] if info.role != "blank")


def _page_cuts(infos: list[Info], lo: int, hi: int) -> list[int]:
    """Line indices in ``(lo, hi)`` where a new page starts: after a footer between bodies."""
    strong = [i for i in range(lo, hi) if infos[i].role == "body"
              and infos[i].words >= PAGE_BODY_WORDS]  # fmt: skip
    cuts = []
    for a, b in pairwise(strong):
        footer = [j for j in range(a + 1, b) if _FOOTER.search(infos[j].text)]
        if footer and _non_blank_count(infos, footer[-1] + 1, b) >= PAGE_HEADER_LINES:
            cuts.append(footer[-1] + 1)
    return cuts


def _page_parts(infos: list[Info], lo: int, hi: int) -> list[tuple[int, int]]:
    """``[lo, hi)`` cut at page boundaries (a part without a body joins the next one)."""
    bounds = [lo, *_page_cuts(infos, lo, hi), hi]
    parts = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
    out: list[tuple[int, int]] = []
    for part in parts:
        if out and _body_words(infos, *out[-1]) < MIN_BODY_WORDS:
            # menus before the first body are that page's header, not an article
            out[-1] = (out[-1][0], part[1])
        else:
            out.append(part)
    return out
