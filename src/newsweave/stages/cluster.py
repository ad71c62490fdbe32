"""The cluster stage: group articles into stories as they stream in.

It runs after extraction: it reads each article's person mentions, since who an
article is about separates two events of one kind (two arrests, two firings) better
than their shared words do.

Incremental like dedupe: the clusterer is resumed from its saved state (or rebuilt
by replaying the articles it clustered before), then only the articles without a
cluster stamp are assigned, oldest first. A syndicated copy is not clustered on its
own: it joins the story of its canonical article, so copies neither split stories
nor skew term weights.

Earlier assignments change in exactly two documented cases: a copy group gets an
earlier original (dedupe), and a new article bridges two stories which the learned
model then finds as alike as one story's own articles: they merge, the older story
id kept (``StoryClusterer._merge_bridged``).

What those decisions change in each story (a new story, articles added, outlets
joining, merges) goes to the stories' change logs in the same transaction
(``changes.membership``), from the members it already reads.
"""

from __future__ import annotations

from datetime import UTC, datetime

from newsweave.changes import Membership, membership_changes
from newsweave.cluster import ClusterInput, ClusterModel, StoryClusterer, StorySummary, snapshot
from newsweave.model import Article, Story
from newsweave.stages.base import Context, Stage
from newsweave.stages.state import saveable, saved_state
from newsweave.store.sql import SqlStore

Links = dict[str, tuple[str | None, str | None]]


def run(ctx: Context, stage: Stage) -> int:
    """Assign every new canonical article to a story; copies follow their canonical."""
    store = ctx.store
    pending = ctx.pending(stage)
    if not pending:
        return 0
    ctx.tick(stage.name, 0, len(pending))
    links = store.article_links()
    pending_set = set(pending)
    before = [i for i in store.processed_ids(stage.name) if i not in pending_set]
    before = [i for i in before if links[i][0] is None and links[i][1] is not None]
    clusterer = _resume(store, stage, before, links)
    persons = _persons(store, pending)
    fresh = store.articles_by_id(pending)
    for n, article_id in enumerate(pending, 1):
        if links[article_id][0] is None:
            clusterer.assign(_cluster_input(fresh[article_id], persons))
        ctx.tick(stage.name, n, len(pending))
    assigned = clusterer.assignments()
    story_of = _with_copies(assigned, {a: d for a, (d, _) in links.items()})
    moved = {a: story for a, story in story_of.items() if links[a][1] != story}
    left = {links[a][1] for a in moved} - {None}
    changed = set(moved.values()) | {s for s in left if s in clusterer.stories}
    gone = sorted(str(s) for s in left if s not in clusterer.stories)
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
            existed=frozenset(s for _, s in links.values() if s is not None),
            gone=store.story_titles(gone),
            heads=heads,
            titles={s.id: s.title for s in summaries},
        ),
        datetime.now(UTC),
    )
    state = saveable(
        stage.name,
        snapshot.fingerprint(assigned, clusterer.model),
        snapshot.dump(clusterer),
    )
    store.save_stories(
        moved,
        summaries,
        gone,
        pending,
        stage.version,
        state,
        clears=ctx.dependents(stage.name),
        clears_stories=ctx.story_dependents(stage.name),
        changes=changes,
        merged_into=merged_into,
    )
    return len(pending)


def _resume(store: SqlStore, stage: Stage, before: list[str], links: Links) -> StoryClusterer:
    """The clusterer as the last run left it: its saved state when that covers exactly the
    articles clustered before, else rebuilt by replaying them (reading every one)."""
    model = ClusterModel.load()
    fingerprint = snapshot.fingerprint(before, model)
    resumed = saved_state(
        store, stage.name, stage.version, before, lambda d: snapshot.load(d, model), fingerprint
    )
    if resumed is not None:
        return resumed
    old = store.articles_by_id(before)
    persons = _persons(store, before)
    return StoryClusterer.from_assignments(
        ((_cluster_input(old[i], persons), str(links[i][1])) for i in before if i in old),
        model,
    )


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


def _with_copies(assigned: dict[str, str], duplicate_of: dict[str, str | None]) -> dict[str, str]:
    """Every copy takes its canonical article's story."""
    out = dict(assigned)
    for article_id, canonical in duplicate_of.items():
        if canonical is not None and canonical in assigned:
            out[article_id] = assigned[canonical]
    return out


def _story(summary: StorySummary, members: list[str], dates: dict[str, str | None]) -> Story:
    """The clusterer's summary, with copies counted as members and in the dates."""
    known = sorted(d for a in members if (d := dates.get(a)))
    first, last = (known[0], known[-1]) if known else (None, None)
    return Story(summary.id, summary.title, tuple(members), first, last)
