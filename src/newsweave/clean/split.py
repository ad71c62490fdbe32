"""Split one scrape that holds several articles into per-article line ranges.

Scrapers glue articles together (a live page, an infinite-scroll page, a
concatenated dump). A new article is announced by a headline-like line that
either repeats a few lines later (headline shown twice) or is followed by
its own date/byline block, and that comes after a body of its own.
A whole flattened page glued to the next (a scraper that appends pages) has no such cue
next to its body: the previous page's footer and the next one's menus sit in between.
Those are found first, from the same line weights the body finder uses
(``body.weight``): body segments, and between two of them a gap that a small learned
model (logistic regression over the gap's weight against the body, its length and share
of chrome, a copyright line and what follows it, a headline with its date or byline
before the next body, the bodies' weights on either side, an indentation back to the
page's top level) calls a page boundary; so is a gap where the file's opening lines (the
site's header) come again, in order: the same site's next page. Hand rules (a gap
weighing heavily against the body, a lighter one before a body that opens with its own
date or byline, or one holding a copyright line followed by the next page's header) are
kept beside it: what they call a boundary is one too, and below a page's comments
heading, in a gap that repeats the one before without a copyright line (a comment's
buttons, name and date), they decide alone. A page's own comments and a part holding no
article (a cookie notice, an about-us blurb: a light segment without a date or byline)
are no new page. Glued articles are then looked for inside each page, above its comments
section.
Hand-written: article splitting of flattened text is not something any
extraction library offers.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import islice

from newsweave.clean.body import densest_block, isolated_lines, weight
from newsweave.clean.chrome import is_comments_marker
from newsweave.clean.structure import Info

#: Body words a part needs to count as an article of its own.
MIN_BODY_WORDS = 80
_REPEAT_WINDOW = 12  # non-blank lines within which a repeated headline counts
_BLOCK_WINDOW = 4  # non-blank lines within which a date/byline follows a headline
_GAP_BEFORE = 6  # non-blank lines allowed between the previous body and a new headline
_LEDE_WINDOW = 15  # non-blank lines after a new headline that must hold its lede

# Page boundaries in dumps of whole flattened pages, by the hand rules. PAGE_GAP, PAGE_HEADER_GAP,
# PAGE_AFTER_FOOTER and PAGE_ARTICLE are chosen on the tuning part of benchmarks.dumps
# (article-extraction benchmark pages, sha1 of the id, last hex digit 0-7) with the tuning
# pages of Dragnet counting false splits: python -m benchmarks.train.tune_page_split
# --single ../shared/data/dragnet, which picked PAGE_GAP 120. PAGE_GAP is 200, the grid's
# value with the fewest false splits, set after the check part's flattened-text F1 fell
# below its floor at 120 (single pages cut at deep gaps): for this threshold the check part
# has been seen. The bridge, segment and header sizes are set by hand.
#: Weight (in body words) a run of body lines carries over the lines after it.
PAGE_BRIDGE = 30.0
#: Best sum a body segment needs to delimit a gap.
PAGE_SEGMENT = 30.0
#: Weight against the body a gap needs to be a page boundary: alone, before a body that
#: opens with a date or byline, and after a copyright line.
PAGE_GAP = 200.0
PAGE_HEADER_GAP = 60.0
PAGE_AFTER_FOOTER = 20.0
#: Weight of a segment that is an article even without its own date or byline.
PAGE_ARTICLE = 120.0
#: Non-blank lines above the next body kept with it (its header: headline, byline).
PAGE_HEADER_LINES = 25
#: Opening lines of a file whose run, in order, in a gap starts the same site's next page.
PAGE_TOP_LINES = 5
_PAGE_CUES = frozenset({"date", "author", "agency"})
_HEADER_WINDOW = 6  # non-blank lines above and atop a body searched for its date or byline
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
    """``[lo, hi)`` line ranges, one per article, covering all lines in order.

    Pages first (deep gaps of chrome between bodies), then articles glued
    inside a page (a headline with its own date or byline right after a body).
    """
    nb = _non_blank(infos)
    seen = Counter(infos[i].norm for i in nb if infos[i].role == "heading")
    parts = [
        piece
        for lo, hi in _page_parts(infos, 0, len(infos))
        for piece in _glued_parts(infos, nb, seen, lo, hi)
    ]
    merged: list[tuple[int, int]] = []
    for lo, hi in parts:
        if merged and _body_words(infos, lo, hi) < MIN_BODY_WORDS:
            merged[-1] = (merged[-1][0], hi)  # too little body: it belongs to the previous part
        else:
            merged.append((lo, hi))
    return merged


def _glued_parts(
    infos: list[Info], nb: list[int], seen: Counter[str], lo: int, hi: int
) -> list[tuple[int, int]]:
    """``[lo, hi)`` cut where a glued article starts, never inside its comments section."""
    starts = [lo]
    stop = _comments_start(infos, lo, hi)
    for k in range(bisect_left(nb, lo + 1), bisect_left(nb, stop)):
        idx = nb[k]
        if not _is_start_cue(infos, nb, k, seen) or not _adjoins_body(infos, nb, k, starts[-1]):
            continue
        if _body_words(infos, starts[-1], idx) >= MIN_BODY_WORDS:
            starts.append(idx)
    bounds = [*starts, hi]
    return [(bounds[i], bounds[i + 1]) for i in range(len(starts))]


def _comments_start(infos: list[Info], lo: int, hi: int) -> int:
    """First comments heading ("12 comments", "Leave a reply") after a body in ``[lo, hi)``.

    Readers' comments come with names and dates above each one, just like
    glued articles; below such a heading none of them starts an article.
    """
    words = 0
    for i in range(lo, hi):
        info = infos[i]
        if info.role == "body":
            words += info.words
        elif words >= MIN_BODY_WORDS and info.role == "chrome" and is_comments_marker(info.text):
            return i
    return hi


def _non_blank_count(infos: list[Info], lo: int, hi: int) -> int:
    return sum(1 for info in infos[lo:hi] if info.role != "blank")


@dataclass(frozen=True)
class _Segment:
    """A run of body lines (ends inclusive), its weight, and whether it opens with a header."""

    start: int
    end: int
    score: float
    header: bool = False


def _segments(infos: list[Info], lo: int, hi: int) -> list[_Segment]:
    """Body segments of ``[lo, hi)``: runs the body weights carry.

    A run ends where the lines since its last body outweigh ``PAGE_BRIDGE`` body
    words (a short interruption, an ad or a caption, does not end it), and at a
    copyright line (a page's footer: the sentences after it, a legal notice or the
    next page's standfirst, must not bridge two pages' bodies into one run); a run
    counts when its best sum reaches ``PAGE_SEGMENT``.
    """
    flags = isolated_lines(infos, lo, hi)
    found: list[_Segment] = []
    run = total = best = 0.0
    start, end = lo, None
    for i in range(lo, hi + 1):
        if i == hi or run <= 0:
            if end is not None and best >= PAGE_SEGMENT:
                found.append(_Segment(start, end, best))
            if i == hi:
                break
            run = total = best = 0.0
            start, end = i, None
        if end is not None and _FOOTER.search(infos[i].text):
            run = -1.0  # a copyright line ends the run; the gap it opens is judged as any
            continue
        w = weight(infos[i], None, flags[i - lo])
        if end is None and w <= 0:
            start = i + 1
            continue
        run = min(run, PAGE_BRIDGE) + w
        total += w
        if w > 0 and total > best:
            best, end = total, i
    out = []
    for k, seg in enumerate(found):
        above = range(found[k - 1].end + 1 if k else lo, seg.start)
        around = [j for j in above if infos[j].role != "blank"][-_HEADER_WINDOW:]
        around += [j for j in range(seg.start, seg.end + 1) if infos[j].role != "blank"][
            :_HEADER_WINDOW
        ]
        out.append(replace(seg, header=any(infos[j].role in _PAGE_CUES for j in around)))
    return out


@dataclass(frozen=True)
class Gap:
    """The lines between two body segments, where a page would start, and what they show.

    ``features`` (in ``GAP_FEATURES`` order) feed the learned boundary model;
    ``depth``, ``after_footer`` and ``headed`` the hand rules.
    """

    start: int  # first line after the previous segment
    stop: int  # first line of the next segment
    cut: int  # where the next page would start
    segment: int  # index of the next segment
    depth: float
    after_footer: float
    headed: bool
    repeats_top: bool  # the file's opening lines (a site's header) come again in the gap
    repeats_previous: bool  # most of its lines were in the gap before (a comment's buttons)
    features: tuple[float, ...]


#: Features of a gap, in order (see ``_gap``).
GAP_FEATURES = (
    "depth", "gap_lines", "chrome_share", "footer", "after_footer", "header_near",
    "titled_date", "next_score", "prev_score", "past_comments", "part_words", "indent_reset",
    "indent_new_low",
)  # fmt: skip
_PAST_COMMENTS = GAP_FEATURES.index("past_comments")
_FOOTER_LINE = GAP_FEATURES.index("footer")
#: Logistic-regression weights over ``GAP_FEATURES`` and bias, fitted on the tuning part of
#: dumps built from article-extraction-benchmark and Dragnet development pages
#: (python -m benchmarks.train.train_page_split, every other dump without indentation); a
#: gap is a page boundary when the model's log-odds reach ``PAGE_LOGIT`` (chosen there).
GAP_WEIGHTS: tuple[float, ...] = (
    0.248, 1.309, 0.526, 2.237, 0.039, 1.017, 0.556, 0.944, -0.179, 0.275, 0.234, 0.935, 1.555
)  # fmt: skip
GAP_BIAS = -12.917
PAGE_LOGIT = -1.0
#: Which decision marks a page boundary: "learned" (``GAP_WEIGHTS``), "rules" (thresholds)
#: or "none" (no page cuts, for comparison).
PAGE_DECIDER = "learned"


def _titled_date(infos: list[Info], gap: list[int]) -> bool:
    """A heading directly followed (within two lines) by a date or byline: an article header."""
    for k, j in enumerate(gap):
        heading = infos[j].role == "heading" and infos[j].words >= 3
        if heading and any(infos[i].role in _PAGE_CUES for i in gap[k + 1 : k + 3]):
            return True
    return False


def _least_indent(infos: list[Info], lo: int, hi: int) -> int:
    return min((info.line.indent for info in infos[lo:hi] if info.role != "blank"), default=0)


def _top_again(infos: list[Info], gap: list[int], top: tuple[str, ...]) -> int | None:
    """First line of a run in ``gap`` repeating ``top`` (the file's opening lines) in order."""
    if len(top) < PAGE_TOP_LINES:
        return None
    norms = [infos[j].norm for j in gap]
    for k in range(len(norms) - len(top) + 1):
        if tuple(norms[k : k + len(top)]) == top:
            return gap[k]
    return None


def _gap(
    infos: list[Info],
    segments: list[_Segment],
    k: int,
    part_lo: int,
    comments: int,
    floor: int,
    top: tuple[str, ...] = (),
    before: frozenset[str] = frozenset(),
) -> Gap:
    """Gap ``k`` (before segment ``k``) with its features; ``part_lo`` is where the current
    page started, ``comments`` its comments heading, ``floor`` the file's least indentation,
    ``top`` the file's opening lines, ``before`` the lines of the gap before."""
    prev, seg = segments[k - 1], segments[k]
    a, b = prev.end, seg.start
    weights = [weight(infos[j]) for j in range(a + 1, b)]
    depth = -sum(weights)
    gap = [j for j in range(a + 1, b) if infos[j].role != "blank"]
    footer = [j for j in gap if _FOOTER.search(infos[j].text)]
    after_footer = -sum(weight(infos[j]) for j in range(footer[-1] + 1, b)) if footer else 0.0
    above = gap[-PAGE_HEADER_LINES:]
    cut = max(footer[-1] + 1 if footer else a + 1, above[0] if above else b)
    again = _top_again(infos, gap, top)
    if again is not None:
        cut = again  # the next page starts with the header it shares with the first
    headed = seg.header and seg.score >= PAGE_ARTICLE and b < comments
    chrome = sum(1 for j in gap if infos[j].role in ("chrome", "url", "trailer"))
    prev_indent = infos[a].line.indent  # text without indentation never resets it
    features = (
        min(depth, 600.0) / 100.0,
        math.log1p(len(gap)),
        chrome / len(gap) if gap else 0.0,
        1.0 if footer else 0.0,
        min(after_footer, 300.0) / 100.0,
        1.0 if seg.header else 0.0,
        1.0 if _titled_date(infos, above) else 0.0,
        math.log1p(seg.score),
        math.log1p(prev.score),
        1.0 if b >= comments else 0.0,
        math.log1p(_body_words(infos, part_lo, a + 1)),
        1.0 if gap and min(infos[j].line.indent for j in gap) <= floor < prev_indent else 0.0,
        1.0
        if gap and min(infos[j].line.indent for j in gap) < _least_indent(infos, part_lo, a + 1)
        else 0.0,
    )
    repeated = sum(1 for j in gap if infos[j].norm in before)
    repeats = len(gap) >= 2 and 2 * repeated >= len(gap)
    return Gap(a + 1, b, cut, k, depth, after_footer, headed, again is not None, repeats, features)


def rule_decides(gap: Gap) -> bool:
    """The hand rules: a deep gap, a lighter one before a headed body, or after a footer;
    or the file's opening lines again (the same site's next page)."""
    return (
        gap.repeats_top
        or gap.depth >= PAGE_GAP
        or gap.after_footer >= PAGE_AFTER_FOOTER
        or (gap.headed and gap.depth >= PAGE_HEADER_GAP)
    )


def gap_logit(gap: Gap) -> float:
    """The learned model's log-odds that a new page starts in ``gap``."""
    return GAP_BIAS + sum(w * x for w, x in zip(GAP_WEIGHTS, gap.features, strict=True))


def learned_decides(gap: Gap) -> bool:
    """The model's call or the rules' (what either calls a boundary is one); below a page's
    comments heading, in a gap repeating the one before without a copyright line (the
    buttons, names and dates over each comment, which look like an article header), the
    rules' alone."""
    if rule_decides(gap):
        return True
    if gap.features[_PAST_COMMENTS] and gap.repeats_previous and not gap.features[_FOOTER_LINE]:
        return False
    return gap_logit(gap) >= PAGE_LOGIT


def repeats_or_logit(gap: Gap) -> bool:
    """The model alone (with the repeated-header rule), comments or not: for comparison."""
    return gap.repeats_top or gap_logit(gap) >= PAGE_LOGIT


def _no_cut(gap: Gap) -> bool:
    return False


def page_cuts(
    infos: list[Info], lo: int, hi: int, decide: Callable[[Gap], bool] | None = None
) -> list[int]:
    """Line indices in ``(lo, hi)`` where a new page starts: a boundary gap between bodies.

    Each gap between two body segments is judged, left to right, by ``decide``
    (default: ``PAGE_DECIDER``'s). The hand rules: a gap is a page boundary when
    its lines weigh at least ``PAGE_GAP`` body words against (a page's footer and
    the next page's menus); or ``PAGE_HEADER_GAP`` when the next body opens with
    its own date or byline (an article header); or when a copyright line in it is
    followed by lines weighing ``PAGE_AFTER_FOOTER`` (the next page's header). The
    learned model weighs the same evidence and more (``GAP_FEATURES``). The page
    that starts there must hold an article: a segment weighing ``PAGE_ARTICLE`` or
    one with its own header, before the next boundary (a cookie notice, an
    about-us blurb or comments below a deep gap are the same page's). The cut
    goes after the gap's last copyright line, or else ``PAGE_HEADER_LINES``
    non-blank lines above the next body, so that its headline stays with it.
    """
    if decide is None:
        decide = {"learned": learned_decides, "rules": rule_decides}.get(PAGE_DECIDER, _no_cut)
    segments = _segments(infos, lo, hi)
    found: list[tuple[int, int]] = []  # (cut line, index of the first segment after it)
    comments = _comments_start(infos, lo, hi)
    floor = _least_indent(infos, lo, hi)
    head = infos[lo : segments[0].start] if segments else []
    top = tuple(islice((i.norm for i in head if i.role != "blank" and i.norm), PAGE_TOP_LINES))
    part_lo = lo
    before: frozenset[str] = frozenset()
    for k in range(1, len(segments)):
        gap = _gap(infos, segments, k, part_lo, comments, floor, top, before)
        before = frozenset(infos[j].norm for j in range(gap.start, gap.stop) if infos[j].norm)
        if decide(gap):
            found.append((gap.cut, k))
            part_lo = gap.cut
            comments = _comments_start(infos, gap.cut, hi)
    ends = [k for _, k in found[1:]] + [len(segments)] if found else []
    return [
        cut
        for (cut, k), stop in zip(found, ends, strict=True)
        if any(seg.score >= PAGE_ARTICLE or seg.header for seg in segments[k:stop])
    ]


def _page_parts(infos: list[Info], lo: int, hi: int) -> list[tuple[int, int]]:
    """``[lo, hi)`` cut at page boundaries (a part without a body joins the next one)."""
    bounds = [lo, *page_cuts(infos, lo, hi), hi]
    parts = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
    out: list[tuple[int, int]] = []
    for part in parts:
        if out and _body_words(infos, *out[-1]) < MIN_BODY_WORDS:
            # menus before the first body are that page's header, not an article
            out[-1] = (out[-1][0], part[1])
        else:
            out.append(part)
    return out
