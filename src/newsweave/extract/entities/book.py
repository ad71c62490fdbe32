"""The entity book: what resolution needs to know about the stored entities, kept as
keyed state rows (:mod:`newsweave.keyed`), so that a run reads and writes only the rows
its new articles touch.

Resolving new articles against the store needs, per stored entity, its names and how
often each form was used, its roles, the company it keeps (the other entities of its
articles) and its size; the label evidence of every mention (:class:`LabelEvidence`),
entry by entry; the blocking index that finds the entities a new name cluster could
join (:class:`StoredIndex`); and, to link quote speakers, which entities each name
points to. Rows of the entities stage's state:

* ``e:ID`` an entity's summary (:class:`Summary`, without its articles), ``ea:ID`` the
  articles it is mentioned in (read only when it changes), ``a:ARTICLE`` the entities
  of an article (whose context a change there moves), ``i:BASE`` the ids in use that
  start with BASE (:class:`_Taken`);
* ``v:KIND:NAME`` one entry of the label evidence (:func:`evidence_keys`);
* ``b:…``, ``q:…``, ``qn:…`` the blocking index (:class:`StoredIndex`, capped);
* ``n:NAME`` the entities called NAME (at most :data:`MAX_NAMED`, the highest ranked)
  and the speaker last linked by it, ``sq:NAME``
  the quotes linked by that name (read only when the speaker changes), ``tq:QUOTE``
  and ``t:ID`` quotes whose speaker words overlap several entities equally, both ways,
  and ``recheck``: the entities the last run changed.

A run reads the evidence of its mentions' names, the postings its clusters' keys hit
and the summaries of the entities listed there (at most ``MAX_CANDIDATES`` a cluster),
and the rows of the entities that change and of their articles: a number of rows that
does not grow with the store. What still grows is the size of some rows: a recurring
entity's context (the signatures of the entities it appears with), its articles (read
when it changes) and the quotes linked by its name (read when the speaker a name links
to changes); and when a recurring entity's canonical name or type changes, the context
of every article it is in is counted again, as resolving over every mention would.
:meth:`EntityBook.from_store` builds every row from the stored entities when there is
no usable state (the stage's manifest does not match).

Everything is kept so that a run decides as a run over every stored mention would
(within the index's caps): forms in the order their first mention is stored (the
canonical name breaks ties by it), label votes with the entity that gave them (ties go
to the label seen first), the context as counts of entity signatures.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from newsweave.extract.entities.cluster import cluster_article, label_class
from newsweave.extract.entities.index import (
    MAX_CANDIDATES,
    MAX_POSTING,
    MAX_STRINGS,
    BookIndex,
    StoredIndex,
)
from newsweave.extract.entities.match import EntityDraft
from newsweave.extract.entities.mentions import role_says_person
from newsweave.extract.entities.names import canonical_words, name_words, skeleton
from newsweave.extract.entities.resolve import (
    LabelEvidence,
    canonical_name,
    evidence_keys,
    match_clusters,
    new_id,
    relabel,
)
from newsweave.keyed import KeyedState
from newsweave.model import Entity, Mention, Quote

__all__ = ["FORMAT", "SETTINGS", "EntityBook", "Place", "Resolution", "Summary"]

#: Bumped when the rows' layout changes; older rows are then rebuilt from the store.
FORMAT = 3
#: What shaped the rows: the stage's manifest must match it for a run to use them.
SETTINGS = (
    f"entity book rows {FORMAT} posting {MAX_POSTING} strings {MAX_STRINGS} "
    f"candidates {MAX_CANDIDATES}"
)

#: Where a mention sits in the store's order: (article id, start, mention id).
Place = tuple[str, int, str]
#: How speakers rank entities: fewer mentions last, then key, then stored before new.
Rank = tuple[int, str, int, str, int]


@dataclass
class Summary:
    """One stored entity without its mentions."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    #: text → [count, article id, start, mention id of its first stored mention]
    forms: dict[str, list[Any]] = field(default_factory=dict)
    #: text → how many of its mentions carry a role that says person
    person_forms: dict[str, int] = field(default_factory=dict)
    articles: set[str] = field(default_factory=set)
    context: Counter[str] = field(default_factory=Counter)
    size: int = 0

    def words(self) -> tuple[str, ...]:
        return _words_of(self.name, self.type)

    def signature(self) -> str:
        """As the resolver signs an entity in another's context (``_signature``)."""
        return _signature_of(self.name, self.type)

    def names(self) -> set[str]:
        return {n.casefold() for n in (self.name, *self.aliases)}

    def ordered_forms(self) -> list[str]:
        return sorted(self.forms, key=lambda t: tuple(self.forms[t][1:]))

    def add_mention(self, m: Mention, place: Place) -> None:
        entry = self.forms.get(m.name)
        if entry is None:
            self.forms[m.name] = [1, *place]
        else:
            entry[0] += 1
            if tuple(entry[1:]) > place:
                entry[1:] = list(place)
        if m.role and role_says_person(m.role):
            self.person_forms[m.name] = self.person_forms.get(m.name, 0) + 1
        self.articles.add(m.article_id)
        self.size += 1

    def count_evidence(self, evidence: LabelEvidence, sign: int) -> None:
        for text in self.ordered_forms():
            count, persons = self.forms[text][0], self.person_forms.get(text, 0)
            evidence.add(text, self.type, sign * count, sign * persons, self.id)

    @classmethod
    def from_row(cls, entity_id: str, row: Sequence[Any]) -> Summary:
        """A summary from its ``e:`` row (:meth:`row`); its articles are read apart."""
        s = cls(entity_id, str(row[0]), str(row[1]), tuple(row[2]), tuple(row[3]))
        s.forms = {str(t): list(v) for t, v in dict(row[4]).items()}
        s.person_forms = {str(t): int(v) for t, v in dict(row[5]).items()}
        s.context = Counter({str(k): int(v) for k, v in dict(row[6]).items()})
        s.size = int(row[7])
        return s

    def row(self) -> list[Any]:
        return [
            self.name,
            self.type,
            list(self.aliases),
            list(self.roles),
            {t: list(v) for t, v in self.forms.items()},
            dict(self.person_forms),
            dict(self.context),
            self.size,
        ]

    def draft(self) -> EntityDraft:
        """The entity as a draft new clusters can join (its articles left out: nothing
        that matches or names an entity reads them)."""
        d = EntityDraft(cls=label_class(self.type), words=self.words(), id=self.id, base=self.size)
        d.forms.update({t: self.forms[t][0] for t in self.ordered_forms()})
        d.roles.update(self.roles)
        d.context.update(self.context)
        return d


@dataclass
class Resolution:
    """What one run changes: entity rows, mention links, relabelled entities, speakers."""

    #: Entities written (new or changed), each with only its new mentions.
    entities: list[Entity]
    deleted: list[str]
    #: Entities whose type changed: every stored mention of them takes the new type.
    retyped: dict[str, str]
    speakers: dict[str, str | None]


class EntityBook:
    """The stored entities' summaries, evidence, index and speaker links, read from
    ``state`` by key as a run needs them and written back as changed rows."""

    def __init__(self, state: KeyedState) -> None:
        self.state = state
        self.index = StoredIndex(state)
        self.evidence = LabelEvidence()
        #: evidence entry → its row as read (None: absent), for writing back changes only
        self._evidence_read: dict[str, Any] = {}
        self._summaries: dict[str, Summary | None] = {}
        self._rows_read: dict[str, Any] = {}
        self._articles_read: dict[str, list[str]] = {}
        self._article_entities: dict[str, set[str]] = {}
        self._article_read: dict[str, list[str]] = {}
        #: name → the entities so called and the speaker last linked by it; rows as read
        self._names: dict[str, _Named] = {}
        self._names_read: dict[str, Any] = {}
        self._drafts: dict[str, EntityDraft] = {}
        #: stored mention spans per article, kept only by a book rebuilt from the store
        self.stored_spans: dict[str, list[tuple[int, int, str]]] = {}
        #: entities without a stored mention (a rebuilt book): the next run removes them
        self.empty: list[str] = []

    # -- building -----------------------------------------------------------------

    @classmethod
    def from_store(
        cls, entities: Sequence[Entity], place: Callable[[Mention], Place]
    ) -> EntityBook:
        """A book whose rows (a reset state) describe the stored entities (with all their
        mentions, as the store lists them)."""
        book = cls(KeyedState.empty())
        state = book.state
        summaries: dict[str, Summary] = {}
        by_article: dict[str, set[str]] = {}
        for e in entities:
            s = Summary(e.id, e.name, e.type, e.aliases, e.roles)
            for m in e.mentions:
                s.add_mention(m, place(m))
                book.stored_spans.setdefault(m.article_id, []).append((m.start, m.end, e.id))
                by_article.setdefault(m.article_id, set()).add(e.id)
            summaries[e.id] = s
        evidence = LabelEvidence()
        names: dict[str, _Named] = {}
        for s in summaries.values():
            own = s.signature()
            for a in s.articles:
                s.context.update({summaries[o].signature() for o in by_article[a]} - {own})
            s.count_evidence(evidence, 1)
            for n in s.names():
                names.setdefault(n, _Named()).ids[s.id] = _named_rank(s)
            state.put(f"e:{s.id}", s.row())
            record_id(state, s.id, add=True)
            state.put(f"ea:{s.id}", sorted(s.articles))
            book.index.update(s.id, None, (label_class(s.type), s.words(), s.size))
            if not s.size:
                book.empty.append(s.id)
        book.index.finish()
        for a, ids in by_article.items():
            state.put(f"a:{a}", sorted(ids))
        for key in evidence.entries():
            if (value := evidence.export(key)) is not None:
                state.put(f"v:{key}", value)
        for n, named in names.items():
            state.put(f"n:{n}", named.row())
        return book

    def unknown(self, article_ids: Sequence[str]) -> list[str]:
        """The articles whose mentions do not belong to entities of the book yet."""
        self._load_articles(article_ids)
        return [a for a in article_ids if not self._article_entities[a]]

    # -- reading rows -------------------------------------------------------------

    def _load(self, ids: Iterable[str]) -> None:
        todo = [i for i in dict.fromkeys(ids) if i not in self._summaries]
        if todo:
            rows = self.state.get_many(f"e:{i}" for i in todo)
            for i in todo:
                row = rows.get(f"e:{i}")
                self._summaries[i] = None if row is None else Summary.from_row(i, row)
                self._rows_read[i] = row

    def summary(self, entity_id: str) -> Summary | None:
        self._load([entity_id])
        return self._summaries[entity_id]

    def _load_entity_articles(self, ids: Iterable[str]) -> None:
        todo = [i for i in dict.fromkeys(ids) if i not in self._articles_read]
        rows = self.state.get_many(f"ea:{i}" for i in todo)
        for i in todo:
            self._articles_read[i] = list(rows.get(f"ea:{i}", ()))
            s = self._summaries[i]
            if s is not None:
                s.articles = set(self._articles_read[i])

    def _load_articles(self, article_ids: Iterable[str]) -> None:
        todo = [a for a in dict.fromkeys(article_ids) if a not in self._article_entities]
        rows = self.state.get_many(f"a:{a}" for a in todo)
        for a in todo:
            self._article_read[a] = list(rows.get(f"a:{a}", ()))
            self._article_entities[a] = set(self._article_read[a])

    def _load_evidence(self, texts: Iterable[str]) -> None:
        keys = {k for t in set(texts) for k in evidence_keys(t)} - self._evidence_read.keys()
        rows = self.state.get_many(f"v:{k}" for k in sorted(keys))
        for key in keys:
            value = rows.get(f"v:{key}")
            if value is not None:
                self.evidence.take(key, value)
            self._evidence_read[key] = value

    def _load_names(self, names: Iterable[str]) -> None:
        todo = [n for n in dict.fromkeys(names) if n not in self._names]
        rows = self.state.get_many(f"n:{n}" for n in todo)
        for n in todo:
            row = self._names_read[n] = rows.get(f"n:{n}")
            self._names[n] = _Named.from_row(row)

    def _draft(self, entity_id: str) -> EntityDraft:
        """The stored entity as a draft, made once per run."""
        d = self._drafts.get(entity_id)
        if d is None:
            s = self.summary(entity_id)
            if s is None:
                raise ValueError(f"entity book: posting lists unknown entity {entity_id!r}")
            d = self._drafts[entity_id] = s.draft()
        return d

    # -- resolving ----------------------------------------------------------------

    def resolve(
        self,
        mentions_by_article: Mapping[str, Sequence[Mention]],
        quotes: Sequence[Quote],
        place: Callable[[Mention], Place],
        *,
        all_quotes: bool = False,
    ) -> Resolution:
        """Resolve new articles' mentions into the book's entities or new ones, update the
        book's rows, and link the speakers of ``quotes`` (the new articles' quotes, or every
        stored quote when ``all_quotes``) plus stored quotes whose link may change."""
        batch = {a: list(ms) for a, ms in mentions_by_article.items()}
        self._load_evidence(m.name for ms in batch.values() for m in ms)
        relabelled = relabel(batch, evidence=self.evidence)
        clusters = [c for a, ms in relabelled.items() for c in cluster_article(a, ms)]
        clusters.sort(key=lambda c: (c.cls != "PERSON", len(c.words) < 2, c.article_id))
        self.index.prefetch(clusters)
        self._load([*self.empty, *(i for c in clusters for i in self.index.candidate_ids(c))])
        for entity_id in self.empty:
            self._draft(entity_id)
        new: list[EntityDraft] = []
        match_clusters(clusters, new, BookIndex(self.index, self._draft))
        stored = [self._drafts[i] for i in sorted(self._drafts)]
        changed: list[tuple[EntityDraft, Summary | None]] = [
            (d, self._summaries[str(d.id)]) for d in stored if d.mentions or not d.size
        ]
        position = {id(d): n for n, d in enumerate(new)}
        fresh = sorted(new, key=lambda d: (-d.size, d.key))
        labels = [Counter(m.label for m in d.mentions).most_common(1)[0][0] for d in fresh]
        names = [canonical_name(d.forms, label) for d, label in zip(fresh, labels, strict=True)]
        bases = [new_id(label, n, ()) for label, n in zip(labels, names, strict=True)]
        taken = _Taken(self.state, bases)
        ranks: dict[str, Rank] = {}
        for d, base in zip(fresh, bases, strict=True):
            d.id = taken.take(base)
            ranks[d.id] = (-d.size, d.key, 1, "", position[id(d)])
            changed.append((d, None))
        for d in stored:
            ranks[str(d.id)] = (-d.size, d.key, 0, str(d.id), 0)
        before_names: set[str] = set()
        for _, old in changed:
            if old is not None:
                before_names |= old.names()
        result = self._apply(changed, place)
        after_names = {n for e in result.entities for n in self._names_of([e.id])}
        touched = {e.id for e in result.entities} | set(result.deleted)
        recheck = set(self.state.get("recheck") or ())
        self._load(recheck)
        result.speakers = self._speakers(
            quotes,
            [*stored, *fresh],
            ranks,
            names=before_names | after_names | self._names_of(recheck),
            recheck=touched | recheck,
            everything=all_quotes,
        )
        if sorted(touched - set(result.deleted)) != sorted(recheck):
            self.state.put("recheck", sorted(touched - set(result.deleted)))
        self._write_back()
        self.empty = []
        return result

    def _names_of(self, ids: Iterable[str]) -> set[str]:
        return {n for i in ids if (s := self.summary(i)) is not None for n in s.names()}

    def _apply(
        self,
        changed: Sequence[tuple[EntityDraft, Summary | None]],
        place: Callable[[Mention], Place],
    ) -> Resolution:
        """Entity rows and links for the changed drafts; the book brought up to date."""
        self._load_entity_articles(str(d.id) for d, old in changed if old is not None)
        rows: list[tuple[EntityDraft, Summary | None, Entity | None]] = []
        articles: set[str] = set()
        for d, old in changed:
            articles |= {m.article_id for m in d.mentions}
            row = _entity(d, old) if d.size else None
            if old is not None and row is not None and old.signature() != _signature(row):
                articles |= old.articles  # its signature is in other entities' context
            rows.append((d, old, row))
        self._load_articles(articles)
        self._load(i for a in articles for i in self._article_entities[a])
        texts = [t for _, old, _ in rows if old is not None for t in old.forms]
        texts += [m.name for _, _, row in rows if row is not None for m in row.mentions]
        self._load_evidence(texts)
        self._load_names(
            [n for _, old, _ in rows if old is not None for n in old.names()]
            + [
                n.casefold()
                for _, _, row in rows
                if row is not None
                for n in (row.name, *row.aliases)
            ]
        )
        self.index.prepare(
            [(label_class(old.type), old.words()) for _, old, _ in rows if old is not None]
            + [(label_class(row.type), _words_of(row.name, row.type)) for *_, row in rows if row]
        )
        # The company kept: take back what the touched articles gave, then count it again.
        for a in articles:
            self._count_context(a, sign=-1)
        entities: list[Entity] = []
        deleted: list[str] = []
        retyped: dict[str, str] = {}
        for d, old, row in rows:
            entity_id = str(d.id)
            was = None
            if old is not None:
                was = (label_class(old.type), old.words())
                old.count_evidence(self.evidence, -1)
                for n in old.names():
                    self._names[n].ids.pop(entity_id, None)
            if row is None:
                deleted.append(entity_id)
                self._summaries[entity_id] = None
                record_id(self.state, entity_id, add=False)
                self.index.update(entity_id, was, None)
                continue
            if old is not None and old.type != row.type:
                retyped[entity_id] = row.type
            s = old if old is not None else Summary(entity_id, row.name, row.type, (), ())
            if old is None:
                self._articles_read[entity_id] = []
            s.name, s.type, s.aliases, s.roles = row.name, row.type, row.aliases, row.roles
            for m in row.mentions:
                s.add_mention(m, place(m))
                self._article_entities[m.article_id].add(entity_id)
            self._summaries[entity_id] = s
            s.count_evidence(self.evidence, 1)
            for n in s.names():
                self._names[n].ids[entity_id] = _named_rank(s)
            self.index.update(entity_id, was, (label_class(s.type), s.words(), s.size))
            entities.append(row)
        for a in articles:
            self._count_context(a, sign=1)
        self.index.finish()
        return Resolution(entities, deleted, retyped, {})

    def _count_context(self, article: str, sign: int) -> None:
        members = [
            s for e in self._article_entities.get(article, ()) if (s := self.summary(e)) is not None
        ]
        signatures = {s.signature() for s in members}
        for s in members:
            for sig in signatures - {s.signature()}:
                s.context[sig] += sign
                if s.context[sig] <= 0:
                    del s.context[sig]

    # -- quote speakers -------------------------------------------------------------

    def _speakers(
        self,
        quotes: Sequence[Quote],
        drafts: Sequence[EntityDraft],
        ranks: Mapping[str, Rank],
        *,
        names: set[str],
        recheck: set[str],
        everything: bool,
    ) -> dict[str, str | None]:
        """Speaker entities: of ``quotes`` by the entity mentioned at the speaker words,
        else by name; and of stored quotes whose answer may have changed (a name whose
        entities changed, a tie between entities whose rank changed). A name's quotes
        are read and rewritten only when its speaker changes."""
        said = {q.speaker.casefold() for q in quotes if q.speaker}
        self._load_names(names | said)
        tied_by = self.state.get_many(f"t:{e}" for e in sorted(recheck))
        tied_quotes = sorted({q for listed in tied_by.values() for q in listed})
        ties = {
            k[3:]: set(v) for k, v in self.state.get_many(f"tq:{q}" for q in tied_quotes).items()
        }
        self._load(i for ids in ties.values() for i in ids)

        def rank(entity_id: str) -> Rank:
            known = ranks.get(entity_id)
            if known is not None:
                return known
            s = self.summary(entity_id)
            assert s is not None
            size, key = _named_rank(s)
            return (-size, key, 0, entity_id, 0)

        def first(ids: Iterable[str]) -> str | None:
            ranked = sorted((rank(i), i) for i in ids if self.summary(i) is not None)
            return ranked[0][1] if ranked else None

        def first_named(named: _Named) -> str | None:
            ranked = sorted(
                (ranks.get(i) or (-size, key, 0, i, 0), i) for i, (size, key) in named.ids.items()
            )
            return ranked[0][1] if ranked else None

        out: dict[str, str | None] = {}
        moved: dict[str, str | None] = {}
        for n in sorted(names):
            named = self._names[n]
            winner = first_named(named)
            if winner != named.linked:
                moved[n] = named.linked = winner
        listed = self.state.get_many(f"sq:{n}" for n in sorted(moved))
        for n, winner in moved.items():
            for quote_id in listed.get(f"sq:{n}", ()):
                out[quote_id] = winner
        for quote_id, tied in ties.items():
            if tied & recheck:
                out[quote_id] = first(tied)
        spans = _spans(quotes, drafts, self.stored_spans if everything else {})
        new_ties: dict[str, list[str]] = {}
        by_name: dict[str, list[str]] = {}
        for q in quotes:
            entity: str | None = None
            if q.speaker_start is not None and q.speaker_end is not None:
                best, found = 0, set()
                for start, end, entity_id in spans.get(q.article_id, ()):
                    if start < q.speaker_end and q.speaker_start < end:
                        overlap = min(q.speaker_end, end) - max(q.speaker_start, start)
                        if overlap > best:
                            best, found = overlap, {entity_id}
                        elif overlap == best:
                            found.add(entity_id)
                self._load(found)
                entity = first(found)
                if len(found) > 1:
                    self.state.put(f"tq:{q.id}", sorted(found))
                    for entity_id in found:
                        new_ties.setdefault(entity_id, []).append(q.id)
            if entity is None and q.speaker:
                key = q.speaker.casefold()
                by_name.setdefault(key, []).append(q.id)
                entity = self._names[key].linked = first_named(self._names[key])
            out[q.id] = entity
        self._append("t", new_ties)
        self._append("sq", by_name)
        return out

    def _append(self, kind: str, additions: Mapping[str, list[str]]) -> None:
        """Add quote ids to the ``kind:NAME`` lists."""
        rows = self.state.get_many(f"{kind}:{n}" for n in sorted(additions))
        for n, quote_ids in additions.items():
            self.state.put(f"{kind}:{n}", sorted({*rows.get(f"{kind}:{n}", ()), *quote_ids}))

    # -- writing rows -------------------------------------------------------------

    def _write_back(self) -> None:
        """Put the rows this run changed (and only those) into the state."""
        put, delete = self.state.put, self.state.delete
        for i, s in self._summaries.items():
            if s is None:
                if self._rows_read.get(i) is not None:
                    delete(f"e:{i}")
                    delete(f"ea:{i}")
                continue
            row = s.row()
            if row != self._rows_read.get(i):
                put(f"e:{i}", row)
            if i in self._articles_read and sorted(s.articles) != self._articles_read[i]:
                put(f"ea:{i}", sorted(s.articles))
        for a, ids in self._article_entities.items():
            if sorted(ids) != self._article_read[a]:
                put(f"a:{a}", sorted(ids))
        for key, value in self._evidence_read.items():
            now = self.evidence.export(key)
            if now != value:
                put(f"v:{key}", now) if now is not None else delete(f"v:{key}")
        for n, named in self._names.items():
            row = named.row()
            if row != self._names_read[n]:
                put(f"n:{n}", row) if row is not None else delete(f"n:{n}")
        self._summaries, self._rows_read, self._articles_read = {}, {}, {}
        self._article_entities, self._article_read = {}, {}
        self._evidence_read, self.evidence = {}, LabelEvidence()
        self._names, self._names_read, self._drafts = {}, {}, {}
        self.index.forget()  # its answers were for the rows before


#: Entities one name's row keeps for linking speakers by name, the highest ranked: the
#: winner is among them, since an entity's rank only rises (sizes grow) and one that
#: changes is ranked again.
MAX_NAMED = 50


@dataclass
class _Named:
    """The entities called by one name (id → mentions, key) and the speaker last linked
    by that name."""

    ids: dict[str, tuple[int, str]] = field(default_factory=dict)
    linked: str | None = None

    @classmethod
    def from_row(cls, row: Any) -> _Named:
        if row is None:
            return cls()
        return cls({str(i): (int(n), str(k)) for i, n, k in row["ids"]}, row["w"])

    def row(self) -> Any:
        if not self.ids:
            return None
        kept = sorted(self.ids.items(), key=lambda e: (-e[1][0], e[1][1], e[0]))[:MAX_NAMED]
        return {"ids": [[i, n, k] for i, (n, k) in kept], "w": self.linked}


def _named_rank(s: Summary) -> tuple[int, str]:
    """An entity's mentions and key, as speakers are ranked."""
    return s.size, " ".join(skeleton(w) for w in s.words())


class _Taken:
    """Entity ids in use, by the ``i:BASE`` rows: the numbers ``n`` for which the id
    ``BASE-n`` (``BASE`` for 1) names an entity. An id ``x-7`` counts as ``x`` number 7
    and as ``x-7`` number 1, so :meth:`take` gives the id :func:`new_id` would give
    (the first number free) without probing one id at a time."""

    def __init__(self, state: KeyedState, bases: Iterable[str]) -> None:
        self._state = state
        found = state.get_many(f"i:{b}" for b in sorted(set(bases)))
        self._used = {k[2:]: set(v) for k, v in found.items()}

    def take(self, base: str) -> str:
        used = self._used.setdefault(base, set())
        n = 1
        while n in used:
            n += 1
        entity_id = base if n == 1 else f"{base}-{n}"
        record_id(self._state, entity_id, add=True)
        used.add(n)
        return entity_id


def record_id(state: KeyedState, entity_id: str, *, add: bool) -> None:
    """Count ``entity_id`` in (or out of) the ``i:`` rows of :class:`_Taken`."""
    readings = [(entity_id, 1)]
    if (found := re.fullmatch(r"(.+)-(\d+)", entity_id)) and int(found[2]) >= 2:
        readings.append((found[1], int(found[2])))
    for base, n in readings:
        used = set(state.get(f"i:{base}") or ())
        used = used | {n} if add else used - {n}
        if used:
            state.put(f"i:{base}", sorted(used))
        else:
            state.delete(f"i:{base}")


def _entity(d: EntityDraft, old: Summary | None) -> Entity:
    """The entity row a changed draft makes, with its new mentions only (as ``_finish``
    makes it from all of them: the majority label, the canonical name, roles by use)."""
    labels = Counter({old.type: d.base} if old is not None and d.base else {})
    labels.update(m.label for m in d.mentions)
    label = labels.most_common(1)[0][0]
    name = canonical_name(d.forms, label)
    aliases = tuple(sorted({f for f in d.forms if f != name}))
    roles = tuple(r for r, _ in d.roles.most_common()) if label in {"PERSON", "ORG"} else ()
    mentions = tuple(
        m if m.label == label else replace(m, label=label)
        for m in sorted(d.mentions, key=lambda m: (m.article_id, m.start))
    )
    return Entity(str(d.id), name, label, aliases, mentions, roles)


def _signature(e: Entity) -> str:
    return _signature_of(e.name, e.type)


@lru_cache(maxsize=2**16)
def _words_of(name: str, type_: str) -> tuple[str, ...]:
    """A stored entity's words as the resolver reads its name (``_draft_from_entity``)."""
    return tuple(name_words(name) if type_ == "PERSON" else canonical_words(name))


@lru_cache(maxsize=2**16)
def _signature_of(name: str, type_: str) -> str:
    cls = label_class(type_)
    words = name_words(name) if type_ == "PERSON" else canonical_words(name)
    if cls == "PERSON":
        return cls[:1] + ":" + (skeleton(words[-1]) if words else "")
    return cls[:1] + ":" + " ".join(skeleton(w) for w in words)


def _spans(
    quotes: Sequence[Quote],
    drafts: Sequence[EntityDraft],
    stored: Mapping[str, list[tuple[int, int, str]]],
) -> dict[str, list[tuple[int, int, str]]]:
    """Mention spans with their entity in the articles of ``quotes``: the drafts' new
    mentions and the ``stored`` ones."""
    wanted = {q.article_id for q in quotes}
    out: dict[str, list[tuple[int, int, str]]] = {
        a: list(spans) for a, spans in stored.items() if a in wanted
    }
    for d in drafts:
        for m in d.mentions:
            if m.article_id in wanted:
                out.setdefault(m.article_id, []).append((m.start, m.end, str(d.id)))
    return out
