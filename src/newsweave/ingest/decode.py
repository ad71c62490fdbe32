"""Bytes to text: detect binaries, decompress gzip, find the encoding, never assume UTF-8."""

from __future__ import annotations

import codecs
import gzip
import zlib
from dataclasses import dataclass

from charset_normalizer import from_bytes

from newsweave import errors, settings

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Magic numbers of formats people drop into a news folder by mistake.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
    (b"SQLite format 3", "an SQLite database"),
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


@dataclass(frozen=True)
class DecodeFailure:
    reason: str


def decode(data: bytes) -> Decoded | DecodeFailure:
    """Decode an input's bytes, or say why they are not readable text."""
    if len(data) > settings.MAX_INPUT_BYTES:
        return DecodeFailure(
            errors.TOO_LARGE.format(size=len(data), limit=settings.MAX_INPUT_BYTES)
        )
    if data[:2] == b"\x1f\x8b":
        unpacked = _gunzip(data)
        if isinstance(unpacked, DecodeFailure):
            return unpacked
        data = unpacked
    if not data:
        return DecodeFailure(errors.EMPTY)
    binary = _binary_kind(data)
    if binary:
        return DecodeFailure(errors.BINARY.format(detail=binary))
    decoded = _decode_text(data)
    if isinstance(decoded, DecodeFailure):
        return decoded
    if not decoded.text.strip():
        return DecodeFailure(errors.BLANK)
    return decoded


def _gunzip(data: bytes) -> bytes | DecodeFailure:
    try:
        unpacked = gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        return DecodeFailure(errors.TRUNCATED_GZIP.format(detail=exc))
    if len(unpacked) > settings.MAX_INPUT_BYTES:
        return DecodeFailure(
            errors.TOO_LARGE.format(size=len(unpacked), limit=settings.MAX_INPUT_BYTES)
        )
    return unpacked


def _binary_kind(data: bytes) -> str | None:
    """Name what a binary input looks like, or None for text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None  # UTF-16/32 text legitimately holds NUL bytes
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in head or controls / len(head) > settings.BINARY_BYTE_RATIO:
        return f"{controls} control bytes in the first {len(head)}"
    return None


def _decode_text(data: bytes) -> Decoded | DecodeFailure:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                return DecodeFailure(errors.UNDECODABLE.format(detail=exc.reason))
    try:
        # Strict UTF-8 almost never succeeds on text in another encoding, so it is
        # both the fastest and the most reliable first guess.
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return DecodeFailure(errors.UNDECODABLE.format(detail="no encoding fits the bytes"))
    return _checked(str(best), best.encoding)


def _checked(text: str, encoding: str) -> Decoded | DecodeFailure:
    """Refuse text that decoded but is mostly replacement or control characters."""
    if not text:
        return Decoded(text, encoding)
    bad = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    if bad / len(text) > settings.MAX_BAD_CHAR_RATIO:
        detail = f"{bad} unreadable characters after decoding as {encoding}"
        return DecodeFailure(errors.UNDECODABLE.format(detail=detail))
    return Decoded(text, encoding)
