"""Entities resolved across the store: one record per real person, organisation, place.

Three steps, each kept small because each has its own reason to exist:

1. **Labels fixed with store-wide evidence** (:func:`relabel`). A word the
   small model tagged ORG in one article ("Trump said") is a PERSON if any
   article names a person with that surname; a one-word name with no such
   evidence takes the label most articles give it ("Kyiv" is a GPE even where
   one article's parse calls it a PERSON).
2. **Within each article** (``cluster``): surnames and titled names
   join the full name they refer back to.
3. **Across articles** (``match``): full names first, so that bare
   surnames see every candidate; spelling variants merge by transliteration
   skeleton and string similarity, backed by context.

Resolution is incremental: ``existing`` entities keep their ids, and new
articles' mentions join them or create new ones. Ids are derived from the
type and canonical name ("person-amina-mohamed"), with a numeric suffix when
two different entities would share one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from newsweave.extract.entities.cluster import LocalCluster, cluster_article, label_class
from newsweave.extract.entities.index import BookIndex, DraftIndex
from newsweave.extract.entities.match import EntityDraft, best_match
from newsweave.extract.entities.mentions import role_says_person
from newsweave.extract.entities.names import (
    canonical_words,
    fold,
    given_names_compatible,
    name_words,
    skeleton,
)
from newsweave.model import Entity, Mention

__all__ = ["entity_for_span", "evidence_keys", "relabel", "resolve_entities"]


def resolve_entities(
    mentions_by_article: Mapping[str, Sequence[Mention]],
    *,
    existing: Sequence[Entity] = (),
    exhaustive: bool = False,
) -> list[Entity]:
    """Resolve new articles' mentions into ``existing`` entities or new ones.

    Returns every entity (the existing ones, possibly grown, and the new ones),
    ordered by number of mentions, most mentioned first. Each cluster is scored
    against the candidates of a :class:`DraftIndex` (the same choice as scoring every
    draft, which ``exhaustive`` does instead, for checking that).
    """
    known = [m for e in existing for m in e.mentions]
    new_articles = {a: list(ms) for a, ms in mentions_by_article.items()}
    relabelled = relabel(new_articles, known=known)
    drafts = [_draft_from_entity(e) for e in existing]
    _add_existing_context(drafts)
    clusters = [c for a, ms in relabelled.items() for c in cluster_article(a, ms)]
    clusters.sort(key=lambda c: (c.cls != "PERSON", len(c.words) < 2, c.article_id))
    match_clusters(clusters, drafts, None if exhaustive else DraftIndex(drafts))
    return _finish(drafts)


def match_clusters(
    clusters: Sequence[LocalCluster],
    drafts: list[EntityDraft],
    index: DraftIndex | BookIndex | None,
) -> None:
    """Each cluster joins its best draft or starts a new one (appended to ``drafts``).

    With an ``index`` of ``drafts``, a cluster is scored against its candidates only;
    without one (or when the index says a key is over its bound), against every draft.
    """
    for cluster in clusters:
        candidates = index.candidates(cluster) if index is not None else None
        draft = best_match(cluster, drafts if candidates is None else candidates)
        if draft is None:
            draft = EntityDraft(cls=cluster.cls, words=cluster.words)
            drafts.append(draft)
            draft.absorb(cluster)
            if index is not None:
                index.add(draft)
            continue
        before = draft.words
        draft.absorb(cluster)
        if index is not None and draft.words != before:
            index.moved(draft, before)


@dataclass
class LabelEvidence:
    """Store-wide label evidence as counts, so that :func:`relabel` needs no stored mention.

    Every count is kept per name form and label, so an entity that changes type or
    grows moves its share from one label to another (:meth:`add` with a negative
    ``count``). ``votes`` also records which entity gave each label (``owner``):
    among labels with equal votes the one seen first wins, and stored mentions are
    seen in entity id order.
    """

    surnames: Counter[str] = field(default_factory=Counter)
    role_people: Counter[str] = field(default_factory=Counter)
    key_votes: dict[str, Counter[str]] = field(default_factory=dict)
    given: dict[str, Counter[str]] = field(default_factory=dict)
    votes: dict[str, dict[str, Counter[str]]] = field(default_factory=dict)

    def add(self, text: str, label: str, count: int, person_roles: int, owner: str) -> None:
        """Count ``count`` mentions reading ``text`` labelled ``label`` (``person_roles`` of
        them with a role that says person); negative counts take them back."""
        words = name_words(text)
        if label == "PERSON" and len(words) >= 2:
            _bump(self.surnames, skeleton(words[-1]), count)
            _bump(self.role_people, _person_key(words), person_roles)
        if len(words) >= 2:
            _bump(self.key_votes.setdefault(_person_key(words), Counter()), label, count)
        if label == "PERSON" and len(words) == 2:
            _bump(self.given.setdefault(skeleton(words[-1]), Counter()), words[0], count)
        by_label = self.votes.setdefault(fold(text), {})
        _bump(by_label.setdefault(label, Counter()), owner, count)
        if not by_label[label]:
            del by_label[label]

    def add_mentions(self, mentions: Iterable[Mention], owner: str) -> None:
        for m in mentions:
            self.add(m.name, m.label, 1, int(bool(m.role and role_says_person(m.role))), owner)

    def export(self, key: str) -> Any:
        """The entry ``key`` (of :func:`evidence_keys`) as JSON data, None when empty: how
        the entities stage keeps the evidence as one state row per entry."""
        kind, _, name = key.partition(":")
        if kind in {"s", "r"}:
            return (self.surnames if kind == "s" else self.role_people).get(name) or None
        if kind in {"k", "g"}:
            found = (self.key_votes if kind == "k" else self.given).get(name)
            return dict(found) if found else None
        by_label = self.votes.get(name)
        return {label: dict(owners) for label, owners in by_label.items()} if by_label else None

    def take(self, key: str, value: Any) -> None:
        """Set the entry ``key`` from its :meth:`export`."""
        kind, _, name = key.partition(":")
        if kind in {"s", "r"}:
            (self.surnames if kind == "s" else self.role_people)[name] = int(value)
        elif kind in {"k", "g"}:
            counts = Counter({str(k): int(v) for k, v in dict(value).items()})
            (self.key_votes if kind == "k" else self.given)[name] = counts
        else:
            self.votes[name] = {
                str(label): Counter({str(o): int(n) for o, n in dict(owners).items()})
                for label, owners in dict(value).items()
            }

    def entries(self) -> list[str]:
        """Every entry's key, for writing the whole evidence out."""
        return [
            *(f"s:{k}" for k in self.surnames),
            *(f"r:{k}" for k in self.role_people),
            *(f"k:{k}" for k in self.key_votes),
            *(f"g:{k}" for k in self.given),
            *(f"v:{k}" for k in self.votes),
        ]

    def vote(self, folded: str) -> Counter[str]:
        """Labels given to a folded form, in the order they were first seen."""
        by_label = self.votes.get(folded, {})
        first = sorted(by_label, key=lambda label: min(by_label[label]))
        return Counter({label: sum(by_label[label].values()) for label in first})


def evidence_keys(text: str) -> list[str]:
    """The entries of :class:`LabelEvidence` that counting a mention reading ``text``
    changes, and that :func:`relabel` reads for it (``kind:name``)."""
    words = name_words(text)
    keys = [f"v:{fold(text)}"]
    if words:
        keys += [f"s:{skeleton(words[-1])}", f"g:{skeleton(words[-1])}"]
    if len(words) >= 2:
        keys += [f"r:{_person_key(words)}", f"k:{_person_key(words)}"]
    return keys


def _bump(counter: Counter[str], key: str, count: int) -> None:
    if count:
        counter[key] += count
        if counter[key] <= 0:
            del counter[key]


def relabel(
    mentions_by_article: Mapping[str, Sequence[Mention]],
    *,
    known: Iterable[Mention] = (),
    evidence: LabelEvidence | None = None,
) -> dict[str, list[Mention]]:
    """Fix one-word labels with evidence from every article (see the module docstring).

    The evidence of articles other than these comes from ``known`` mentions, or
    already counted in ``evidence``.
    """
    if evidence is None:
        evidence = LabelEvidence()
        for n, m in enumerate(known):
            evidence.add_mentions([m], f"{n:012d}")
    fresh = LabelEvidence()
    for m in (m for ms in mentions_by_article.values() for m in ms):
        fresh.add_mentions([m], "")

    def surname(s: str) -> bool:
        return s in evidence.surnames or s in fresh.surnames

    def person(key: str) -> bool:
        if evidence.role_people[key] or fresh.role_people[key]:
            return True
        count = evidence.key_votes.get(key, Counter()) + fresh.key_votes.get(key, Counter())
        return bool(count["PERSON"]) and count["PERSON"] >= max(
            count["ORG"], count["GPE"], count["FAC"]
        )

    def votes(text: str) -> Counter[str]:
        count = evidence.vote(fold(text))
        count.update(fresh.vote(fold(text)))
        return count

    out: dict[str, list[Mention]] = {}
    for article, ms in mentions_by_article.items():
        fixed: list[Mention] = []
        for m in ms:
            words = name_words(m.name)
            label = m.label
            if len(words) >= 2 and label in {"ORG", "GPE", "FAC"}:
                last = skeleton(words[-1])
                firsts = [*evidence.given.get(last, ()), *fresh.given.get(last, ())]
                if person(_person_key(words)) or (
                    len(words) == 2 and any(given_names_compatible(words[0], g) for g in firsts)
                ):
                    label = "PERSON"
            if len(words) == 1 and label == "NORP" and surname(skeleton(words[0])):
                # "Putin's" in a caption tagged NORP; a demonym that is also a
                # surname ("French") keeps NORP where most mentions say so.
                count = votes(m.name)
                label = "PERSON" if count["PERSON"] >= count["NORP"] else label
            elif len(words) == 1 and label != "NORP":
                if surname(skeleton(words[0])) and label in {"ORG", "GPE", "LOC", "FAC"}:
                    label = "PERSON" if m.name[:1].isupper() and not m.name.isupper() else label
                elif (
                    label == "PERSON"
                    and not surname(skeleton(words[0]))
                    and not (m.role and role_says_person(m.role))
                ):
                    others = votes(m.name)
                    del others["PERSON"]
                    if others:
                        label = others.most_common(1)[0][0]
            fixed.append(m if label == m.label else replace(m, label=label))
        out[article] = fixed
    return out


def _person_key(words: Sequence[str]) -> str:
    """Given name and surname skeletons: "Muammar Qaddafi" = "Muammar Gaddafi"."""
    return f"{skeleton(words[0])} {skeleton(words[-1])}"


def _draft_from_entity(entity: Entity) -> EntityDraft:
    """An existing entity as a draft that new clusters can join."""
    person = entity.type == "PERSON"
    words = tuple(name_words(entity.name) if person else canonical_words(entity.name))
    draft = EntityDraft(cls=label_class(entity.type), words=words, id=entity.id)
    draft.mentions.extend(entity.mentions)
    draft.forms.update(m.name for m in entity.mentions)
    draft.roles.update(entity.roles)
    draft.articles.update(m.article_id for m in entity.mentions)
    return draft


def _signature(draft: EntityDraft) -> str:
    return draft.cls[:1] + ":" + (draft.surname if draft.cls == "PERSON" else draft.key)


def _add_existing_context(drafts: Sequence[EntityDraft]) -> None:
    """Context of existing entities: the other entities their articles mention."""
    by_article: dict[str, set[str]] = defaultdict(set)
    for d in drafts:
        for a in d.articles:
            by_article[a].add(_signature(d))
    for d in drafts:
        own = _signature(d)
        for a in d.articles:
            d.context.update(by_article[a] - {own})


def _finish(drafts: Sequence[EntityDraft]) -> list[Entity]:
    """Entities with canonical names, stable ids and majority types."""
    taken = {d.id for d in drafts if d.id}
    entities: list[Entity] = []
    for d in sorted(drafts, key=lambda d: (-d.size, d.key)):
        if not d.size:
            continue
        label = Counter(m.label for m in d.mentions).most_common(1)[0][0]
        name = canonical_name(d.forms, label)
        if d.id is None:
            d.id = new_id(label, name, taken)
            taken.add(d.id)
        aliases = tuple(sorted({f for f in d.forms if f != name}))
        mentions = tuple(
            replace(m, label=label) if m.label != label else m
            for m in sorted(d.mentions, key=lambda m: (m.article_id, m.start))
        )
        # Roles describe people and bodies; on a place they are misparses ("Kyiv, a prospect").
        roles = tuple(r for r, _ in d.roles.most_common()) if label in {"PERSON", "ORG"} else ()
        entities.append(Entity(d.id, name, label, aliases, mentions, roles))
    return entities


def canonical_name(forms: Counter[str], label: str) -> str:
    """The fullest common form: multi-word names first, then the most frequent."""

    def rank(form: str) -> tuple[int, int, int, int]:
        words = name_words(form)
        return (min(len(words), 2), forms[form], len(words), -len(form))

    return max(forms, key=rank)


def new_id(label: str, name: str, taken: Container[str]) -> str:
    """A readable id from type and name, numbered when ``taken`` already has it."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "x"
    base = f"{label.lower()}-{slug}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def entity_for_span(
    entities: Iterable[Entity], article_id: str, start: int, end: int
) -> Entity | None:
    """The entity with a mention overlapping ``[start, end)`` (for quote speakers)."""
    best: tuple[int, Entity] | None = None
    for e in entities:
        for m in e.mentions:
            if m.article_id == article_id and m.start < end and start < m.end:
                overlap = min(end, m.end) - max(start, m.start)
                if best is None or overlap > best[0]:
                    best = (overlap, e)
    return best[1] if best else None


def clusters_of(mentions_by_article: Mapping[str, Sequence[Mention]]) -> list[LocalCluster]:
    """Within-article clusters only (exposed for diagnostics and benchmarks)."""
    return [c for a, ms in mentions_by_article.items() for c in cluster_article(a, ms)]
