"""What a watched source lists: RSS/Atom feeds (feedparser), news sitemaps and OPML files.

Untrusted XML is first read with defusedxml, which refuses entity declarations and
external references (billion-laughs and XXE payloads) instead of expanding them; feeds
are then mapped by feedparser, which also copes with the small malformations real feeds
carry. Each listing becomes ``Item`` records: the page URL and the metadata the source
states about it (title, date, author, categories, outlet).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Literal
from xml.etree.ElementTree import Element, ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from newsweave import errors

#: Items taken from one listing per poll (a plain sitemap can list a whole site).
MAX_ITEMS = 1000

ListingKind = Literal["feed", "sitemap", "sitemap-index", "opml"]


@dataclass(frozen=True)
class Item:
    """One page a source lists, with what the source says about it."""

    url: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    categories: tuple[str, ...] = ()
    outlet: str | None = None

    def hints(self) -> dict[str, str]:
        """Document hints the cleaner uses where the page's own metadata is missing."""
        found = {
            "feed_title": self.title,
            "feed_published": self.published,
            "feed_author": self.author,
            "feed_outlet": self.outlet,
            "feed_categories": "\n".join(self.categories) or None,
        }
        return {k: v for k, v in found.items() if v}


@dataclass(frozen=True)
class Listing:
    """A parsed source: its items, or (index, OPML) the further sources it names.

    ``warning`` notes XML that was malformed but still yielded items."""

    kind: ListingKind
    title: str | None
    items: tuple[Item, ...] = ()
    sources: tuple[str, ...] = ()
    warning: str | None = None


def read_listing(body: bytes, base: str) -> Listing | str:
    """The listing in a body fetched from ``base`` (relative links resolve against it), or
    the reason it cannot be read."""
    try:
        root = fromstring(body)
    except DefusedXmlException as exc:
        return errors.FEED_UNSAFE_XML.format(detail=type(exc).__name__)
    except ParseError as exc:
        return _loose_feed(body, base, f"malformed XML ({exc})")
    name = _local(root.tag)
    if name == "urlset":
        return _sitemap(root)
    if name == "sitemapindex":
        locs = [_text(s, "loc") for s in root if _local(s.tag) == "sitemap"]
        return Listing("sitemap-index", None, sources=tuple(u for u in locs if u)[:MAX_ITEMS])
    if name == "opml":
        return Listing("opml", _opml_title(root), sources=tuple(_opml_feeds(root)))
    if name in ("rss", "feed", "RDF"):
        return _feed(body, base, None)
    return errors.FEED_UNREADABLE.format(detail=f"the document is <{name}>")


def read_opml(data: bytes) -> list[str] | str:
    """The feed URLs an OPML file lists (nested outlines too), or why it cannot be read."""
    try:
        root = fromstring(data)
    except DefusedXmlException as exc:
        return errors.FEED_UNSAFE_XML.format(detail=type(exc).__name__)
    except ParseError as exc:
        return errors.OPML_UNREADABLE.format(detail=exc)
    if _local(root.tag) != "opml":
        return errors.OPML_UNREADABLE.format(detail=f"the document is <{_local(root.tag)}>")
    return _opml_feeds(root)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(node: Element, name: str) -> Element | None:
    return next((c for c in node if _local(c.tag) == name), None)


def _text(node: Element, name: str) -> str | None:
    found = _child(node, name)
    value = (found.text or "").strip() if found is not None else ""
    return value or None


def _opml_feeds(root: Element) -> list[str]:
    urls = [o.get("xmlUrl", "").strip() for o in root.iter() if _local(o.tag) == "outline"]
    return list(dict.fromkeys(u for u in urls if u))


def _opml_title(root: Element) -> str | None:
    head = _child(root, "head")
    return _text(head, "title") if head is not None else None


def _sitemap(root: Element) -> Listing:
    """A sitemap's pages; the Google News extension adds title, date, outlet and keywords."""
    items = []
    for entry in root:
        if _local(entry.tag) != "url":
            continue
        url = _text(entry, "loc")
        if not url:
            continue
        news = _child(entry, "news")
        if news is None:
            lastmod = _text(entry, "lastmod")
            items.append(Item(url, published=lastmod[:10] if lastmod else None))
            continue
        publication = _child(news, "publication")
        date = _text(news, "publication_date")
        keywords = _text(news, "keywords") or ""
        items.append(
            Item(
                url,
                title=_text(news, "title"),
                published=date[:10] if date else None,
                categories=tuple(k.strip() for k in keywords.split(",") if k.strip()),
                outlet=_text(publication, "name") if publication is not None else None,
            )
        )
    return Listing("sitemap", None, tuple(items[:MAX_ITEMS]))


def _loose_feed(body: bytes, base: str, problem: str) -> Listing | str:
    """feedparser's lenient reading of XML that is not well formed: kept if it finds items."""
    found = _feed(body, base, problem)
    if isinstance(found, Listing) and found.items:
        return found
    return errors.FEED_UNREADABLE.format(detail=problem)


def _feed(body: bytes, base: str, warning: str | None) -> Listing | str:
    parsed: Any = feedparser.parse(body, response_headers={"content-location": base})
    if parsed.bozo and not parsed.entries:
        return errors.BAD_FEED.format(detail=parsed.get("bozo_exception"))
    outlet = parsed.feed.get("title") or None
    items = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link.startswith(("http://", "https://")):
            continue
        tags = entry.get("tags") or []
        items.append(
            Item(
                link,
                title=entry.get("title") or None,
                published=_date(entry),
                author=entry.get("author") or None,
                categories=tuple(str(t.get("term")) for t in tags if t.get("term")),
                outlet=outlet,
            )
        )
    return Listing("feed", outlet, tuple(items[:MAX_ITEMS]), warning=warning)


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        stamp = entry.get(key)
        if stamp:
            return time.strftime("%Y-%m-%d", stamp)
    return None
