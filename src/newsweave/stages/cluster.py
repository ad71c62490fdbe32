"""The cluster stage: group articles into stories as they stream in.

It runs after extraction: it reads each article's person mentions, since who an
article is about separates two events of one kind (two arrests, two firings) better
than their shared words do.

Incremental: the clusterer's state is keyed rows (:mod:`newsweave.keyed`): a run reads
the document frequencies of its articles' terms, the posting lists of their blocking
keys and the stories those hit, and writes back only what changed, with its stories,
in one transaction. When the rows do not match the store (another model, a stamp
cleared), the state is rebuilt by replaying the articles clustered before. Only the
articles without a cluster stamp are assigned, oldest first. A syndicated copy is not
clustered on its own: it joins the story of its canonical article, so copies neither
split stories nor skew term weights.

Earlier assignments change in exactly two documented cases: a copy group gets an
earlier original (dedupe), and a new article bridges two stories which the learned
model then finds as alike as one story's own articles: they merge, the older story
id kept (``StoryClusterer._merge_bridged``).

What those decisions change in each story (a new story, articles added, outlets
joining, merges) goes to the stories' change logs in the same transaction
(``changes.membership``), from the members it already reads.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy.exc import SQLAlchemyError

from newsweave import errors
from newsweave.changes import Membership, membership_changes
from newsweave.cluster import ClusterInput, ClusterModel, StoryClusterer, StorySummary
from newsweave.keyed import KeyedState, StateRowError, manifest
from newsweave.model import Article, Story
from newsweave.stages.base import Context, Stage
from newsweave.stages.state import keyed_state
from newsweave.store.chunking import chunks
from newsweave.store.sql import SqlStore

log = logging.getLogger(__name__)

#: Bumped when the layout of the state rows changes; older rows are then rebuilt.
FORMAT = 2
#: Articles read and featurised at a time (their document frequencies in one query).
BATCH = 500


def settings(model: ClusterModel) -> str:
    """What shaped the state rows besides the articles: their layout and the model."""
    return f"cluster rows format {FORMAT}\n{model.to_json()}"


def run(ctx: Context, stage: Stage) -> int:
    """Assign every new canonical article to a story; copies follow their canonical."""
    store = ctx.store
    pending = ctx.pending(stage)
    if not pending:
        return 0
    ctx.tick(stage.name, 0, len(pending))
    model = ClusterModel.load()
    failed: dict[str, str] = {}
    while True:
        state, covered = keyed_state(store, stage.name, stage.version, pending, settings(model))
        try:
            try:
                clusterer = _cluster(ctx, stage, state, pending, model, failed)
            except StateRowError as exc:
                if state.reset:
                    raise
                log.warning("cluster state unreadable (%s): rebuilding it", exc)
                state, covered = KeyedState.empty(), 0
                clusterer = _cluster(ctx, stage, state, pending, model, failed)
            break
        except ArticleFailed as exc:
            # this article alone; the run starts again from the stored rows without it,
            # so nothing it half changed (counts, a story) is kept
            log.error("the cluster stage failed on article %s", exc.article_id, exc_info=exc)
            failed[exc.article_id] = errors.stage_failed(stage.name, "article", exc.cause)
    if state.reset:
        covered = store.processed_count(stage.name, excluding=pending)
    story_of = _articles_of(store, clusterer, clusterer.touched)
    _follow_canonicals(store, clusterer, pending, story_of)
    links = store.article_links(list(story_of))
    moved = {a: story for a, story in story_of.items() if links[a][1] != story}
    left = {s for a in moved if (s := links[a][1]) is not None}
    changed = set(moved.values()) | {s for s in left if clusterer.has_story(s)}
    gone = sorted(s for s in left if not clusterer.has_story(s))
    untouched = changed - clusterer.touched
    if untouched:  # stories a copy left or joined: their articles, as for the touched ones
        more = _articles_of(store, clusterer, untouched)
        more_links = store.article_links([a for a in more if a not in story_of])
        links.update(more_links)
        moved.update({a: s for a, s in more.items() if a in more_links and links[a][1] != s})
        story_of.update({a: s for a, s in more.items() if a not in story_of})
    members: dict[str, list[str]] = {s: [] for s in changed}
    for article_id, story_id in story_of.items():
        if story_id in members:
            members[story_id].append(article_id)
    heads = store.heads_by_id([a for ids in members.values() for a in ids])
    dates = {a: h.published for a, h in heads.items()}
    summaries = [
        _story(s, members[s.id], dates) for s in clusterer.summaries(dates, sorted(changed))
    ]
    changes, merged_into = membership_changes(
        Membership(
            members=members,
            moved=moved,
            before={a: links[a][1] for a in moved},
            existed=frozenset(store.stories_with_articles(sorted(changed))),
            gone=store.story_titles(gone),
            heads=heads,
            titles={s.id: s.title for s in summaries},
        ),
        datetime.now(UTC),
    )
    rows = clusterer.rows(manifest(covered + len(pending), settings(model)))
    log.info(
        "cluster: %d articles, %d state rows read, %d written",
        len(pending),
        state.reads,
        len(rows.changes),
    )
    store.save_stories(
        moved,
        summaries,
        gone,
        [a for a in pending if a not in failed],
        stage.version,
        rows,
        failed=failed,
        clears=ctx.dependents(stage.name),
        clears_stories=ctx.story_dependents(stage.name),
        changes=changes,
        merged_into=merged_into,
    )
    return len(pending)


class ArticleFailed(Exception):
    """The clusterer raised on one article (not a store error): that article is marked
    failed and the run goes on without it."""

    def __init__(self, article_id: str, cause: Exception) -> None:
        super().__init__(f"article {article_id}: {cause!r}")
        self.article_id = article_id
        self.cause = cause


def _cluster(
    ctx: Context,
    stage: Stage,
    state: KeyedState,
    pending: list[str],
    model: ClusterModel,
    failed: Collection[str] = (),
) -> StoryClusterer:
    """The clusterer on ``state`` (rebuilt from the articles clustered before when it is
    a reset one), after assigning the pending canonical articles, oldest first, leaving
    out those that ``failed`` before; ArticleFailed when one raises."""
    store = ctx.store
    if state.reset:
        clusterer = _rebuild(store, pending, model, state)
    else:
        clusterer = StoryClusterer(model, state=state)
    links = store.article_links(pending)
    done = 0
    for batch in chunks(pending, BATCH):
        canonical = [a for a in batch if links[a][0] is None and a not in failed]
        fresh = store.articles_by_id(canonical)
        persons = _persons(store, canonical)
        feats = []
        for article_id in canonical:
            with _guard(article_id):
                feats.append(clusterer.featurize(_cluster_input(fresh[article_id], persons)))
        clusterer.prefetch(feats)
        for art in feats:
            with _guard(art.id):
                clusterer.assign(art)
        done += len(batch)
        ctx.tick(stage.name, done, len(pending))
    return clusterer


@contextmanager
def _guard(article_id: str) -> Iterator[None]:
    """An exception on one article becomes ArticleFailed, except the store's own (a
    database error, a damaged state row): those are no fault of the article's."""
    try:
        yield
    except (errors.StoreError, SQLAlchemyError, StateRowError):
        raise
    except Exception as exc:
        raise ArticleFailed(article_id, exc) from exc


def _rebuild(
    store: SqlStore, pending: list[str], model: ClusterModel, state: KeyedState
) -> StoryClusterer:
    """The clusterer rebuilt by replaying the articles clustered before (canonical ones
    with a story, oldest published first), reading every one: the path taken when no
    saved state matches the store."""
    links = store.article_links()
    pending_set = set(pending)
    before = [
        i
        for i in store.processed_ids("cluster")
        if i not in pending_set and links[i][0] is None and links[i][1] is not None
    ]
    if before:
        log.info("cluster: replaying %d articles", len(before))

    def replay() -> Iterable[tuple[ClusterInput, str]]:
        for batch in chunks(before, BATCH):
            old = store.articles_by_id(batch)
            persons = _persons(store, batch)
            for i in batch:
                if i in old:
                    yield _cluster_input(old[i], persons), str(links[i][1])

    return StoryClusterer.from_assignments(replay(), model, state=state)


def _articles_of(
    store: SqlStore, clusterer: StoryClusterer, story_ids: Collection[str]
) -> dict[str, str]:
    """Article id → story for every article of these stories: their members in the order
    they joined, then the copies of those members."""
    out: dict[str, str] = {}
    for story_id in sorted(story_ids):
        for article_id in clusterer.members(story_id):
            out[article_id] = story_id
    canonical = dict(out)
    for copy, original in sorted(store.copies_of(list(canonical)).items()):
        out.setdefault(copy, canonical[original])
    return out


def _follow_canonicals(
    store: SqlStore, clusterer: StoryClusterer, pending: list[str], story_of: dict[str, str]
) -> None:
    """A pending copy whose canonical article is in a story the run did not touch takes
    that story (from the canonical's stored story, if the clusterer has it)."""
    links = store.article_links([a for a in pending if a not in story_of])
    copies = {a: dup for a, (dup, _) in links.items() if dup is not None}
    originals = store.article_links(sorted(set(copies.values())))
    for copy, original in copies.items():
        dup, story = originals.get(original, (None, None))
        if original in story_of:
            story_of[copy] = story_of[original]
        elif dup is None and story is not None and clusterer.has_story(story):
            story_of[copy] = story


def _persons(store: SqlStore, ids: list[str]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Person mentions in each article's text (the extract stage runs first): the
    clusterer weighs whether two articles are about the same people. An article without
    any (not analysed, or naming nobody) gives the clusterer no evidence either way."""
    return {
        article_id: tuple((m.text, m.start) for m in found if m.field == "text")
        for article_id, found in store.mentions_of(ids, label="PERSON").items()
    }


def _cluster_input(a: Article, persons: dict[str, tuple[tuple[str, int], ...]]) -> ClusterInput:
    return ClusterInput(
        a.id, a.headline, a.text, a.published, a.language, persons=persons.get(a.id)
    )


def _story(summary: StorySummary, members: list[str], dates: dict[str, str | None]) -> Story:
    """The clusterer's summary, with copies counted as members and in the dates."""
    known = sorted(d for a in members if (d := dates.get(a)))
    first, last = (known[0], known[-1]) if known else (None, None)
    return Story(summary.id, summary.title, tuple(members), first, last)
