"""The extract stage: one spaCy parse per article yields its mentions, quotes, dates and
event mentions, stored with exact spans.

Per article: only articles without an extract stamp at this version are analysed.
Russian and Ukrainian articles are analysed with a gazetteer of the names the store's
articles in those languages already agree on (``extract.slavic.gazetteer``), read once
per run: entities change only in the entities stage, after this one, so a run killed
here and resumed reads the same gazetteer.
Batches are analysed where ``Context.mapper`` says (in this process, or on Dask);
results come back in order and only this stage writes them, one transaction per
batch, so a killed run resumes where it stopped. Re-extracting an article clears
the stamps of the stages computed from its facts (entities, events).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from newsweave import settings
from newsweave.model import Article
from newsweave.stages.base import Context, Stage


def run(ctx: Context, stage: Stage) -> int:
    """Run the extractors on every article they have not processed; return how many."""
    from newsweave.distributed import Guarded, in_process
    from newsweave.extract.analyse import analyse_articles, crashed_facts
    from newsweave.extract.slavic import SLAVIC_LANGUAGES
    from newsweave.extract.slavic.gazetteer import Gazetteer

    store = ctx.store
    pending = ctx.pending(stage)
    if not pending:
        return 0
    ctx.tick(stage.name, 0, len(pending))
    size = settings.EXTRACT_BATCH_SIZE
    batches: Iterator[list[Article]] = (
        _in_order(
            store.articles_by_id(pending[start : start + size]), pending[start : start + size]
        )
        for start in range(0, len(pending), size)
    )
    done = 0
    clears, clears_stories = ctx.dependents(stage.name), ctx.story_dependents(stage.name)
    gazetteer = Gazetteer.from_votes(store.name_votes(sorted(SLAVIC_LANGUAGES)))
    analyse = Guarded(partial(analyse_articles, gazetteer=gazetteer or None), crashed_facts)
    for facts in (ctx.mapper or in_process)(analyse, batches):
        store.save_facts(facts, stage.version, clears=clears, clears_stories=clears_stories)
        done += len(facts)
        ctx.tick(stage.name, done, len(pending))
    return len(pending)


def _in_order(found: dict[str, Article], ids: list[str]) -> list[Article]:
    return [found[i] for i in ids]
