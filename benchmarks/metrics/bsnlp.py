"""BSNLP scoring: document-level recognition (relaxed, strict, the newsweave sub-metric)
and cross-language entity linking (LEA), as defined in ``shared/data/bsnlp/SOURCE.md``.

Responses carry no offsets, so everything is matched per document on distinct surface
forms, lower-cased and trimmed like the official evaluator. Counts are pooled over
documents (micro P/R/F1), per category.

* ``subtask``: the sub-metric the task brief's natasha figures use: per document the
  distinct (category, form) items; a response item matches a gold item of its category
  when the forms OR the base forms are equal.
* ``relaxed`` (partial): a gold entity (clid) of a document is found when a response line
  of its category shares a word with one of its forms; a response line is correct when
  it shares a word with a gold form of its category in that document. ``exact``: the
  same with whole forms equal.
* ``strict``: the response must list each distinct surface form (category, form) exactly.
* ``link_lea``: LEA (Moosavi & Strube 2016) over a topic's (language, document, form)
  mentions, counting only links between mentions of different languages; an entity's
  importance is log2 of its mention count (as the official evaluator weights it).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

CATEGORIES = ("PER", "LOC", "ORG", "PRO", "EVT")


@dataclass(frozen=True)
class Line:
    """One ``.out`` line (gold or response): form, base form, category, entity id."""

    mention: str
    base: str
    category: str
    clid: str


@dataclass
class PRF:
    """Matched/total counts for precision and recall."""

    p_hit: int = 0
    p_all: int = 0
    r_hit: int = 0
    r_all: int = 0

    def add(self, other: PRF) -> None:
        self.p_hit += other.p_hit
        self.p_all += other.p_all
        self.r_hit += other.r_hit
        self.r_all += other.r_all

    @property
    def precision(self) -> float:
        return self.p_hit / self.p_all if self.p_all else 0.0

    @property
    def recall(self) -> float:
        return self.r_hit / self.r_all if self.r_all else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _words(text: str) -> set[str]:
    return {w.strip("«»\"'„“”()") for w in _norm(text).split()} - {""}


@dataclass
class Scores:
    """Per category PRF for each recognition measure."""

    subtask: dict[str, PRF] = field(default_factory=dict)
    relaxed: dict[str, PRF] = field(default_factory=dict)
    exact: dict[str, PRF] = field(default_factory=dict)
    strict: dict[str, PRF] = field(default_factory=dict)

    def add(self, other: Scores) -> None:
        for mine, theirs in (
            (self.subtask, other.subtask),
            (self.relaxed, other.relaxed),
            (self.exact, other.exact),
            (self.strict, other.strict),
        ):
            for cat, prf in theirs.items():
                mine.setdefault(cat, PRF()).add(prf)

    @staticmethod
    def pooled(table: Mapping[str, PRF], categories: Iterable[str]) -> PRF:
        total = PRF()
        for cat in categories:
            total.add(table.get(cat, PRF()))
        return total


def score_document(gold: Iterable[Line], response: Iterable[Line]) -> Scores:
    """Recognition counts of one document's response against its gold lines."""
    gold, response = list(gold), list(response)
    out = Scores()
    for cat in CATEGORIES:
        g = [x for x in gold if x.category == cat]
        r = [x for x in response if x.category == cat]
        out.subtask[cat] = _subtask(g, r)
        out.relaxed[cat] = _relaxed(g, r, partial=True)
        out.exact[cat] = _relaxed(g, r, partial=False)
        g_forms = {_norm(x.mention) for x in g}
        r_forms = {_norm(x.mention) for x in r}
        hit = len(g_forms & r_forms)
        out.strict[cat] = PRF(hit, len(r_forms), hit, len(g_forms))
    return out


def _subtask(gold: list[Line], response: list[Line]) -> PRF:
    g_items = {_norm(x.mention): _norm(x.base) for x in gold}
    r_items = {_norm(x.mention): _norm(x.base) for x in response}
    g_bases = set(g_items.values())
    r_bases = set(r_items.values())
    p_hit = sum(1 for f, b in r_items.items() if f in g_items or b in g_bases)
    r_hit = sum(1 for f, b in g_items.items() if f in r_items or b in r_bases)
    return PRF(p_hit, len(r_items), r_hit, len(g_items))


def _relaxed(gold: list[Line], response: list[Line], *, partial: bool) -> PRF:
    entities: dict[str, set[str]] = {}
    for x in gold:
        entities.setdefault(_norm(x.clid), set()).add(_norm(x.mention))
    r_forms = {_norm(x.mention) for x in response}

    def match(form: str, forms: set[str]) -> bool:
        if form in forms:
            return True
        return partial and any(_words(form) & _words(f) for f in forms)

    r_hit = sum(1 for forms in entities.values() if any(match(f, forms) for f in r_forms))
    p_hit = sum(1 for f in r_forms if any(match(f, forms) for forms in entities.values()))
    return PRF(p_hit, len(r_forms), r_hit, len(entities))


Mention = tuple[str, str, str]  # (language, document, lower-cased form)


def _cross_links(members: Iterable[Mention]) -> int:
    """Pairs of mentions in different languages."""
    per_lang = Counter(m[0] for m in members)
    total = sum(per_lang.values())
    return (total * total - sum(n * n for n in per_lang.values())) // 2


def _lea_side(
    keys: Mapping[str, set[Mention]], other: Mapping[str, set[Mention]]
) -> tuple[float, float]:
    """(weighted resolution, total weight) of ``keys`` against the clustering ``other``."""
    where: dict[Mention, str] = {m: cid for cid, ms in other.items() for m in ms}
    num = den = 0.0
    for members in keys.values():
        links = _cross_links(members)
        if links == 0:
            continue
        weight = math.log2(len(members))
        parts: dict[str, set[Mention]] = {}
        for m in members:
            if m in where:
                parts.setdefault(where[m], set()).add(m)
        kept = sum(_cross_links(p) for p in parts.values())
        num += weight * kept / links
        den += weight
    return num, den


@dataclass
class LinkCounts:
    """LEA numerators and denominators, pooled over topics."""

    p_num: float = 0.0
    p_den: float = 0.0
    r_num: float = 0.0
    r_den: float = 0.0

    @property
    def precision(self) -> float:
        return self.p_num / self.p_den if self.p_den else 0.0

    @property
    def recall(self) -> float:
        return self.r_num / self.r_den if self.r_den else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: LinkCounts) -> None:
        self.p_num += other.p_num
        self.p_den += other.p_den
        self.r_num += other.r_num
        self.r_den += other.r_den


def link_lea(
    gold: Mapping[tuple[str, str], Iterable[Line]],
    response: Mapping[tuple[str, str], Iterable[Line]],
) -> LinkCounts:
    """Cross-language LEA for one topic: ``(language, document)`` → its lines."""
    keys: dict[str, set[Mention]] = {}
    for (lang, doc), lines in gold.items():
        for x in lines:
            keys.setdefault(_norm(x.clid), set()).add((lang, doc, _norm(x.mention)))
    answers: dict[str, set[Mention]] = {}
    for (lang, doc), lines in response.items():
        for x in lines:
            answers.setdefault(x.clid, set()).add((lang, doc, _norm(x.mention)))
    r_num, r_den = _lea_side(keys, answers)
    p_num, p_den = _lea_side(answers, keys)
    return LinkCounts(p_num, p_den, r_num, r_den)
