"""Atom 1.0 documents (RFC 4287) for following a story, an entity or a search in a feed reader.

Written with the standard library's ElementTree, which escapes every text and attribute;
the format is small enough that a feed-writing dependency would add more than it saves.
Entry ids are ``tag:`` URIs (RFC 4151) built from content hashes, so an entry keeps its id
across requests, restarts and feeds, and a reader never shows one twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote
from xml.etree.ElementTree import Element, SubElement, tostring

ATOM_NS = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
#: Characters XML 1.0 cannot carry at all (C0 controls but tab/newline/CR, surrogates, FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: The tagging entity of every id newsweave mints (a name and the year it was chosen).
TAG_AUTHORITY = "newsweave,2026"


def tag_uri(*parts: str) -> str:
    """``tag:newsweave,2026:story/ID``: a stable id from path parts (each percent-quoted)."""
    return f"tag:{TAG_AUTHORITY}:" + "/".join(quote(p, safe="") for p in parts)


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: datetime
    link: str
    summary: str = ""
    published: datetime | None = None
    author: str | None = None
    categories: tuple[str, ...] = ()


def xml_text(value: str) -> str:
    """``value`` without the characters no XML document may hold (escaping is ElementTree's)."""
    return _NOT_XML.sub("", value)


def stamp(value: datetime) -> str:
    """RFC 3339 in UTC, as Atom requires (``2025-12-22T10:00:00Z``)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def published_time(value: str | None) -> datetime | None:
    """A full ISO date (``2025-12-22``) as midnight UTC; partial dates have no Atom form."""
    if not value or len(value) < 10:
        return None
    try:
        return datetime.fromisoformat(value[:10]).replace(tzinfo=UTC)
    except ValueError:
        return None


def atom_document(
    feed_id: str,
    title: str,
    self_url: str,
    page_url: str,
    entries: Sequence[Entry],
    subtitle: str | None = None,
) -> bytes:
    """The feed as UTF-8 XML, newest entry first."""
    ordered = sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)
    feed = Element("feed", {"xmlns": ATOM_NS})
    SubElement(feed, "id").text = feed_id
    SubElement(feed, "title").text = xml_text(title)
    if subtitle:
        SubElement(feed, "subtitle").text = xml_text(subtitle)
    # An empty feed says "never updated" (the epoch), so its bytes, and its ETag, hold still.
    updated = ordered[0].updated if ordered else datetime.fromtimestamp(0, UTC)
    SubElement(feed, "updated").text = stamp(updated)
    SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": self_url})
    SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": page_url})
    SubElement(SubElement(feed, "author"), "name").text = "newsweave"
    SubElement(feed, "generator").text = "newsweave"
    for e in ordered:
        entry = SubElement(feed, "entry")
        SubElement(entry, "id").text = e.id
        SubElement(entry, "title").text = xml_text(e.title)
        SubElement(entry, "updated").text = stamp(e.updated)
        if e.published is not None:
            SubElement(entry, "published").text = stamp(e.published)
        SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": e.link})
        if e.author:
            SubElement(SubElement(entry, "author"), "name").text = xml_text(e.author)
        for term in e.categories:
            SubElement(entry, "category", {"term": xml_text(term)})
        if e.summary:
            SubElement(entry, "summary", {"type": "text"}).text = xml_text(e.summary)
    body: bytes = tostring(feed, encoding="utf-8", xml_declaration=True)
    return body
