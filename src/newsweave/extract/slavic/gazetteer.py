"""Names the system has already found, to find them again where the NER missed them.

Why: no offline Ukrainian NER model exists, and natasha's Russian model misses names in
Ukrainian text (and some in Russian) that other articles of the same news name plainly.
A gazetteer learned from the mentions newsweave found itself (never from annotations)
gives two signals that hold on any news stream:

* **recall**: a name found in several articles is a name wherever it is written, so a
  capitalised word sequence whose base form has the key of a known name is a mention;
* **consistency**: a name most articles label as a place is a place elsewhere too.

Names are keyed by ``entities.names.name_key`` of their base form (romanised and
skeletonised), so a name learned from Russian articles ("Ингольф Шумахер") is found in
Ukrainian ones ("Інгольф Шумахер") and the other way round.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from newsweave.extract.entities.names import name_key
from newsweave.extract.slavic.normal import base_form
from newsweave.model import Mention

#: Labels a gazetteer keeps (the ones the Russian and Ukrainian analyser gives).
_LABELS = ("PERSON", "GPE", "ORG")


@dataclass(frozen=True)
class Gazetteer:
    """Name key → the label the articles agree on."""

    labels: Mapping[str, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.labels)

    def label_of(self, name: str) -> str | None:
        """The agreed label of a name given in its base form, None when not known."""
        return self.labels.get(name_key(name))

    def lookup(self, surface: str, language: str) -> tuple[str, str] | None:
        """(label, base form) of ``surface`` as written in ``language`` text when its base
        form, read as that label's kind of name, is a known name of that label."""
        for label in _LABELS:
            base = base_form(surface, label, language)
            if self.labels.get(name_key(base)) == label:
                return label, base
        return None

    @classmethod
    def learn(
        cls,
        mentions: Iterable[Mention],
        *,
        min_articles: int = 3,
        agreement: float = 0.6,
    ) -> Gazetteer:
        """Names found in at least ``min_articles`` articles whose labels agree (the most
        given label has at least ``agreement`` of the votes, one vote per article and
        label); one-letter keys are left out. The defaults were chosen on the tuning
        topics of ``benchmarks.multilingual`` (2 to 5 articles, 0.5 to 0.75 agreement
        all score within 0.005 there)."""
        votes: dict[str, Counter[str]] = {}
        seen: set[tuple[str, str, str]] = set()
        for m in mentions:
            if m.label not in _LABELS:
                continue
            key = name_key(m.name)
            if len(key.replace(" ", "")) < 2 or (key, m.article_id, m.label) in seen:
                continue
            seen.add((key, m.article_id, m.label))
            votes.setdefault(key, Counter())[m.label] += 1
        return cls(_agreed(votes, min_articles, agreement))

    @classmethod
    def from_votes(
        cls,
        votes: Iterable[tuple[str, str, int]],
        *,
        min_articles: int = 3,
        agreement: float = 0.6,
    ) -> Gazetteer:
        """The gazetteer of a store's resolved entities: ``(name, entity type, articles)``
        rows (``store.name_votes``); the entities stage has already made a name's type
        agree across articles, and each form votes for its entity's type."""
        counts: dict[str, Counter[str]] = {}
        for name, label, articles in votes:
            key = name_key(name)
            if label in _LABELS and len(key.replace(" ", "")) >= 2:
                counts.setdefault(key, Counter())[label] += articles
        return cls(_agreed(counts, min_articles, agreement))


def _agreed(
    votes: Mapping[str, Counter[str]], min_articles: int, agreement: float
) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, counts in votes.items():
        total = sum(counts.values())
        label, top = counts.most_common(1)[0]
        if top >= min_articles and top >= agreement * total:
            out[key] = label
    return out
