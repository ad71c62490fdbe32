"""Store-level story stages: dedupe (copies and overlaps), then cluster (stories).

The cluster stage runs after extraction: it reads each article's person mentions,
since who an article is about separates two events of one kind (two arrests, two
firings) better than their shared words do.

Both are incremental. The detectors are rebuilt from what the store already
holds (no rescoring: earlier decisions are replayed, not remade), then only the
articles these stages have not seen are added, oldest first, as a feed would
deliver them. Each stage skips the replay when the state it saved last run still
covers exactly the articles it processed (``dedupe.snapshot``, ``cluster.snapshot``).

A syndicated copy is not clustered on its own: it joins the story of its
canonical article, so copies neither split stories nor skew term weights.

Earlier assignments change in exactly two documented cases: a new article that
is an earlier-published (or fuller) version of a copy group becomes its canonical
(``duplicate_of`` of the group moves to it), and a new article that bridges two
stories which the learned model then finds as alike as one story's own articles
merges them (the older story id is kept; see ``StoryClusterer._merge_bridged``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from newsweave.cluster import ClusterInput, ClusterModel, StoryClusterer, StorySummary, snapshot
from newsweave.dedupe import JACCARD_THRESHOLD, DedupeIndex, Overlap
from newsweave.dedupe import snapshot as dedupe_snapshot
from newsweave.model import Article, Story
from newsweave.store.sql import SqlStore
from newsweave.store.stories_sql import Snapshot

log = logging.getLogger(__name__)
T = TypeVar("T")

DEDUPE_VERSION = "1"
CLUSTER_VERSION = "2"

Progress = Callable[[str, int, int], None]
#: Largest saved stage state: well under the ~1 GB a single SQLite or PostgreSQL value
#: may hold (the cluster state is ~2.5 KB per article, so ~200k articles).
MAX_STATE_BYTES = 512 * 2**20


def dedupe_stage(store: SqlStore, progress: Progress | None = None) -> list[str]:
    """Link copies of earlier articles and record shared passages; return new ids."""
    pending = store.pending_ids("dedupe", DEDUPE_VERSION)
    if not pending:
        return []
    pending_set = set(pending)
    done = [i for i in store.processed_ids("dedupe") if i not in pending_set]
    index = _resume_dedupe(store, done)
    new_articles = store.articles_by_id(pending)
    links: dict[str, str | None] = {}
    found: dict[str, list[Overlap]] = {}
    for n, article_id in enumerate(pending, 1):
        art = new_articles[article_id]
        result = index.add(art.id, art.text, art.published, art.word_count)
        links[art.id] = result.duplicate_of
        links.update(result.relinked)
        found[art.id] = result.overlaps
        if progress is not None:
            progress("dedupe", n, len(pending))
    state = _saveable(
        "dedupe",
        dedupe_snapshot.fingerprint(index.article_ids(), index.threshold),
        dedupe_snapshot.dump(index),
    )
    store.save_dedupe(links, found, DEDUPE_VERSION, state)
    return pending


def _saveable(stage: str, fingerprint: str, data: bytes) -> Snapshot | None:
    """The state to save, or None when it is too big for one database value (SQLite and
    PostgreSQL both stop near 1 GB): the next run then replays, as without a state."""
    if len(data) > MAX_STATE_BYTES:
        log.warning(
            "%s: state of %d MB not saved (limit %d MB); the next run replays the store",
            stage,
            len(data) // 2**20,
            MAX_STATE_BYTES // 2**20,
        )
        return None
    return Snapshot(fingerprint, data)


def _resume_dedupe(store: SqlStore, done: list[str]) -> DedupeIndex:
    """The copy detector as the last run left it, else rebuilt from every earlier text."""
    fingerprint = dedupe_snapshot.fingerprint(done, JACCARD_THRESHOLD)
    resumed = _saved_state(store, "dedupe", DEDUPE_VERSION, done, dedupe_snapshot.load, fingerprint)
    if resumed is not None:
        return resumed
    found = store.articles_by_id(done)
    return DedupeIndex.from_rows(
        (a.id, a.text, a.published, a.word_count) for i in done if (a := found.get(i))
    )


def _saved_state(
    store: SqlStore,
    stage: str,
    version: str,
    covered: list[str],
    load: Callable[[bytes], T],
    fingerprint: str,
) -> T | None:
    """The state ``stage`` saved last run, loaded, if its ``fingerprint`` (of the ``covered``
    articles) matches; None (the caller replays) if there is none, it differs or it is
    unreadable."""
    saved = store.snapshot(stage, version)
    if saved is None or saved.fingerprint != fingerprint:
        return None
    try:
        resumed = load(saved.data)
    except ValueError as exc:
        log.warning("%s state unreadable (%s): replaying %d articles", stage, exc, len(covered))
        return None
    log.info("%s: resumed from the saved state of %d articles", stage, len(covered))
    return resumed


def cluster_stage(store: SqlStore, progress: Progress | None = None) -> list[Story]:
    """Assign every new canonical article to a story; copies follow their canonical."""
    pending = store.pending_ids("cluster", CLUSTER_VERSION)
    if not pending:
        return store.stories()
    links = store.article_links()
    pending_set = set(pending)
    before = [i for i in store.processed_ids("cluster") if i not in pending_set]
    before = [i for i in before if links[i][0] is None and links[i][1] is not None]
    clusterer = _resume(store, before, links)
    persons = _persons(store, pending)
    fresh = store.articles_by_id(pending)
    for n, article_id in enumerate(pending, 1):
        if links[article_id][0] is None:
            clusterer.assign(_cluster_input(fresh[article_id], persons))
        if progress is not None:
            progress("cluster", n, len(pending))
    story_of = _with_copies(clusterer.assignments(), {a: d for a, (d, _) in links.items()})
    dates = store.published_dates()
    members: dict[str, list[str]] = {}
    for article_id, story_id in story_of.items():
        members.setdefault(story_id, []).append(article_id)
    summaries = [_story(s, members.get(s.id, []), dates) for s in clusterer.summaries(dates)]
    state = _saveable(
        "cluster",
        snapshot.fingerprint(clusterer.assignments(), clusterer.model),
        snapshot.dump(clusterer),
    )
    moved = {a: story for a, story in story_of.items() if links[a][1] != story}
    store.save_stories(moved, summaries, pending, CLUSTER_VERSION, state)
    return store.stories()


def _resume(
    store: SqlStore, before: list[str], links: dict[str, tuple[str | None, str | None]]
) -> StoryClusterer:
    """The clusterer as the last run left it: its saved state when that covers exactly the
    articles clustered before, else rebuilt by replaying them (reading every one)."""
    model = ClusterModel.load()
    fingerprint = snapshot.fingerprint(before, model)
    resumed = _saved_state(
        store, "cluster", CLUSTER_VERSION, before, lambda d: snapshot.load(d, model), fingerprint
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
