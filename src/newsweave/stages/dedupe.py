"""The dedupe stage: link syndicated copies and record passages shared with non-copies.

Incremental: the copy detector works on its keyed state rows (``stage_state_rows``),
reading only the rows the new articles touch (their LSH buckets, the signatures in them,
their fingerprints and copy groups) and writing back only the rows they changed, in the
transaction that saves their links. The articles without a dedupe stamp are added oldest
first, as a feed would deliver them. A new article that is an earlier-published (or
fuller) version of a copy group becomes its canonical: ``duplicate_of`` of the group
moves to it.

When the rows do not match the stamps (no state yet, another version or setting, a run of
an older newsweave that kept a blob) or a row turns out damaged, the state is rebuilt:
the articles stamped before are replayed, oldest first, into an empty state that
replaces the rows. An article the detector raises on is stamped failed with the reason
and left out of the state; the others go on (issue #14).
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import SQLAlchemyError

from newsweave import errors
from newsweave.dedupe import DamagedState, DedupeIndex, Overlap, settings
from newsweave.keyed import KeyedState, manifest
from newsweave.stages.base import Context, Stage
from newsweave.stages.state import keyed_state
from newsweave.store.chunking import chunks
from newsweave.store.sql import SqlStore

log = logging.getLogger(__name__)


class _Found:
    """What a run decided, written in one transaction at its end."""

    def __init__(self) -> None:
        self.links: dict[str, str | None] = {}
        self.overlaps: dict[str, list[Overlap]] = {}
        self.failed: dict[str, str] = {}


def run(ctx: Context, stage: Stage) -> int:
    """Link copies of earlier articles and record shared passages; return how many new."""
    store = ctx.store
    pending = ctx.pending(stage)
    if not pending:
        return 0
    ctx.tick(stage.name, 0, len(pending))
    wanted = settings()
    state, covered = keyed_state(store, stage.name, stage.version, pending, wanted)
    try:
        if state.reset:
            covered = _replay(store, stage, pending, state)
        found = _add(ctx, stage, DedupeIndex(state=state), pending)
    except DamagedState as exc:
        log.warning("%s: damaged state row (%s): rebuilding the state", stage.name, exc)
        state = KeyedState.empty()
        covered = _replay(store, stage, pending, state)
        found = _add(ctx, stage, DedupeIndex(state=state), pending)
    log.info(
        "%s: %d articles, %d state rows read, %d written",
        stage.name,
        len(pending),
        state.reads,
        state.changed(),
    )
    rows = state.rows(manifest(covered + len(pending), wanted))
    store.save_dedupe(found.links, found.overlaps, stage.version, rows, found.failed)
    return len(pending)


def _add(ctx: Context, stage: Stage, index: DedupeIndex, pending: list[str]) -> _Found:
    """Add the pending articles to the detector, a batch of them read at a time."""
    found = _Found()
    done = 0
    for batch in chunks(pending):
        articles = ctx.store.articles_by_id(batch)
        for article_id in batch:
            art = articles[article_id]
            try:
                result = index.add(art.id, art.text, art.published, art.word_count)
            except (DamagedState, SQLAlchemyError, errors.StoreError):
                raise  # the state or the store, not this article: no article is to blame
            except Exception as exc:  # this article alone; the others go on
                log.exception("the %s stage failed on article %s", stage.name, article_id)
                found.failed[article_id] = errors.stage_failed(stage.name, "article", exc)
                continue
            found.links[art.id] = result.duplicate_of
            found.links.update(result.relinked)
            found.overlaps[art.id] = result.overlaps
            done += 1
            ctx.tick(stage.name, done + len(found.failed), len(pending))
    return found


def _replay(store: SqlStore, stage: Stage, pending: list[str], state: KeyedState) -> int:
    """Rebuild ``state`` from the articles stamped before this run (oldest first, as they
    were added), never rescoring their links; return how many were stamped. The only
    path that reads every stamped article, a batch at a time."""
    skip = set(pending)
    earlier = [i for i in store.processed_ids(stage.name) if i not in skip]
    if earlier:
        log.info("%s: rebuilding the state from %d articles", stage.name, len(earlier))
    index = DedupeIndex(state=state)
    for batch in chunks(earlier):
        articles = store.articles_by_id(batch)
        for article_id in batch:
            art = articles.get(article_id)
            if art is None:
                continue
            try:
                index.add(art.id, art.text, art.published, art.word_count)
            except Exception:  # failed when first added too: it stays out of the state
                log.exception("%s: article %s left out of the rebuilt state", stage.name, art.id)
    return len(earlier)
