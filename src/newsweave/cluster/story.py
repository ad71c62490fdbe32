"""A story as the stream sees it: its recent members' vectors, a date range, its headlines.

Kept apart from the stream so the bookkeeping of growing and merging stories can be
read (and tested) on its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypedDict

from newsweave.cluster.model import ClusterModel, dot, same_days

#: Members whose vectors are kept per story for average-link scoring (the most recent
#: ones): bounds the cost of scoring a story however big it grows.
RECENT_MEMBERS = 16
#: Members per side compared when two stories are checked for a merge.
MERGE_MEMBERS = 8
#: Terms kept in a story's summed body vector (used to pre-rank candidates).
CENTROID_TERMS = 400


class MemberState(TypedDict):
    """A :class:`Member` as plain data. ``vectors`` holds body, title, names, full_names,
    numbers and lead, in that order; the sets are sorted lists."""

    id: str
    day: int | None
    vectors: list[dict[str, float]]
    lead_names: list[str]
    years: list[int]
    main_year: int | None
    protagonists: list[str]
    words: list[str]
    quantities: dict[str, list[str]]


class StoryState(TypedDict):
    """A :class:`Story` as plain data; ``days`` is ``[first_day, last_day]`` and each of
    ``members`` is (article id, headline, raw title terms). A JSON round trip turns the
    tuples into lists, which :meth:`Story.from_state` reads the same."""

    id: str
    created: int
    last_seen: int
    days: tuple[int | None, int | None]
    recent: list[MemberState]
    body: dict[str, float]
    title: dict[str, float]
    members: list[tuple[str, str, dict[str, float]]]
    keys: list[str]


@dataclass(frozen=True)
class Member:
    """One article's IDF-weighted unit vectors, as weighted when it arrived."""

    id: str
    day: int | None
    body: dict[str, float]
    title: dict[str, float]
    names: dict[str, float]
    full_names: dict[str, float]
    numbers: dict[str, float]
    lead: dict[str, float] = field(default_factory=dict)
    lead_names: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()
    main_year: int | None = None
    protagonists: tuple[str, ...] = ()
    #: Every word of the article, to check whether another article's protagonist appears.
    words: frozenset[str] = frozenset()
    quantities: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def to_state(self) -> MemberState:
        """The member as plain data (its vectors are shared: a member never changes them)."""
        return MemberState(
            id=self.id,
            day=self.day,
            vectors=[self.body, self.title, self.names, self.full_names, self.numbers, self.lead],
            lead_names=sorted(self.lead_names),
            years=sorted(self.years),
            main_year=self.main_year,
            protagonists=list(self.protagonists),
            words=sorted(self.words),
            quantities={noun: sorted(n) for noun, n in self.quantities.items()},
        )

    @classmethod
    def from_state(cls, state: MemberState) -> Member:
        body, title, names, full_names, numbers, lead = state["vectors"]
        return cls(
            id=state["id"],
            day=state["day"],
            body=body,
            title=title,
            names=names,
            full_names=full_names,
            numbers=numbers,
            lead=lead,
            lead_names=frozenset(state["lead_names"]),
            years=frozenset(state["years"]),
            main_year=state["main_year"],
            protagonists=tuple(state["protagonists"]),
            words=frozenset(state["words"]),
            quantities={noun: frozenset(n) for noun, n in state["quantities"].items()},
        )

    def features(self, other: Member) -> list[float]:
        """Pair features in ``model.FEATURES`` order."""
        return [
            dot(self.body, other.body),
            dot(self.title, other.title),
            dot(self.names, other.names),
            dot(self.full_names, other.full_names),
            dot(self.numbers, other.numbers),
            same_days(self.day, other.day),
            dot(self.lead, other.lead),
            name_conflict(self, other),
            float(self.years.isdisjoint(other.years)) if self.years and other.years else 0.0,
            float(
                self.main_year is not None
                and other.main_year is not None
                and self.main_year != other.main_year
            ),
            *protagonist_features(self, other),
            *count_features(self, other),
        ]


def name_conflict(a: Member, b: Member) -> float:
    """How far the protagonists differ: the share of one article's lead names that the
    other never mentions, averaged over both directions (two DUI arrests of two players)."""
    shares = [
        sum(1 for k in x.lead_names if k not in y.names) / len(x.lead_names)
        for x, y in ((a, b), (b, a))
        if x.lead_names
    ]
    return sum(shares) / len(shares) if shares else 0.0


def protagonist_features(a: Member, b: Member) -> tuple[float, float]:
    """(share of each article's protagonists the other never mentions, averaged over both
    directions; 1 if both articles have the same main protagonist). Both 0 unless NER found
    protagonists in both articles: no evidence is not evidence of difference."""
    if not a.protagonists or not b.protagonists:
        return 0.0, 0.0
    missing = [
        sum(1 for k in x.protagonists if k not in y.words) / len(x.protagonists)
        for x, y in ((a, b), (b, a))
    ]
    return sum(missing) / 2, float(a.protagonists[0] == b.protagonists[0])


def count_features(a: Member, b: Member) -> tuple[float, float]:
    """(1 if the two articles give one number for a thing both count, 1 if they give only
    different numbers for one): "23 pirates" twice is one raid, "23" against "26" two."""
    same = conflict = 0.0
    for noun in a.quantities.keys() & b.quantities.keys():
        if a.quantities[noun] & b.quantities[noun]:
            same = 1.0
        else:
            conflict = 1.0
    return same, conflict


def pair_probabilities(model: ClusterModel, item: Member, story: Story) -> list[float]:
    """The pair probability of ``item`` with each of the story's recent members."""
    return [model.probability(item.features(m)) for m in story.recent]


def mean_probability(
    model: ClusterModel, items: Sequence[Member], members: Sequence[Member]
) -> float:
    """Average-link score: the mean pair probability over ``items`` × ``members``."""
    if not items or not members:
        return 0.0
    total = sum(model.probability(a.features(b)) for a in items for b in members)
    return total / (len(items) * len(members))


@dataclass
class Story:
    """A growing story: recent members' vectors, summed body and title, a date range."""

    id: str
    created: int = 0
    last_seen: int = 0
    first_day: int | None = None
    last_day: int | None = None
    recent: list[Member] = field(default_factory=list)
    body: dict[str, float] = field(default_factory=dict)
    title: dict[str, float] = field(default_factory=dict)
    members: list[tuple[str, str, dict[str, float]]] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)

    @property
    def size(self) -> int:
        return len(self.members)

    def to_state(self) -> StoryState:
        """The story as plain data, copied: the story growing later does not change it."""
        return StoryState(
            id=self.id,
            created=self.created,
            last_seen=self.last_seen,
            days=(self.first_day, self.last_day),
            recent=[m.to_state() for m in self.recent],
            body=dict(self.body),
            title=dict(self.title),
            members=list(self.members),
            keys=sorted(self.keys),
        )

    @classmethod
    def from_state(cls, state: StoryState) -> Story:
        first_day, last_day = state["days"]
        return cls(
            id=state["id"],
            created=state["created"],
            last_seen=state["last_seen"],
            first_day=first_day,
            last_day=last_day,
            recent=[Member.from_state(m) for m in state["recent"]],
            body=dict(state["body"]),
            title=dict(state["title"]),
            members=[(a, h, t) for a, h, t in state["members"]],
            keys=set(state["keys"]),
        )

    def add(self, member: Member, headline: str, title: dict[str, float], seq: int) -> None:
        """Add an article (its weighted vectors, headline and raw title terms)."""
        self.recent.append(member)
        if len(self.recent) > RECENT_MEMBERS:
            del self.recent[0]
        for t, v in member.body.items():
            self.body[t] = self.body.get(t, 0.0) + v
        for t, v in title.items():
            self.title[t] = self.title.get(t, 0.0) + v
        if member.day is not None:
            self.first_day = min(self.first_day or member.day, member.day)
            self.last_day = max(self.last_day or member.day, member.day)
        self.members.append((member.id, headline, dict(title)))
        self.last_seen = seq
        self._prune()

    def absorb(self, other: Story) -> None:
        """Take in every article of ``other`` (a merge); ``other`` is dropped by the caller."""
        for mine, theirs in ((self.body, other.body), (self.title, other.title)):
            for t, v in theirs.items():
                mine[t] = mine.get(t, 0.0) + v
        days = [d for d in (self.first_day, self.last_day, other.first_day, other.last_day) if d]
        self.first_day, self.last_day = (min(days), max(days)) if days else (None, None)
        self.members.extend(other.members)
        self.recent = (self.recent + other.recent)[-RECENT_MEMBERS:]
        self.keys.update(other.keys)
        self.last_seen = max(self.last_seen, other.last_seen)
        self._prune()

    def _prune(self) -> None:
        if len(self.body) > CENTROID_TERMS * 2:
            keep = sorted(self.body.items(), key=lambda kv: kv[1], reverse=True)[:CENTROID_TERMS]
            self.body = dict(keep)

    def mean_body(self, member: Member) -> float:
        """Mean body cosine of an article with the story's members (cheap pre-ranking)."""
        return dot(member.body, self.body) / max(self.size, 1)

    def link(self, model: ClusterModel, other: Story) -> float:
        """Average-link score of two stories over their most recent members."""
        return mean_probability(model, self.recent[-MERGE_MEMBERS:], other.recent[-MERGE_MEMBERS:])
