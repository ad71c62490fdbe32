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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from newsweave.cluster.features import (
    ArticleFeatures,
    ClusterInput,
    IncrementalIdf,
    NameExtractor,
    capitalised_names,
    featurize,
)
from newsweave.cluster.model import ClusterModel, background_counts, dot, unit
from newsweave.cluster.story import MERGE_MEMBERS, Member, Story, pair_probabilities
from newsweave.keyed import KeyedState, StateRowError
from newsweave.store.keyed_sql import StateRows
from newsweave.store.stories_sql import Snapshot

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


#: State rows (see :mod:`newsweave.keyed`): the arrival counter and document counts, one
#: row per term and name document frequency, one posting list per blocking key, and per
#: story a small head (read for every story a key hits) and its whole state (read for
#: the few candidates ranked in full).
META = "meta"
DF, NAME_DF, POSTING, HEAD, STORY = "df:", "nf:", "post:", "head:", "story:"


@dataclass(frozen=True)
class StoryHead:
    """What choosing candidates needs of a story that is not loaded: its dates and age."""

    id: str
    created: int
    last_seen: int
    first_day: int | None
    last_day: int | None


@contextmanager
def _row(key: str) -> Iterator[None]:
    """Turns a stored row that does not have the expected shape into a StateRowError."""
    try:
        yield
    except (KeyError, TypeError, ValueError) as exc:
        raise StateRowError(f"cluster state row {key!r} does not fit: {exc!r}") from exc


def _head_row(story: Story) -> list[int | None]:
    return [story.created, story.last_seen, story.first_day, story.last_day]


class StoryClusterer:
    """Incremental story clustering with a learned similarity and threshold.

    Use :meth:`assign` for each new article. The state lives in a :class:`KeyedState`:
    a clusterer made without one keeps everything in memory; one made on the rows a
    store saved reads only the postings, heads and stories its articles hit, and
    :meth:`rows` gives what it changed. Rebuild with :meth:`from_assignments` from the
    stored ``(article, story_id)`` rows in their original order.
    """

    def __init__(
        self,
        model: ClusterModel | None = None,
        name_extractor: NameExtractor = capitalised_names,
        max_candidates: int = MAX_CANDIDATES,
        state: KeyedState | None = None,
    ) -> None:
        self.model = model if model is not None else ClusterModel.load()
        self.name_extractor = name_extractor
        self.max_candidates = max_candidates
        self.state = state if state is not None else KeyedState.empty()
        #: Whether rows may exist in the store (a reset state starts from nothing).
        self._stored = not self.state.reset
        self.idf, self.name_idf = self._idfs(self.model.background)
        meta = self.state.get(META) if self._stored else None
        self._seq = 0
        if meta is not None:
            with _row(META):
                self._seq = int(meta["seq"])
                self.idf.docs, self.name_idf.docs = int(meta["docs"]), int(meta["name_docs"])
        if self._stored:
            self.idf.fetch = self._counts(DF)
            self.name_idf.fetch = self._counts(NAME_DF)
        self._prepared: tuple[ArticleFeatures, Member, list[str]] | None = None
        #: Stories held in memory: every story of a clusterer without stored rows, the
        #: ones the run read or changed otherwise.
        self.stories: dict[str, Story] = {}
        self._heads: dict[str, StoryHead] = {}
        self._index: dict[str, OrderedDict[str, None]] = {}
        #: What changed since this clusterer was made: stories grown or created, stories
        #: merged away, posting lists.
        self.touched: set[str] = set()
        self._gone: set[str] = set()
        self._posted: set[str] = set()
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

    def _counts(self, prefix: str) -> Callable[[Sequence[str]], dict[str, int]]:
        """Reads the stored document frequencies of terms (rows ``prefix + term``)."""

        def read(terms: Sequence[str]) -> dict[str, int]:
            found = self.state.get_many([prefix + t for t in terms])
            with _row(prefix):
                return {k[len(prefix) :]: int(v) for k, v in found.items()}

        return read

    # -- the state's rows -----------------------------------------------------
    def _story(self, story_id: str) -> Story | None:
        """The story, read from its row if it is not in memory; None if there is none."""
        if story_id in self._gone:
            return None
        story = self.stories.get(story_id)
        if story is None and self._stored:
            self._load([story_id])
            story = self.stories.get(story_id)
        return story

    def _load(self, story_ids: Iterable[str]) -> None:
        """Read the rows of the stories not in memory yet (one query)."""
        wanted = [i for i in story_ids if i not in self.stories and i not in self._gone]
        if not wanted or not self._stored:
            return
        for key, raw in self.state.get_many([STORY + i for i in wanted]).items():
            with _row(key):
                story = Story.from_state(raw)
            self.stories[story.id] = story
            self._heads.pop(story.id, None)

    def has_story(self, story_id: str) -> bool:
        """Whether the story exists (not merged away, and known here or in the rows)."""
        if story_id in self._gone:
            return False
        return story_id in self.stories or (
            self._stored and self.state.get(HEAD + story_id) is not None
        )

    def _heads_of(self, story_ids: Iterable[str]) -> dict[str, Story | StoryHead]:
        """Dates and age of each story: from memory, else from its head row (one query)."""
        stories, heads = self.stories, self._heads
        unknown = [i for i in story_ids if i not in stories and i not in heads]
        if unknown and self._stored:
            for key, row in self.state.get_many([HEAD + i for i in unknown]).items():
                sid = key[len(HEAD) :]
                with _row(key):
                    created, last_seen, first_day, last_day = row
                heads[sid] = StoryHead(sid, created, last_seen, first_day, last_day)
        out: dict[str, Story | StoryHead] = {}
        for i in story_ids:
            found = stories.get(i) or heads.get(i)
            if found is None:
                raise StateRowError(f"cluster state: story {i} is indexed but has no row")
            out[i] = found
        return out

    def _postings(self, keys: Iterable[str]) -> dict[str, OrderedDict[str, None]]:
        """The posting lists of blocking keys that have one (unread ones in one query)."""
        index = self._index
        unread = [k for k in keys if k not in index]
        if unread:
            found = self.state.get_many([POSTING + k for k in unread]) if self._stored else {}
            with _row(POSTING):
                for key in unread:
                    index[key] = OrderedDict.fromkeys(found.get(POSTING + key, ()))
        return {k: p for k in keys if (p := index[k])}

    def prefetch(self, articles: Sequence[ArticleFeatures]) -> None:
        """Read the document frequencies of many articles' terms and names in one query
        each, instead of a query per article."""
        self.idf.load({t for art in articles for t in art.body})
        self.name_idf.load({n for art in articles for n in art.names})

    def rows(self, manifest: Snapshot) -> StateRows:
        """What changed since this clusterer was made, as state rows to save with the
        run's assignments (see :class:`KeyedState`)."""
        put = self.state.put
        put(META, {"seq": self._seq, "docs": self.idf.docs, "name_docs": self.name_idf.docs})
        for prefix, idf in ((DF, self.idf), (NAME_DF, self.name_idf)):
            for term in idf.changed:
                put(prefix + term, idf.df[term])
        for sid in self.touched:
            story = self.stories[sid]
            put(STORY + sid, story.to_state())
            put(HEAD + sid, _head_row(story))
        for sid in self._gone:
            self.state.delete(STORY + sid)
            self.state.delete(HEAD + sid)
        for key in self._posted:
            posting = self._index[key]
            if posting:
                put(POSTING + key, list(posting))
            else:
                self.state.delete(POSTING + key)
        return self.state.rows(manifest)

    # -- building -------------------------------------------------------------
    @classmethod
    def from_assignments(
        cls,
        rows: Iterable[tuple[ClusterInput | ArticleFeatures, str]],
        model: ClusterModel | None = None,
        name_extractor: NameExtractor = capitalised_names,
        state: KeyedState | None = None,
    ) -> StoryClusterer:
        """Rebuild from stored assignments (in the order they were made) into ``state``
        (an empty one by default); nothing is rescored."""
        self = cls(model, name_extractor, state=state)
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
        story = self._story(story_id)
        if story is None:
            story = self.stories[story_id] = Story(story_id, created=self._seq)
            self._gone.discard(story_id)
        _, member, keys = self._prepare(art)
        story.add(member, art.headline, dict(art.title), self._seq)
        story.keys.update(keys)
        self.touched.add(story_id)
        self._postings(keys)
        for key in keys:
            self._post(key, story_id)
        return story

    def _post(self, key: str, story_id: str) -> None:
        """Put the story last in the key's posting list (read already: :meth:`_postings`)."""
        posting = self._index[key]
        posting[story_id] = None
        posting.move_to_end(story_id)
        if len(posting) > POSTING_CAP:
            posting.popitem(last=False)
        self._posted.add(key)

    def merge(self, keep: Story, gone: Story) -> None:
        """Fold ``gone`` into ``keep``: its articles now belong to ``keep.id``."""
        keep.absorb(gone)
        del self.stories[gone.id]
        self._gone.add(gone.id)
        self.touched.discard(gone.id)
        self.touched.add(keep.id)
        keys = sorted(gone.keys)
        postings = self._postings(keys)
        for key in keys:
            posting = postings.get(key)
            if posting is not None and gone.id in posting:
                del posting[gone.id]
                self._posted.add(key)
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
                if other.id == story.id or other.id in self._gone:
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
        for posting in self._postings(keys).values():
            hits.update(posting.keys())
        heads, day, window = self._heads_of(hits), art.day, self.model.window_days
        # Hundreds of stories share a key once postings fill: the window test is inlined
        # and only the best few are ranked (the last_seen tie-break is unique per story).
        inside = [
            head
            for sid in hits
            if (head := heads[sid]).first_day is None
            or day is None
            or head.first_day - window <= day <= head.last_day + window  # type: ignore[operator]
        ]
        best = heapq.nsmallest(
            self.max_candidates, inside, key=lambda s: (-hits[s.id], -s.last_seen)
        )
        self._load(h.id for h in best)
        if missing := [h.id for h in best if h.id not in self.stories]:
            raise StateRowError(f"cluster state: story {missing[0]} has a head but no row")
        out = [self.stories[h.id] for h in best]
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
        """Each story (of ``story_ids``, or every one this clusterer :attr:`touched`) with
        its most central headline as title; ``dates`` maps article id to its ISO
        publication date (the clusterer keeps only day numbers)."""
        wanted_ids = list(self.stories) if story_ids is None else list(story_ids)
        if story_ids is None:
            wanted_ids = [i for i in wanted_ids if i in self.touched]
        self._load(wanted_ids)
        wanted = [s for i in wanted_ids if (s := self._story(i)) is not None]
        self.idf.load({t for story in wanted for t in story.title})
        out = []
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

    def members(self, story_id: str) -> list[str]:
        """The story's article ids in the order they joined (empty if there is none)."""
        story = self._story(story_id)
        return [m[0] for m in story.members] if story is not None else []

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
        """article id → story id for the articles of every story this clusterer
        :attr:`touched` (grew, created or merged into): everything seen so far when it
        was made without stored rows; only what a run changed when resumed from them."""
        out: dict[str, str] = {}
        for story in self.stories.values():
            if story.id in self.touched:
                out.update((m[0], story.id) for m in story.members)
        return out
