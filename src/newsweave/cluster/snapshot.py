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
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from newsweave.cluster.model import ClusterModel
from newsweave.cluster.story import Member, Story
from newsweave.cluster.stream import StoryClusterer
from newsweave.fingerprint import covering

#: Bumped when the layout below changes; an older snapshot is then ignored (replayed).
FORMAT = 1


def fingerprint(article_ids: Iterable[str], model: ClusterModel) -> str:
    """What a snapshot must match to be used: the clustered articles and the model."""
    return covering(article_ids, f"cluster format {FORMAT}\n{model.to_json()}")


def dump(clusterer: StoryClusterer) -> bytes:
    """The whole state: term statistics, stories with their recent members, the index."""
    state = {
        "format": FORMAT,
        "seq": clusterer._seq,
        "idf": [clusterer.idf.docs, clusterer.idf.df],
        "name_idf": [clusterer.name_idf.docs, clusterer.name_idf.df],
        "stories": [_story(s) for s in clusterer.stories.values()],
        "index": {key: list(posting) for key, posting in clusterer._index.items()},
    }
    return zlib.compress(json.dumps(state, separators=(",", ":")).encode(), 1)


def load(data: bytes, model: ClusterModel | None = None) -> StoryClusterer:
    """A clusterer in the state :func:`dump` saw; ValueError if ``data`` is not one."""
    try:
        state = json.loads(zlib.decompress(data))
        if state.get("format") != FORMAT:
            raise ValueError(f"snapshot format {state.get('format')!r}, expected {FORMAT}")
        clusterer = StoryClusterer(model)
        clusterer._seq = int(state["seq"])
        clusterer.idf.docs, clusterer.idf.df = state["idf"]
        clusterer.name_idf.docs, clusterer.name_idf.df = state["name_idf"]
        for raw in state["stories"]:
            story = _to_story(raw)
            clusterer.stories[story.id] = story
        clusterer._index = {
            key: OrderedDict.fromkeys(ids) for key, ids in state["index"].items()
        }
    except (zlib.error, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise ValueError(f"not a story-clusterer snapshot: {exc}") from exc
    return clusterer


def _story(s: Story) -> dict[str, Any]:
    return {
        "id": s.id,
        "created": s.created,
        "last_seen": s.last_seen,
        "days": [s.first_day, s.last_day],
        "recent": [_member(m) for m in s.recent],
        "body": s.body,
        "title": s.title,
        "members": s.members,
        "keys": sorted(s.keys),
    }


def _to_story(raw: dict[str, Any]) -> Story:
    return Story(
        id=raw["id"],
        created=raw["created"],
        last_seen=raw["last_seen"],
        first_day=raw["days"][0],
        last_day=raw["days"][1],
        recent=[_to_member(m) for m in raw["recent"]],
        body=raw["body"],
        title=raw["title"],
        members=[(a, h, t) for a, h, t in raw["members"]],
        keys=set(raw["keys"]),
    )


def _member(m: Member) -> dict[str, Any]:
    return {
        "id": m.id,
        "day": m.day,
        "vectors": [m.body, m.title, m.names, m.full_names, m.numbers, m.lead],
        "lead_names": sorted(m.lead_names),
        "years": sorted(m.years),
        "main_year": m.main_year,
        "protagonists": list(m.protagonists),
        "words": sorted(m.words),
        "quantities": {noun: sorted(n) for noun, n in m.quantities.items()},
    }


def _to_member(raw: dict[str, Any]) -> Member:
    body, title, names, full_names, numbers, lead = raw["vectors"]
    return Member(
        id=raw["id"],
        day=raw["day"],
        body=body,
        title=title,
        names=names,
        full_names=full_names,
        numbers=numbers,
        lead=lead,
        lead_names=frozenset(raw["lead_names"]),
        years=frozenset(raw["years"]),
        main_year=raw["main_year"],
        protagonists=tuple(raw["protagonists"]),
        words=frozenset(raw["words"]),
        quantities={noun: frozenset(n) for noun, n in raw["quantities"].items()},
    )
