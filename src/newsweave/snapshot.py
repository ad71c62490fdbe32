"""Saved stage states as bytes: what a state covers, and how it is written and read back.

A stage resumes from its saved state only when the fingerprint of what the store says
it processed (plus the settings that shaped the state) matches the saved one. States
are compressed JSON, never pickle, since a database file may come from someone else;
reading one checks its format number and the kind of each container, so a damaged or
foreign state is refused with ValueError (and the stage replays) instead of half-loaded.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")


def covering(article_ids: Iterable[str], salt: str) -> str:
    """sha256 over ``salt`` and the sorted article ids (order-free, as sets are)."""
    digest = hashlib.sha256(salt.encode())
    for article_id in sorted(article_ids):
        digest.update(b"\n" + article_id.encode())
    return digest.hexdigest()


def encode(saved: dict[str, Any], fmt: int) -> bytes:
    """``saved`` with its format number, as compact JSON, compressed for speed."""
    return zlib.compress(json.dumps({"format": fmt, **saved}, separators=(",", ":")).encode(), 1)


def decode(data: bytes, fmt: int, what: str, build: Callable[[dict[str, Any]], T]) -> T:
    """``build`` over the JSON object in ``data``; ValueError naming ``what`` when the
    bytes are not such an object, its format is not ``fmt``, or ``build`` finds a part
    missing or of the wrong kind."""
    try:
        saved = json.loads(zlib.decompress(data))
        if not isinstance(saved, dict) or saved.get("format") != fmt:
            found = saved.get("format") if isinstance(saved, dict) else type(saved).__name__
            raise ValueError(f"format {found!r}, expected {fmt}")
        return build(saved)
    except (zlib.error, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise ValueError(f"not a {what}: {exc}") from exc


def as_list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


def as_dict(value: Any) -> dict[Any, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return value
