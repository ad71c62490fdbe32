"""Quotes found by their marks and attributed by the clause around them: the part shared
by the analysers that have no dependency parse to follow (Russian, Ukrainian, French).

Those languages differ in their quote marks, dialogue dashes, speech verbs and the way an
attribution follows a quote; they share how a quote is collected once its marks are
found, which clause before it can name its speaker (one ending in a colon), and who a
clause names. The language modules keep what differs and call :func:`marked_quotes`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from newsweave.model import Mention, Quote

#: Fewer words between the marks make a title or a term, not a quote.
MIN_WORDS = 3

#: (speaker mention, cue, speaker start, speaker end): what attributes a quote, with -1
#: offsets when the cue names no one.
Attribution = tuple[Mention | None, str | None, int, int]


def people(mentions: Sequence[Mention]) -> list[Mention]:
    """The article's person mentions, in text order."""
    return sorted((m for m in mentions if m.label == "PERSON"), key=lambda m: m.start)


def person_in(found: list[Mention], start: int, end: int) -> Mention | None:
    """The first person mention wholly inside ``[start, end)``."""
    return next((m for m in found if start <= m.start and m.end <= end), None)


def last_person_before(found: list[Mention], offset: int) -> Mention | None:
    """The person named last before ``offset`` (whom "he"/"she" most likely means)."""
    before = [m for m in found if m.end <= offset]
    return before[-1] if before else None


def clause_before(text: str, start: int) -> tuple[int, int] | None:
    """The attribution before a quote that a colon introduces ("X said: «…»"), from the
    sentence's start up to the colon."""
    head = text[max(0, start - 200) : start].rstrip()
    if not head.endswith(":"):
        return None
    cut = max(head.rfind(ch) for ch in ".!?\n")
    return max(0, start - 200) + cut + 1, max(0, start - 200) + len(head) - 1


def marked_quotes(
    text: str,
    article_id: str,
    *,
    quoted: re.Pattern[str],
    dialogue: re.Pattern[str],
    words: re.Pattern[str],
    attribution: Callable[[tuple[int, int]], Attribution | None],
    clause_after: Callable[[str, int], tuple[int, int] | None],
    colon_window: int,
) -> list[Quote]:
    """The attributed quotes of ``text``, in text order.

    ``quoted`` matches a quote with its marks, the words in its group ``a``, ``b`` or
    ``c``; ``dialogue`` a paragraph of dialogue, the words in group ``q``, unless they
    lie inside marked quotes. A quote is kept when it has :data:`MIN_WORDS` ``words``
    and ``attribution`` (given the span with its marks) finds a cue; it is direct when it
    is dialogue, a colon lies within ``colon_window`` characters before it, or
    ``clause_after`` finds an attribution after it, else partial."""
    # (start, end) of the words, (start, end) with the marks, introduced by a dialogue dash
    spans: list[tuple[int, int, int, int, bool]] = []
    for m in quoted.finditer(text):
        group = next(g for g in ("a", "b", "c") if m.group(g) is not None)
        spans.append((m.start(group), m.end(group), m.start(), m.end(), False))
    for m in dialogue.finditer(text):
        if not any(s[2] <= m.start("q") < s[3] for s in spans):
            spans.append((m.start("q"), m.end("q"), m.start("q"), m.end("q"), True))
    found: list[Quote] = []
    for start, end, outer_start, outer_end, is_dialogue in sorted(spans):
        if len(words.findall(text[start:end])) < MIN_WORDS:
            continue
        attributed = attribution((outer_start, outer_end))
        if attributed is None:
            continue
        speaker, cue, s_start, s_end = attributed
        before = text[max(0, outer_start - colon_window) : outer_start]
        direct = is_dialogue or ":" in before or clause_after(text, outer_end) is not None
        found.append(
            Quote(
                article_id=article_id,
                start=start,
                end=end,
                text=text[start:end],
                kind="direct" if direct else "partial",
                speaker=speaker.name if speaker else None,
                speaker_start=s_start if s_start >= 0 else None,
                speaker_end=s_end if s_end >= 0 else None,
                cue=cue,
            )
        )
    return found
