"""Streaming story clustering: each article joins the best recent story or starts a new one.

Cost per article is bounded, whatever the size of the store:
- a **blocking index** maps names and the article's rarest terms to the stories that
  carry them, each posting list capped to its most recent stories, so only stories
  sharing a rare key are looked at, and at most ``max_candidates`` of them;
- a **time window** drops stories whose dates lie more than ``window_days`` from the
  article's date (when both are known): a February meeting is not December's story.

Assignments never change once made: there is no merge step. Two early stories that a
later article bridges stay two stories; the later article joins the more probable one.
This keeps a second ``newsweave run`` from rewriting what an earlier run reported.
"""

from __future__ import annotations

import math
from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsweave.cluster.features import (
    ArticleFeatures,
    ClusterInput,
    IncrementalIdf,
    NameExtractor,
    capitalised_names,
    featurize,
)
from newsweave.cluster.model import (
    ClusterModel,
    Weighted,
    cosine,
    days_feature,
    exclusive_share,
    mean_cosine,
    norm,
    weigh,
)
from newsweave.cluster.story import Story

#: Rare body terms per article used as blocking keys (names are always keys).
BLOCK_TERMS = 12
#: Most recent stories kept per blocking key; older ones drop out of that posting list.
POSTING_CAP = 64
#: Stories scored per article, the ones sharing the most blocking keys.
MAX_CANDIDATES = 24
#: A cached story norm is refreshed after this many articles have changed the IDF.
NORM_REFRESH = 200


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


class StoryClusterer:
    """Incremental story clustering with a learned similarity and threshold.

    Use :meth:`assign` for each new article; rebuild with :meth:`from_state` from the
    stored ``(article, story_id)`` rows in their original order.
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
        self.idf = IncrementalIdf()
        self.name_idf = IncrementalIdf()
        self._w = self.idf.idf
        self._nw = self.name_idf.idf
        self._prepared: tuple[str, Weighted, Weighted, Weighted] | None = None
        self.stories: dict[str, Story] = {}
        self._index: dict[str, OrderedDict[str, None]] = {}
        self._seq = 0

    # -- building -------------------------------------------------------------
    @classmethod
    def from_state(
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

    def featurize(self, item: ClusterInput | ArticleFeatures) -> ArticleFeatures:
        if isinstance(item, ArticleFeatures):
            return item
        return featurize(item, self.name_extractor)

    def observe(self, art: ArticleFeatures) -> None:
        """Count the article in the incremental IDFs (done once, before scoring it)."""
        self.idf.add(art.body)
        self.name_idf.add(art.names)
        self._prepared = None

    def attach(self, art: ArticleFeatures, story_id: str) -> Story:
        """Put an article into a story (created if new) and index the story under its keys."""
        self._seq += 1
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = Story(story_id, created=self._seq)
        body, _, names = self._weighted(art)
        story.add(art, self._seq, body, names)
        keys = self._keys(art)
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

    def _merge_bridged(self, story: Story, others: list[Story]) -> tuple[Story, list[str]]:
        """Merge ``story`` with every candidate whose average-link similarity to it clears
        the learned merge threshold; the older story keeps its id. This is the only way an
        earlier assignment changes: when an article has made two stories, on average over
        all their article pairs, as alike as articles of one story are."""
        merged: list[str] = []
        for other in others:
            if other.id == story.id or other.id not in self.stories:
                continue
            if not (self._in_window_story(story, other)):
                continue
            sim = story.link_similarity(other, self.model.names_weight)
            if sim >= self.model.merge_threshold:
                keep, gone = (story, other) if story.created <= other.created else (other, story)
                self.merge(keep, gone)
                merged.append(gone.id)
                story = keep
        return story, merged

    def _in_window_story(self, a: Story, b: Story) -> bool:
        if None in (a.first_day, a.last_day, b.first_day, b.last_day):
            return True
        assert a.first_day is not None and a.last_day is not None
        assert b.first_day is not None and b.last_day is not None
        gap = max(0, a.first_day - b.last_day, b.first_day - a.last_day)
        return gap <= self.model.window_days

    # -- scoring --------------------------------------------------------------
    def _keys(self, art: ArticleFeatures) -> list[str]:
        rare = sorted(art.body, key=lambda t: (-self.idf.idf(t), t))[:BLOCK_TERMS]
        return [f"n:{k}" for k in art.names] + [f"t:{t}" for t in rare]

    def _in_window(self, art: ArticleFeatures, story: Story) -> bool:
        if art.day is None or story.first_day is None or story.last_day is None:
            return True
        gap = max(0, story.first_day - art.day, art.day - story.last_day)
        return gap <= self.model.window_days

    def candidates(self, art: ArticleFeatures) -> list[Story]:
        """Stories sharing the most blocking keys with the article, inside the time window."""
        hits: Counter[str] = Counter()
        for key in self._keys(art):
            posting = self._index.get(key)
            if posting:
                hits.update(posting.keys())
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], -self.stories[kv[0]].last_seen))
        out: list[Story] = []
        for sid, _ in ranked:
            story = self.stories[sid]
            if self._in_window(art, story):
                out.append(story)
                if len(out) >= self.max_candidates:
                    break
        return out

    def _norms(self, story: Story) -> tuple[float, float, float]:
        if self.idf.docs - story.norms_at > NORM_REFRESH:
            story.norms = (
                norm(story.body, self._w),
                norm(story.title, self._w),
                norm(story.names, self._nw),
            )
            story.norms_at = self.idf.docs
        return story.norms

    def _weighted(self, art: ArticleFeatures) -> tuple[Weighted, Weighted, Weighted]:
        """The article's IDF-weighted vectors, computed once per article, not once per pair."""
        if self._prepared is None or self._prepared[0] != art.id:
            self._prepared = (
                art.id,
                weigh(art.body, self._w),
                weigh(art.title, self._w),
                weigh(art.names, self._nw),
            )
        return self._prepared[1], self._prepared[2], self._prepared[3]

    def pair_features(self, art: ArticleFeatures, story: Story) -> list[float]:
        """The model's feature vector for (article, story), in ``model.FEATURES`` order."""
        body_n, title_n, names_n = self._norms(story)
        body, title, names = self._weighted(art)
        shared = [k for k in art.names if k in story.names]
        rare = sum(1.0 for k in shared if self.name_idf.df.get(k, 0) <= 0.02 * self.idf.docs + 2)
        days, same = days_feature(art.day, story.first_day, story.last_day)
        return [
            cosine(body, story.body, body_n),
            cosine(title, story.title, title_n),
            cosine(title, story.body, body_n),
            cosine(names, story.names, names_n),
            math.log1p(rare) / math.log(10.0),
            days,
            same,
            math.log1p(story.size) / math.log(100.0),
            mean_cosine(body, story.body_unit, story.size),
            mean_cosine(names, story.names_unit, story.size),
            self._salient_coverage(art, names, story),
            exclusive_share(body, story.body_df, self.idf.df),
            exclusive_share(names, story.names_df, self.name_idf.df),
            max(
                (sum(v * m.get(t, 0.0) for t, v in body.unit.items()) for m in story.recent),
                default=0.0,
            ),
        ]

    @staticmethod
    def _salient_coverage(art: ArticleFeatures, names: Weighted, story: Story) -> float:
        """Share of the article's three most salient names (tf·idf) the story already has:
        a different event of the same kind usually has different protagonists."""
        top = sorted(names.unit, key=lambda k: -names.unit[k])[:3]
        if not top:
            return 0.0
        return sum(1.0 for k in top if k in story.names) / len(top)

    def score(self, art: ArticleFeatures) -> list[tuple[Story, float, list[float]]]:
        """Every candidate story with its probability and pair features, best first."""
        scored = []
        for story in self.candidates(art):
            x = self.pair_features(art, story)
            scored.append((story, self.model.probability(x), x))
        scored.sort(key=lambda s: -s[1])
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
        story, merged = self._merge_bridged(story, [s for s, _, _ in scored])
        return Assignment(art.id, story.id, best, not joined, tuple(merged))

    # -- reading --------------------------------------------------------------
    def summaries(self, dates: Mapping[str, str | None] | None = None) -> list[StorySummary]:
        """Every story with its most central headline as title; ``dates`` maps article id to
        its ISO publication date (the clusterer keeps only day numbers)."""
        out = []
        for story in self.stories.values():
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
        best, best_sim = "", -1.0
        title_norm = norm(story.title, self._w)
        for _, headline, title in story.members:
            sim = cosine(weigh(title, self._w), story.title, title_norm) if title else 0.0
            if headline and sim > best_sim:
                best, best_sim = headline, sim
        return best

    def assignments(self) -> dict[str, str]:
        """article id → story id for everything seen so far."""
        return {aid: s.id for s in self.stories.values() for aid, _, _ in s.members}
