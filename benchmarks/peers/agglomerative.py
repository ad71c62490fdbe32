"""TF-IDF + average-linkage agglomerative clustering: the offline story-clustering peer.

Cosine distance over sublinear TF-IDF rows (scipy, so scikit-learn is not needed).
The trainer picks its cut on the ECB+ training topics (stored in the model notes);
the clustering benchmark applies that cut to the topics it scores.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from numpy.typing import NDArray

from benchmarks.corpora.ecbplus import EcbDoc
from benchmarks.metrics.clustering import bcubed
from newsweave.cluster.features import tokenize

Labels = dict[str, str]


def tfidf_matrix(docs: list[EcbDoc]) -> NDArray[np.float64]:
    """Sublinear TF-IDF rows (headline + body), L2-normalised, as scikit-learn would make."""
    counts = [Counter(tokenize(f"{d.headline}\n{d.text}")) for d in docs]
    vocab = {t: i for i, t in enumerate(sorted({t for c in counts for t in c}))}
    df = np.zeros(len(vocab))
    for c in counts:
        for t in c:
            df[vocab[t]] += 1
    idf = np.log((len(docs) + 1) / (df + 1)) + 1
    x = np.zeros((len(docs), len(vocab)))
    for row, c in enumerate(counts):
        for t, n in c.items():
            x[row, vocab[t]] = (1 + math.log(n)) * idf[vocab[t]]
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    return x


def agglomerative(docs: list[EcbDoc], threshold: float) -> Labels:
    """TF-IDF + average-linkage (cosine distance) cut at ``threshold``."""
    from scipy.cluster.hierarchy import fcluster, linkage  # type: ignore[import-untyped]

    tree = linkage(tfidf_matrix(docs), method="average", metric="cosine")
    labels = fcluster(tree, t=threshold, criterion="distance")
    return {d.doc_id: str(label) for d, label in zip(docs, labels, strict=True)}


def best_agglomerative_threshold(docs: list[EcbDoc]) -> tuple[float, float]:
    """(threshold, B-cubed F1) maximising F1 on ``docs`` over a grid of cut distances."""
    from scipy.cluster.hierarchy import fcluster, linkage

    gold = {d.doc_id: d.story for d in docs}
    tree = linkage(tfidf_matrix(docs), method="average", metric="cosine")
    best = (0.5, -1.0)
    for thr in np.arange(0.30, 1.0, 0.01):
        labels = fcluster(tree, t=float(thr), criterion="distance")
        pred = {d.doc_id: str(label) for d, label in zip(docs, labels, strict=True)}
        f1 = bcubed(pred, gold)[2]
        if f1 > best[1]:
            best = (round(float(thr), 2), f1)
    return best
