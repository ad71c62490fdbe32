"""The events stage: merge the event mentions of each story's articles into events, with
participants given as entity ids where their names resolve.

Per story: only stories without an events stamp at this version are merged (new
stories, stories whose members changed, stories with an article re-extracted or
re-resolved); the stamps are cleared whenever that happens. Mentions of two stories
never merge, so a story's events depend on its own articles only: a participant's
name resolves through the entities named in the story's articles, the most mentioned
first when two share a name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsweave import settings
from newsweave.model import Event
from newsweave.stages.base import Context, Stage
from newsweave.store.facts_sql import NamedEntity


def run(ctx: Context, stage: Stage) -> int:
    """Merge the events of every story not merged since it changed; return how many."""
    from newsweave.extract.events import merge_events

    store = ctx.store
    pending = store.pending_stories(stage.name, stage.version)
    if not pending:
        return 0
    ctx.tick(stage.name, 0, len(pending))
    size = settings.STORY_BATCH_SIZE
    for start in range(0, len(pending), size):
        batch = pending[start : start + size]
        merged: list[Event] = []
        failed: set[str] = set()
        for story_id in batch:
            story = store.story(story_id)
            members = list(story.article_ids) if story is not None else []
            mentions, names = store.event_mentions(members), store.names_in(members)
            try:
                found = merge_events(mentions, story_of=dict.fromkeys(members, story_id))
                named = _names_to_entities(names)
                merged += [_with_entity_ids(e, named) for e in found]
            except Exception as exc:  # this story alone; the others are merged
                ctx.story_failed(stage, story_id, exc)
                failed.add(story_id)
        store.replace_events(
            [s for s in batch if s not in failed],
            merged,
            stage.name,
            stage.version,
            ctx.story_dependents(stage.name),
        )
        ctx.tick(stage.name, start + len(batch), len(pending))
    return len(pending)


def _names_to_entities(entities: Sequence[NamedEntity]) -> dict[str, str]:
    """Name (case-folded) → entity id: the story's own forms of each entity, then its name
    and aliases; the most mentioned entity first, ties in id order."""
    names: dict[str, str] = {}
    for e in sorted(entities, key=lambda e: (-e.mentions, e.id)):
        for form in e.forms:
            names.setdefault(form.casefold(), e.id)
        for name in (e.name, *e.aliases):
            names.setdefault(name.casefold(), e.id)
    return names


def _with_entity_ids(event: Event, named: dict[str, str]) -> Event:
    """Participants become entity ids where a name resolves; unresolved names are kept."""
    ids = [named.get(p.casefold(), p) for p in event.participants]
    return replace(event, participants=tuple(dict.fromkeys(ids)))
