"""Cross-article matching: does an article's cluster name an entity already known?

Names alone are not enough across articles. Spelling varies with the outlet's
transliteration ("Gaddafi", "Qaddafi", "Kadhafi"), so surnames are
compared by their transliteration skeleton and then by string similarity; but
"Bush" in one article and "Bush" in another may be two people, so a bare
surname, or a borderline spelling, has to be supported by context: the other
names the article mentions and the roles it gives. An :class:`EntityDraft` is
the growing record of one entity while a batch is resolved.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newsweave.extract.entities.cluster import LocalCluster
from newsweave.extract.entities.names import (
    fold,
    given_names_compatible,
    similarity,
    skeleton,
)
from newsweave.model import Mention

SURNAME_SAME = 0.85  # skeleton similarity at which two surnames are one spelling
SURNAME_MAYBE = 0.72  # below SURNAME_SAME, context must agree
NAME_SAME = 0.92  # whole-name similarity for organisations and places
_STOP_ROLE_WORDS = frozenset({"of", "the", "and", "s", "a", "an", "for", "to", "in", "from"})


@dataclass
class EntityDraft:
    """One entity being built: its names, mentions, roles and the company it keeps.

    ``mentions`` are the ones held in memory; ``base`` counts stored mentions that
    are not (a stored entity resumed from its summary brings its count, not its
    mentions).
    """

    cls: str
    words: tuple[str, ...]
    id: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    base: int = 0
    forms: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    context: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)

    @property
    def size(self) -> int:
        """How many mentions the entity has, stored and new."""
        return self.base + len(self.mentions)

    @property
    def surname(self) -> str:
        return skeleton(self.words[-1]) if self.words else ""

    @property
    def given(self) -> str:
        return self.words[0] if len(self.words) >= 2 else ""

    @property
    def key(self) -> str:
        return " ".join(skeleton(w) for w in self.words)

    def absorb(self, cluster: LocalCluster) -> None:
        """Add an article's cluster; a fuller name replaces a shorter one."""
        if len(cluster.words) > len(self.words) or (
            len(cluster.words) == len(self.words) and not self.words
        ):
            self.words = cluster.words
        self.mentions.extend(cluster.mentions)
        self.forms.update(m.name for m in cluster.mentions)
        self.roles.update(cluster.roles)
        self.context.update(cluster.context)
        self.articles.add(cluster.article_id)


def role_words(roles: Iterable[str]) -> set[str]:
    """Content words of roles ("Kremlin envoy" → kremlin, envoy)."""
    words: set[str] = set()
    for role in roles:
        words.update(w for w in fold(role).split() if w not in _STOP_ROLE_WORDS)
    return words


def context_score(cluster: LocalCluster, draft: EntityDraft) -> float:
    """Agreement of the company kept and the roles given, in [0, 1]-ish."""
    shared = sum(1 for c in cluster.context if c in draft.context)
    denom = math.sqrt(max(len(cluster.context), 1) * max(len(draft.context), 1))
    score = shared / denom if shared else 0.0
    mine, theirs = role_words(cluster.roles), role_words(draft.roles)
    if mine and theirs:
        score += 0.5 * len(mine & theirs) / min(len(mine), len(theirs))
    return score


def _person_score(cluster: LocalCluster, draft: EntityDraft) -> float | None:
    """Score of a person cluster against a person draft, None when they cannot match."""
    sim = similarity(cluster.surname, draft.surname)
    if sim < SURNAME_MAYBE:
        return None
    if cluster.given and draft.given and not given_names_compatible(cluster.given, draft.given):
        return None
    ctx = context_score(cluster, draft)
    if sim < SURNAME_SAME and ctx < 0.2:
        return None
    both_full = bool(cluster.given and draft.given)
    return sim + (0.5 if both_full else 0.0) + ctx


def _name_score(cluster: LocalCluster, draft: EntityDraft) -> float | None:
    """Organisations, places, groups: same key, near-identical names, or a short form.

    A short form is the last word of a longer name of the same class ("Chargers"
    for "San Diego Chargers"); across classes (the tagger calls a borough GPE
    in one article and ORG in the next) only the same key counts.
    """
    if cluster.key == draft.key:
        return (2.0 if cluster.cls == draft.cls else 1.5) + context_score(cluster, draft)
    if cluster.cls != draft.cls:
        return None
    short, full = sorted((cluster.words, draft.words), key=len)
    if len(short) == 1 and len(full) >= 2 and skeleton(short[0]) == skeleton(full[-1]):
        return 1.0 + context_score(cluster, draft)
    if len(cluster.words) >= 2 and len(draft.words) >= 2:
        sim = similarity(cluster.key, draft.key)
        if sim >= NAME_SAME:
            return sim + context_score(cluster, draft)
    return None


def best_match(cluster: LocalCluster, drafts: Sequence[EntityDraft]) -> EntityDraft | None:
    """The draft this cluster names, or None for a new entity.

    A bare surname with several candidate people goes to the one whose
    context agrees best; when none agrees, to the one named most often, unless
    that leaves the choice to chance (two candidates with equal support).
    """
    scored: list[tuple[float, int, EntityDraft]] = []
    for d in drafts:
        if (d.cls == "PERSON") != (cluster.cls == "PERSON"):
            continue
        if "NORP" in {d.cls, cluster.cls} and d.cls != cluster.cls:
            continue
        s = _person_score(cluster, d) if cluster.cls == "PERSON" else _name_score(cluster, d)
        if s is not None:
            scored.append((s, d.size, d))
    if not scored:
        return None
    scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
    if cluster.cls == "PERSON" and not cluster.given and len(scored) > 1:
        full = [x for x in scored if x[2].given]
        if len(full) > 1 and full[0][0] == full[1][0] and full[0][1] == full[1][1]:
            return None
    return scored[0][2]
