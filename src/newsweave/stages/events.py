"""The events stage: merge the event mentions of each story's articles into events, with
participants given as entity ids where their names resolve.

Per article: when any article lacks an events stamp at this version (new, re-extracted,
re-resolved or moved to another story), the events are merged again, and the pending
articles stamped. The merge is over every stored event mention, because a participant's
name resolves through every stored entity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsweave.model import Entity, Event
from newsweave.stages.base import Context, Stage


def run(ctx: Context, stage: Stage) -> int:
    """Merge events again if any article is not covered yet; return how many articles."""
    from newsweave.extract.events import merge_events

    store = ctx.store
    pending = store.pending_ids(stage.name, stage.version)
    if not pending:
        return 0
    ctx.tick(stage.name, 0, len(pending))
    story_of = {a: story for a, (_, story) in store.article_links().items()}
    merged = merge_events(store.event_mentions(), story_of=story_of)
    # Most-mentioned first: a name shared by two entities goes to the one named more often.
    named = _names_to_entities(sorted(store.entities(), key=lambda e: -len(e.mentions)))
    store.save_events([_with_entity_ids(e, named) for e in merged])
    store.stamp(pending, stage.name, stage.version)
    ctx.tick(stage.name, len(pending), len(pending))
    return len(pending)


def _names_to_entities(entities: Sequence[Entity]) -> dict[str, str]:
    names: dict[str, str] = {}
    for e in entities:
        for m in e.mentions:
            names.setdefault(m.text.casefold(), e.id)
        for name in (e.name, *e.aliases):
            names.setdefault(name.casefold(), e.id)
    return names


def _with_entity_ids(event: Event, named: dict[str, str]) -> Event:
    """Participants become entity ids where a name resolves; unresolved names are kept."""
    ids = [named.get(p.casefold(), p) for p in event.participants]
    return replace(event, participants=tuple(dict.fromkeys(ids)))
