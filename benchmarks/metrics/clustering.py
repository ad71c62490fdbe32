"""Clustering scores against gold labels: B-cubed and pairwise precision, recall and F1.

- **B-cubed** (Bagga & Baldwin, 1998): per item, precision = |its predicted cluster ∩
  its gold cluster| / |its predicted cluster|, recall the same over its gold cluster;
  both averaged over items, F1 from the two averages.
- **Pairwise**: the pairs of items put in one cluster; precision = pairs in one
  predicted and one gold cluster / predicted pairs, recall = the same / gold pairs.
  :func:`pair_prf` scores two explicit pair sets the same way.

A clustering is a mapping item id → cluster label; every gold item must have a label.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from collections.abc import Set as AbstractSet

PRF3 = tuple[float, float, float]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(pred: Mapping[str, str], gold: Mapping[str, str]) -> PRF3:
    """B-cubed precision, recall and F1 of a clustering ``pred`` against ``gold`` (id → label)."""
    pc: dict[str, set[str]] = {}
    gc: dict[str, set[str]] = {}
    for i in gold:
        pc.setdefault(pred[i], set()).add(i)
        gc.setdefault(gold[i], set()).add(i)
    if not gold:
        return 0.0, 0.0, 0.0
    p = r = 0.0
    for i in gold:
        both = len(pc[pred[i]] & gc[gold[i]])
        p += both / len(pc[pred[i]])
        r += both / len(gc[gold[i]])
    p, r = p / len(gold), r / len(gold)
    return p, r, _f1(p, r)


def pairwise(pred: Mapping[str, str], gold: Mapping[str, str]) -> PRF3:
    """Pairwise precision, recall and F1 over all same-cluster pairs."""

    def pairs(counts: Counter[object]) -> int:
        return sum(c * (c - 1) // 2 for c in counts.values())

    tp = pairs(Counter((pred[i], gold[i]) for i in gold))
    pp = pairs(Counter(pred[i] for i in gold))
    gp = pairs(Counter(gold[i] for i in gold))
    p = tp / pp if pp else 0.0
    r = tp / gp if gp else 0.0
    return p, r, _f1(p, r)


def pair_prf(
    pred: AbstractSet[tuple[Hashable, Hashable]], gold: AbstractSet[tuple[Hashable, Hashable]]
) -> PRF3:
    """Precision, recall and F1 of predicted pairs against gold pairs (same orientation)."""
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, _f1(p, r)
