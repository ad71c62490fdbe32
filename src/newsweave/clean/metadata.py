"""Find article metadata in lines of scraped text: dates, agencies, datelines, bylines, credits.

Pure functions over one line or paragraph, each returning a :class:`Found`
(normalised value plus the span of its evidence) or ``None``. They rely on
case, punctuation and position cues that hold across outlets and languages,
never on a list of particular sites or people. Date helpers live in
``dates.py`` and agency/URL helpers in ``sources.py``; both are re-exported.
"""

from __future__ import annotations

import re

from newsweave.clean.date_words import MONTH_WORDS_RE, WEEKDAY_WORDS, month_number, word_set
from newsweave.clean.dates import (
    Found,
    date_line,
    find_date,
    is_relative_timestamp,
    iso_from_parts,
)
from newsweave.clean.sources import (
    agency_name,
    agency_pattern,
    caption_credit,
    outlet_from_url,
    repair_url,
    self_attribution,
)
from newsweave.clean.url_dates import url_date

__all__ = [
    "Found",
    "agency_name",
    "byline_agency",
    "byline_author",
    "caption_credit",
    "date_line",
    "dateline",
    "find_date",
    "is_relative_timestamp",
    "lede_agency",
    "outlet_from_url",
    "repair_url",
    "scraper_header",
    "self_attribution",
    "url_date",
]

_UP = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐ"  # upper-case letters of the scripts we read
_CAP = rf"[{_UP}]"
_MONTH = rf"(?i:{MONTH_WORDS_RE})\.?"

# --- scraper headers ------------------------------------------------------------------

_HEADER_KEY = re.compile(
    r"[\ufeff\s]*(?:date|published(?:[ _-]?(?:at|on|date))?|pub(?:lication)?[ _-]?date|"
    r"date[ _-]?published|datetime|timestamp|created(?:[ _-]?at)?|дата|datum|fecha)"
    r"(?![\w-])[ \t]*[:=]?[ \t]*",
    re.IGNORECASE,
)
_HEADER_VALUE = re.compile(
    r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
    r"(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?!\d)"
    r"|(?P<d2>[0-3]?\d)\.(?P<m2>[01]?\d)\.(?P<y2>(?:19|20)\d\d)(?!\d)"
)
_FRONT_MATTER = re.compile(r"[\ufeff\s]*---[ \t]*\n(?P<body>(?:[^\n]*\n){0,30}?)---[ \t]*(?:\n|$)")


def scraper_header(text: str) -> tuple[Found, int] | None:
    """A scraper's date header at the very start of a file, and where the content begins.

    Scrapers prefix files with ``date 2025-12-22`` (sometimes on the same line as
    the text), ``Date: ...`` or a ``---`` front-matter block; the date there is
    metadata, not article text.
    """
    fm = _FRONT_MATTER.match(text)
    if fm is not None:
        start = fm.start("body")
        for line in re.finditer(r"[^\n]*", fm.group("body")):
            found = _header_at(text, start + line.start(), start + line.end())
            if found is not None:
                return found[0], _skip_space(text, fm.end())
        return None
    return _header_at(text, 0, len(text))


def _header_at(text: str, pos: int, limit: int) -> tuple[Found, int] | None:
    """A ``key value`` date header starting at ``pos``; inline values must be numeric."""
    key = _HEADER_KEY.match(text, pos, limit)
    if key is None:
        return None
    value = _HEADER_VALUE.match(text, key.end(), limit)
    if value is not None:
        y, m, d = value.group("y", "m", "d") if value.group("y") else value.group("y2", "m2", "d2")
        iso = iso_from_parts(int(y), int(m), int(d))
        if iso is None:
            return None
        return Found(iso, value.start(), value.end()), _skip_space(text, value.end())
    inline = find_date(text[key.end() : min(limit, key.end() + 40)])
    if inline is not None and inline.start == 0 and len(inline.value) == 10:
        end = key.end() + inline.end
        return Found(inline.value, key.end(), end), _skip_space(text, end)
    line_end = text.find("\n", key.end(), limit)
    line_end = limit if line_end < 0 else line_end
    found = date_line(text[key.end() : line_end])
    if found is None or len(found.value) < 10:
        return None
    shifted = Found(found.value, key.end() + found.start, key.end() + found.end)
    return shifted, _skip_space(text, line_end)


def _skip_space(text: str, pos: int) -> int:
    """Content starts at the first non-space character after a header."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


# --- agencies in bylines and ledes ------------------------------------------------------

_BY = (
    r"(?:by|von|par|por|di|da|door|av|przez|от|від|автор(?:ы|и)?|source|sources|quelle|"
    r"источник|джерело|fuente)"
)
_BY_PREFIX = re.compile(rf"\s*[-–—(]?\s*(?:{_BY}\s*:?\s+)?", re.IGNORECASE)
_BYLINE_SEPARATOR = re.compile(r"[,|/•·—–()]")
_BYLINE_GLUE = word_set(
    "and und et y e и і та & with mit avec con staff reporters reporter correspondent "
    "correspondents writer writers wire wires service agencies agency news in at for of the "
    "from photo"
)


def byline_agency(line: str) -> Found | None:
    """The wire agency a byline names ("By AFP", "Reuters Staff", "John Smith, AP")."""
    if len(line) > 120:
        return None
    matches = [m for m in agency_pattern().finditer(line) if agency_name(m.group())]
    if not matches:
        return None
    prefix = _BY_PREFIX.match(line)
    offset = prefix.end() if prefix is not None else 0
    rest = line[offset:]
    residue = rest
    for m in reversed(matches):
        if m.start() >= offset:
            a, b = m.start() - offset, m.end() - offset
            residue = residue[:a] + " " + residue[b:]
    words = re.findall(r"[^\W_][\w.'’-]*", residue)
    if len(words) > 8:
        return None
    names = [w for w in words if w.casefold() not in _BYLINE_GLUE]
    if any(not w[0].isupper() for w in names):
        return None
    if names and not re.search(r"\w", line[:offset]) and not _BYLINE_SEPARATOR.search(line):
        return None  # "Reuters Poll Shows Support" is a headline, "Jane Doe | Reuters" a byline
    first = matches[0]
    name = agency_name(first.group())
    return Found(name, first.start(), first.end()) if name else None


_WORD = r"[^\W\d_][\w.'’&-]*"
_PLACE = rf"{_WORD}(?:[ ]{_WORD}){{0,3}}(?:/{_WORD}(?:[ ]{_WORD}){{0,2}}){{0,3}}"
_DATE_BIT = rf"(?:{_MONTH}\s*\d{{1,2}}|\d{{1,2}}\.?\s*{_MONTH}|\d{{1,2}}\.\d{{1,2}}\.(?:\d{{4}})?)"
_HEAD = re.compile(
    rf"\s*(?P<place>{_PLACE})(?P<region>(?:,[ ]{_PLACE}){{0,2}}?)"
    rf"(?:,\s*(?P<date>{_DATE_BIT})(?:,?\s*\d{{4}})?)?\.?"
    rf"(?:\s*(?:\((?P<ag1>[^()\n]{{1,50}})\)|/(?P<ag2>[^/\n]{{1,40}})/))?"
    rf"(?P<sep>\s*[:—–]|\s+-|(?<=[)/])\s*\.)\s*",
)
_AGENCY_AFTER_DASH = re.compile(
    rf"\s*(?P<pre>{_PLACE}(?:,[ ]{_PLACE}){{0,2}}(?:,\s*{_DATE_BIT}(?:,?\s*\d{{4}})?)?)"
    rf"\.?\s*[—–-]\s*(?P<ag>[^.\n]{{2,40}}?)\.\s",
)
_PLAIN_LEDE = re.compile(r"\s*(?:\((?P<ag1>[^()\n]{1,50})\)|/(?P<ag2>[^/\n]{1,40})/)\s*[-–—:.]")


def _agency_in(text: str) -> str | None:
    """Canonical agency named by a credit-like string ("Reuters", "AP/Reuters", "ТАСС")."""
    for part in re.split(r"\s*[/,;]\s*|\s+(?:and|und|et|и)\s+", text.strip()):
        name = agency_name(part)
        if name:
            return name
    return None


def lede_agency(paragraph: str) -> Found | None:
    """The agency in a lede's dateline: "KYIV (Reuters) - ...", "МОСКВА, 20 декабря. /ТАСС/."."""
    for pattern in (_PLAIN_LEDE, _HEAD):
        m = pattern.match(paragraph)
        if m is None or (pattern is _HEAD and not _is_place(m)):
            continue
        group = "ag1" if m.group("ag1") else "ag2"
        if m.group(group) is None:
            continue
        name = _agency_in(m.group(group))
        if name:
            return Found(name, m.start(group), m.end(group))
    m = _AGENCY_AFTER_DASH.match(paragraph)
    if m is not None and _looks_like_place(m.group("pre").split(",")[0]):
        name = _agency_in(m.group("ag"))
        if name:
            return Found(name, m.start("ag"), m.end("ag"))
    return None


# --- datelines --------------------------------------------------------------------------

# Capitalised openers that are labels or discourse words, not places.
_NOT_PLACES = word_set(
    "breaking update updated exclusive watch live analysis opinion editorial comment commentary "
    "interview photo photos video videos note editor's editors correction clarification "
    "warning disclaimer summary background context related read more also see source sources "
    "quote however meanwhile but and or so yet still also moreover furthermore therefore thus "
    "instead overall finally first second third today yesterday tomorrow earlier later now "
    "previously recall reminder why what how who when where yes no q a question answer "
    "translation update: fact check factcheck explainer feature review preview recap nato opec "
    "asean fifa uefa nasa covid ceo cfo gdp premium sponsored advertisement ad important "
    "top key timeline highlights latest trending special report profile obituary politics "
    "world business sport sports economy tech technology science health culture lifestyle "
    "travel weather markets local national international national live-blog "
    "важно напомним читайте также смотрите фото видео обновлено справка примечание внимание "
    "важливо нагадаємо читайте також дивіться оновлено довідка увага"
)


def _looks_like_place(place: str) -> bool:
    """Every word capitalised and the first not a label or discourse word ("However")."""
    words = place.split()
    return bool(words) and all(w[0].isupper() for w in words) and (
        words[0].casefold().strip(".:") not in _NOT_PLACES
    )


def _is_caps(text: str) -> bool:
    """ALL CAPS (at least two letters): the strongest dateline cue."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_place(m: re.Match[str]) -> bool:
    """Case and punctuation cues that a matched head is a dateline place, not a label or speaker."""
    place, region = m.group("place"), m.group("region")
    if not _looks_like_place(place) or month_number(place.split()[0]) is not None:
        return False
    if place.casefold() in _NOT_PLACES:
        return False
    if any(not _looks_like_place(r) for r in region.split(",") if r.strip()):
        return False
    has_agency = bool(m.group("ag1") or m.group("ag2"))
    if _is_caps(place):
        return len(place) > 3 or has_agency or bool(region) or bool(m.group("date"))
    if len(place.split()) > 3 or not all(w[0].isupper() and not _is_caps(w) for w in place.split()):
        return False
    if has_agency or m.group("date"):
        return True
    tail = m.string[m.end() :]
    if not tail or not tail[0].isupper():
        return False
    if m.group("sep").strip() == ":":
        return len(tail.split()) >= 12 and len(place.split()) == 1
    return True


def dateline(paragraph: str) -> Found | None:
    """The place in a lede's dateline ("WASHINGTON:", "KYIV, Ukraine (AP) —", "Munich —")."""
    m = _HEAD.match(paragraph)
    if m is None or not _is_place(m):
        return None
    end = m.end("region") if m.group("region") else m.end("place")
    value = " ".join(paragraph[m.start("place") : end].split())
    return Found(value, m.start("place"), end)


# --- author bylines ---------------------------------------------------------------------

_PARTICLE = r"(?:van|von|de|der|den|da|di|del|della|du|dos|das|la|le|bin|ibn|al|el|ter|ten)"
_TOKEN = rf"{_CAP}[\w'’.-]*"
_NAME = rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)*{_TOKEN}){{1,3}}"
_JOIN = r"(?:\s*,\s*(?:and\s+)?|\s+(?:and|und|et|y|e|и|і|та|&)\s+)"
_AUTHOR = re.compile(
    rf"\s*(?i:by|von|par|por|di|door|av|przez|от|від|автор(?:ы|и)?:?|текст:?)\s+"
    rf"(?P<names>{_NAME}(?:{_JOIN}{_NAME}){{0,5}})"
    rf"(?:\s*(?:[,|•·—–-]|\s(?:for|in|at|für|pour|para|для))\s*(?P<tail>.*?))?\s*$",
)


def _name_ok(names: str) -> bool:
    """Reject agencies, days and months as names ("By Reuters Staff", "By Monday Evening")."""
    if agency_pattern().match(names) or names.split()[0].casefold() == "the":
        return False
    for token in re.findall(r"\w+", names):
        folded = token.casefold()
        if folded in WEEKDAY_WORDS or (month_number(folded) is not None and len(folded) > 3):
            return False
    return True


def byline_author(line: str) -> Found | None:
    """Author names in a byline ("By John Smith and Jane Doe", "Von Anna Müller")."""
    if len(line) > 160:
        return None
    m = _AUTHOR.match(line)
    if m is None or not _name_ok(m.group("names")):
        return None
    tail = m.group("tail") or ""
    if tail and date_line(tail) is None:
        words = re.findall(r"[^\W_][\w.'’-]*", tail)
        if len(words) > 8 or any(
            not w[0].isupper() and not w[0].isdigit() and w.casefold() not in _BYLINE_GLUE
            for w in words
        ):
            return None
    return Found(" ".join(m.group("names").split()), m.start("names"), m.end("names"))

