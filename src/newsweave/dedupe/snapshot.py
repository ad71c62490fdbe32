"""The copy detector's state as bytes, so the next dedupe run resumes instead of re-reading
and re-shingling every stored article.

Same contract as ``cluster.snapshot``: written with the run's links in one
transaction, used only when its fingerprint covers exactly the articles the store
says were deduplicated, refused (and replayed) when malformed. JSON with the MinHash
signatures as base64 bytes, compressed; no pickle.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Iterable
from typing import Any

from newsweave.dedupe.index import DedupeIndex, DedupeState
from newsweave.fingerprint import covering

#: Bumped when the layout below changes; an older state is then ignored (replayed).
FORMAT = 1


def fingerprint(article_ids: Iterable[str], threshold: float) -> str:
    """What a saved state must match: the deduplicated articles and the threshold."""
    return covering(article_ids, f"dedupe format {FORMAT} threshold {threshold!r}")


def dump(index: DedupeIndex) -> bytes:
    """The whole state: signatures, copy groups, exact hashes, overlap fingerprints."""
    state = index.to_state()
    saved = {
        "format": FORMAT,
        "threshold": state["threshold"],
        "ids": state["ids"],
        "published": state["published"],
        "words": state["words"],
        "scheme": state["scheme"],
        "signatures": base64.b64encode(state["signatures"]).decode(),
        "exact": state["exact"],
        "canonical": state["canonical"],
        "groups": state["groups"],
        # pairs, not an object: JSON object keys are strings
        "fingerprints": [[h, posting] for h, posting in state["fingerprints"].items()],
    }
    return zlib.compress(json.dumps(saved, separators=(",", ":")).encode(), 1)


def load(data: bytes) -> DedupeIndex:
    """A detector in the state :func:`dump` saw; ValueError if ``data`` is not one."""
    try:
        saved: dict[str, Any] = json.loads(zlib.decompress(data))
        if saved.get("format") != FORMAT:
            raise ValueError(f"state format {saved.get('format')!r}, expected {FORMAT}")
        return DedupeIndex.from_state(_state(saved))
    except (zlib.error, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise ValueError(f"not a copy-detector state: {exc}") from exc


def _state(saved: dict[str, Any]) -> DedupeState:
    """The state in the saved layout, its parts checked for their kind of container."""
    return DedupeState(
        threshold=float(saved["threshold"]),
        ids=_list(saved["ids"]),
        published=_list(saved["published"]),
        words=_list(saved["words"]),
        scheme=saved["scheme"],
        signatures=base64.b64decode(saved["signatures"], validate=True),
        exact=_dict(saved["exact"]),
        canonical=_dict(saved["canonical"]),
        groups=_dict(saved["groups"]),
        fingerprints={int(h): _list(posting) for h, posting in saved["fingerprints"]},
    )


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


def _dict(value: Any) -> dict[Any, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return value
