"""The dedupe stage: link syndicated copies and record passages shared with non-copies.

Incremental: the copy detector is resumed from its saved state (or rebuilt from the
articles it processed before, replayed, never rescored), then only the articles
without a dedupe stamp are added, oldest first, as a feed would deliver them. A new
article that is an earlier-published (or fuller) version of a copy group becomes its
canonical: ``duplicate_of`` of the group moves to it.
"""

from __future__ import annotations

from newsweave.dedupe import JACCARD_THRESHOLD, DedupeIndex, Overlap
from newsweave.dedupe import snapshot as dedupe_snapshot
from newsweave.stages.base import Context, Stage
from newsweave.stages.state import saveable, saved_state
from newsweave.store.sql import SqlStore


def run(ctx: Context, stage: Stage) -> int:
    """Link copies of earlier articles and record shared passages; return how many new."""
    store = ctx.store
    pending = ctx.pending(stage)
    if not pending:
        return 0
    ctx.tick(stage.name, 0, len(pending))
    pending_set = set(pending)
    done = [i for i in store.processed_ids(stage.name) if i not in pending_set]
    index = _resume(store, stage, done)
    new_articles = store.articles_by_id(pending)
    links: dict[str, str | None] = {}
    found: dict[str, list[Overlap]] = {}
    for n, article_id in enumerate(pending, 1):
        art = new_articles[article_id]
        result = index.add(art.id, art.text, art.published, art.word_count)
        links[art.id] = result.duplicate_of
        links.update(result.relinked)
        found[art.id] = result.overlaps
        ctx.tick(stage.name, n, len(pending))
    state = saveable(
        stage.name,
        dedupe_snapshot.fingerprint(index.article_ids(), index.threshold),
        dedupe_snapshot.dump(index),
    )
    store.save_dedupe(links, found, stage.version, state)
    return len(pending)


def _resume(store: SqlStore, stage: Stage, done: list[str]) -> DedupeIndex:
    """The copy detector as the last run left it, else rebuilt from every earlier text."""
    fingerprint = dedupe_snapshot.fingerprint(done, JACCARD_THRESHOLD)
    resumed = saved_state(store, stage.name, stage.version, done, dedupe_snapshot.load, fingerprint)
    if resumed is not None:
        return resumed
    found = store.articles_by_id(done)
    return DedupeIndex.from_rows(
        (a.id, a.text, a.published, a.word_count) for i in done if (a := found.get(i))
    )
