"""Within-article resolution: which mentions of one article name the same thing.

News writing introduces a person with a full name ("Amina Mohamed") and then
uses the surname or a title with it ("Mohamed", "Ms. Mohamed"). Inside one
article that convention is reliable, so a short form joins the full name whose
surname it shares; when two people share the surname ("George Bush", "Jeb
Bush"), the short form goes to the nearest full name before it, the way a
reader would read it. Organisations join their acronym ("EU" = "European
Union") and places their conventional alternatives ("US" = "United States").
The result, one :class:`LocalCluster` per thing, is what the cross-article
resolver compares, so each cluster also records the context it appeared in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsweave.extract.entities.names import (
    acronym,
    canonical_words,
    fold,
    given_names_compatible,
    name_words,
    skeleton,
)
from newsweave.extract.entities.script import has_cyrillic
from newsweave.model import Mention

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def label_class(label: str) -> str:
    """Labels that may name the same thing: GPE, LOC and FAC are all places."""
    return "PLACE" if label in PLACE_LABELS else label


@dataclass
class LocalCluster:
    """Mentions of one thing in one article, with what identifies it."""

    article_id: str
    cls: str
    words: tuple[str, ...]
    mentions: list[Mention] = field(default_factory=list)
    context: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        """Skeleton of the fullest name (the cross-article comparison key)."""
        return " ".join(skeleton(w) for w in self.words)

    @property
    def surname(self) -> str:
        return skeleton(self.words[-1]) if self.words else ""

    @property
    def given(self) -> str:
        return self.words[0] if len(self.words) >= 2 else ""

    @property
    def roles(self) -> list[str]:
        return [m.role for m in self.mentions if m.role]

    @property
    def labels(self) -> Counter[str]:
        return Counter(m.label for m in self.mentions)


def cluster_article(article_id: str, mentions: Sequence[Mention]) -> list[LocalCluster]:
    """Group one article's mentions into local clusters and record their context."""
    ordered = sorted(mentions, key=lambda m: (m.field, m.index or 0, m.start))
    people = [m for m in ordered if m.label == "PERSON"]
    others = [m for m in ordered if m.label != "PERSON"]
    clusters = _cluster_people(article_id, people) + _cluster_names(article_id, others)
    signature = {c.cls[:1] + ":" + (c.surname if c.cls == "PERSON" else c.key) for c in clusters}
    for c in clusters:
        own = c.cls[:1] + ":" + (c.surname if c.cls == "PERSON" else c.key)
        c.context = signature - {own}
    return clusters


def _cluster_people(article_id: str, people: Sequence[Mention]) -> list[LocalCluster]:
    """Full names first, then surnames and titled surnames join the nearest full name."""
    anchors: list[LocalCluster] = []
    short: list[Mention] = []
    for m in people:
        words = tuple(name_words(m.name))
        if not words:
            continue
        if len(words) < 2:
            short.append(m)
            continue
        match = next((c for c in anchors if _same_full_name(c.words, words)), None)
        if match is None:
            match = LocalCluster(article_id, "PERSON", words)
            anchors.append(match)
        elif len(words) > len(match.words):
            match.words = words
        match.mentions.append(m)
    loose: dict[str, LocalCluster] = {}
    for m in short:
        words = tuple(name_words(m.name))
        target = _nearest_anchor(m, words, anchors)
        if target is None:
            key = skeleton(words[-1])
            target = loose.setdefault(key, LocalCluster(article_id, "PERSON", words))
        target.mentions.append(m)
    return anchors + list(loose.values())


def _same_full_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same surname skeleton and compatible given names ("Donald J. Trump" = "Donald Trump")."""
    return skeleton(a[-1]) == skeleton(b[-1]) and given_names_compatible(a[0], b[0])


def _nearest_anchor(
    m: Mention, words: tuple[str, ...], anchors: Sequence[LocalCluster]
) -> LocalCluster | None:
    """The full name a short form refers back to; the nearest preceding one if several."""
    last = skeleton(words[-1])
    candidates = [c for c in anchors if skeleton(c.words[-1]) == last]
    if not candidates:
        candidates = [c for c in anchors if len(c.words) >= 3 and skeleton(c.words[-2]) == last]
    if not candidates and len(words) == 1 and len(words[0]) >= 3:
        # a given name alone ("Бориса" after "Борис Джонсон"), when no surname is
        # spelled so and one full name of the article has that given name
        given = [c for c in anchors if skeleton(c.words[0]) == last]
        return given[0] if len(given) == 1 else None
    if len(candidates) <= 1:
        return candidates[0] if candidates else None

    def distance(c: LocalCluster) -> tuple[int, int]:
        before = [x.start for x in c.mentions if x.start < m.start]
        if before:
            return (0, m.start - max(before))
        return (1, min(x.start for x in c.mentions) - m.start)

    return min(candidates, key=distance)


def _cluster_names(article_id: str, mentions: Sequence[Mention]) -> list[LocalCluster]:
    """Organisations, places and groups: same key, or an acronym of a longer name."""
    by_key: dict[tuple[str, str], LocalCluster] = {}
    for m in mentions:
        cls = label_class(m.label)
        words = tuple(canonical_words(m.name))
        key = " ".join(skeleton(w) for w in words)
        if not key:
            continue
        cluster = by_key.get((cls, key))
        if cluster is None:
            cluster = LocalCluster(article_id, cls, words)
            by_key[(cls, key)] = cluster
        cluster.mentions.append(m)
    acronyms: dict[tuple[str, str], LocalCluster] = {}
    for (cls, _), c in by_key.items():
        initials = _initials(c.mentions[0].name)
        if initials and len(c.words) >= 2:
            acronyms.setdefault((cls, initials), c)
    last_words: dict[tuple[str, str], list[LocalCluster]] = {}
    for (cls, _), c in by_key.items():
        if len(c.words) >= 2:
            last_words.setdefault((cls, skeleton(c.words[-1])), []).append(c)
    merged: list[LocalCluster] = []
    for (cls, key), c in by_key.items():
        target = acronyms.get((cls, key.replace(" ", ""))) if len(c.words) == 1 else None
        # an acronym is never a longer name's last word ("EU" is not "Council of the EU")
        lone = len(c.words) == 1 and not _is_acronym(c.mentions[0].name)
        longer = last_words.get((cls, key), []) if lone else []
        if target is None and len(longer) == 1:
            target = longer[0]  # "Chargers" after "San Diego Chargers"
        if target is not None and target is not c:
            target.mentions.extend(c.mentions)
            continue
        merged.append(c)
    return merged


#: Short lower-case words a Russian or Ukrainian acronym leaves out ("по", "и").
_SHORT = 2


def _initials(name: str) -> str:
    """The acronym a name would have, keyed like a one-word name: the capitalised words'
    initials ("European Union" → "eu"); for a Cyrillic name, where only the first word
    is capitalised, every word's but short function words', romanised as a one-word
    name's key is ("Министерство иностранных дел" → "mid", as "МИД")."""
    if not has_cyrillic(name):
        return acronym(name)
    words = [w for w in re.split(r"[\s\-]+", name) if len(w) > _SHORT or w[:1].isupper()]
    letters = "".join(w[0] for w in words if w[:1].isalpha())
    return skeleton(fold(letters)) if len(letters) >= 2 else ""


def _is_acronym(name: str) -> bool:
    return len(name) >= 2 and name.isupper() and " " not in name
