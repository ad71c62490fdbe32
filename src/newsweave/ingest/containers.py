"""Containers holding many articles: RSS/Atom feeds (feedparser) and WARC archives (warcio).

Both are read with well-kept libraries; newsweave only maps their items to
Documents with hints (url, title, published, outlet, category) and rejects bad items alone.
"""

from __future__ import annotations

import gzip
import time
import zlib
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as DefusedET
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsweave import errors, settings
from newsweave.ingest.decode import DecodeFailure, decode
from newsweave.ingest.discover import Source
from newsweave.ingest.formats import is_truncated_html
from newsweave.model import Document, Rejection, sha256_hex


def is_warc(head: bytes) -> bool:
    """WARC files start with a version line; ``.warc.gz`` is gzip per record."""
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def warc_documents(src: Source) -> Iterator[Document | Rejection]:
    """One Document per HTML response record, streamed so archives of any size fit."""
    records = html_records = 0
    try:
        with src.open() as stream:
            for record in ArchiveIterator(stream):
                records += 1
                if not _is_html_response(record):
                    continue
                html_records += 1
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                source = f"{src.name}#{uri or records}"
                # Read one byte past the limit: a record (or its gzip/deflate body) that
                # unpacks to more is rejected, and the iterator skips its rest unread.
                limit = settings.MAX_INPUT_BYTES
                payload = record.content_stream().read(limit + 1)
                if len(payload) > limit:
                    yield Rejection(source, errors.TOO_LARGE_STREAM.format(limit=limit))
                    continue
                missing = _missing_bytes(record)
                if missing:
                    reason = errors.TRUNCATED_WARC_RECORD.format(missing=missing)
                    yield Rejection(source, reason)
                    continue
                hints = {"url": uri} if uri else {}
                yield _html_item(source, payload, hints)
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield Rejection(src.name, errors.BAD_WARC.format(detail=exc))
        return
    if records == 0:
        yield Rejection(src.name, errors.BAD_WARC.format(detail="no record could be read"))
    elif html_records == 0:
        yield Rejection(src.name, errors.WARC_NO_HTML.format(records=records))


def _missing_bytes(record: Any) -> int:
    """How many bytes the record's header promised that the archive does not hold (0 for
    a whole record): warcio yields a record cut short by the end of the file as if it
    were whole, with its length reader still expecting the rest."""
    raw = record.raw_stream
    expected = getattr(raw, "limit", 0)
    if expected and not raw.read(1):
        return int(expected)
    return 0


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response":
        return False
    headers = record.http_headers
    content_type = headers.get_header("Content-Type") if headers else None
    return content_type is None or "html" in content_type.lower()


def xml_entity_danger(text: str) -> str | None:
    """Why the XML must not be parsed (it declares entities: "billion laughs" expansion,
    external files or URLs), or None. defusedxml parses with every entity declaration
    forbidden; a feed that is merely malformed is left to feedparser."""
    if "<!DOCTYPE" not in text and "<!ENTITY" not in text:  # XML keywords are case-sensitive
        return None
    try:
        # A DTD alone (RSS 0.91's, say) is allowed: neither parser fetches it.
        DefusedET.fromstring(text.encode("utf-8"), forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        return type(exc).__name__ + (f": {exc}" if str(exc) else "")
    except (ParseError, ValueError):
        return None
    return None


def feed_documents(name: str, text: str) -> Iterator[Document | Rejection]:
    """One Document per feed entry with full content (or its summary), hinting url/title/date.
    A feed declaring a DTD or entities is rejected before feedparser sees it."""
    danger = xml_entity_danger(text)
    if danger is not None:
        yield Rejection(name, errors.XML_ENTITIES.format(detail=danger))
        return
    parsed: Any = feedparser.parse(text)
    if parsed.bozo and not parsed.entries:
        yield Rejection(name, errors.BAD_FEED.format(detail=parsed.get("bozo_exception")))
        return
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        body = _entry_body(entry)
        link = entry.get("link") or ""
        source = f"{name}#{link or number}"
        if not body:
            yield Rejection(source, errors.FEED_NO_CONTENT.format(item=number))
            continue
        hints = {
            "url": link,
            "title": entry.get("title"),
            "outlet": outlet,
            "published": _entry_date(entry),
            "category": _entry_category(entry),
        }
        yield _html_item(
            source,
            body.encode("utf-8"),
            {k: v for k, v in hints.items() if isinstance(v, str) and v},
        )


def _entry_body(entry: Any) -> str:
    contents = entry.get("content") or []
    values = [c.get("value", "") for c in contents if c.get("value")]
    return str(max(values, key=len)) if values else str(entry.get("summary") or "")


def _entry_category(entry: Any) -> str | None:
    """The item's first ``<category>`` (Atom ``term``): the section the feed files it under."""
    for tag in entry.get("tags") or []:
        term = tag.get("term") or tag.get("label")
        if isinstance(term, str) and term.strip():
            return term.strip()
    return None


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        stamp = entry.get(key)
        if stamp:
            return time.strftime("%Y-%m-%d", stamp)
    return None


def _html_item(source: str, payload: bytes, hints: dict[str, str]) -> Document | Rejection:
    decoded = decode(payload)
    # The category is left out of the item's identity: items stored before it was read
    # keep their hash, so reading the feed again stores nothing twice.
    keyed = sorted((k, v) for k, v in hints.items() if k != "category")
    item_hash = sha256_hex(payload + repr(keyed).encode())
    if isinstance(decoded, DecodeFailure):
        return Rejection(source, decoded.reason, item_hash)
    if is_truncated_html(decoded.text):
        return Rejection(source, errors.TRUNCATED_HTML, item_hash)
    return Document(
        source=source,
        raw=decoded.text,
        format="html",
        encoding=decoded.encoding,
        content_hash=item_hash,
        hints=hints,
        replaced=decoded.replaced,
    )
