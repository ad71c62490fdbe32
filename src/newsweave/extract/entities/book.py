"""The entity book: what resolution needs to know about every stored entity, without
its mentions, so that a run reads and writes only what new articles touch.

Resolving new articles against the store needs, per stored entity, its names and
how often each form was used, its roles, the company it keeps (the other entities
of its articles) and its size; store-wide, the label evidence of every mention
(:class:`LabelEvidence`); and, to link quote speakers, which entity each name
points to. The book keeps all of that as counts, updated after each run from the
entities that changed, and is saved as the entities stage's state (JSON,
compressed, like the clusterer's). :meth:`EntityBook.from_store` rebuilds it from
stored entities and quotes when there is no usable saved state.

What a run still does per stored entity (no mention is read): the book is loaded
and saved whole, as the clusterer's state is, and every entity becomes a draft in
the blocking index; these are the costs that grow with the store.

Everything is kept so that a resumed run decides exactly as a run over every
stored mention would: forms in the order their first mention is stored (the
canonical name breaks ties by it), label votes with the entity that gave them
(ties go to the label seen first), the context as the per-article sets of
entity signatures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from newsweave.extract.entities.cluster import cluster_article, label_class
from newsweave.extract.entities.index import DraftIndex
from newsweave.extract.entities.match import EntityDraft
from newsweave.extract.entities.mentions import role_says_person
from newsweave.extract.entities.names import canonical_words, name_words, skeleton
from newsweave.extract.entities.resolve import (
    LabelEvidence,
    canonical_name,
    match_clusters,
    new_id,
    relabel,
)
from newsweave.model import Entity, Mention, Quote
from newsweave.snapshot import decode, encode

__all__ = ["FORMAT", "EntityBook", "Place", "Resolution", "Summary"]

#: Bumped when the saved layout changes; an older state is then rebuilt from the store.
FORMAT = 2

#: Where a mention sits in the store's order: (article id, start, mention id).
Place = tuple[str, int, str]


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
    """Summaries of every stored entity and the store-wide evidence (module docstring)."""

    def __init__(self) -> None:
        self.entities: dict[str, Summary] = {}
        self.article_entities: dict[str, set[str]] = {}
        self.evidence = LabelEvidence()
        self.by_name: dict[str, set[str]] = {}
        #: speaker name → quotes without a speaker mention, linked by that name
        self.speaker_quotes: dict[str, set[str]] = {}
        #: quote → entities whose mentions overlap its speaker equally (order decides)
        self.tied: dict[str, set[str]] = {}
        #: entities changed by the last run (their run-time key may differ next run)
        self.recheck: set[str] = set()
        #: stored mention spans per article, kept only by a book rebuilt from the store
        self.stored_spans: dict[str, list[tuple[int, int, str]]] = {}

    # -- building -----------------------------------------------------------------

    @classmethod
    def from_store(
        cls, entities: Sequence[Entity], place: Callable[[Mention], Place]
    ) -> EntityBook:
        """The book of stored entities (with all their mentions, as the store lists them)."""
        book = cls()
        for e in entities:
            s = Summary(e.id, e.name, e.type, e.aliases, e.roles)
            for m in e.mentions:
                s.add_mention(m, place(m))
                book.stored_spans.setdefault(m.article_id, []).append((m.start, m.end, e.id))
            book._enter(s)
        for s in book.entities.values():
            s.context = book._context(s)
        return book

    def _enter(self, s: Summary, *, count: bool = True) -> None:
        self.entities[s.id] = s
        for a in s.articles:
            self.article_entities.setdefault(a, set()).add(s.id)
        for n in s.names():
            self.by_name.setdefault(n, set()).add(s.id)
        if count:
            s.count_evidence(self.evidence, 1)

    def _context(self, s: Summary) -> Counter[str]:
        own = s.signature()
        out: Counter[str] = Counter()
        for a in s.articles:
            out.update({self.entities[o].signature() for o in self.article_entities[a]} - {own})
        return out

    def knows(self, article_id: str) -> bool:
        """Whether an article's mentions already belong to entities of the book."""
        return article_id in self.article_entities

    # -- resolving ----------------------------------------------------------------

    def drafts(self) -> list[EntityDraft]:
        """Every stored entity as a draft new clusters can join, in id order (its articles
        are left out: nothing that matches or names an entity reads them)."""
        out: list[EntityDraft] = []
        for entity_id in sorted(self.entities):
            s = self.entities[entity_id]
            d = EntityDraft(cls=label_class(s.type), words=s.words(), id=s.id, base=s.size)
            d.forms.update({t: self.forms_count(s, t) for t in s.ordered_forms()})
            d.roles.update(s.roles)
            d.context.update(s.context)
            out.append(d)
        return out

    @staticmethod
    def forms_count(s: Summary, text: str) -> int:
        count: int = s.forms[text][0]
        return count

    def resolve(
        self,
        mentions_by_article: Mapping[str, Sequence[Mention]],
        quotes: Sequence[Quote],
        place: Callable[[Mention], Place],
        *,
        all_quotes: bool = False,
    ) -> Resolution:
        """Resolve new articles' mentions into the book's entities or new ones, update the
        book, and link the speakers of ``quotes`` (the new articles' quotes, or every
        stored quote when ``all_quotes``) plus stored quotes whose link may change."""
        relabelled = relabel(
            {a: list(ms) for a, ms in mentions_by_article.items()}, evidence=self.evidence
        )
        drafts = self.drafts()
        stored = len(drafts)
        clusters = [c for a, ms in relabelled.items() for c in cluster_article(a, ms)]
        clusters.sort(key=lambda c: (c.cls != "PERSON", len(c.words) < 2, c.article_id))
        match_clusters(clusters, drafts, DraftIndex(drafts))
        # Rank this run (as the full resolver sorts its result); new drafts get theirs below.
        order = {str(d.id): (-d.size, d.key, n) for n, d in enumerate(drafts[:stored])}
        taken = set(self.entities)
        changed: list[tuple[EntityDraft, Summary | None]] = [
            (d, self.entities[str(d.id)]) for d in drafts[:stored] if d.mentions or not d.size
        ]
        fresh = sorted(drafts[stored:], key=lambda d: (-d.size, d.key))
        position = {id(d): n for n, d in enumerate(drafts)}
        for d in fresh:
            label = Counter(m.label for m in d.mentions).most_common(1)[0][0]
            d.id = new_id(label, canonical_name(d.forms, label), taken)
            taken.add(d.id)
            order[d.id] = (-d.size, d.key, position[id(d)])
            changed.append((d, None))
        before_names: set[str] = set()
        for _, old in changed:
            if old is not None:
                before_names |= old.names()
        result = self._apply(changed, place)
        after_names = {n for e in result.entities for n in self.entities[e.id].names()}
        touched = {e.id for e in result.entities} | set(result.deleted)
        result.speakers = self._speakers(
            quotes,
            drafts,
            order,
            names=before_names | after_names | self._names_of(self.recheck),
            recheck=touched | self.recheck,
            everything=all_quotes,
        )
        self.recheck = touched - set(result.deleted)
        return result

    def _names_of(self, ids: Iterable[str]) -> set[str]:
        return {n for i in ids if i in self.entities for n in self.entities[i].names()}

    def _apply(
        self,
        changed: Sequence[tuple[EntityDraft, Summary | None]],
        place: Callable[[Mention], Place],
    ) -> Resolution:
        """Entity rows and links for the changed drafts; the book brought up to date."""
        rows: list[tuple[EntityDraft, Summary | None, Entity | None]] = []
        articles: set[str] = set()
        for d, old in changed:
            articles |= {m.article_id for m in d.mentions}
            row = _entity(d, old) if d.size else None
            if old is not None and row is not None and old.signature() != _signature(row):
                articles |= old.articles  # its signature is in other entities' context
            rows.append((d, old, row))
        # The company kept: take back what the touched articles gave, then count it again.
        for a in articles:
            self._count_context(a, sign=-1)
        entities: list[Entity] = []
        deleted: list[str] = []
        retyped: dict[str, str] = {}
        for d, old, row in rows:
            entity_id = str(d.id)
            if old is not None:
                old.count_evidence(self.evidence, -1)
                for n in old.names():
                    self.by_name.get(n, set()).discard(entity_id)
            if row is None:
                deleted.append(entity_id)
                self.entities.pop(entity_id, None)
                continue
            if old is not None and old.type != row.type:
                retyped[entity_id] = row.type
            s = old if old is not None else Summary(entity_id, row.name, row.type, (), ())
            s.name, s.type, s.aliases, s.roles = row.name, row.type, row.aliases, row.roles
            for m in row.mentions:
                s.add_mention(m, place(m))
                self.article_entities.setdefault(m.article_id, set()).add(entity_id)
            self.entities[entity_id] = s
            s.count_evidence(self.evidence, 1)
            for n in s.names():
                self.by_name.setdefault(n, set()).add(entity_id)
            entities.append(row)
        for a in articles:
            self._count_context(a, sign=1)
        return Resolution(entities, deleted, retyped, {})

    def _count_context(self, article: str, sign: int) -> None:
        members = [
            self.entities[e] for e in self.article_entities.get(article, ()) if e in self.entities
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
        order: Mapping[str, tuple[int, str, int]],
        *,
        names: set[str],
        recheck: set[str],
        everything: bool,
    ) -> dict[str, str | None]:
        """Speaker entities: of ``quotes`` by the entity mentioned at the speaker words,
        else by name; and of stored quotes whose answer may have changed (a name whose
        entities changed, a tie between entities whose rank changed)."""

        def first(ids: Iterable[str]) -> str | None:
            ranked = sorted((order[i], i) for i in ids if i in order and i in self.entities)
            return ranked[0][1] if ranked else None

        out: dict[str, str | None] = {}
        for n in sorted(names):
            winner = first(self.by_name.get(n, ()))
            for quote_id in self.speaker_quotes.get(n, ()):
                out[quote_id] = winner
        for quote_id, tied in self.tied.items():
            if tied & recheck:
                out[quote_id] = first(tied)
        spans = _spans(quotes, drafts, self.stored_spans if everything else {})
        for q in quotes:
            entity: str | None = None
            if q.speaker_start is not None and q.speaker_end is not None:
                best, ids = 0, set()
                for start, end, entity_id in spans.get(q.article_id, ()):
                    if start < q.speaker_end and q.speaker_start < end:
                        overlap = min(q.speaker_end, end) - max(q.speaker_start, start)
                        if overlap > best:
                            best, ids = overlap, {entity_id}
                        elif overlap == best:
                            ids.add(entity_id)
                entity = first(ids)
                if len(ids) > 1:
                    self.tied[q.id] = ids
            if entity is None and q.speaker:
                key = q.speaker.casefold()
                self.speaker_quotes.setdefault(key, set()).add(q.id)
                entity = first(self.by_name.get(key, ()))
            out[q.id] = entity
        return out

    # -- saving -------------------------------------------------------------------

    def dump(self) -> bytes:
        saved = {
            "entities": [
                [
                    s.id,
                    s.name,
                    s.type,
                    list(s.aliases),
                    list(s.roles),
                    s.forms,
                    s.person_forms,
                    sorted(s.articles),
                    dict(s.context),
                    s.size,
                ]
                for s in self.entities.values()
            ],
            "evidence": {
                "surnames": self.evidence.surnames,
                "role_people": self.evidence.role_people,
                "key_votes": self.evidence.key_votes,
                "given": self.evidence.given,
                "votes": self.evidence.votes,
            },
            "speaker_quotes": {n: sorted(q) for n, q in self.speaker_quotes.items()},
            "tied": {q: sorted(ids) for q, ids in self.tied.items()},
            "recheck": sorted(self.recheck),
        }
        return encode(saved, FORMAT)

    @classmethod
    def load(cls, data: bytes) -> EntityBook:
        """A book as :meth:`dump` saw it; ValueError if ``data`` is not one."""
        return decode(data, FORMAT, "entity book", cls._from_saved)

    @classmethod
    def _from_saved(cls, saved: dict[str, Any]) -> EntityBook:
        book = cls()
        for row in saved["entities"]:
            s = Summary(str(row[0]), str(row[1]), str(row[2]), tuple(row[3]), tuple(row[4]))
            s.forms = {str(t): list(v) for t, v in dict(row[5]).items()}
            s.person_forms = {str(t): int(v) for t, v in dict(row[6]).items()}
            s.articles = set(row[7])
            s.context = Counter({str(k): int(v) for k, v in dict(row[8]).items()})
            s.size = int(row[9])
            book._enter(s, count=False)
        book.evidence = _evidence(saved["evidence"])
        book.speaker_quotes = {n: set(q) for n, q in dict(saved["speaker_quotes"]).items()}
        book.tied = {q: set(ids) for q, ids in dict(saved["tied"]).items()}
        book.recheck = set(saved["recheck"])
        return book


def _evidence(saved: Any) -> LabelEvidence:
    """The label evidence in its saved layout (counts as JSON objects)."""

    def counts(value: Any) -> Counter[str]:
        return Counter({str(k): int(v) for k, v in dict(value).items()})

    return LabelEvidence(
        surnames=counts(saved["surnames"]),
        role_people=counts(saved["role_people"]),
        key_votes={k: counts(v) for k, v in dict(saved["key_votes"]).items()},
        given={k: counts(v) for k, v in dict(saved["given"]).items()},
        votes={
            k: {label: counts(owners) for label, owners in dict(v).items()}
            for k, v in dict(saved["votes"]).items()
        },
    )


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
