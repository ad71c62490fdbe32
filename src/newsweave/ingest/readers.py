"""Read one source into Documents; every failure becomes a Rejection, never an exception."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator

from newsweave import errors, settings
from newsweave.ingest.containers import (
    feed_documents,
    is_warc,
    warc_documents,
    xml_entity_danger,
)
from newsweave.ingest.decode import DecodeFailure, decode
from newsweave.ingest.discover import Source
from newsweave.ingest.formats import is_truncated_html, sniff
from newsweave.ingest.unpack import UnpackFailure, gunzip, is_gzip
from newsweave.model import DocFormat, Document, Rejection, sha256_hex

_HINT_FIELDS = ("url", "title", "published", "outlet", "section")


def read_source(src: Source) -> Iterator[Document | Rejection]:
    """The source's Documents, or Rejections saying why not. Its size is checked before
    anything is read, the read itself stops past the limit (for files that grow, pipes),
    and a gzip file is unpacked from the file as a stream, up to its own limit."""
    limit = settings.MAX_INPUT_BYTES
    try:
        size, head = src.size(), src.head()
        if is_warc(head):
            yield from warc_documents(src)
            return
        if size > limit:
            yield Rejection(src.name, errors.TOO_LARGE.format(size=size, limit=limit))
            return
        if is_gzip(head):
            with src.open() as stream:
                data: bytes | UnpackFailure = gunzip(stream)
        else:
            data = src.read_bytes(limit)
    except OSError as exc:
        yield Rejection(src.name, errors.UNREADABLE.format(detail=exc.strerror or exc))
        return
    if isinstance(data, UnpackFailure):
        yield Rejection(src.name, data.reason)
        return
    if is_gzip(head):
        limit = settings.MAX_DECOMPRESSED_BYTES
    elif len(data) > limit:
        yield Rejection(src.name, errors.TOO_LARGE_STREAM.format(limit=limit))
        return
    yield from _decoded_documents(src.name, data, limit)


def _decoded_documents(name: str, data: bytes, limit: int) -> Iterator[Document | Rejection]:
    raw_hash = sha256_hex(data)
    decoded = decode(data, limit)
    if isinstance(decoded, DecodeFailure):
        yield Rejection(name, decoded.reason, raw_hash)
        return
    fmt = sniff(name, decoded.text)
    if fmt == "jsonl":
        yield from _jsonl_documents(name, decoded.text, decoded.encoding, decoded.replaced)
        return
    if fmt == "feed":
        yield from feed_documents(name, decoded.text)
        return
    if fmt == "html" and is_truncated_html(decoded.text):
        yield Rejection(name, errors.TRUNCATED_HTML, raw_hash)
        return
    danger = xml_entity_danger(decoded.text) if fmt == "html" else None
    if danger is not None:  # XHTML with an internal DTD: never handed to a parser
        yield Rejection(name, errors.XML_ENTITIES.format(detail=danger), raw_hash)
        return
    yield Document(
        source=name,
        raw=decoded.text,
        format=fmt,
        encoding=decoded.encoding,
        content_hash=sha256_hex(decoded.text),
        replaced=decoded.replaced,
    )


def _jsonl_documents(
    name: str, text: str, encoding: str, replaced: int
) -> Iterator[Document | Rejection]:
    """One Document per line; a bad line is rejected alone, its neighbours still read.
    When decoding replaced bad bytes, each line says how many replacement characters
    it holds."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{name}#L{number}"
        line_hash = sha256_hex(line)
        try:
            record = json.loads(line)
        except ValueError as exc:
            detail = str(exc).split(":")[0]
            yield Rejection(
                source, errors.JSONL_BAD_LINE.format(line=number, detail=detail), line_hash
            )
            continue
        document = record_document(record, source, number, encoding, line_hash)
        if replaced and isinstance(document, Document) and "\ufffd" in line:
            document = dataclasses.replace(document, replaced=line.count("\ufffd"))
        yield document


def record_document(
    record: object, source: str, number: int, encoding: str, line_hash: str
) -> Document | Rejection:
    """The Document a JSONL record (``text`` or ``html``, with hints) stands for, or why not."""
    if not isinstance(record, dict):
        return Rejection(source, errors.JSONL_NO_TEXT.format(line=number), line_hash)
    body_field = next(
        (f for f in ("html", "text") if isinstance(record.get(f), str) and record[f].strip()),
        None,
    )
    if body_field is None:
        return Rejection(source, errors.JSONL_NO_TEXT.format(line=number), line_hash)
    hints: dict[str, str] = {}
    for field in _HINT_FIELDS:
        value = record.get(field)
        if value is None:
            continue
        if not isinstance(value, str):
            return Rejection(
                source, errors.JSONL_BAD_FIELD.format(line=number, field=field), line_hash
            )
        hints[field] = value
    raw: str = record[body_field]
    fmt: DocFormat = "html" if body_field == "html" else "text"
    if fmt == "html" and is_truncated_html(raw):
        return Rejection(source, errors.TRUNCATED_HTML, line_hash)
    return Document(
        source=source, raw=raw, format=fmt, encoding=encoding, content_hash=line_hash, hints=hints
    )
