"""Group body lines into paragraphs; join paragraphs broken mid-sentence.

Scrapers break paragraphs where the page had a line break, an inline link or
an ad slot: a paragraph that ends without terminal punctuation followed by
one that starts in lowercase is one paragraph. Hand-written: paragraph repair
with raw offsets kept is not offered by text-cleaning libraries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsweave.clean.lines import Line
from newsweave.clean.structure import (
    Info,
    ends_clause,
    ends_sentence,
    is_title_case,
    starts_lower,
)

#: Roles kept in the body text; everything else is metadata or chrome.
KEPT_ROLES = frozenset({"body", "bullet", "heading", "short"})
_SUBHEAD_MAX_WORDS = 14
_TEASER_MIN_WORDS = 4
#: Roles of page material: a box holding one of them is the page's, not the article's.
_PAGE_ROLES = frozenset({"chrome", "url", "trailer"})
#: Body words a nested box may hold: at most this many, and at most this share of the body's.
_BOX_MAX_WORDS = 120
_BOX_MAX_SHARE = 0.25


@dataclass
class Paragraph:
    """Lines of one paragraph (joined with a space) and whether it is a subhead."""

    lines: list[Line] = field(default_factory=list)
    subhead: bool = False

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


def is_subhead(info: Info) -> bool:
    """Short title line inside the body: no sentence end, starts with a capital."""
    text = info.text
    return (
        info.role in ("heading", "short")
        and 1 <= info.words <= _SUBHEAD_MAX_WORDS
        and not ends_sentence(text)
        and text[:1].isupper()
    )


def build_paragraphs(
    infos: list[Info], start: int, end: int, drop_norms: set[str]
) -> list[Paragraph]:
    """Paragraphs of the body lines ``[start, end]``, repeated headlines, labelled teaser
    columns and nested page boxes dropped."""
    paragraphs: list[Paragraph] = []
    teasers = teaser_runs(infos, start, end) | nested_boxes(infos, start, end)
    for i, info in enumerate(infos[start : end + 1], start):
        if info.role not in KEPT_ROLES or info.norm in drop_norms or i in teasers:
            continue
        prev = paragraphs[-1] if paragraphs else None
        if (
            prev is not None
            and not prev.subhead
            and not ends_clause(prev.lines[-1].text)
            and starts_lower(info.text)
            and info.role != "bullet"
        ):
            prev.lines.append(info.line)  # broken mid-sentence: one paragraph
            continue
        paragraphs.append(Paragraph([info.line], is_subhead(info)))
    return paragraphs


def _teaser_title(info: Info) -> bool:
    """A headline-like line: a title-case heading or list item that is no sentence."""
    return (
        info.role in ("heading", "bullet")
        and info.words >= _TEASER_MIN_WORDS
        and not info.line.marked_heading
        and not ends_sentence(info.text)
        and is_title_case(info.text)
    )


def teaser_runs(infos: list[Info], start: int, end: int) -> set[int]:
    """Lines of runs of title-case headlines (headings or list items, no sentence end) that
    follow a worded chrome label ("Related", "More from ...") inside ``[start, end]``.

    A related-stories box flattened into the middle of an article is a label and
    a column of headlines; its lines are no subheads of the article. Unlabelled
    runs stay: lists of titles are article content as often as not (a roundup's
    items, a tour's dates).
    """
    out: set[int] = set()
    run: list[int] = []
    labelled = False  # the run follows a worded chrome label ("Related", "Most read")
    for i in range(start, end + 2):
        info = infos[i] if i <= end else None
        if info is not None and info.role == "blank":
            continue
        if info is not None and _teaser_title(info):
            run.append(i)
            continue
        if run and labelled:
            out.update(run)
        run = []
        labelled = (
            info is not None and info.role == "chrome" and bool(info.norm.strip("0123456789 "))
        )
    return out


def nested_boxes(infos: list[Info], start: int, end: int) -> set[int]:
    """Lines of boxes set into the body one level deeper than its paragraphs that hold page
    material (a newsletter sign-up, "related news" links, a share bar).

    In a flattened page indentation is DOM depth: the article's paragraphs share
    one, and a promo or related-stories box placed among them (or right under
    the last one) sits deeper and carries a button, a label or a link line. A
    deeper run of lines is dropped whole when one of its lines is page material
    (``_PAGE_ROLES``) and it holds little of the body's words; a run of deeper
    sentences without such a line (a quote, an embed, the article's last
    paragraphs moved into a nested block) stays. A run reaching the body's last
    line is followed past it, where a box's buttons often fall. Text without
    indentation has no nested boxes.
    """
    counts: dict[int, int] = {}
    for line in infos[start : end + 1]:
        if line.role == "body":
            counts[line.line.indent] = counts.get(line.line.indent, 0) + line.words
    if not counts:
        return set()
    depth = max(counts, key=lambda k: counts[k])
    total = sum(counts.values())
    out: set[int] = set()
    run: list[int] = []
    for i in range(start, len(infos) + 1):
        info = infos[i] if i < len(infos) else None
        if info is not None and info.role == "blank":
            continue
        if info is not None and info.line.indent > depth:
            run.append(i)
            continue
        if run:
            words = sum(infos[j].words for j in run if infos[j].role == "body")
            if (
                any(infos[j].role in _PAGE_ROLES for j in run)
                and words <= _BOX_MAX_WORDS
                and words <= _BOX_MAX_SHARE * total
            ):
                out.update(j for j in run if j <= end)
        run = []
        if i >= end:
            break
    return out


def is_truncated(paragraphs: list[Paragraph]) -> bool:
    """The last paragraph stops mid-sentence: the scrape was cut off."""
    if not paragraphs:
        return False
    last = paragraphs[-1]
    return not last.subhead and not ends_sentence(last.lines[-1].text)
