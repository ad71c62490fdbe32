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

from collections.abc import Iterable
from typing import Any

from newsweave.cluster.model import ClusterModel
from newsweave.cluster.stream import ClusterState, StoryClusterer
from newsweave.snapshot import as_dict, as_list, covering, decode, encode

#: Bumped when the layout of the state changes; an older snapshot is then ignored (replayed).
FORMAT = 1


def fingerprint(article_ids: Iterable[str], model: ClusterModel) -> str:
    """What a snapshot must match to be used: the clustered articles and the model."""
    return covering(article_ids, f"cluster format {FORMAT}\n{model.to_json()}")


def dump(clusterer: StoryClusterer) -> bytes:
    """The whole state: term statistics, stories with their recent members, the index."""
    return encode(dict(clusterer.to_state()), FORMAT)


def load(data: bytes, model: ClusterModel | None = None) -> StoryClusterer:
    """A clusterer in the state :func:`dump` saw; ValueError if ``data`` is not one."""
    return decode(
        data,
        FORMAT,
        "story-clusterer snapshot",
        lambda s: StoryClusterer.from_state(_state(s), model),
    )


def _state(saved: dict[str, Any]) -> ClusterState:
    """The state in the saved layout, its parts checked for their kind of container
    (the stories' own fields are read, and refused, by ``Story.from_state``)."""
    return ClusterState(
        seq=int(saved["seq"]),
        idf=_counts(saved["idf"]),
        name_idf=_counts(saved["name_idf"]),
        stories=as_list(saved["stories"]),
        index=as_dict(saved["index"]),
    )


def _counts(value: Any) -> tuple[int, dict[str, int]]:
    docs, df = as_list(value)
    return int(docs), as_dict(df)
