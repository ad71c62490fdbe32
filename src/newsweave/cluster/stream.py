"""Streaming story clustering: each article joins the best recent story or starts a new one.

An article's score for a story is the mean, over the story's recent members, of a
learned pair probability (average link, see :mod:`newsweave.cluster.model`); it
joins the best story if that clears the learned threshold. Cost per article is
bounded, whatever the size of the store:
- a **blocking index** maps names and the article's rarest terms to the stories that
  carry them, each posting list capped to its most recent stories, so only stories
  sharing a rare key are looked at, and at most ``max_candidates`` of them; the few
  closest by mean body cosine are scored in full;
- a **time window** drops stories whose dates lie more than ``window_days`` from the
  article's date (when both are known): a February meeting is not December's story.

Earlier assignments change in one way only: when an article has made two stories,
on average over their recent article pairs, as alike as articles of one story are
(mean pair probability >= the learned ``merge_threshold``), they merge and the older
story keeps its id (:meth:`StoryClusterer._merge_bridged`). Nothing is ever split.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypedDict

from newsweave.cluster.features import (
    ArticleFeatures,
    ClusterInput,
    IncrementalIdf,
    NameExtractor,
    capitalised_names,
    featurize,
)
from newsweave.cluster.model import ClusterModel, background_counts, dot, unit
from newsweave.cluster.story import (
    MERGE_MEMBERS,
    Member,
    Story,
    StoryState,
    pair_probabilities,
)

#: Rare body terms per article used as blocking keys (names are always keys).
BLOCK_TERMS = 12
#: Most recent stories kept per blocking key; older ones drop out of that posting list.
POSTING_CAP = 64
#: Stories looked at per article (those sharing the most blocking keys) …
MAX_CANDIDATES = 24
#: … of which this many, the closest by mean body cosine, are scored with the model.
SCORED = 6
#: Heaviest body terms kept per article vector (bounds the cost of a pair).
MEMBER_TERMS = 60
#: Number terms (quantities, scores, amounts), but not years: a year shared by two
#: articles says little (the year features weigh those).
_NUMBER = re.compile(r"^(?!(?:19[5-9]|20[0-3])\d$)\d")


def _word_forms(words: Iterable[str]) -> frozenset[str]:
    """The article's words, possessives also without their 's ("jackson's" → "jackson")."""
    out = set(words)
    out.update(w[:-2] for w in list(out) if w.endswith(("'s", "’s")))
    return frozenset(out)


@dataclass(frozen=True)
class Assignment:
    """Where one article went: its story, the model's probability, whether it is new."""

    article_id: str
    story_id: str
    probability: float
    new_story: bool
    merged: tuple[str, ...] = ()


@dataclass(frozen=True)
class StorySummary:
    """A story as the store and the export need it."""

    id: str
    title: str
    article_ids: tuple[str, ...]
    first_published: str | None
    last_published: str | None


class ClusterState(TypedDict):
    """Everything a :class:`StoryClusterer` has learned from its stream, as plain data,
    so that saving it needs nothing of the clusterer's insides: the arrival counter, the
    term and name document frequencies (``(documents, {term: count})``, without the
    background counts, which come with the model), the stories in creation order, and
    the blocking index (key → story ids, oldest first)."""

    seq: int
    idf: tuple[int, dict[str, int]]
    name_idf: tuple[int, dict[str, int]]
    stories: list[StoryState]
    index: dict[str, list[str]]


class StoryClusterer:
    """Incremental story clustering with a learned similarity and threshold.

    Use :meth:`assign` for each new article. Resume with :meth:`from_state` from what
    :meth:`to_state` gave, or rebuild with :meth:`from_assignments` from the stored
    ``(article, story_id)`` rows in their original order.
    """

    def __init__(
        self,
        model: ClusterModel | None = None,
        name_extractor: NameExtractor = capitalised_names,
        max_candidates: int = MAX_CANDIDATES,
    ) -> None:
        self.model = model if model is not None else ClusterModel.load()
        self.name_extractor = name_extractor
        self.max_candidates = max_candidates
        self.idf, self.name_idf = self._idfs(self.model.background)
        self._prepared: tuple[ArticleFeatures, Member, list[str]] | None = None
        self.stories: dict[str, Story] = {}
        self._index: dict[str, OrderedDict[str, None]] = {}
        self._seq = 0
        #: Pair probabilities computed so far (scoring and merge checks): the work per
        #: article, which the caps bound (SCORED × RECENT_MEMBERS, plus the merge checks).
        self.pairs_scored = 0

    @staticmethod
    def _idfs(weight: float) -> tuple[IncrementalIdf, IncrementalIdf]:
        """Term and name IDFs, seeded with the background counts scaled by ``weight``."""
        if weight <= 0:
            return IncrementalIdf(), IncrementalIdf()
        docs, terms, names = background_counts()
        return (
            IncrementalIdf(
                base_docs=weight * docs, base_df={t: weight * n for t, n in terms.items()}
            ),
            IncrementalIdf(
                base_docs=weight * docs, base_df={t: weight * n for t, n in names.items()}
            ),
        )

    # -- building -------------------------------------------------------------
    @classmethod
    def from_assignments(
        cls,
        rows: Iterable[tuple[ClusterInput | ArticleFeatures, str]],
        model: ClusterModel | None = None,
        name_extractor: NameExtractor = capitalised_names,
    ) -> StoryClusterer:
        """Rebuild from stored assignments (in the order they were made); nothing is rescored."""
        self = cls(model, name_extractor)
        for item, story_id in rows:
            feats = self.featurize(item)
            self.observe(feats)
            self.attach(feats, story_id)
        return self

    def to_state(self) -> ClusterState:
        """The whole state, copied: assigning articles later does not change it."""
        return ClusterState(
            seq=self._seq,
            idf=(self.idf.docs, dict(self.idf.df)),
            name_idf=(self.name_idf.docs, dict(self.name_idf.df)),
            stories=[story.to_state() for story in self.stories.values()],
            index={key: list(posting) for key, posting in self._index.items()},
        )

    @classmethod
    def from_state(
        cls,
        state: ClusterState,
        model: ClusterModel | None = None,
        name_extractor: NameExtractor = capitalised_names,
    ) -> StoryClusterer:
        """A clusterer that decides as the one :meth:`to_state` was taken from would, under
        the same ``model``; ValueError, KeyError or TypeError when ``state`` does not hold
        together."""
        self = cls(model, name_extractor)
        self._seq = int(state["seq"])
        for idf, (docs, df) in ((self.idf, state["idf"]), (self.name_idf, state["name_idf"])):
            idf.docs, idf.df = int(docs), dict(df)
        for raw in state["stories"]:
            story = Story.from_state(raw)
            self.stories[story.id] = story
        self._index = {key: OrderedDict.fromkeys(ids) for key, ids in state["index"].items()}
        return self

    def featurize(self, item: ClusterInput | ArticleFeatures) -> ArticleFeatures:
        if isinstance(item, ArticleFeatures):
            return item
        return featurize(item, self.name_extractor)

    def observe(self, art: ArticleFeatures) -> None:
        """Count the article in the incremental IDFs (done once, before scoring it)."""
        self.idf.add(art.body)
        self.name_idf.add(art.names)
        self._prepared = None

    def member(self, art: ArticleFeatures) -> Member:
        """The article's weighted vectors, made once per article (IDF as of now)."""
        return self._prepare(art)[1]

    def _prepare(self, art: ArticleFeatures) -> tuple[ArticleFeatures, Member, list[str]]:
        if self._prepared is None or self._prepared[0] is not art:
            w, nw = self.idf.idf, self.name_idf.idf
            member = Member(
                id=art.id,
                day=art.day,
                body=unit(art.body, w, MEMBER_TERMS),
                title=unit(art.title, w),
                names=unit(art.names, nw),
                full_names=unit({k: v for k, v in art.names.items() if " " in k}, nw),
                numbers=unit({k: v for k, v in art.body.items() if _NUMBER.match(k)}, w),
                lead=unit(art.lead, w),
                lead_names=art.lead_names,
                years=frozenset(art.years),
                main_year=max(art.years, key=lambda y: (art.years[y], y)) if art.years else None,
                protagonists=art.protagonists,
                words=_word_forms(art.body) if art.protagonists else frozenset(),
                quantities=art.quantities,
            )
            rare = sorted(art.body, key=lambda t: (-w(t), t))[:BLOCK_TERMS]
            keys = [f"n:{k}" for k in art.names] + [f"t:{t}" for t in rare]
            self._prepared = (art, member, keys)
        return self._prepared

    def attach(self, art: ArticleFeatures, story_id: str) -> Story:
        """Put an article into a story (created if new) and index the story under its keys."""
        self._seq += 1
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = Story(story_id, created=self._seq)
        _, member, keys = self._prepare(art)
        story.add(member, art.headline, dict(art.title), self._seq)
        story.keys.update(keys)
        for key in keys:
            self._post(key, story_id)
        return story

    def _post(self, key: str, story_id: str) -> None:
        posting = self._index.setdefault(key, OrderedDict())
        posting[story_id] = None
        posting.move_to_end(story_id)
        if len(posting) > POSTING_CAP:
            posting.popitem(last=False)

    def merge(self, keep: Story, gone: Story) -> None:
        """Fold ``gone`` into ``keep``: its articles now belong to ``keep.id``."""
        keep.absorb(gone)
        del self.stories[gone.id]
        for key in gone.keys:
            posting = self._index.get(key)
            if posting is not None and gone.id in posting:
                del posting[gone.id]
                self._post(key, keep.id)

    def _merge_bridged(
        self, story: Story, scored: list[tuple[Story, float]]
    ) -> tuple[Story, list[str]]:
        """Merge ``story`` with the scored candidates whose average-link score with it
        clears the learned merge threshold, best first; the older story keeps its id. Only
        candidates the new article itself scored at half that threshold are checked: the
        article must bridge them for a merge to be considered at all."""
        merged: list[str] = []
        if self.model.merge_threshold >= 1.0:
            return story, merged
        while True:
            best, best_link = None, -1.0
            for other, prob in scored:
                if other.id == story.id or other.id not in self.stories:
                    continue
                if prob < self.model.merge_threshold / 2 or not self._overlaps(story, other):
                    continue
                self.pairs_scored += min(MERGE_MEMBERS, len(story.recent)) * min(
                    MERGE_MEMBERS, len(other.recent)
                )
                link = story.link(self.model, other)
                if link >= self.model.merge_threshold and link > best_link:
                    best, best_link = other, link
            if best is None:
                return story, merged
            keep, gone = (story, best) if story.created <= best.created else (best, story)
            self.merge(keep, gone)
            merged.append(gone.id)
            story = keep

    def _overlaps(self, a: Story, b: Story) -> bool:
        """Whether two stories' date ranges lie within the time window of each other."""
        if None in (a.first_day, a.last_day, b.first_day, b.last_day):
            return True
        assert a.first_day is not None and a.last_day is not None
        assert b.first_day is not None and b.last_day is not None
        gap = max(0, a.first_day - b.last_day, b.first_day - a.last_day)
        return gap <= self.model.window_days

    # -- scoring --------------------------------------------------------------
    def candidates(self, art: ArticleFeatures) -> list[Story]:
        """Stories sharing the most blocking keys with the article, inside the time window,
        the closest by mean body cosine first (at most :data:`SCORED`)."""
        _, member, keys = self._prepare(art)
        hits: Counter[str] = Counter()
        for key in keys:
            posting = self._index.get(key)
            if posting:
                hits.update(posting.keys())
        stories, day, window = self.stories, art.day, self.model.window_days
        # Hundreds of stories share a key once postings fill: the window test is inlined
        # and only the best few are ranked (the last_seen tie-break is unique per story).
        inside = [
            story
            for sid in hits
            if (story := stories[sid]).first_day is None
            or day is None
            or story.first_day - window <= day <= story.last_day + window  # type: ignore[operator]
        ]
        out = heapq.nsmallest(
            self.max_candidates, inside, key=lambda s: (-hits[s.id], -s.last_seen)
        )
        out.sort(key=lambda s: (-s.mean_body(member), s.created))
        return out[:SCORED]

    def score(self, art: ArticleFeatures) -> list[tuple[Story, float]]:
        """Candidate stories with the article's mean pair probability, best first."""
        member = self.member(art)
        single = self.model.single_threshold
        scored = []
        for story in self.candidates(art):
            self.pairs_scored += len(story.recent)
            prob = self.model.story_probability(
                pair_probabilities(self.model, member, story), story.size
            )
            if story.size == 1 and prob < single:
                prob = 0.0  # not enough to join a story of one article (ClusterModel)
            scored.append((story, prob))
        scored.sort(key=lambda sp: (-sp[1], sp[0].created))
        return scored

    def assign(self, item: ClusterInput | ArticleFeatures) -> Assignment:
        """Join the most probable story if it clears the learned threshold, else start one;
        then merge stories the article has shown to be one (see ``_merge_bridged``).

        ``Assignment.merged`` lists story ids that no longer exist: their articles now
        belong to ``Assignment.story_id``."""
        art = self.featurize(item)
        self.observe(art)
        scored = self.score(art)
        best = scored[0][1] if scored else 0.0
        joined = bool(scored) and best >= self.model.threshold
        story_id = scored[0][0].id if joined else f"story-{art.id}"
        story = self.attach(art, story_id)
        story, merged = self._merge_bridged(story, scored)
        return Assignment(art.id, story.id, best, not joined, tuple(merged))

    # -- reading --------------------------------------------------------------
    def summaries(
        self,
        dates: Mapping[str, str | None] | None = None,
        story_ids: Iterable[str] | None = None,
    ) -> list[StorySummary]:
        """Each story (of ``story_ids``, or every one) with its most central headline as
        title; ``dates`` maps article id to its ISO publication date (the clusterer keeps
        only day numbers)."""
        out = []
        wanted = (
            self.stories.values()
            if story_ids is None
            else [self.stories[i] for i in story_ids if i in self.stories]
        )
        for story in wanted:
            ids = tuple(m[0] for m in story.members)
            known = sorted(d for i in ids if (d := (dates or {}).get(i)))
            out.append(
                StorySummary(
                    id=story.id,
                    title=self.central_headline(story),
                    article_ids=ids,
                    first_published=known[0] if known else None,
                    last_published=known[-1] if known else None,
                )
            )
        return out

    def central_headline(self, story: Story) -> str:
        """The member headline closest to the story's title centroid (ties: the earliest)."""
        w = self.idf.idf
        centre = unit(story.title, w)
        best, best_sim = "", -1.0
        for _, headline, title in story.members:
            sim = dot(unit(title, w), centre) if title else 0.0
            if headline and sim > best_sim:
                best, best_sim = headline, sim
        return best

    def assignments(self) -> dict[str, str]:
        """article id → story id for everything seen so far."""
        return {aid: s.id for s in self.stories.values() for aid, _, _ in s.members}
