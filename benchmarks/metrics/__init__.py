"""Scorers, one module per metric family, each unit-tested on hand-computed cases.

``aeb`` (token-shingle F1), ``clustering`` (B-cubed, pairwise), ``coref`` (MUC, B³,
CEAF-e, CoNLL), ``quotes`` (quote and speaker matching), ``timex`` (TIMEX3 strict,
relaxed, value and type), ``throughput`` (articles/s per thousand).
"""

from benchmarks.metrics import aeb, clustering, coref, quotes, throughput, timex

__all__ = ["aeb", "clustering", "coref", "quotes", "throughput", "timex"]
