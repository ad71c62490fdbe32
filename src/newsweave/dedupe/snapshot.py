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

import numpy as np
from datasketch import MinHash  # type: ignore[import-untyped]

from newsweave.dedupe.index import NUM_PERM, DedupeIndex, _Entry
from newsweave.fingerprint import covering

#: Bumped when the layout below changes; an older state is then ignored (replayed).
FORMAT = 1


def fingerprint(article_ids: Iterable[str], threshold: float) -> str:
    """What a saved state must match: the deduplicated articles and the threshold."""
    return covering(article_ids, f"dedupe format {FORMAT} threshold {threshold!r}")


def dump(index: DedupeIndex) -> bytes:
    """The whole state: signatures, copy groups, exact hashes, overlap fingerprints."""
    ids = list(index._entries)
    entries = [index._entries[i] for i in ids]
    signatures = np.stack([e.minhash.hashvalues for e in entries]) if entries else np.zeros(0)
    # (an empty index stores no bytes, which reads back as a 0 x NUM_PERM array)
    state = {
        "format": FORMAT,
        "threshold": index.threshold,
        "ids": ids,
        "published": [e.published for e in entries],
        "words": [e.words for e in entries],
        "scheme": entries[0].minhash.scheme if entries else None,
        "signatures": base64.b64encode(signatures.astype("<u8").tobytes()).decode(),
        "exact": index._exact,
        "canonical": index._canonical,
        "groups": index._groups,
        "fingerprints": [[h, posting] for h, posting in index._fingerprints.items()],
    }
    return zlib.compress(json.dumps(state, separators=(",", ":")).encode(), 1)


def load(data: bytes) -> DedupeIndex:
    """A detector in the state :func:`dump` saw; ValueError if ``data`` is not one."""
    try:
        state: dict[str, Any] = json.loads(zlib.decompress(data))
        if state.get("format") != FORMAT:
            raise ValueError(f"state format {state.get('format')!r}, expected {FORMAT}")
        return _rebuild(state)
    except (zlib.error, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise ValueError(f"not a copy-detector state: {exc}") from exc


def _rebuild(state: dict[str, Any]) -> DedupeIndex:
    index = DedupeIndex(float(state["threshold"]))
    ids: list[str] = state["ids"]
    raw = base64.b64decode(state["signatures"])
    signatures = np.frombuffer(raw, dtype="<u8").reshape(len(ids), NUM_PERM)
    template = MinHash(num_perm=NUM_PERM)  # the permutations, made once, not per article
    for i, published, words, values in zip(
        ids, state["published"], state["words"], signatures, strict=True
    ):
        mh = MinHash(
            hashvalues=values.astype(np.uint64),
            permutations=template.permutations,
            scheme=state["scheme"],
        )
        index._entries[i] = _Entry(published, int(words), mh)
        if not mh.is_empty():  # as in DedupeIndex.add: an article without shingles is not
            index._lsh.insert(i, mh)  # in the LSH, and only its MinHash stays empty
    index._exact = dict(state["exact"])
    index._canonical = dict(state["canonical"])
    index._groups = {k: list(v) for k, v in state["groups"].items()}
    index._fingerprints = {
        int(h): [(a, int(s), int(e)) for a, s, e in posting] for h, posting in state["fingerprints"]
    }
    return index
