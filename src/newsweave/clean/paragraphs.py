"""Group body lines into paragraphs; join paragraphs broken mid-sentence.

Scrapers break paragraphs where the page had a line break, an inline link or
an ad slot: a paragraph that ends without terminal punctuation followed by
one that starts in lowercase is one paragraph. Hand-written: paragraph repair
with raw offsets kept is not offered by text-cleaning libraries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsweave.clean.lines import Line
from newsweave.clean.structure import Info, ends_clause, ends_sentence, starts_lower

#: Roles kept in the body text; everything else is metadata or chrome.
KEPT_ROLES = frozenset({"body", "bullet", "heading", "short"})
_SUBHEAD_MAX_WORDS = 14


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
    """Paragraphs of the body lines ``[start, end]``, repeated headlines dropped."""
    paragraphs: list[Paragraph] = []
    for info in infos[start : end + 1]:
        if info.role not in KEPT_ROLES or info.norm in drop_norms:
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


def is_truncated(paragraphs: list[Paragraph]) -> bool:
    """The last paragraph stops mid-sentence: the scrape was cut off."""
    if not paragraphs:
        return False
    last = paragraphs[-1]
    return not last.subhead and not ends_sentence(last.lines[-1].text)
