"""The article-extraction-benchmark metric: token-shingle precision, recall and F1.

Metric (SOURCE.md of the data set): tokens are ``\\w+`` matches (case kept),
shingles are 4 consecutive tokens counted with multiplicity; per page
precision = shared / predicted shingles, recall = shared / gold shingles;
precision and recall are averaged over pages (macro) and F1 is computed from
the two averages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Token n-grams of ``text`` with their counts."""
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < n:
        # Short texts still count: the whole token run is one shingle.
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_pr(predicted: str, gold: str) -> tuple[float, float]:
    """Per-page (precision, recall) on 4-token shingles with multiplicity."""
    pred, ref = shingles(predicted), shingles(gold)
    shared = sum((pred & ref).values())
    p_total, r_total = sum(pred.values()), sum(ref.values())
    if p_total == 0 and r_total == 0:
        return 1.0, 1.0
    precision = shared / p_total if p_total else 0.0
    recall = shared / r_total if r_total else 0.0
    return precision, recall


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    pages: int


def score(predictions: dict[str, str], gold: dict[str, str]) -> Score:
    """Macro P and R over gold pages; F1 from the averages."""
    pairs = [page_pr(predictions.get(pid, ""), text) for pid, text in gold.items()]
    if not pairs:
        return Score(0.0, 0.0, 0.0, 0)
    p = sum(x for x, _ in pairs) / len(pairs)
    r = sum(y for _, y in pairs) / len(pairs)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Score(p, r, f1, len(pairs))
