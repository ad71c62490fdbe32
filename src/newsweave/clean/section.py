"""The section an article is filed under ("World", "Politics", "Wirtschaft"), from the best
evidence the input holds: the page's own ``article:section`` meta (or JSON-LD
``articleSection``), a section line atop a text scrape, the URL path, or the feed's
category.

Hand-written because no library names a section from a URL path or a scrape's
header lines; the page metadata comes through lxml and trafilatura. The vocabulary is
the generic names newsrooms file articles under, in the languages newsweave reads; a
line or a URL segment counts only when it is one of them (a lone capitalised word
atop a scrape is as often a dateline or a label), while a page's or a feed's own
declaration is taken as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

from newsweave.clean.date_words import word_set
from newsweave.clean.dates import find_date

SectionFrom = Literal["html-meta", "line", "url", "feed"]

#: Section names newsrooms use (en, ru, uk, de, fr, es, it, pt), one word each or joined
#: with "-" for a phrase ("middle-east"); matched case-folded.
SECTION_WORDS = word_set(
    "politics world business economy markets finance money sport sports football tech "
    "technology science health culture arts entertainment lifestyle life travel opinion "
    "opinions comment commentary analysis editorial national international local us uk "
    "europe asia africa americas middle-east latin-america australia environment climate "
    "education religion food fashion style media defence defense security crime law justice "
    "society weather energy features investigations obituaries diplomacy conflict war "
    "us-news world-news uk-news business-news "
    "политика мир экономика общество спорт культура наука происшествия "
    "політика світ економіка суспільство культура спорт наука війна "
    "politik wirtschaft kultur wissen panorama ausland inland meinung "
    "politique monde économie economie société societe culture "
    "política politica mundo economía economia sociedad deportes opinión cultura "
    "esteri cronaca economia sport mundo esportes"
)
#: URL path segments that are never a section (site structure, languages, formats).
_NOT_IN_PATH = word_set(
    "news article articles story stories node amp index content post posts p a www html "
    "id item items detail details view read share category categories section sections "
    "tag tags topic topics en ru uk de fr es it pt ua"
)
_SEGMENT = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+){0,2}$")
_LINE = re.compile(r"^[^\W\d_]+(?:[ &/-]+[^\W\d_]+){0,2}$")
_READ_TIME = re.compile(r"\b\d+\s*min(?:ute)?s?\s+read\b", re.IGNORECASE)
_MAX_CHARS = 40


def _key(phrase: str) -> str:
    return "-".join(phrase.casefold().replace("&", " ").replace("/", " ").split())


def is_section_name(phrase: str) -> bool:
    """Whether a short phrase is a section name newsrooms use ("World", "US news")."""
    return _key(phrase) in SECTION_WORDS


def tidy(value: str) -> str | None:
    """A section as shown: spaces collapsed, ALL CAPS put in title case (short words such
    as "US" kept), at most 40 characters; None when nothing is left."""
    words = value.replace("_", " ").split()
    if not words:
        return None
    if all(not w.isalpha() or w.isupper() for w in words):
        words = [w if len(w) <= 2 else w.capitalize() for w in words]
    text = " ".join(words)
    return text[:_MAX_CHARS].rstrip() or None


def from_meta(tree: Any) -> str | None:
    """The page's own ``<meta property="article:section">`` (an lxml tree)."""
    for value in tree.xpath('//meta[@property="article:section"]/@content'):
        found = tidy(str(value))
        if found:
            return found
    return None


def from_url(url: str | None) -> str | None:
    """A section named by the URL path (``/world/europe/2025/…``): the first segment that is
    a section name, before the article's own slug."""
    if not url:
        return None
    segments = [unquote(s) for s in urlsplit(url).path.split("/") if s]
    for segment in segments[:-1] if len(segments) > 1 else []:
        plausible = _SEGMENT.match(segment) and segment.casefold() not in _NOT_IN_PATH
        if plausible and is_section_name(segment):
            return _from_slug(segment)
    if segments and is_section_name(segments[-1]):  # /node/2627135/world
        return _from_slug(segments[-1])
    return None


def _from_slug(segment: str) -> str | None:
    """``us-news`` → ``US News``, ``middle-east`` → ``Middle East``."""
    return tidy(" ".join(w.upper() if len(w) <= 2 else w.capitalize() for w in segment.split("-")))


def from_hints(hints: Mapping[str, str]) -> str | None:
    """The input's own label: a ``section`` hint, else the feed item's first category."""
    for key in ("section", "category", "categories", "feed_categories"):
        value = hints.get(key)
        if value:
            found = tidy(value.replace("\n", ",").split(",")[0])
            if found:
                return found
    return None


def from_line(line: str) -> str | None:
    """A scrape's section line: the line is a section name ("POLITICS"), or starts with one
    before the date or read time of a header line ("Politics Dec 21, 2025 2 min read")."""
    text = line.strip()
    if not text or len(text) > 120:
        return None
    if _LINE.match(text):
        return tidy(text) if is_section_name(text) else None
    words = text.split()
    for n in (3, 2, 1):
        head, rest = " ".join(words[:n]), " ".join(words[n:])
        if not rest or not _LINE.match(head) or not is_section_name(head):
            continue
        if find_date(rest) is not None or _READ_TIME.search(rest):
            return tidy(head)
    return None


def pick(
    *,
    meta: str | None = None,
    line: str | None = None,
    url: str | None = None,
    hints: Mapping[str, str] | None = None,
) -> tuple[str | None, SectionFrom | None]:
    """The best section the evidence gives, and where it came from: the page's own
    declaration, then a scrape's section line, the URL path, the feed's category."""
    for value, origin in (
        (meta, "html-meta"),
        (line, "line"),
        (from_url(url), "url"),
        (from_hints(hints or {}), "feed"),
    ):
        if value:
            return value, origin  # type: ignore[return-value]
    return None, None
