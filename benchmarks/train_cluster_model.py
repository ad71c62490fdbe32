"""Fit the story-clustering model on ECB+ TRAINING topics and write ``cluster_model.json``.

    python benchmarks/train_cluster_model.py --data ../shared/data/ecbplus

Only ``ecbplus_train_topics.tar.gz`` is read; the dev topics stay untouched for
scoring. Three things are learned, in the spirit of Miranda et al. (2018):

1. the similarity: a logistic regression over (article, story) pair features, fitted
   on the stream with gold assignments (each training article is compared with every
   candidate story the blocking index returns; the gold story is the positive);
2. the time window (hard limit on days between an article and a story's date range);
3. the join threshold on the LR probability,

(2) and (3) by grid search maximising B-cubed F1 of the real stream clustering on
the training topics, averaged over several stream orders. Cross-validation over
topic folds picks the L2 strength of the regression.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ecbplus
from clustering import best_agglomerative_threshold
from ecbplus import EcbDoc

from newsweave.cluster import FEATURES, ClusterModel, StoryClusterer
from newsweave.cluster.model import fit_logistic

OUT = Path(__file__).resolve().parent.parent / "src" / "newsweave" / "data" / "cluster_model.json"
SEEDS = (1, 2, 3)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6)
#: Merge thresholds on average-link similarity; 1.0 means "never merge".
MERGES = (0.24, 0.27, 0.30, 1.0)
#: Product rule first: a story two months old is over (the guide's February vs December
#: story); within that, the data pick the window.
WINDOWS = (30, 60)
#: Only the stories closest in body similarity are kept as training pairs: the decision
#: is made among the top few candidates, and thousands of easy negatives from unrelated
#: stories would only teach the model what it already knows.
HARD_NEGATIVES = 4
L2S = (1e-4, 1e-2)


def _neutral_model(window: int = 10**6) -> ClusterModel:
    return ClusterModel(weights=[0.0] * len(FEATURES), bias=0.0, threshold=0.5, window_days=window)


def collect_pairs(
    docs: list[EcbDoc], seeds: tuple[int, ...]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Pair features and labels from gold-assigned streams (teacher forcing)."""
    xs: list[list[float]] = []
    ys: list[float] = []
    for seed in seeds:
        clusterer = StoryClusterer(_neutral_model(), max_candidates=48)
        for doc in ecbplus.stream_order(docs, seed):
            art = ecbplus.features_of(doc)
            clusterer.observe(art)
            pairs = [(s, clusterer.pair_features(art, s)) for s in clusterer.candidates(art)]
            pairs.sort(key=lambda sx: -sx[1][0])
            for story, x in pairs[:HARD_NEGATIVES]:
                xs.append(x)
                ys.append(1.0 if story.id == doc.story else 0.0)
            clusterer.attach(art, doc.story)
    return np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)


def stream_f1(docs: list[EcbDoc], model: ClusterModel, seeds: tuple[int, ...]) -> float:
    gold = {d.doc_id: d.story for d in docs}
    scores = [ecbplus.bcubed(ecbplus.run_stream(docs, model, s), gold)[2] for s in seeds]
    return float(np.mean(scores))


def fit(docs: list[EcbDoc], l2: float) -> ClusterModel:
    """LR on pairs, then window and threshold by grid search on the same training docs."""
    x, y = collect_pairs(docs, SEEDS)
    w, b = fit_logistic(x, y, l2=l2)
    best: tuple[float, int, float, float] = (-1.0, WINDOWS[0], 0.5, 1.0)
    for window in WINDOWS:
        for thr in THRESHOLDS:
            for merge in MERGES:
                model = ClusterModel(list(map(float, w)), b, thr, window, merge_threshold=merge)
                f1 = stream_f1(docs, model, SEEDS[:2])
                if f1 > best[0]:
                    best = (f1, window, thr, merge)
    f1, window, thr, merge = best
    return ClusterModel(
        list(map(float, w)),
        b,
        thr,
        window,
        merge_threshold=merge,
        notes={"train_bcubed_f1": round(f1, 4), "l2": l2, "pairs": len(y)},
    )


def choose_l2(docs: list[EcbDoc]) -> float:
    """Two-fold cross-validation over training topics (odd/even topic numbers)."""
    folds = [[d for d in docs if d.topic % 2 == k] for k in (0, 1)]
    best_l2, best_f1 = L2S[0], -1.0
    for l2 in L2S:
        f1s = []
        for k in (0, 1):
            model = fit(folds[k], l2)
            f1s.append(stream_f1(folds[1 - k], model, SEEDS[:2]))
        f1 = float(np.mean(f1s))
        print(f"  l2={l2:g}: held-out-fold B3 F1 {f1:.4f}", flush=True)
        if f1 > best_f1:
            best_l2, best_f1 = l2, f1
    return best_l2


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data/ecbplus"))
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--l2", type=float, default=1e-4, help="L2 strength of the regression")
    ap.add_argument("--cv", action="store_true", help="pick L2 by 2-fold CV over topics (slow)")
    args = ap.parse_args(argv)
    docs = ecbplus.load(args.data, "train")
    if not docs:
        print(f"no ecbplus_train_topics.tar.gz under {args.data}", file=sys.stderr)
        return 1
    print(f"training on {len(docs)} documents, {len({d.story for d in docs})} stories")
    l2 = choose_l2(docs) if args.cv else args.l2
    model = fit(docs, l2)
    baseline_thr, baseline_f1 = best_agglomerative_threshold(docs)
    model.notes["baseline_threshold"] = baseline_thr
    model.notes["baseline_train_bcubed_f1"] = round(baseline_f1, 4)
    model.trained_on = "ECB+ training topics (ecbplus_train_topics.tar.gz), Cybulska & Vossen split"
    for name, weight in zip(FEATURES, model.weights, strict=True):
        print(f"  {name:18s} {weight:+.3f}")
    print(
        f"  bias {model.bias:+.3f}  threshold {model.threshold}  merge "
        f"{model.merge_threshold}  window {model.window_days} d"
    )
    print(f"  train B3 F1 {model.notes['train_bcubed_f1']}")
    model.save(args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
