"""Who published a page: the name it gives itself, a known outlet's name, or its host.

Readers recognise "The Irish Times", not ``irishtimes.com`` or a file name.
In order of trust: the name the user gave (``--outlet``, a JSONL ``outlet``
field), the name the page gives itself (``og:site_name`` or JSON-LD publisher,
which trafilatura reads, or "…, writes X" in a scrape's lede), the name of a
well-known outlet from its host (``data/outlets.json``, see its README line),
the owner in a copyright line ("© 2025 Example Media. All rights reserved."),
and last the registered domain. Hand-written: no library maps hosts to outlet
names, and copyright lines are a few patterns.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from importlib import resources
from urllib.parse import urlparse

from newsweave.clean.sources import agency_name, is_photo_agency, outlet_from_url

_COPYRIGHT = re.compile(
    r"^\W*(?:©|\(c\)|copyright\b)\s*(?:©\s*)?"
    r"(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?\s*,?\s*)?(?:©\s*)?"
    r"(?P<name>[^.|·•;:\n]{2,70}?)\s*"
    r"(?:,?\s*(?:inc|ltd|llc|gmbh|plc|s\.?a|corp)\b\.?)?(?:,?\s*(?:19|20)\d\d)?\s*"
    r"(?:[.|·•;:]|all rights|$)",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(r"rights|reserved|https?:|www\.|@|\d{3}", re.IGNORECASE)
_MAX_NAME_WORDS = 6
_DOMAIN_LIKE = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"<(?:/?(?:p|div|li|br|footer|section|span|small|td)\b)[^>]*>", re.IGNORECASE)
_PAGE_TAIL = 40_000  # characters at the end of an HTML page searched for its footer

UNKNOWN_OUTLET = "unknown outlet"


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    data = json.loads(resources.files("newsweave").joinpath("data/outlets.json").read_text("utf-8"))
    return {str(k).lower(): str(v) for k, v in data["outlets"].items()}


def known_outlet(url: str | None) -> str | None:
    """The name of the well-known outlet behind a URL or host, from the shipped table."""
    domain = outlet_from_url(url) if url else None
    return _table().get(domain) if domain else None


def host(url: str | None) -> str | None:
    """The URL's host without ``www.``: what names an unknown outlet."""
    if not url:
        return None
    found = urlparse(url if "//" in url else f"//{url}").hostname
    return found.removeprefix("www.") if found else None


def copyright_owner(line: str) -> str | None:
    """The owner a copyright line names ("© 2025 Example Media Group. All rights reserved.").

    Wire and photo agencies sign photo credits the same way ("© AFP"): they are
    not the page's outlet, so they are never returned.
    """
    m = _COPYRIGHT.match(line.strip())
    if m is None:
        return None
    name = " ".join(m.group("name").split()).strip(" ,-–")
    if (
        not name
        or len(name.split()) > _MAX_NAME_WORDS
        or _NOT_A_NAME.search(name)
        or not (name[0].isalnum() and not name[0].islower())
        or agency_name(name) is not None
        or is_photo_agency(name)
    ):
        return None
    return name


def html_copyright_owner(raw: str) -> str | None:
    """The owner named by the last copyright line in an HTML page's footer."""
    tail = _SCRIPT.sub(" ", raw[-_PAGE_TAIL:])
    text = html.unescape(_TAG.sub("", _BLOCK.sub("\n", tail))).replace("\xa0", " ")
    found = [copyright_owner(line) for line in text.splitlines() if line.strip()]
    names = [name for name in found if name]
    return names[-1] if names else None


def site_name(value: str | None) -> str | None:
    """A page's own site name, unless it is only a domain (trafilatura's fallback)."""
    if not value or not value.strip():
        return None
    value = " ".join(value.split())
    if _DOMAIN_LIKE.match(value):
        return known_outlet(value)
    return value


def choose(
    *,
    given: str | None = None,
    named: str | None = None,
    url: str | None = None,
    footer: str | None = None,
) -> str | None:
    """The outlet in order of trust: given > page's own name > known host > footer > domain."""
    return (
        (given or "").strip()
        or named
        or known_outlet(url)
        or footer
        or (outlet_from_url(url) if url else None)
    )
