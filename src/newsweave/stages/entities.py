"""The entities stage: fold each newly extracted article's mentions into the people,
organisations and places already in the store, then link quote speakers to them.

Per article: the articles without an entities stamp at this version are resolved
against the stored entities, so entity ids stay stable from run to run. An article
whose mentions already belong to stored entities (a store written before these
stamps existed) is stamped without being resolved twice.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.model import Entity, Quote
from newsweave.stages.base import Context, Stage


def run(ctx: Context, stage: Stage) -> int:
    """Resolve the mentions of the articles not yet resolved; return how many articles."""
    from newsweave.extract.entities import resolve_entities

    store = ctx.store
    pending = store.pending_ids(stage.name, stage.version)
    if not pending:
        return 0
    ctx.tick(stage.name, 0, len(pending))
    existing = store.entities()
    known = {m.article_id for e in existing for m in e.mentions}
    fresh = [a for a in pending if a not in known]
    resolved = resolve_entities(store.mentions_of(fresh), existing=existing)
    store.save_entities(resolved)
    store.set_quote_speakers(_speaker_entities(store.quotes(), resolved))
    store.stamp(
        pending,
        stage.name,
        stage.version,
        clears=ctx.dependents(stage.name),
        clears_stories=ctx.story_dependents(stage.name),
    )
    ctx.tick(stage.name, len(pending), len(pending))
    return len(pending)


def _speaker_entities(quotes: Sequence[Quote], resolved: Sequence[Entity]) -> dict[str, str | None]:
    """A quote's speaker entity: the entity mentioned at the speaker words, else by name."""
    from newsweave.extract.entities import entity_for_span

    by_name: dict[str, str] = {}
    for e in resolved:
        for name in (e.name, *e.aliases):
            by_name.setdefault(name.casefold(), e.id)
    out: dict[str, str | None] = {}
    for q in quotes:
        entity = None
        if q.speaker_start is not None and q.speaker_end is not None:
            entity = entity_for_span(resolved, q.article_id, q.speaker_start, q.speaker_end)
        entity_id = entity.id if entity is not None else None
        if entity_id is None and q.speaker:
            entity_id = by_name.get(q.speaker.casefold())
        out[q.id] = entity_id
    return out
