"""Bytes to text: detect binaries, decompress gzip, find the encoding, never assume UTF-8.

UTF-8 is the first guess because strict UTF-8 almost never fits text in another encoding;
text that is UTF-8 but for a few bad bytes (valid multi-byte UTF-8 all around them) is
decoded as UTF-8 with the bad bytes replaced by U+FFFD, counted and reported, rather
than handed to a detector that would pick an exotic code page on one byte's evidence.
Otherwise charset-normalizer chooses among the code pages news is published in.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from newsweave import errors, settings
from newsweave.ingest.unpack import UnpackFailure, gunzip, is_gzip

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: The encodings charset-normalizer may choose when the bytes are not UTF-8: the legacy
#: code pages news sites and scrapers produce (Western, Central and Eastern European,
#: Greek, Turkish, Hebrew, Arabic, Baltic, Vietnamese, CJK). Rarer ones (Mac code pages,
#: EBCDIC, ...) fit random bytes too easily to be picked on the detector's word alone.
NEWS_ENCODINGS = [
    "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "koi8_u",
    "iso8859_5", "cp1253", "iso8859_7", "cp1254", "iso8859_9", "cp1255", "iso8859_8",
    "cp1256", "iso8859_6", "cp1257", "iso8859_13", "cp1258", "shift_jis", "euc_jp",
    "iso2022_jp", "gb18030", "big5", "euc_kr", "cp949",
]  # fmt: skip

#: A valid UTF-8 sequence of two to four bytes: evidence that the text is UTF-8.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)

# Magic numbers of formats people drop into a news folder by mistake.
_MAGIC = (
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
    #: Invalid byte sequences replaced with U+FFFD (text decoded as nearly UTF-8).
    replaced: int = 0


@dataclass(frozen=True)
class DecodeFailure:
    reason: str


def decode(data: bytes, limit: int | None = None) -> Decoded | DecodeFailure:
    """Decode an input's bytes (at most ``limit``, default ``settings.MAX_INPUT_BYTES``;
    gzip is unpacked up to ``settings.MAX_DECOMPRESSED_BYTES``), or say why they are not
    readable text."""
    limit = settings.MAX_INPUT_BYTES if limit is None else limit
    if len(data) > limit:
        return DecodeFailure(errors.TOO_LARGE.format(size=len(data), limit=limit))
    if is_gzip(data):
        unpacked = gunzip(data)
        if isinstance(unpacked, UnpackFailure):
            return DecodeFailure(unpacked.reason)
        data = unpacked
    if not data:
        return DecodeFailure(errors.EMPTY)
    if data.startswith(b"%PDF"):
        return DecodeFailure(errors.PDF)
    binary = _binary_kind(data)
    if binary:
        return DecodeFailure(errors.BINARY.format(detail=binary))
    decoded = _decode_text(data)
    if isinstance(decoded, DecodeFailure):
        return decoded
    if not decoded.text.strip():
        return DecodeFailure(errors.BLANK)
    return decoded


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
    nearly = _nearly_utf8(data)
    if nearly is not None:
        return nearly
    best = from_bytes(data, cp_isolation=NEWS_ENCODINGS).best()
    if best is None or best.encoding is None:
        return DecodeFailure(errors.UNDECODABLE.format(detail="no encoding fits the bytes"))
    return _checked(str(best), best.encoding)


def _nearly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with its few bad bytes replaced, when the text around them is UTF-8: bad
    sequences rare (``settings.MAX_INVALID_UTF8_RATIO`` of the characters) among at least
    as many valid multi-byte ones, or very rare (``settings.MAX_STRAY_BYTE_RATIO``) in
    text that is otherwise ASCII. None when it is not."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    valid = len(_UTF8_MULTIBYTE.findall(data))
    if bad == 0:
        return None
    evidence = valid >= bad and bad <= settings.MAX_INVALID_UTF8_RATIO * len(text)
    if not evidence and bad > settings.MAX_STRAY_BYTE_RATIO * len(text):
        return None
    checked = _checked(text, "utf-8")
    if isinstance(checked, DecodeFailure):
        return None
    return Decoded(text, "utf-8", replaced=bad)


def _checked(text: str, encoding: str) -> Decoded | DecodeFailure:
    """Refuse text that decoded but is mostly replacement or control characters."""
    if not text:
        return Decoded(text, encoding)
    bad = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    if bad / len(text) > settings.MAX_BAD_CHAR_RATIO:
        detail = f"{bad} unreadable characters after decoding as {encoding}"
        return DecodeFailure(errors.UNDECODABLE.format(detail=detail))
    return Decoded(text, encoding)
