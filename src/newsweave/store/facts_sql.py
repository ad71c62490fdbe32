"""Reading and writing extracted facts: mentions, entities, quotes, timexes, events.

A mixin over the SQL store's engine, kept apart so that ``sql.py`` stays about
documents and articles. Every fact row keeps ``article_id, start, end`` (and
``field``/``caption_index``) into the stored text, never a copied span alone.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, distinct, func, select, update

from newsweave.model import (
    ArticleFacts,
    Entity,
    Event,
    EventMention,
    Mention,
    PlacedTimex,
    Quote,
    Span,
    sha256_hex,
)
from newsweave.store import participants_sql
from newsweave.store.chunking import chunks
from newsweave.store.keyed_sql import StateRows, write_state_rows
from newsweave.store.schema import (
    articles,
    compare_inputs,
    entities,
    event_mentions,
    events,
    mentions,
    quotes,
    timexes,
)
from newsweave.store.stamps import StampsMixin

_FACT_TABLES = (mentions, quotes, timexes, event_mentions, compare_inputs)
#: Ties broken by id, so that every backend returns the same order.
MENTION_ORDER = (mentions.c.article_id, mentions.c.start, mentions.c.id)


def mention_id(m: Mention) -> str:
    return sha256_hex(f"m:{m.article_id}:{m.field}:{m.index}:{m.start}:{m.end}")[:16]


class FactsMixin(StampsMixin):
    engine: Engine
    writer: Engine

    def save_facts(
        self,
        facts: Sequence[ArticleFacts],
        version: str,
        clears: Sequence[str] = (),
        clears_stories: Sequence[str] = (),
    ) -> None:
        """Replace the stored facts of these articles, all in one transaction; the stamps
        of the stages in ``clears`` (computed from these facts) go with the old facts."""
        ids = [f.article_id for f in facts]
        with self.writer.begin() as conn:
            for table in _FACT_TABLES:
                for some in chunks(ids):
                    conn.execute(delete(table).where(table.c.article_id.in_(some)))
            rows = _fact_rows(facts)
            keys = _article_keys(conn, ids)
            for row in rows[mentions]:
                row["published"], row["story_id"] = keys.get(row["article_id"], (None, None))
            for table, table_rows in rows.items():
                if table_rows:
                    conn.execute(table.insert(), table_rows)
            by_note: dict[tuple[str | None, str], list[str]] = defaultdict(list)
            for f in facts:
                by_note[f.note, f.status].append(f.article_id)
            for (note, status), noted in by_note.items():
                self.mark_stage(
                    conn, noted, "extract", version, note, clears, clears_stories, status=status
                )

    # -- entities ---------------------------------------------------------------

    def mentions_of(
        self, article_ids: Sequence[str] | None = None, label: str | None = None
    ) -> dict[str, list[Mention]]:
        """Mentions per article (of ``article_ids``, or all), only of ``label`` if given."""
        query = select(mentions).order_by(*MENTION_ORDER)
        if label is not None:
            query = query.where(mentions.c.label == label)
        out: dict[str, list[Mention]] = defaultdict(list)
        for r in self._of_articles(query, mentions, article_ids):
            out[r.article_id].append(row_mention(r))
        return dict(sorted(out.items()))

    def entities(self) -> list[Entity]:
        """Every entity with all its mentions."""
        with self.engine.connect() as conn:
            by_entity: dict[str, list[Mention]] = defaultdict(list)
            query = select(mentions).where(mentions.c.entity_id.is_not(None))
            for r in conn.execute(query.order_by(*MENTION_ORDER)):
                by_entity[r.entity_id].append(row_mention(r))
            rows = conn.execute(select(entities).order_by(entities.c.id)).all()
        return [
            Entity(
                r.id,
                r.name,
                r.type,
                tuple(r.aliases),
                tuple(by_entity.get(r.id, [])),
                tuple(r.roles),
            )
            for r in rows
        ]

    def save_entities(self, resolved: Sequence[Entity]) -> None:
        """Store entities and point each of their mentions at them."""
        with self.writer.begin() as conn:
            conn.execute(delete(entities))
            conn.execute(update(mentions).values(entity_id=None))
            if not resolved:
                return
            _write_entities(conn, resolved)

    def save_resolution(
        self,
        written: Sequence[Entity],
        deleted: Sequence[str],
        retyped: Mapping[str, str],
        speakers: Mapping[str, str | None],
        stamped: Sequence[str],
        version: str,
        rows: StateRows,
        clears: Sequence[str] = (),
        clears_stories: Sequence[str] = (),
    ) -> None:
        """One entities run in one transaction: the entities it wrote (each with its new
        mentions only), those it removed, the stored mentions of entities whose type
        changed, quote speakers, the articles' stamps and the entity book's changed state
        rows (so a run killed part way leaves the rows and the entities as they were)."""
        with self.writer.begin() as conn:
            for ids in chunks([e.id for e in written] + list(deleted)):
                conn.execute(delete(entities).where(entities.c.id.in_(ids)))
            _write_entities(conn, written)
            if retyped:
                conn.execute(
                    update(mentions)
                    .where(mentions.c.entity_id == bindparam("entity"))
                    .values(label=bindparam("type")),
                    [{"entity": e, "type": t} for e, t in retyped.items()],
                )
            self._set_speakers(conn, speakers)
            self.mark_stage(
                conn, stamped, "entities", version, clears=clears, clears_stories=clears_stories
            )
            write_state_rows(conn, "entities", version, rows)

    # -- quotes, timexes, events --------------------------------------------------

    def quotes(self) -> list[Quote]:
        with self.engine.connect() as conn:
            query = select(quotes).order_by(quotes.c.article_id, quotes.c.start, quotes.c.id)
            return [row_quote(r) for r in conn.execute(query)]

    def quotes_in(self, article_ids: Sequence[str]) -> list[Quote]:
        """The quotes of these articles, in the order of :meth:`quotes`."""
        query = select(quotes).order_by(quotes.c.article_id, quotes.c.start, quotes.c.id)
        found = [row_quote(r) for r in self._of_articles(query, quotes, article_ids)]
        return sorted(found, key=lambda q: (q.article_id, q.start, q.id))

    def set_quote_speakers(self, speaker_entities: dict[str, str | None]) -> None:
        with self.writer.begin() as conn:
            self._set_speakers(conn, speaker_entities)

    @staticmethod
    def _set_speakers(conn: Connection, speaker_entities: Mapping[str, str | None]) -> None:
        if speaker_entities:
            conn.execute(
                update(quotes)
                .where(quotes.c.id == bindparam("quote"))
                .values(speaker_entity_id=bindparam("entity")),
                [{"quote": q, "entity": e} for q, e in speaker_entities.items()],
            )

    def timex_rows(self, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Resolved temporal expressions, of ``article_ids`` (or of every article)."""
        query = select(timexes).order_by(timexes.c.article_id, timexes.c.start, timexes.c.id)
        return [dict(r._mapping) for r in self._of_articles(query, timexes, article_ids)]

    def event_mentions(self, article_ids: Sequence[str] | None = None) -> list[EventMention]:
        """Event mentions, of ``article_ids`` (or of every article)."""
        # Ordered, so that merging sees the same sequence on every backend.
        query = select(event_mentions.c.data).order_by(
            event_mentions.c.article_id, event_mentions.c.id
        )
        rows = [r.data for r in self._of_articles(query, event_mentions, article_ids)]
        rows.sort(key=lambda d: (d["article_id"],))
        return [EventMention(**{**d, "participants": tuple(d["participants"])}) for d in rows]

    def compare_inputs(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Article id → its comparison inputs (``compare.prepared``, as JSON), of these
        articles; an article analysed before they were kept has none."""
        query = select(compare_inputs.c.article_id, compare_inputs.c.data)
        return {r.article_id: r.data for r in self._of_articles(query, compare_inputs, article_ids)}

    def entity_keys(self, article_ids: Sequence[str]) -> dict[tuple[str, int, int], str]:
        """(article id, start, end) → entity id of the resolved body-text mentions of these
        articles."""
        query = select(
            mentions.c.article_id, mentions.c.start, mentions.c.end, mentions.c.entity_id
        ).where(mentions.c.entity_id.is_not(None), mentions.c.field == "text")
        return {
            (r.article_id, r.start, r.end): r.entity_id
            for r in self._of_articles(query, mentions, article_ids)
        }

    def name_votes(self, languages: Sequence[str]) -> list[tuple[str, str, int]]:
        """(name, its entity's type, how many articles) for every resolved mention form
        in articles of these languages: what a gazetteer of the store's own entities is
        learned from (one grouped query; as many rows as distinct forms and types)."""
        name = func.coalesce(mentions.c.base, mentions.c.text)
        query = (
            select(name, entities.c.type, func.count(distinct(mentions.c.article_id)))
            .select_from(
                mentions.join(entities, entities.c.id == mentions.c.entity_id).join(
                    articles, articles.c.id == mentions.c.article_id
                )
            )
            .where(articles.c.language.in_(list(languages)))
            .group_by(name, entities.c.type)
            .order_by(name, entities.c.type)
        )
        with self.engine.connect() as conn:
            return [(str(r[0]), str(r[1]), int(r[2])) for r in conn.execute(query)]

    def names_in(self, article_ids: Sequence[str]) -> list[NamedEntity]:
        """The entities named in these articles: each with the forms it takes there, its
        name and aliases, and how many mentions it has in the whole store (keyed by the
        entities found, not a scan of every entity)."""
        query = select(mentions.c.entity_id, mentions.c.text).where(
            mentions.c.entity_id.is_not(None)
        )
        local: dict[str, list[str]] = defaultdict(list)
        for r in self._of_articles(query.order_by(*MENTION_ORDER), mentions, article_ids):
            local[r.entity_id].append(r.text)
        out: list[NamedEntity] = []
        with self.engine.connect() as conn:
            for ids in chunks(sorted(local)):
                counts: dict[str, int] = dict(
                    conn.execute(
                        select(mentions.c.entity_id, func.count())
                        .where(mentions.c.entity_id.in_(ids))
                        .group_by(mentions.c.entity_id)
                    ).all()
                )
                rows = conn.execute(select(entities).where(entities.c.id.in_(ids)))
                out += [
                    NamedEntity(
                        r.id, tuple(local[r.id]), r.name, tuple(r.aliases), int(counts[r.id])
                    )
                    for r in rows
                ]
        return sorted(out, key=lambda e: e.id)

    def replace_events(
        self,
        story_ids: Sequence[str],
        merged: Sequence[Event],
        stage: str,
        version: str,
        clears: Sequence[str] = (),
    ) -> None:
        """The events of these stories (and their rows in ``event_participants``), replaced,
        and the stories stamped, atomically."""
        with self.writer.begin() as conn:
            participants_sql.forget_stories(conn, story_ids)
            for ids in chunks(story_ids):
                conn.execute(delete(events).where(events.c.story_id.in_(ids)))
            if merged:
                conn.execute(events.insert(), [_event_row(e) for e in merged])
                participants_sql.record(conn, merged)
            self.mark_stories(conn, story_ids, stage, version, clears)

    def _of_articles(self, query: Any, table: Any, article_ids: Sequence[str] | None) -> list[Any]:
        """``query``'s rows, for the rows of ``table`` that belong to ``article_ids`` (every
        row if None), read in chunks that fit an ``IN`` list."""
        with self.engine.connect() as conn:
            if article_ids is None:
                return list(conn.execute(query))
            return [
                r
                for ids in chunks(article_ids)
                for r in conn.execute(query.where(table.c.article_id.in_(ids)))
            ]

    def events(self) -> list[Event]:
        with self.engine.connect() as conn:
            query = select(events).order_by(events.c.date.is_(None), events.c.date, events.c.id)
            return [row_event(r) for r in conn.execute(query)]


@dataclass(frozen=True)
class NamedEntity:
    """An entity as one story's articles name it (see ``FactsMixin.names_in``)."""

    id: str
    forms: tuple[str, ...]
    name: str
    aliases: tuple[str, ...]
    mentions: int


def _write_entities(conn: Connection, written: Sequence[Entity]) -> None:
    """Entity rows, and each of their mentions pointed at them (and typed as they are)."""
    if written:
        conn.execute(entities.insert(), [_entity_row(e) for e in written])
    # One executemany: a round trip per entity adds up on a server over the network.
    links = [
        {"mention": mention_id(m), "entity": e.id, "type": e.type}
        for e in written
        for m in e.mentions
    ]
    if links:
        conn.execute(
            update(mentions)
            .where(mentions.c.id == bindparam("mention"))
            .values(entity_id=bindparam("entity"), label=bindparam("type")),
            links,
        )


def _article_keys(conn: Connection, article_ids: Sequence[str]) -> dict[str, tuple[Any, Any]]:
    """Article id → (published, story_id), which each of its mentions carries."""
    query = select(articles.c.id, articles.c.published, articles.c.story_id)
    return {
        r.id: (r.published, r.story_id)
        for some in chunks(article_ids)
        for r in conn.execute(query.where(articles.c.id.in_(some)))
    }


def _fact_rows(facts: Sequence[ArticleFacts]) -> dict[Any, list[dict[str, Any]]]:
    rows: dict[Any, list[dict[str, Any]]] = {t: [] for t in _FACT_TABLES}
    for f in facts:
        rows[mentions] += [_mention_row(m) for m in f.mentions]
        if f.comparable is not None:
            rows[compare_inputs].append({"article_id": f.article_id, "data": f.comparable})
        rows[quotes] += [_quote_row(q) for q in f.quotes]
        rows[timexes] += [_timex_row(f.article_id, p) for p in f.timexes]
        for e in f.events:
            key = f"e:{e.article_id}:{e.field}:{e.index}:{e.trigger_start}:{e.trigger_end}"
            rows[event_mentions].append(
                {
                    "id": sha256_hex(key)[:16],
                    "article_id": e.article_id,
                    "data": dataclasses.asdict(e),
                }
            )
    return rows


def _entity_row(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": list(e.aliases),
        "roles": list(e.roles),
    }


def _mention_row(m: Mention) -> dict[str, Any]:
    return {
        "id": mention_id(m),
        "article_id": m.article_id,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "label": m.label,
        "role": m.role,
        "field": m.field,
        "caption_index": m.index,
        "entity_id": None,
        "base": m.base,
        "published": None,
        "story_id": None,
    }


def _quote_row(q: Quote) -> dict[str, Any]:
    return {
        "id": q.id,
        "article_id": q.article_id,
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "kind": q.kind,
        "speaker": q.speaker,
        "speaker_start": q.speaker_start,
        "speaker_end": q.speaker_end,
        "cue": q.cue,
        "speaker_entity_id": q.speaker_entity_id,
    }


def _timex_row(article_id: str, p: PlacedTimex) -> dict[str, Any]:
    t = p.timex
    key = f"t:{article_id}:{p.field}:{p.index}:{t.start}:{t.end}"
    return {
        "id": sha256_hex(key)[:16],
        "article_id": article_id,
        "start": t.start,
        "end": t.end,
        "text": t.text,
        "type": t.type,
        "value": t.value,
        "precision": t.precision,
        "anchor": t.anchor,
        "mod": t.mod,
        "field": p.field,
        "caption_index": p.index,
    }


def row_mention(r: Any) -> Mention:
    return Mention(
        r.article_id, r.start, r.end, r.text, r.label, r.role, r.field, r.caption_index, r.base
    )


def row_quote(r: Any) -> Quote:
    return Quote(
        r.article_id,
        r.start,
        r.end,
        r.text,
        r.kind,
        r.speaker,
        r.speaker_start,
        r.speaker_end,
        r.cue,
        r.speaker_entity_id,
    )


def row_event(r: Any) -> Event:
    return Event(
        r.id,
        r.kind,
        r.summary,
        r.date,
        r.precision,
        tuple(r.participants),
        r.location,
        tuple(Span(**s) for s in r.evidence),
        r.story_id,
    )


def _event_row(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "story_id": e.story_id,
        "kind": e.kind,
        "summary": e.summary,
        "date": e.date,
        "precision": e.precision,
        "participants": list(e.participants),
        "location": e.location,
        "evidence": [dataclasses.asdict(s) for s in e.evidence],
    }
