"""Publication dates written into URL paths ("/2025/12/20/", "/2025/dec/20/", "-20251220-").

Split from ``dates`` (which recognises date lines in text); it shares that
module's month names and calendar checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsweave.clean.date_words import month_number
from newsweave.clean.dates import iso_from_parts

_L = r"[^\W\d_]"  # one letter, any script

_URL_SHAPES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]], ...] = (
    (
        re.compile(r"/((?:19|20)\d\d)/([01]?\d)/([0-3]?\d)(?=[/_.-]|$)"),
        lambda m: iso_from_parts(int(m[1]), int(m[2]), int(m[3])),
    ),
    (
        re.compile(rf"/((?:19|20)\d\d)/({_L}{{3,9}})/([0-3]?\d)(?=[/_.-]|$)"),
        lambda m: _named_url_date(m[1], m[2], m[3]),
    ),
    (
        re.compile(r"(?<![\d])((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?!\d)"),
        lambda m: iso_from_parts(int(m[1]), int(m[2]), int(m[3])),
    ),
    (
        re.compile(r"(?<![\d])((?:19|20)\d\d)([01]\d)([0-3]\d)(?!\d)"),
        lambda m: iso_from_parts(int(m[1]), int(m[2]), int(m[3])),
    ),
    (
        re.compile(r"/((?:19|20)\d\d)/([01]?\d)(?=/|$)"),
        lambda m: iso_from_parts(int(m[1]), int(m[2])),
    ),
)


def _named_url_date(year: str, month: str, day: str) -> str | None:
    """Paths like "/2025/dec/20/" spell the month out."""
    number = month_number(month)
    return iso_from_parts(int(year), number, int(day)) if number else None


def url_date(url: str) -> str | None:
    """Publication date encoded in a URL path ("/2025/12/20/", "-20251220-"), or "YYYY-MM"."""
    path_start = url.find("/", url.find("//") + 2 if "//" in url else 0)
    if path_start < 0:
        return None
    path = url[path_start:]
    for pattern, convert in _URL_SHAPES:
        for m in pattern.finditer(path):
            value = convert(m)
            if value is not None:
                return value
    return None
