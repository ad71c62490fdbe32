"""Line roles: what each line of a scrape is (body, headline, date, caption...).

Roles come from cheap structural features (length, terminal punctuation,
case pattern, bullets) plus the metadata recognisers, so the same rules work
on a tidy scrape and on a flattened web page full of menus. Hand-written:
no library labels lines of flattened text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from newsweave.clean import metadata
from newsweave.clean.chrome import is_chrome, normalise
from newsweave.clean.lines import Line
from newsweave.words import SENTENCE_END_CHARS, word_count

Role = Literal[
    "blank", "trailer", "url", "date", "relative", "agency", "author", "caption", "chrome",
    "bullet", "body", "heading", "short",
]  # fmt: skip

#: Roles that announce an article header (they sit between headline and lede).
HEADER_CUES: frozenset[str] = frozenset({"date", "relative", "agency", "author", "caption"})

# Closing quotes and brackets may follow the stop, in Latin and CJK typography.
_CLOSERS = "\"'”’»)\\]」』）】"
_TERMINAL = re.compile(f"[{SENTENCE_END_CHARS}:;：；][{_CLOSERS}]*$")
_SENTENCE_END = re.compile(f"[{SENTENCE_END_CHARS}][{_CLOSERS}]*$")
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+(?:\s+\S+){0,3}$", re.IGNORECASE)
_URL_LABEL = re.compile(
    r"^(?:original\s+)?(?:url|link|source(?:\s+url)?|источник|джерело)\s*:", re.IGNORECASE
)
_WORDISH = re.compile(r"[^\W\d_]")
#: A label run (``is_label_run``): at least this many words, this share of them capitalised
#: (chosen on the tuning part of the flattened AEB and Dragnet pages: 14, 20 and 26 words tried).
_LABEL_RUN_WORDS = 20
_LABEL_RUN_SHARE = 0.8


@dataclass(frozen=True)
class Info:
    """A line with its role and the features later steps need."""

    line: Line
    role: Role
    words: int
    norm: str
    credit: metadata.Found | None = None
    date: metadata.Found | None = None

    @property
    def text(self) -> str:
        return self.line.text


def ends_sentence(text: str) -> bool:
    """Ends with terminal punctuation (closing quotes/brackets allowed)."""
    return bool(_SENTENCE_END.search(text.rstrip()))


def ends_clause(text: str) -> bool:
    """Ends with terminal punctuation or a colon/semicolon."""
    return bool(_TERMINAL.search(text.rstrip()))


def starts_lower(text: str) -> bool:
    """Starts with a lowercase letter: a continuation, not a new paragraph."""
    stripped = text.lstrip("\"'“‘«(—–- ")
    return bool(stripped) and stripped[0].islower()


def is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def is_title_case(text: str) -> bool:
    """Most longer words capitalised, as in "Peace Talks Advance in Florida"."""
    long_words = [w for w in text.split() if len(w) > 3 and _WORDISH.match(w)]
    if not long_words:
        return False
    upper = sum(1 for w in long_words if w[0].isupper())
    return upper / len(long_words) >= 0.6


def sentence_like(text: str, words: int) -> bool:
    """A body sentence: enough words and a sentence end, or long enough to be a cut paragraph."""
    if words >= 14:
        return True
    return words >= 6 and ends_sentence(text) and not is_caps(text)


def is_label_run(text: str, words: int) -> bool:
    """A long line of capitalised labels without a clause end: a menu, a category or
    archive drop-down ("Select Category Architecture Art and Artists Bathrooms …"),
    a tag cloud or a row of links flattened into one line.

    Long enough to pass as a paragraph, such a line is no prose: in running text
    of any cased script most words start in lower case (German capitalises its
    nouns, not its verbs and articles), and a paragraph ends with a stop. Words
    that start with a digit or a symbol are not counted; scripts without case
    (CJK, Arabic, Thai) have no capitals and never match.
    """
    if words < _LABEL_RUN_WORDS or ends_clause(text):
        return False
    worded = [w for w in text.split() if _WORDISH.match(w)]
    upper = sum(1 for w in worded if w[0].isupper())
    return bool(worded) and upper >= _LABEL_RUN_SHARE * len(worded)


def headline_like(text: str, words: int) -> bool:
    """Short-ish line without a closing period that starts like a title."""
    if not 3 <= words <= 25 or text.endswith((".", ",", ";", ":", "。", "、", "،")):
        return False
    first = text.lstrip("\"'“‘«「『")
    # Capitalised, a digit, or a letter of a script without case (CJK, Arabic, Thai...).
    return bool(first) and first[0].isalnum() and not first[0].islower()


def _meta_role(text: str, words: int) -> tuple[Role | None, metadata.Found | None]:
    """Roles decided by the metadata recognisers (dates, bylines, credits)."""
    if words <= 16:
        found = metadata.date_line(text)
        if found is not None:
            return "date", found
        if metadata.is_relative_timestamp(text):
            return "relative", None
    if words <= 6:
        agency = metadata.byline_agency(text)
        if agency is not None:
            return "agency", agency
        author = metadata.byline_author(text)
        if author is not None:
            return "author", author
    return None, None


def _caption(text: str, words: int) -> metadata.Found | None:
    """A credit at the very end of a short-enough line marks a caption."""
    if words > 60:
        return None
    found = metadata.caption_credit(text)
    if found is None or len(text.rstrip(" )].")) - found.end > 2:
        return None
    return found


def classify(line: Line) -> Info:
    """Role of one line, from its own text only (context comes later)."""
    text = line.text
    words = word_count(text)
    norm = normalise(text)
    if not text:
        return Info(line, "blank", 0, "")
    if _URL_LABEL.match(text) and words <= 12:
        return Info(line, "trailer", words, norm)
    if _URL_ONLY.match(text):
        return Info(line, "url", words, norm)
    role, found = _meta_role(text, words)
    if role is not None:
        return Info(
            line,
            role,
            words,
            norm,
            date=found if role == "date" else None,
            credit=found if role in ("agency", "author") else None,
        )
    credit = _caption(text, words)
    if credit is not None:
        return Info(line, "caption", words, norm, credit=credit)
    if is_chrome(text):
        return Info(line, "chrome", words, norm)
    if line.bullet:
        return Info(line, "bullet", words, norm)
    if is_label_run(text, words):
        return Info(line, "short", words, norm)
    if sentence_like(text, words):
        return Info(line, "body", words, norm)
    if headline_like(text, words):
        return Info(line, "heading", words, norm)
    return Info(line, "short", words, norm)


def classify_all(lines: list[Line]) -> list[Info]:
    """Roles for every line; a URL line right after a trailer label joins the trailer."""
    infos = [classify(line) for line in lines]
    for i, info in enumerate(infos):
        if info.role != "trailer":
            continue
        for j in range(i + 1, min(i + 4, len(infos))):
            nxt = infos[j]
            if nxt.role in ("url", "body", "short", "heading") and "://" in nxt.text:
                infos[j] = Info(nxt.line, "url", nxt.words, nxt.norm)
                break
            if nxt.role != "blank":
                break
    return infos
