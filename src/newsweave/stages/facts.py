"""Store-level fact stages: extract (per article), then entities and events (across articles).

Extraction is incremental (only articles this extractor version has not seen);
entity resolution folds the new articles' mentions into the existing entities,
so entity ids stay stable from run to run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from newsweave import settings
from newsweave.model import Article, Entity, Event, Quote
from newsweave.store.sql import SqlStore

if TYPE_CHECKING:
    from newsweave.distributed import BatchMapper

Progress = Callable[[str, int, int], None]


def extract_stage(
    store: SqlStore, progress: Progress | None = None, mapper: BatchMapper | None = None
) -> list[str]:
    """Run the extractors on every article they have not processed; return those ids.

    ``mapper`` decides where batches are analysed (in this process by default, or on
    Dask); results come back in order and only this function writes them, one
    transaction per batch, so a killed run resumes where it stopped.
    """
    from newsweave.distributed import in_process
    from newsweave.extract.analyse import EXTRACT_VERSION, analyse_articles

    pending = store.pending_ids("extract", EXTRACT_VERSION)
    if not pending:
        return []
    wanted = set(pending)
    by_id = {a.id: a for a in store.iter_articles() if a.id in wanted}
    size = settings.EXTRACT_BATCH_SIZE
    batches: Iterator[list[Article]] = (
        [by_id[i] for i in pending[start : start + size]] for start in range(0, len(pending), size)
    )
    done = 0
    for facts in (mapper or in_process)(analyse_articles, batches):
        store.save_facts(facts, EXTRACT_VERSION)
        done += len(facts)
        if progress is not None:
            progress("extract", done, len(pending))
    return pending


def entity_stage(store: SqlStore, new_article_ids: Sequence[str]) -> list[Entity]:
    """Fold the new articles' mentions into the stored entities; link quote speakers."""
    from newsweave.extract.entities import resolve_entities

    if not new_article_ids:
        return store.entities()
    existing = store.entities()
    known = {m.article_id for e in existing for m in e.mentions}
    fresh = [a for a in new_article_ids if a not in known]
    resolved = resolve_entities(store.mentions_of(fresh), existing=existing)
    store.save_entities(resolved)
    store.set_quote_speakers(_speaker_entities(store.quotes(), resolved))
    return resolved


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


def event_stage(store: SqlStore, entities: Sequence[Entity]) -> list[Event]:
    """Merge every article's event mentions into events, within stories, with entity ids."""
    from newsweave.extract.events import merge_events

    story_of = {a: story for a, (_, story) in store.article_links().items()}
    merged = merge_events(store.event_mentions(), story_of=story_of)
    named = _names_to_entities(entities)
    with_ids = [_with_entity_ids(e, named) for e in merged]
    store.save_events(with_ids)
    return with_ids


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
    from dataclasses import replace

    ids = [named.get(p.casefold(), p) for p in event.participants]
    return replace(event, participants=tuple(dict.fromkeys(ids)))
