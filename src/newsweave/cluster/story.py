"""A story as the stream sees it: summed article vectors, a date range, its members.

Kept apart from the stream so the bookkeeping of growing and merging stories can be
read (and tested) on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.model import Weighted

#: Terms kept in a story centroid (highest weight); bounds comparison cost for big stories.
CENTROID_TERMS = 400
#: Recent members kept per story for the nearest-member similarity, and their top terms.
RECENT_MEMBERS = 16
MEMBER_TERMS = 60


@dataclass
class Story:
    """A growing story: summed article vectors, its date range and its members."""

    id: str
    body: dict[str, float] = field(default_factory=dict)
    title: dict[str, float] = field(default_factory=dict)
    names: dict[str, float] = field(default_factory=dict)
    first_day: int | None = None
    last_day: int | None = None
    members: list[tuple[str, str, dict[str, float]]] = field(default_factory=list)
    last_seen: int = 0
    body_unit: dict[str, float] = field(default_factory=dict)
    body_df: dict[str, int] = field(default_factory=dict)
    recent: list[dict[str, float]] = field(default_factory=list)
    names_df: dict[str, int] = field(default_factory=dict)
    names_unit: dict[str, float] = field(default_factory=dict)
    norms: tuple[float, float, float] = (0.0, 0.0, 0.0)
    norms_at: int = -(10**9)
    keys: set[str] = field(default_factory=set)
    created: int = 0

    @property
    def size(self) -> int:
        return len(self.members)

    def add(self, art: ArticleFeatures, seq: int, body: Weighted, names: Weighted) -> None:
        """Add an article; ``body``/``names`` are its vectors weighted by the IDF of now."""
        for target, unit in ((self.body_unit, body.unit), (self.names_unit, names.unit)):
            for t, v in unit.items():
                target[t] = target.get(t, 0.0) + v
        top = sorted(body.unit.items(), key=lambda kv: -kv[1])[:MEMBER_TERMS]
        self.recent.append(dict(top))
        if len(self.recent) > RECENT_MEMBERS:
            del self.recent[0]
        for counts, vec in ((self.body_df, art.body), (self.names_df, art.names)):
            for t in vec:
                counts[t] = counts.get(t, 0) + 1
        for target, vec in ((self.body, art.body), (self.title, art.title)):
            for t, v in vec.items():
                target[t] = target.get(t, 0.0) + v
        for t, v in art.names.items():
            self.names[t] = self.names.get(t, 0.0) + v
        if art.day is not None:
            self.first_day = art.day if self.first_day is None else min(self.first_day, art.day)
            self.last_day = art.day if self.last_day is None else max(self.last_day, art.day)
        self.members.append((art.id, art.headline, dict(art.title)))
        self.last_seen = seq
        self.norms_at = -(10**9)
        self._prune()

    def absorb(self, other: Story) -> None:
        """Take in every article of ``other`` (a merge); ``other`` is dropped by the caller."""
        for mine, theirs in (
            (self.body, other.body),
            (self.title, other.title),
            (self.names, other.names),
            (self.body_unit, other.body_unit),
            (self.names_unit, other.names_unit),
        ):
            for t, v in theirs.items():
                mine[t] = mine.get(t, 0.0) + v
        for counts, more in ((self.body_df, other.body_df), (self.names_df, other.names_df)):
            for t, n in more.items():
                counts[t] = counts.get(t, 0) + n
        days = [d for d in (self.first_day, self.last_day, other.first_day, other.last_day) if d]
        self.first_day, self.last_day = (min(days), max(days)) if days else (None, None)
        self.members.extend(other.members)
        self.recent = (self.recent + other.recent)[-RECENT_MEMBERS:]
        self.keys.update(other.keys)
        self.last_seen = max(self.last_seen, other.last_seen)
        self.norms_at = -(10**9)
        self._prune()

    def _prune(self) -> None:
        if len(self.body) > CENTROID_TERMS * 2:
            keep = sorted(self.body.items(), key=lambda kv: kv[1], reverse=True)[:CENTROID_TERMS]
            self.body = dict(keep)
            self.body_unit = {t: self.body_unit.get(t, 0.0) for t in self.body}
            self.body_df = {t: self.body_df.get(t, 0) for t in self.body}

    def link_similarity(self, other: Story, names_weight: float) -> float:
        """Average-link similarity: the mean cosine over all article pairs of the two
        stories, body and names mixed, from the sums of unit vectors (no pair loop)."""
        return (1.0 - names_weight) * _mean_dot(
            self.body_unit, other.body_unit, self.size * other.size
        ) + names_weight * _mean_dot(self.names_unit, other.names_unit, self.size * other.size)


def _mean_dot(a: dict[str, float], b: dict[str, float], pairs: int) -> float:
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    return sum(v * get(t, 0.0) for t, v in a.items()) / max(pairs, 1)
