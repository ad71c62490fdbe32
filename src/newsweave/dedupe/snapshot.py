"""The copy detector's state as bytes, so the next dedupe run resumes instead of re-reading
and re-shingling every stored article.

Same contract as ``cluster.snapshot``: written with the run's links in one
transaction, used only when its fingerprint covers exactly the articles the store
says were deduplicated, refused (and replayed) when malformed. JSON with the MinHash
signatures as base64 bytes, compressed; no pickle.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from typing import Any

from newsweave.dedupe.index import DedupeIndex, DedupeState
from newsweave.snapshot import as_dict, as_list, covering, decode, encode

#: Bumped when the layout below changes; an older state is then ignored (replayed).
FORMAT = 1


def fingerprint(article_ids: Iterable[str], threshold: float) -> str:
    """What a saved state must match: the deduplicated articles and the threshold."""
    return covering(article_ids, f"dedupe format {FORMAT} threshold {threshold!r}")


def dump(index: DedupeIndex) -> bytes:
    """The whole state: signatures, copy groups, exact hashes, overlap fingerprints."""
    state = index.to_state()
    saved = {
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
    return encode(saved, FORMAT)


def load(data: bytes) -> DedupeIndex:
    """A detector in the state :func:`dump` saw; ValueError if ``data`` is not one."""
    return decode(data, FORMAT, "copy-detector state", lambda s: DedupeIndex.from_state(_state(s)))


def _state(saved: dict[str, Any]) -> DedupeState:
    """The state in the saved layout, its parts checked for their kind of container."""
    return DedupeState(
        threshold=float(saved["threshold"]),
        ids=as_list(saved["ids"]),
        published=as_list(saved["published"]),
        words=as_list(saved["words"]),
        scheme=saved["scheme"],
        signatures=base64.b64decode(saved["signatures"], validate=True),
        exact=as_dict(saved["exact"]),
        canonical=as_dict(saved["canonical"]),
        groups=as_dict(saved["groups"]),
        fingerprints={int(h): as_list(posting) for h, posting in saved["fingerprints"]},
    )
