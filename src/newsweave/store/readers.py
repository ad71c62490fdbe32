"""Keyed readers: what one story, one article or one entity holds, for the pages, the CLI
and the report.

A read for one story touches only that story's rows (``WHERE story_id = …`` and joins
on it), a read for one entity only the rows that name it: never a whole table loaded to
keep a few rows, never an ``IN`` list of every id. The listings (every story, every
article) are whole-store reads by nature and say so. SQLAlchemy Core throughout, so
SQLite and PostgreSQL answer alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, bindparam, func, select

from newsweave.model import Article, Entity, Event, Mention, Quote, Story
from newsweave.store.chunking import chunks
from newsweave.store.facts_sql import MENTION_ORDER, row_event, row_mention, row_quote
from newsweave.store.schema import (
    articles,
    claims,
    entities,
    event_participants,
    events,
    mentions,
    quotes,
    stories,
    timexes,
)
from newsweave.store.search import MAX_RESULTS, Hit, ensure_index, sync_index
from newsweave.store.search import search as find_text
from newsweave.store.stories_sql import stories_in_order

#: Articles oldest first, undated last, ties by id: the order of a story's members.
_ARTICLE_ORDER = (articles.c.published.is_(None), articles.c.published, articles.c.id)
_EVENT_ORDER = (events.c.date.is_(None), events.c.date, events.c.id)


@dataclass(frozen=True)
class StoredArticle:
    """An article with what later stages decided about it."""

    article: Article
    duplicate_of: str | None
    story_id: str | None
    #: The article's short permalink (``stored_article`` reads it with the row).
    short: str | None = None


@dataclass(frozen=True)
class ArticleHead:
    """An article's listing columns, without its text (enough to list it and name its outlet)."""

    id: str
    source: str
    part: int
    headline: str | None
    published: str | None
    outlet: str | None
    agency: str | None
    url: str | None
    language: str | None
    word_count: int
    duplicate_of: str | None
    story_id: str | None
    section: str | None = None
    short: str | None = None


@dataclass(frozen=True)
class ListedMember:
    """What a list of stories needs of each member: enough to name its outlet
    (``outlet_name``) and to count the copies."""

    id: str
    outlet: str | None
    url: str | None
    agency: str | None
    duplicate_of: str | None


@dataclass(frozen=True)
class StoryListing:
    """A story as a list of stories shows it: its members (oldest first) and its claim count."""

    story: Story
    members: tuple[ListedMember, ...]
    claim_count: int


_HEAD_COLUMNS = tuple(articles.c[name] for name in ArticleHead.__dataclass_fields__)


_LISTED_COLUMNS = tuple(articles.c[name] for name in ListedMember.__dataclass_fields__)

_HEAD_LABELS = tuple(c.label(f"head_{c.name}") for c in _HEAD_COLUMNS)


def _head(r: Any) -> ArticleHead:
    """A head from a row of ``select(*_HEAD_COLUMNS)``: its columns are the fields, in
    order. Positional: naming each field through ``row._mapping`` built a mapping per
    field per row, most of a story list page's CPU."""
    return ArticleHead(*r)


#: The labels ``_HEAD_LABELS`` give the head's columns, in the head's field order.
_HEAD_KEYS = tuple(c.name for c in _HEAD_LABELS)
_HEAD_KEY_SET = frozenset(_HEAD_KEYS)

# The statements a page runs, built once with bound parameters (``key``: one id; ``ids``:
# a list). A statement built per call cost 85-105 µs to construct and key for the
# compiled cache, against 20 µs to run a prebuilt one.
_STORY_ROW = select(stories).where(stories.c.id == bindparam("key"))
_STORY_HEADS = (
    select(*_HEAD_COLUMNS)
    .where(articles.c.story_id == bindparam("key"))
    .order_by(*_ARTICLE_ORDER)
)
_STORY_EVENTS = select(events).where(events.c.story_id == bindparam("key")).order_by(*_EVENT_ORDER)
_STORY_QUOTES = (
    select(quotes)
    .join(articles, articles.c.id == quotes.c.article_id)
    .where(articles.c.story_id == bindparam("key"))
    .order_by(quotes.c.article_id, quotes.c.start, quotes.c.id)
)
_ENTITY_NAMES = (
    select(entities.c.id, entities.c.name)
    .where(entities.c.id.in_(bindparam("ids", expanding=True)))
    .order_by(entities.c.id)
)
_HEADS_BY_ID = select(*_HEAD_COLUMNS).where(articles.c.id.in_(bindparam("ids", expanding=True)))
_STORY_TITLES = select(stories.c.id, stories.c.title).where(
    stories.c.id.in_(bindparam("ids", expanding=True))
)
_ARTICLE_ROW = select(articles).where(articles.c.id == bindparam("key"))
_ARTICLE_MENTIONS = (
    select(mentions, entities.c.name.label("entity_name"))
    .outerjoin(entities, entities.c.id == mentions.c.entity_id)
    .where(mentions.c.article_id == bindparam("key"))
    .order_by(mentions.c.start)
)
_ARTICLE_QUOTES = (
    select(quotes).where(quotes.c.article_id == bindparam("key")).order_by(quotes.c.start)
)
_ARTICLE_TIMEXES = (
    select(timexes).where(timexes.c.article_id == bindparam("key")).order_by(timexes.c.start)
)
_ENTITY_ROW = select(entities).where(entities.c.id == bindparam("key"))
_MENTION_COUNT = (
    select(func.count()).select_from(mentions).where(mentions.c.entity_id == bindparam("key"))
)
_STORY_COUNT = select(func.count()).select_from(stories)


def _with_head(row: dict[str, Any]) -> dict[str, Any]:
    """A joined row as the table's own columns plus ``article``, the article's head
    (built positionally from the precomputed labels: a formatted key per field per row
    was a tenth of an entity page's CPU)."""
    out = {name: value for name, value in row.items() if name not in _HEAD_KEY_SET}
    out["article"] = ArticleHead(*map(row.__getitem__, _HEAD_KEYS))
    return out


class ReadersMixin:
    engine: Engine
    writer: Engine
    #: The data stamp at which the full-text index was last found in step (``search``).
    _index_current_at: int | None = None

    if TYPE_CHECKING:  # provided by SqlStore

        def _row_to_article(self, row: Any) -> Article: ...

        def data_stamp(self) -> int | None: ...

    def _rows(self, query: Any, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """The rows as dicts of their columns (keys read once per result: a mapping
        built per row was most of the cost of shaping a page's rows)."""
        with self.engine.connect() as conn:
            result = conn.execute(query, params)
            keys = list(result.keys())
            return [dict(zip(keys, r, strict=True)) for r in result.all()]

    # -- one story -------------------------------------------------------------------

    def story(self, story_id: str) -> Story | None:
        """One story with its articles' ids (oldest first), or None."""
        members = select(articles.c.id).where(articles.c.story_id == story_id)
        with self.engine.connect() as conn:
            row = conn.execute(select(stories).where(stories.c.id == story_id)).first()
            if row is None:
                return None
            ids = list(conn.execute(members.order_by(*_ARTICLE_ORDER)).scalars())
        return stories_in_order([row], {story_id: ids})[0]

    def articles_of(self, story_id: str) -> list[StoredArticle]:
        """The story's articles, oldest first, each with the article it copies."""
        query = select(articles).where(articles.c.story_id == story_id).order_by(*_ARTICLE_ORDER)
        with self.engine.connect() as conn:
            return [
                StoredArticle(self._row_to_article(r), r["duplicate_of"], r["story_id"])
                for r in conn.execute(query).mappings()
            ]

    def events_of(self, story_id: str) -> list[Event]:
        """The story's merged events, dated ones first in date order."""
        with self.engine.connect() as conn:
            return [row_event(r) for r in conn.execute(_STORY_EVENTS, {"key": story_id}).all()]

    def entities_of(self, story_id: str) -> list[Entity]:
        """Entities mentioned in the story, each with its mentions in the story only."""
        in_story = (
            select(mentions)
            .join(articles, articles.c.id == mentions.c.article_id)
            .where(articles.c.story_id == story_id, mentions.c.entity_id.is_not(None))
        )
        ids = in_story.with_only_columns(mentions.c.entity_id).distinct()
        named = select(entities).where(entities.c.id.in_(ids)).order_by(entities.c.id)
        by_entity: dict[str, list[Mention]] = defaultdict(list)
        with self.engine.connect() as conn:
            for r in conn.execute(in_story.order_by(*MENTION_ORDER)):
                by_entity[r.entity_id].append(row_mention(r))
            rows = conn.execute(named).all()
        return [
            Entity(r.id, r.name, r.type, tuple(r.aliases), tuple(by_entity[r.id]), tuple(r.roles))
            for r in rows
        ]

    def quotes_of(self, story_id: str) -> list[Quote]:
        """Quotes in the story's articles, by article then position."""
        with self.engine.connect() as conn:
            return [row_quote(r) for r in conn.execute(_STORY_QUOTES, {"key": story_id}).all()]

    def entity_names(self, entity_ids: Sequence[str]) -> dict[str, str]:
        """Entity id → canonical name, for these ids (the few one page names); others left out."""
        if not entity_ids:
            return {}
        rows = self._rows(_ENTITY_NAMES, {"ids": sorted(set(entity_ids))})
        return {r["id"]: r["name"] for r in rows}

    def story_and_heads(self, story_id: str) -> tuple[Story, list[ArticleHead]] | None:
        """One story and its articles' heads (no text), oldest first, in one read: what
        ``story`` and ``story_heads`` give (the ids are the heads'), or None."""
        with self.engine.connect() as conn:
            row = conn.execute(_STORY_ROW, {"key": story_id}).first()
            if row is None:
                return None
            heads = [_head(r) for r in conn.execute(_STORY_HEADS, {"key": story_id}).all()]
        story = stories_in_order([row], {story_id: [h.id for h in heads]})[0]
        return story, heads

    def story_heads(self, story_id: str) -> list[ArticleHead]:
        """The heads (no text) of a story's articles, oldest first."""
        with self.engine.connect() as conn:
            return [_head(r) for r in conn.execute(_STORY_HEADS, {"key": story_id}).all()]

    def heads_by_id(self, article_ids: Sequence[str]) -> dict[str, ArticleHead]:
        """The heads (no text) of these articles."""
        out: dict[str, ArticleHead] = {}
        with self.engine.connect() as conn:
            for ids in chunks(article_ids):
                rows = conn.execute(_HEADS_BY_ID, {"ids": list(ids)}).all()
                out.update((r.id, _head(r)) for r in rows)
        return out

    def article_by_short(self, short: str) -> str | None:
        """The id of the article whose permalink is ``short``, or None."""
        query = select(articles.c.id).where(articles.c.short == short)
        with self.engine.connect() as conn:
            found = conn.execute(query).scalar()
        return str(found) if found is not None else None

    def story_titles(self, story_ids: Sequence[str]) -> dict[str, str]:
        """Story id → title, for these ids."""
        if not story_ids:
            return {}
        rows = self._rows(_STORY_TITLES, {"ids": sorted(story_ids)})
        return {r["id"]: r["title"] for r in rows}

    # -- one article -------------------------------------------------------------------

    def stored_article(self, article_id: str) -> StoredArticle | None:
        with self.engine.connect() as conn:
            row = conn.execute(_ARTICLE_ROW, {"key": article_id}).mappings().first()
        if row is None:
            return None
        return StoredArticle(
            self._row_to_article(row), row["duplicate_of"], row["story_id"], row["short"]
        )

    def facts_of(self, article_id: str) -> dict[str, list[dict[str, Any]]]:
        """Mentions (with their entity's name), quotes and dates of one article, in text order."""
        key = {"key": article_id}
        return {
            "mentions": self._rows(_ARTICLE_MENTIONS, key),
            "quotes": self._rows(_ARTICLE_QUOTES, key),
            "timexes": self._rows(_ARTICLE_TIMEXES, key),
        }

    def document_articles(self, document_hash: str) -> list[str]:
        """Ids of the articles the cleaner made of one document, in order."""
        query = (
            select(articles.c.id)
            .where(articles.c.document_hash == document_hash)
            .order_by(articles.c.part)
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    # -- one entity --------------------------------------------------------------------

    def entity(self, entity_id: str) -> Entity | None:
        """One entity with all its mentions, or None."""
        query = select(mentions).where(mentions.c.entity_id == entity_id).order_by(*MENTION_ORDER)
        with self.engine.connect() as conn:
            r = conn.execute(_ENTITY_ROW, {"key": entity_id}).first()
            if r is None:
                return None
            found = tuple(row_mention(m) for m in conn.execute(query))
        return Entity(r.id, r.name, r.type, tuple(r.aliases), found, tuple(r.roles))

    def entity_row(self, entity_id: str) -> Entity | None:
        """One entity's name, type, aliases and roles without its mentions, or None
        (a page shows its mentions a page at a time: ``mentions_in_context``)."""
        with self.engine.connect() as conn:
            r = conn.execute(_ENTITY_ROW, {"key": entity_id}).first()
        if r is None:
            return None
        return Entity(r.id, r.name, r.type, tuple(r.aliases), (), tuple(r.roles))

    def mentions_in_context(
        self, entity_id: str, offset: int = 0, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """The entity's mentions (their columns), with their article's head (``article``)
        and text (``article_text``), by date (undated last; ties by article and position);
        ``offset``/``limit`` select one page.

        A page is a range of ``ix_mentions_entity_published`` (the mentions carry their
        article's date), so page 1 of an entity named 20,000 times reads its first rows
        of the index and the page's articles, not every mention sorted. The dated and the
        undated mentions are two ranges of that index (one ``ORDER BY`` that puts NULL
        last would not follow it on SQLite)."""
        named = mentions.c.entity_id == entity_id
        dated = mentions.c.published.is_not(None)
        dated_count = self._count(select(func.count()).select_from(mentions).where(named, dated))
        found: list[dict[str, Any]] = []
        if offset < dated_count and (limit is None or limit > 0):
            by_date = (mentions.c.published, mentions.c.article_id, mentions.c.start, mentions.c.id)
            found += self._mentions_by_ids(
                select(mentions.c.id).where(named, dated).order_by(*by_date), offset, limit
            )
        rest = None if limit is None else limit - len(found)
        if rest is None or rest > 0:
            undated = mentions.c.published.is_(None)
            in_text = (mentions.c.article_id, mentions.c.start, mentions.c.id)
            found += self._mentions_by_ids(
                select(mentions.c.id).where(named, undated).order_by(*in_text),
                max(0, offset - dated_count),
                rest,
            )
        return found

    def _mentions_by_ids(
        self, ids_query: Any, offset: int, limit: int | None
    ) -> list[dict[str, Any]]:
        """The mentions ``ids_query`` selects (an index range, paged), in its order, each
        with its article's head and text (read for these mentions only)."""
        ids = [r["id"] for r in self._rows(ids_query.offset(offset).limit(limit))]
        found: list[dict[str, Any]] = []
        for some in chunks(ids):
            query = (
                select(mentions, *_HEAD_LABELS, articles.c.text.label("article_text"))
                .join(articles, articles.c.id == mentions.c.article_id)
                .where(mentions.c.id.in_(some))
            )
            found += [_with_head(r) for r in self._rows(query)]
        rank = {i: n for n, i in enumerate(ids)}
        return sorted(found, key=lambda r: rank[r["id"]])

    def _count(self, query: Any, params: dict[str, Any] | None = None) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(query, params).scalar_one())

    def mention_count(self, entity_id: str) -> int:
        """How many mentions the entity has (counted in the entity's index range)."""
        return self._count(_MENTION_COUNT, {"key": entity_id})

    def entity_stories(self, entity_id: str) -> list[tuple[str, int]]:
        """The stories whose articles mention the entity, with how many mentions each, the
        most mentioned first (ties by id): counted in ``ix_mentions_entity_story`` (each
        mention carries its article's story), never joining the articles."""
        count = func.count().label("n")
        query = (
            select(mentions.c.story_id, count)
            .where(mentions.c.entity_id == entity_id, mentions.c.story_id.is_not(None))
            .group_by(mentions.c.story_id)
            .order_by(count.desc(), mentions.c.story_id)
        )
        with self.engine.connect() as conn:
            return [(str(sid), int(n)) for sid, n in conn.execute(query).all()]

    def newest_mentioning(self, entity_id: str, limit: int) -> list[dict[str, Any]]:
        """The ``limit`` latest-published articles that mention the entity (undated ones
        after every dated one), each as its first mention of the entity in text order,
        with the article's head (``article``) and text (``article_text``), newest first.

        Read from the end of ``ix_mentions_entity_published`` a slice at a time until
        ``limit`` articles are found, so an entity's feed reads about ``limit`` articles'
        mentions, not every mention of the entity."""
        chosen: list[str] = []
        seen: set[str] = set()
        for which, order in (
            (
                mentions.c.published.is_not(None),
                (mentions.c.published.desc(), mentions.c.article_id.desc()),
            ),
            (mentions.c.published.is_(None), (mentions.c.article_id.desc(),)),
        ):
            base = select(mentions.c.article_id).where(mentions.c.entity_id == entity_id, which)
            offset = 0
            while len(chosen) < limit:
                step = max(64, 4 * (limit - len(chosen)))
                rows = self._rows(base.order_by(*order).offset(offset).limit(step))
                for r in rows:
                    if r["article_id"] not in seen and len(chosen) < limit:
                        seen.add(r["article_id"])
                        chosen.append(r["article_id"])
                if len(rows) < step:
                    break
                offset += step
        if not chosen:
            return []
        firsts = (
            select(mentions.c.id, mentions.c.article_id)
            .where(mentions.c.entity_id == entity_id, mentions.c.article_id.in_(chosen))
            .order_by(mentions.c.article_id, mentions.c.start, mentions.c.id)
        )
        first: dict[str, str] = {}
        for r in self._rows(firsts):
            first.setdefault(r["article_id"], r["id"])
        rows = self._mentions_by_ids(
            select(mentions.c.id).where(mentions.c.id.in_(list(first.values()))), 0, None
        )
        by_article = {r["article_id"]: r for r in rows}
        return [by_article[a] for a in chosen if a in by_article]

    def quotes_by(self, entity_id: str, limit: int | None = None) -> list[dict[str, Any]]:
        """Quotes the entity speaks (their columns), with their article's head (``article``),
        by date; the first ``limit`` of them when given."""
        query = (
            select(quotes, *_HEAD_LABELS)
            .join(articles, articles.c.id == quotes.c.article_id)
            .where(quotes.c.speaker_entity_id == entity_id)
            .order_by(articles.c.published, quotes.c.article_id, quotes.c.start)
            .limit(limit)
        )
        return [_with_head(r) for r in self._rows(query)]

    def events_with(self, entity_id: str, limit: int | None = None) -> list[Event]:
        """Events the entity takes part in, dated ones first in date order (the first
        ``limit`` when given): a keyed read through ``event_participants``."""
        query = (
            select(events)
            .join(event_participants, event_participants.c.event_id == events.c.id)
            .where(event_participants.c.entity_id == entity_id)
            .order_by(*_EVENT_ORDER)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [row_event(r) for r in conn.execute(query).all()]

    # -- listings and search -----------------------------------------------------------

    def article_heads(self) -> list[ArticleHead]:
        """Every article's listing columns (no text), oldest first."""
        query = select(*_HEAD_COLUMNS).order_by(*_ARTICLE_ORDER)
        with self.engine.connect() as conn:
            return [_head(r) for r in conn.execute(query)]

    def story_listing(self, offset: int = 0, limit: int | None = None) -> list[StoryListing]:
        """Stories with their members (``ListedMember``: five columns, not the heads) and
        claim counts, biggest and latest first.

        ``offset``/``limit`` select one page in the database (ordered by the
        ``ix_stories_listing`` index), and only that page's members and claims are read,
        so a page of the web list costs the same on a store of any size. Without a
        limit: every story (the CLI's numbered list)."""
        order = (  # as stories_in_order sorts; undated last on both backends
            stories.c.article_count.desc(),
            stories.c.last_published.desc().nulls_last(),
            stories.c.id.desc(),
        )
        page = select(stories).order_by(*order).offset(offset)
        if limit is not None:
            page = page.limit(limit)
        heads: dict[str, list[ListedMember]] = defaultdict(list)
        claim_count: dict[str, int] = {}
        with self.engine.connect() as conn:
            rows = conn.execute(page).all()
            for some in chunks([r.id for r in rows]):
                members = (
                    select(articles.c.story_id, *_LISTED_COLUMNS)
                    .where(articles.c.story_id.in_(some))
                    .order_by(*_ARTICLE_ORDER)
                )
                for story_id, *listed in conn.execute(members).all():
                    heads[story_id].append(ListedMember(*listed))
                counts = (
                    select(claims.c.story_id, func.count())
                    .where(claims.c.story_id.in_(some))
                    .group_by(claims.c.story_id)
                )
                claim_count.update({sid: int(n) for sid, n in conn.execute(counts).all()})
        ids = {sid: [h.id for h in found] for sid, found in heads.items()}
        return [
            StoryListing(s, tuple(heads.get(s.id, ())), claim_count.get(s.id, 0))
            for s in stories_in_order(rows, ids)
        ]

    def story_count(self) -> int:
        """How many stories the store holds."""
        return self._count(_STORY_COUNT)

    def search(self, q: str, limit: int = MAX_RESULTS) -> list[Hit]:
        """Articles whose headline or text hold every word of ``q``, best first.

        Whether the SQLite index is behind the articles is asked only when the store has
        changed since it was last found current (``data_stamp``): the check counts both
        tables, a few milliseconds a search at 100,000 articles. The stamp is read before
        the check, so a commit during it makes the next search check again; a search that
        had to bring the index up to date moved the stamp itself and records none."""
        stamp = self.data_stamp()
        if (stamp is None or stamp != self._index_current_at) and ensure_index(self.engine):
            self._index_current_at = stamp
        return find_text(self.engine, q, limit, checked=True)

    def sync_search_index(self) -> int:
        """Bring the SQLite full-text index in step with the articles (no-op on PostgreSQL)."""
        return sync_index(self.engine)
