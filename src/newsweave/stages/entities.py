"""The entities stage: fold each newly extracted article's mentions into the people,
organisations and places already in the store, then link quote speakers to them.

Per article: the articles without an entities stamp at this version are resolved
against the stored entities, so entity ids stay stable from run to run. An article
whose mentions already belong to stored entities (a store written before these
stamps existed) is stamped without being resolved twice.

Incremental like the cluster stage: the stored entities are known through the
entity book saved by the last run (``extract.entities.book``), so a run reads the
new articles' mentions and quotes only, and writes only the entities, links and
speakers that changed; without a book matching the stamped articles it is rebuilt
from every stored entity and quote.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsweave.model import Mention
from newsweave.snapshot import covering
from newsweave.stages.base import Context, Stage
from newsweave.stages.state import saveable, saved_state
from newsweave.store.facts_sql import mention_id

if TYPE_CHECKING:
    from newsweave.extract.entities.book import Place


def run(ctx: Context, stage: Stage) -> int:
    """Resolve the mentions of the articles not yet resolved; return how many articles."""
    from newsweave.extract.entities.book import FORMAT, EntityBook

    store = ctx.store
    pending = ctx.pending(stage)
    if not pending:
        return 0
    ctx.tick(stage.name, 0, len(pending))
    waiting = set(pending)
    before = [i for i in store.processed_ids(stage.name) if i not in waiting]
    salt = f"entities book format {FORMAT}"
    book = saved_state(
        store, stage.name, stage.version, before, EntityBook.load, covering(before, salt)
    )
    replay = book is None
    if book is None:
        book = EntityBook.from_store(store.entities(), _place)
    fresh = [a for a in pending if not book.knows(a)]
    quotes = store.quotes() if replay else store.quotes_in(fresh)
    done = book.resolve(store.mentions_of(fresh), quotes, _place, all_quotes=replay)
    state = saveable(stage.name, covering([*before, *pending], salt), book.dump())
    store.save_resolution(
        done.entities,
        done.deleted,
        done.retyped,
        done.speakers,
        pending,
        stage.version,
        state,
        clears=ctx.dependents(stage.name),
        clears_stories=ctx.story_dependents(stage.name),
    )
    ctx.tick(stage.name, len(pending), len(pending))
    return len(pending)


def _place(m: Mention) -> Place:
    """A mention's place in the store's order of mentions."""
    return (m.article_id, m.start, mention_id(m))
