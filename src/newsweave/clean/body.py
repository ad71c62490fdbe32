"""Find an article's layout in its lines: headline, standfirst, body block.

The body is the densest run of sentence-like lines (a maximum-sum segment:
body words count for, menus/chrome/short lines against), which works on a
tidy scrape and on a flattened web page alike, in one linear pass. The lede
is then the first body line after the article's header cues (a repeated
headline, date, byline, caption); sentence lines between headline and lede
are the standfirst. Hand-written: text-only boilerplate detection over
scraped lines has no maintained library.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsweave.clean.chrome import is_call_to_action, is_comments_marker
from newsweave.clean.structure import HEADER_CUES, Info, ends_sentence

_COMMENT_FACTOR = 0.2
_BODY_BEFORE_COMMENTS = 50.0  # a comments heading counts only after an article body
_HEADLINE_LOOKBACK = 25  # non-blank lines before the lede searched for the headline


@dataclass
class Layout:
    """Indices (into the line list) of one article's parts; ends inclusive."""

    start: int
    end: int
    headline: int | None = None
    standfirst: list[int] = field(default_factory=list)


def weight(info: Info, indent: int | None = None, isolated: bool = False) -> float:
    """How much a line speaks for (positive) or against being in the body.

    With ``indent`` (the body's dominant indentation) a sentence line at another
    depth counts for nothing: in flattened pages indentation is DOM depth, and
    comments or teasers sit at a different depth than the article. A sentence
    line alone between non-body lines (a teaser under its link) or without a
    sentence end (a cut summary) counts half.
    """
    role = info.role
    if role == "body":
        if indent is not None and info.line.indent != indent:
            return -1.0
        factor = 0.5 if isolated else 1.0
        if not ends_sentence(info.text):
            factor *= 0.5
        return info.words * factor
    if role == "bullet":
        return info.words * 0.5 if info.words >= 8 else -3.0
    if role in ("heading", "short"):
        return -3.0
    if role == "caption":
        return -1.0
    if role == "relative":
        return -12.0  # "2 days ago" repeats down comment threads and teaser lists
    if role in HEADER_CUES:
        return -4.0
    if role == "blank":
        return 0.0
    return -6.0  # chrome, trailers, URLs


def _dominant_indent(infos: list[Info], a: int, b: int) -> int:
    """Indentation carrying most body words in ``[a, b]``."""
    counts: dict[int, int] = {}
    for info in infos[a : b + 1]:
        if info.role == "body":
            counts[info.line.indent] = counts.get(info.line.indent, 0) + info.words
    return max(counts, key=lambda k: counts[k]) if counts else 0


def densest_block(infos: list[Info], lo: int, hi: int) -> tuple[int, int] | None:
    """Densest body block: a first pass finds it, a second keeps to its indentation."""
    first = _max_run(infos, lo, hi, None)
    if first is None:
        return None
    block = _max_run(infos, lo, hi, _dominant_indent(infos, *first))
    return _body_continued(infos, block, first[1]) if block is not None else first


def _body_continued(infos: list[Info], block: tuple[int, int], limit: int) -> tuple[int, int]:
    """``block`` extended over the sentence lines that follow it with nothing between, up to
    ``limit`` (the end of the block found without indentation).

    An embed or a nested box can move the rest of an article one level deeper in
    the page, so its last paragraphs sit at another indentation; readers'
    comments and teasers at another depth come after a name, date, heading or
    link line, which ends the extension.
    """
    a, end = block
    i = end
    while (nxt := _next_non_blank(infos, i, limit + 1)) is not None:
        if infos[nxt].role != "body":
            break
        end = i = nxt
    return a, end


def isolated_lines(infos: list[Info], lo: int, hi: int) -> list[bool]:
    """Body lines whose nearest non-blank neighbours are both non-body."""
    content = [i for i in range(lo, hi) if infos[i].role != "blank"]
    flags = [False] * (hi - lo)
    for k, i in enumerate(content):
        if infos[i].role != "body":
            continue
        before = k > 0 and infos[content[k - 1]].role == "body"
        after = k + 1 < len(content) and infos[content[k + 1]].role == "body"
        flags[i - lo] = not (before or after)
    return flags


def _max_run(infos: list[Info], lo: int, hi: int, indent: int | None) -> tuple[int, int] | None:
    """Maximum-sum run of line weights in ``[lo, hi)`` (Kadane), ends inclusive."""
    isolated = isolated_lines(infos, lo, hi)
    best, best_span = 0.0, None
    total, run_start = 0.0, lo
    comments = False  # past a comments heading, sentences are readers', not the article's
    for i in range(lo, hi):
        if total <= 0:
            total, run_start = 0.0, i
        if not comments and total >= _BODY_BEFORE_COMMENTS and infos[i].role == "chrome":
            comments = is_comments_marker(infos[i].text)
        w = weight(infos[i], indent, isolated[i - lo])
        total += w * _COMMENT_FACTOR if comments and w > 0 else w
        if total > best:
            best, best_span = total, (run_start, i)
    return best_span


def _next_non_blank(infos: list[Info], i: int, hi: int) -> int | None:
    for j in range(i + 1, hi):
        if infos[j].role != "blank":
            return j
    return None


def _run_start(infos: list[Info], a: int, b: int) -> int:
    """First body line in ``[a, b]`` directly followed by another body line."""
    first = None
    for i in range(a, b + 1):
        if infos[i].role != "body":
            continue
        first = i if first is None else first
        nxt = _next_non_blank(infos, i, b + 1)
        if nxt is not None and infos[nxt].role in ("body", "bullet"):
            return i
    return first if first is not None else a


def _find_headline(infos: list[Info], lo: int, lede: int) -> int | None:
    """First headline-like line shortly before the lede (never a body line)."""
    seen = 0
    candidates: list[int] = []
    for i in range(lede - 1, lo - 1, -1):
        info = infos[i]
        if info.role == "blank":
            continue
        seen += 1
        if seen > _HEADLINE_LOOKBACK:
            break
        if (info.role == "heading" and not info.line.bullet) or (
            info.role == "short" and info.line.marked_heading and info.words >= 2
        ):
            candidates.append(i)
    return candidates[-1] if candidates else None


def find_layout(infos: list[Info], lo: int, hi: int) -> Layout | None:
    """Headline, standfirst and body range of the article in lines ``[lo, hi)``."""
    block = densest_block(infos, lo, hi)
    if block is None:
        return None
    a, b = block
    run = _run_start(infos, a, b)
    headline = _find_headline(infos, lo, a)
    start = _first_body_at(infos, a, b)
    standfirst: list[int] = []
    if headline is not None:
        head_norm = infos[headline].norm
        cues = [
            j for j in range(headline + 1, run)
            if infos[j].role in HEADER_CUES or (infos[j].norm == head_norm and infos[j].words)
        ]  # fmt: skip
        if cues:
            start = _first_body_at(infos, cues[-1] + 1, b)
        standfirst = [
            j for j in range(headline + 1, start)
            if infos[j].role in ("body", "bullet") and infos[j].norm != head_norm
        ]  # fmt: skip
    end = max((i for i in range(start, b + 1) if _is_content_end(infos[i])), default=start)
    return Layout(start, _before_promo_tail(infos, start, end), headline, standfirst)


def _before_promo_tail(infos: list[Info], start: int, end: int) -> int:
    """``end`` moved back before a trailing run of the site's promo lines.

    Sites close an article with their own calls to action ("Need more space?
    Subscribe to...", "Follow us on Twitter @x", "Sign up for our newsletter"),
    written as sentences, so they look like body lines; what gives them away is
    where they sit (after the last paragraph, only other promos, headings and
    chrome after them) and how they speak (an imperative to the reader, a
    newsletter/app/social target). Walking back from the end over such lines
    and non-body lines stops at the first other body line; the run is cut only
    when it holds a promo and takes at most a third of the body's words.
    """
    cut = None
    i = end
    while i > start:
        info = infos[i]
        if info.role in ("body", "bullet"):
            if not is_call_to_action(info.text):
                break
            cut = i
        i -= 1
    if cut is None:
        return end
    new_end = max((j for j in range(start, cut) if _is_content_end(infos[j])), default=None)
    if new_end is None or not _set_apart(infos, new_end, cut):
        return end
    kept = sum(infos[j].words for j in range(start, new_end + 1) if infos[j].role == "body")
    dropped = sum(infos[j].words for j in range(cut, end + 1) if infos[j].role == "body")
    return new_end if 2 * dropped <= kept else end


def _set_apart(infos: list[Info], last: int, first_promo: int) -> bool:
    """Page material (a teaser, an ad label, chrome, a line at another depth) lies between
    the body's ``last`` line and the promo run; a call to action right after the last
    paragraph, or after a subhead of the article, is the author's own closing line."""
    depth = infos[last].line.indent
    return any(
        infos[j].role != "blank"
        and not (infos[j].role in ("heading", "short") and infos[j].line.indent == depth)
        for j in range(last + 1, first_promo)
    )


def _first_body_at(infos: list[Info], a: int, b: int) -> int:
    return next((i for i in range(a, b + 1) if infos[i].role == "body"), a)


def _is_content_end(info: Info) -> bool:
    """A body line, or a list item that is a sentence (a list of teaser titles below the
    article is not its end)."""
    return info.role == "body" or (
        info.role == "bullet" and info.words >= 8 and ends_sentence(info.text)
    )
