"""Align claims that state the same fact across a story's articles, and find where they differ.

Similarity of two claims mixes TF-IDF cosine over content lemmas, overlap of the
entities they name, equal figures (after unit and currency normalisation) and
equal dates. Grouping is greedy average-free single-link with one constraint: a
group holds at most one claim per article, so an article's two sentences never
merge two facts. TF-IDF is a few lines of numpy here rather than scikit-learn,
which would add scipy and scikit-learn to the install for one matrix product.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.compare.claims import ClaimUnit
from newsweave.compare.numbers import Quantity, describe, primary, same_value

#: Weights of the similarity parts and the threshold for "the same fact". The threshold is
#: the lowest at which aligned pairs reach precision 0.75 on ECB+ training topics
#: (``python -m benchmarks.claim_alignment`` chooses it there and reports dev): 0.25.
#: LINK_SHARE (0.8) was set earlier on ECB+ dev topics and has not been re-chosen on train.
W_LEXICAL, W_ENTITY, W_NUMBER, W_DATE = 0.6, 0.25, 0.2, 0.1
SAME_FACT = 0.25
#: Two groups merge only when their mean cross similarity reaches this share of SAME_FACT.
LINK_SHARE = 0.8
#: Share of content words two statements must have in common before a differing date or
#: source counts as a disagreement rather than two different facts.
CLOSE_TERMS = 0.3


def tfidf_matrix(docs: Sequence[Sequence[str]]) -> np.ndarray:
    """Rows are L2-normalised TF-IDF vectors (smoothed idf, sublinear tf) of the term lists."""
    vocab: dict[str, int] = {}
    for terms in docs:
        for t in terms:
            vocab.setdefault(t, len(vocab))
    matrix = np.zeros((len(docs), max(1, len(vocab))))
    df: Counter[str] = Counter(t for terms in docs for t in set(terms))
    n = len(docs)
    for row, terms in enumerate(docs):
        for t, c in Counter(terms).items():
            matrix[row, vocab[t]] = (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.asarray(matrix / np.where(norms == 0, 1, norms))


def _shares_figure(a: ClaimUnit, b: ClaimUnit) -> bool:
    return any(
        qa.unit is not None and same_value(qa, qb) for qa in a.quantities for qb in b.quantities
    )


def _day_dates(u: ClaimUnit) -> set[str]:
    return {d for d in u.dates if len(d) == 10 and d[4] == "-" and d[7] == "-"}


def similarity_matrix(units: Sequence[ClaimUnit]) -> np.ndarray:
    """Pairwise similarity in [0, 1]; zero within one article.

    The pairwise extras are summed in Python per pair (as few operations as a pair
    needs), and the lexical part, the cap and the mirroring are done on whole arrays:
    a story of a few hundred claims has tens of thousands of pairs."""
    n = len(units)
    lex = tfidf_matrix([u.terms for u in units])
    sims = lex @ lex.T * W_LEXICAL
    extra = np.zeros((n, n))
    same = np.zeros((n, n), dtype=bool)
    articles = [u.article_id for u in units]
    entities = [u.entities for u in units]
    dates = [_day_dates(u) for u in units]
    figures = [[q for q in u.quantities if q.unit is not None] for u in units]
    for i, a in enumerate(units):
        article, named, days, mine = articles[i], entities[i], dates[i], figures[i]
        for j in range(i + 1, n):
            if articles[j] == article:
                same[i, j] = True
                continue
            plus = 0.0
            if named and entities[j]:
                theirs = entities[j]
                plus += W_ENTITY * len(named & theirs) / len(named | theirs)
            if mine and units[j].quantities and _shares_figure(a, units[j]):
                plus += W_NUMBER
            if days and days & dates[j]:
                plus += W_DATE
            if plus:
                extra[i, j] = plus
    upper = np.triu_indices(n, 1)
    values = np.minimum(1.0, sims[upper] + extra[upper])
    values[same[upper]] = 0.0
    out = np.zeros((n, n))
    out[upper] = values
    out[upper[1], upper[0]] = values
    return out


def align(units: Sequence[ClaimUnit], threshold: float = SAME_FACT) -> list[list[ClaimUnit]]:
    """Groups of claims stating the same fact, best-supported first; singletons included."""
    if not units:
        return []
    sims = similarity_matrix(units)
    group_of = list(range(len(units)))
    members: dict[int, set[int]] = {i: {i} for i in range(len(units))}
    upper = np.triu_indices(len(units), 1)
    pairs = sorted(
        zip(sims[upper].tolist(), upper[0].tolist(), upper[1].tolist(), strict=True),
        reverse=True,
    )
    for score, i, j in pairs:
        if score < threshold:
            break
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        articles_i = {units[k].article_id for k in members[gi]}
        if articles_i & {units[k].article_id for k in members[gj]}:
            continue
        if sims[np.ix_(sorted(members[gi]), sorted(members[gj]))].mean() < threshold * LINK_SHARE:
            continue  # average link: a group joins another only if it is close to all of it
        for k in members.pop(gj):
            group_of[k] = gi
            members[gi].add(k)
    groups = [
        sorted((units[k] for k in ks), key=lambda u: (u.article_id, u.start))
        for ks in members.values()
    ]
    return sorted(groups, key=lambda g: (-len({u.outlet for u in g}), g[0].article_id, g[0].start))


@dataclass(frozen=True)
class Difference:
    """What two or more outlets state differently about one aligned fact."""

    kind: str
    values: dict[str, str]
    units: tuple[ClaimUnit, ...]


def differences(group: Sequence[ClaimUnit]) -> list[Difference]:
    """Numbers, dates and attributions that differ between the outlets of one aligned group."""
    found: list[Difference] = []
    by_outlet = {u.outlet: u for u in group}
    if len(by_outlet) < 2:
        return found
    units = list(by_outlet.values())
    found += _number_differences(units)
    if _close(units):  # a date or a source differing is news only about the very same statement
        found += _date_differences(units)
        found += _attribution_differences(units)
    return found


def _close(units: Sequence[ClaimUnit]) -> bool:
    """Every pair shares at least CLOSE_TERMS of its content words (Jaccard)."""
    for a, b in itertools.combinations(units, 2):
        ta, tb = set(a.terms), set(b.terms)
        if not ta or not tb or len(ta & tb) / len(ta | tb) < CLOSE_TERMS:
            return False
    return True


def _number_differences(units: list[ClaimUnit]) -> list[Difference]:
    """Figures of one unit that no other outlet confirms; a conversion in brackets is no figure."""
    out: list[Difference] = []
    units_seen: set[str | None] = set()
    for unit in {q.unit for u in units for q in primary(list(u.quantities))}:
        stating = {u.outlet: _figures(u, unit) for u in units}
        stating = {o: qs for o, qs in stating.items() if qs}
        if len(stating) < 2 or unit in units_seen:
            continue
        if unit is None and any(len(qs) != 1 for qs in stating.values()):
            continue  # bare numbers compare only one-to-one
        all_q = [q for qs in stating.values() for q in qs]
        agreed = all(any(same_value(q, r) for r in all_q if r is not q) for q in all_q)
        if not agreed:
            values = {o: ", ".join(q.text for q in qs) for o, qs in stating.items()}
            why = [u for u in units if u.outlet in stating]
            out.append(
                Difference(
                    f"number ({describe(all_q[0]).split()[0]})"
                    if unit and unit.isupper()
                    else "number",
                    values,
                    tuple(why),
                )
            )
        units_seen.add(unit)
    return out


def _figures(u: ClaimUnit, unit: str | None) -> list[Quantity]:
    return [q for q in primary(list(u.quantities)) if q.unit == unit]


def _date_differences(units: list[ClaimUnit]) -> list[Difference]:
    days = {u.outlet: _day_dates(u) for u in units}
    single = {o: next(iter(d)) for o, d in days.items() if len(d) == 1}
    if len(single) >= 2 and len(set(single.values())) > 1:
        return [Difference("date", single, tuple(u for u in units if u.outlet in single))]
    return []


def _attribution_differences(units: list[ClaimUnit]) -> list[Difference]:
    said = {u.outlet: u.attribution for u in units if u.attribution}
    keys = {a.split()[-1].casefold() for a in said.values() if a}
    if len(said) >= 2 and len(keys) > 1:
        values = {o: a for o, a in said.items() if a}
        return [Difference("attribution", values, tuple(u for u in units if u.outlet in said))]
    return []
