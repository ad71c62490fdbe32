"""Coreference scores as the CoNLL-2012 reference scorer defines them: MUC, B³, CEAF-e.

Written here (not imported) so that the benchmark needs no Perl and its
definitions can be read and unit-tested:

- **MUC** (Vilain et al., 1995): recall = Σ_k (|k| − |p(k)|) / Σ_k (|k| − 1), where
  p(k) is the partition of key cluster k by the response clusters, mentions the
  response lacks each counting as their own part; precision swaps key and response.
- **B³** (Bagga & Baldwin, 1998): recall = Σ_k Σ_r |k∩r|² / |k| / Σ_k |k|;
  precision swaps key and response.
- **CEAF-e** (Luo, 2005): entity similarity φ4(k, r) = 2|k∩r| / (|k| + |r|);
  with g* the one-to-one key/response alignment maximising Σ φ4,
  recall = Σ φ4 / |key clusters|, precision = Σ φ4 / |response clusters|.
- **CoNLL F1**: the mean of the three F1 values.

Clusters are collections of hashable mention ids; a mention absent from the
other side simply contributes no overlap (the reference scorer's behaviour).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

Cluster = frozenset[Hashable]


@dataclass(frozen=True)
class PRF:
    """Recall, precision and F1 of one metric."""

    recall: float
    precision: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _clusters(groups: Iterable[Iterable[Hashable]]) -> list[Cluster]:
    return [frozenset(g) for g in groups if g]


def _index(clusters: Sequence[Cluster]) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def _muc_recall(key: Sequence[Cluster], response: Sequence[Cluster]) -> float:
    where = _index(response)
    num = den = 0
    for k in key:
        parts = {where[m] for m in k if m in where}
        unaligned = sum(1 for m in k if m not in where)
        num += len(k) - (len(parts) + unaligned)
        den += len(k) - 1
    return num / den if den else 0.0


def muc(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    """MUC link-based recall and precision."""
    k, r = _clusters(key), _clusters(response)
    return PRF(_muc_recall(k, r), _muc_recall(r, k))


def _b3_recall(key: Sequence[Cluster], response: Sequence[Cluster]) -> float:
    where = _index(response)
    num = 0.0
    total = 0
    for k in key:
        overlap: dict[int, int] = defaultdict(int)
        for m in k:
            if m in where:
                overlap[where[m]] += 1
        num += sum(n * n for n in overlap.values()) / len(k)
        total += len(k)
    return num / total if total else 0.0


def b_cubed(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    """B³ mention-based recall and precision."""
    k, r = _clusters(key), _clusters(response)
    return PRF(_b3_recall(k, r), _b3_recall(r, k))


def ceaf_e(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    """CEAF with the entity-based similarity φ4 and an optimal one-to-one alignment."""
    k, r = _clusters(key), _clusters(response)
    if not k or not r:
        return PRF(0.0, 0.0)
    total = 0.0
    for ks, rs in _components(k, r):
        weights = [[2 * len(k[i] & r[j]) / (len(k[i]) + len(r[j])) for j in rs] for i in ks]
        total += max_assignment(weights)
    return PRF(total / len(k), total / len(r))


def _components(
    key: Sequence[Cluster], response: Sequence[Cluster]
) -> list[tuple[list[int], list[int]]]:
    """Connected groups of key and response clusters that share mentions.

    The optimal alignment never pairs clusters that share nothing (φ4 = 0), so
    it decomposes over these groups, which keeps the assignment problems small.
    """
    where_r = _index(response)
    parent = list(range(len(key)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[int, int] = {}
    for i, c in enumerate(key):
        for m in c:
            j = where_r.get(m)
            if j is None:
                continue
            if j in owner:
                parent[find(i)] = find(owner[j])
            else:
                owner[j] = i
    groups: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in range(len(key)):
        groups[find(i)][0].append(i)
    for j, i in owner.items():
        groups[find(i)][1].append(j)
    return [(ks, sorted(rs)) for ks, rs in groups.values() if rs]


def max_assignment(weights: Sequence[Sequence[float]]) -> float:
    """Maximum total weight of a one-to-one assignment (Hungarian algorithm, O(n³))."""
    n_rows = len(weights)
    n_cols = len(weights[0]) if n_rows else 0
    if not n_rows or not n_cols:
        return 0.0
    transpose = n_rows > n_cols
    w = (
        [list(col) for col in zip(*weights, strict=True)]
        if transpose
        else [list(r) for r in weights]
    )
    n, m = len(w), len(w[0])
    big = max(max(row) for row in w)
    cost = [[big - x for x in row] for row in w]  # minimise cost = maximise weight
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    match, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        match[0], j0 = i, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return sum(w[match[j] - 1][j - 1] for j in range(1, m + 1) if match[j])


def conll(
    key: Iterable[Iterable[Hashable]],
    response: Iterable[Iterable[Hashable]],
    only: AbstractSet[Hashable] | None = None,
) -> dict[str, PRF | float]:
    """All three metrics and their CoNLL average F1 (``"conll"``); with ``only``, on
    those mentions alone (every cluster of both sides cut down to them)."""
    if only is not None:
        key = [set(c) & only for c in key]
        response = [set(c) & only for c in response]
    k, r = _clusters(key), _clusters(response)
    scores: dict[str, PRF | float] = {"muc": muc(k, r), "b3": b_cubed(k, r), "ceafe": ceaf_e(k, r)}
    f1s = [s.f1 for s in scores.values() if isinstance(s, PRF)]
    scores["conll"] = sum(f1s) / len(f1s)
    return scores
