"""An extractive briefing: 5–8 sentences chosen for coverage and non-redundancy, each cited.

Candidates are the story's claims as the articles state them. Each gets a
salience: TF-IDF centrality (mean similarity to the story's other claims, as in
LexRank) plus how many outlets carry the fact. Maximal Marginal Relevance then
picks sentences that are salient but unlike those already picked. Every chosen
sentence cites its own span and the aligned spans in the other outlets, so
``text[start:end]`` of the first citation is the sentence itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from newsweave.compare.align import tfidf_matrix
from newsweave.compare.claims import ClaimUnit
from newsweave.model import Span, SummarySentence

MIN_SENTENCES, MAX_SENTENCES = 5, 8
_LAMBDA = 0.7
#: Weight of "how many outlets carry it" against centrality in a sentence's salience.
W_SUPPORT = 0.5
#: Bonus for a sentence stating a figure or a day: concrete facts brief better.
W_CONCRETE = 0.1
_MIN_WORDS, _MAX_WORDS = 8, 55
# Openers that need the sentence before them to make sense; general English.
_DEPENDENT_OPENERS = re.compile(
    r"^(he|she|it|they|this|these|that|those|his|her|its|their|but|and|however|also|meanwhile|"
    r"consequently|still|yet|there)\b",
    re.IGNORECASE,
)


def _candidate(u: ClaimUnit) -> bool:
    words = u.text.split()
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS:
        return False
    if u.text[0] in "\"“'‘" or not (u.text[0].isupper() or u.text[0].isdigit()):
        return False
    if _DEPENDENT_OPENERS.match(u.text) or u.text.rstrip().endswith((":", "?")):
        return False
    return u.text.count('"') % 2 == 0 and u.text.count("“") == u.text.count("”")


def summarise(
    groups: Sequence[Sequence[ClaimUnit]], n_outlets: int, size: int | None = None
) -> list[SummarySentence]:
    """The briefing of one story from its aligned claim groups, in reading order."""
    units = [u for g in groups for u in g]
    cands = [(u, g) for g in groups for u in g if _candidate(u)]
    if not cands:
        return []
    vectors = tfidf_matrix([u.terms for u in units])
    index = {id(u): i for i, u in enumerate(units)}
    rows = vectors[[index[id(u)] for u, _ in cands]]
    centrality = (rows @ vectors.T).sum(axis=1) / max(1, len(units) - 1)
    support = np.array([len({x.outlet for x in g}) / max(1, n_outlets) for _, g in cands])
    salience = _scale(centrality) * (1 - W_SUPPORT) + _scale(support) * W_SUPPORT
    salience += np.array([W_CONCRETE * _concrete(u) for u, _ in cands])
    keep = _best_per_group(cands, salience)
    cands = [cands[i] for i in keep]
    rows, salience = rows[keep], salience[keep]
    k = size or int(np.clip(n_outlets + 2, MIN_SENTENCES, MAX_SENTENCES))
    chosen = _mmr(rows, salience, k)
    picked = sorted(chosen, key=lambda i: _reading_order(cands[i][0]))
    return [_sentence(*cands[i]) for i in picked]


def _concrete(u: ClaimUnit) -> bool:
    return any(not q.conversion for q in u.quantities) or any(len(d) == 10 for d in u.dates)


def _best_per_group(
    cands: Sequence[tuple[ClaimUnit, Sequence[ClaimUnit]]], salience: np.ndarray
) -> list[int]:
    """One sentence per fact: the group's most salient statement."""
    best: dict[int, int] = {}
    for i, (_, group) in enumerate(cands):
        key = id(group)
        if key not in best or salience[i] > salience[best[key]]:
            best[key] = i
    return sorted(best.values())


def _scale(values: np.ndarray) -> np.ndarray:
    spread = float(values.max() - values.min())
    return (values - values.min()) / spread if spread > 0 else np.ones_like(values)


def _mmr(rows: np.ndarray, salience: np.ndarray, k: int) -> list[int]:
    """Maximal Marginal Relevance (Carbonell & Goldstein 1998) over cosine similarity."""
    sims = rows @ rows.T
    chosen: list[int] = []
    left = set(range(len(salience)))
    while left and len(chosen) < k:

        def score(i: int) -> float:
            redundancy = max((float(sims[i, j]) for j in chosen), default=0.0)
            return _LAMBDA * float(salience[i]) - (1 - _LAMBDA) * redundancy

        best = max(sorted(left), key=score)
        chosen.append(best)
        left.discard(best)
    return chosen


def _reading_order(u: ClaimUnit) -> tuple[str, str, int]:
    days = sorted(d for d in u.dates if len(d) == 10)
    return (days[0] if days else "9999", u.article_id, u.start)


def _sentence(u: ClaimUnit, group: Sequence[ClaimUnit]) -> SummarySentence:
    own = Span(u.article_id, u.start, u.end)
    others = [Span(x.article_id, x.start, x.end) for x in group if x is not u]
    return SummarySentence(sentence=u.text, citations=(own, *others))
