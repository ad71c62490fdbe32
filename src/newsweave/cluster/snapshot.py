"""The clusterer's state as bytes, so the next run resumes where this one stopped.

Rebuilding the clusterer by replaying every stored article re-reads and
re-featurises the whole store on each run: seconds at thousands of articles,
most of an hour at millions. The cluster stage writes this snapshot in the same
transaction as the stories it produced and reads it back only when it covers
exactly the articles the store says were clustered, under the same model;
anything else (another model, a relinked copy, a damaged blob) falls back to
the replay. The snapshot is also more faithful than a replay: it keeps the
arrival order, the term statistics and the index as they were.

JSON, compressed: no pickle, since a database file may come from someone else.
Floats survive a JSON round trip exactly, so a resumed clusterer decides as the
original would have.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from typing import Any

from newsweave.cluster.model import ClusterModel
from newsweave.cluster.stream import ClusterState, StoryClusterer
from newsweave.fingerprint import covering

#: Bumped when the layout of the state changes; an older snapshot is then ignored (replayed).
FORMAT = 1


def fingerprint(article_ids: Iterable[str], model: ClusterModel) -> str:
    """What a snapshot must match to be used: the clustered articles and the model."""
    return covering(article_ids, f"cluster format {FORMAT}\n{model.to_json()}")


def dump(clusterer: StoryClusterer) -> bytes:
    """The whole state: term statistics, stories with their recent members, the index."""
    saved = {"format": FORMAT, **clusterer.to_state()}
    return zlib.compress(json.dumps(saved, separators=(",", ":")).encode(), 1)


def load(data: bytes, model: ClusterModel | None = None) -> StoryClusterer:
    """A clusterer in the state :func:`dump` saw; ValueError if ``data`` is not one."""
    try:
        saved: dict[str, Any] = json.loads(zlib.decompress(data))
        if saved.get("format") != FORMAT:
            raise ValueError(f"snapshot format {saved.get('format')!r}, expected {FORMAT}")
        return StoryClusterer.from_state(_state(saved), model)
    except (zlib.error, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise ValueError(f"not a story-clusterer snapshot: {exc}") from exc


def _state(saved: dict[str, Any]) -> ClusterState:
    """The state in the saved layout, its parts checked for their kind of container
    (the stories' own fields are read, and refused, by ``Story.from_state``)."""
    return ClusterState(
        seq=int(saved["seq"]),
        idf=_counts(saved["idf"]),
        name_idf=_counts(saved["name_idf"]),
        stories=_list(saved["stories"]),
        index=_dict(saved["index"]),
    )


def _counts(value: Any) -> tuple[int, dict[str, int]]:
    docs, df = _list(value)
    return int(docs), _dict(df)


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


def _dict(value: Any) -> dict[Any, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return value
