"""The entities stage: fold each newly extracted article's mentions into the people,
organisations and places already in the store, then link quote speakers to them.

Per article: the articles without an entities stamp at this version are resolved
against the stored entities, so entity ids stay stable from run to run. An article
whose mentions already belong to stored entities (a store written before these
stamps existed) is stamped without being resolved twice.

Incremental: the stored entities are known through the entity book's keyed state rows
(``extract.entities.book``), so a run reads the new articles' mentions and quotes and
the rows their names hit, and writes only the entities, links, speakers and rows that
changed; when the rows' manifest does not match the stamped articles (or the book's
settings), the book is rebuilt from every stored entity and quote.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from newsweave import errors
from newsweave.keyed import manifest
from newsweave.model import Mention
from newsweave.stages.base import Context, Stage
from newsweave.stages.state import keyed_state
from newsweave.store.facts_sql import mention_id

if TYPE_CHECKING:
    from newsweave.extract.entities.book import Place

log = logging.getLogger(__name__)


def run(ctx: Context, stage: Stage) -> int:
    """Resolve the mentions of the articles not yet resolved; return how many articles.

    When resolving raises (a bug, a mention no rule expected; not a store error), nothing
    of that attempt is kept and the articles are resolved again one at a time, each saved
    on its own: the one that raises is stamped failed with the reason, the others go on."""
    store = ctx.store
    pending = ctx.pending(stage)
    if not pending:
        return 0
    ctx.tick(stage.name, 0, len(pending))
    try:
        _resolve(ctx, stage, pending, pending)
    except SQLAlchemyError:
        raise
    except Exception as exc:  # one article's fault is found by resolving them one by one
        log.warning("entities: resolving %d articles failed (%s): one at a time", len(pending), exc)
        for n, article_id in enumerate(pending):
            try:
                _resolve(ctx, stage, [article_id], pending[n:])
            except SQLAlchemyError:
                raise
            except Exception as one:  # this article alone: stamped failed, the rest go on
                log.exception("the entities stage failed on article %s", article_id)
                store.fail_article(
                    article_id,
                    stage.name,
                    stage.version,
                    errors.stage_failed(stage.name, "article", one),
                    ctx.dependents(stage.name),
                    ctx.story_dependents(stage.name),
                )
            ctx.tick(stage.name, n + 1, len(pending))
    ctx.tick(stage.name, len(pending), len(pending))
    return len(pending)


def _resolve(ctx: Context, stage: Stage, articles: list[str], unstamped: list[str]) -> None:
    """Resolve ``articles`` and save the result in one transaction; ``unstamped`` are the
    articles of this run not saved yet (left out of the state's article count)."""
    from newsweave.extract.entities.book import SETTINGS, EntityBook

    store = ctx.store
    state, covered = keyed_state(store, stage.name, stage.version, unstamped, SETTINGS)
    replay = state.reset
    if replay:
        covered = store.processed_count(stage.name, excluding=unstamped)
        book = EntityBook.from_store(store.entities(), _place)
    else:
        book = EntityBook(state)
    fresh = book.unknown(articles)
    quotes = store.quotes() if replay else store.quotes_in(fresh)
    done = book.resolve(store.mentions_of(fresh), quotes, _place, all_quotes=replay)
    rows = book.state.rows(manifest(covered + len(articles), SETTINGS))
    log.info(
        "entities: %d articles, %d state rows read, %d written%s",
        len(articles),
        book.state.reads,
        len(rows.changes),
        " (rebuilt)" if replay else "",
    )
    store.save_resolution(
        done.entities,
        done.deleted,
        done.retyped,
        done.speakers,
        articles,
        stage.version,
        rows,
        clears=ctx.dependents(stage.name),
        clears_stories=ctx.story_dependents(stage.name),
    )


def _place(m: Mention) -> Place:
    """A mention's place in the store's order of mentions."""
    return (m.article_id, m.start, mention_id(m))
