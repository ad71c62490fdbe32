"""Copy detection on ECB+ articles with synthetic syndicated copies, and cost per article.

    python benchmarks/dedupe.py --data ../shared/data/ecbplus

A random third of the development articles get a syndicated copy: new site chrome
above and below, one paragraph moved, a sentence dropped or added, a few words in
British (or American) spelling, one word edited. All articles and copies stream
into one :class:`DedupeIndex` in shuffled order; precision and recall are pairwise
over the copy groups (an original with its copies is one gold group). ``--sweep``
prints the same on the TRAINING articles for several Jaccard thresholds (that is
where ``JACCARD_THRESHOLD`` was chosen).

Then articles/s at 1k and 10k articles (the data replicated with heavier
perturbations and shifted dates) for dedupe and for story clustering: the rate over
the last thousand of ten thousand should match the rate over the first thousand.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ecbplus
from ecbplus import EcbDoc

from newsweave.cluster import ClusterInput, StoryClusterer
from newsweave.dedupe import JACCARD_THRESHOLD, DedupeIndex, _shingles

SPELLING = {
    "color": "colour", "center": "centre", "defense": "defence", "program": "programme",
    "organization": "organisation", "analyze": "analyse", "favor": "favour", "labor": "labour",
    "honor": "honour", "realize": "realise", "recognize": "recognise", "traveled": "travelled",
    "percent": "per cent", "neighbor": "neighbour", "theater": "theatre", "criticized":
    "criticised", "apologized": "apologised", "offense": "offence", "gray": "grey",
}  # fmt: skip
HEADERS = ["Home | News | World", "Breaking News", "Share on Facebook Share on Twitter Email",
           "Advertisement", "Skip to main content"]  # fmt: skip
FOOTERS = ["© 2024 The Daily Ledger. All rights reserved.", "Read more: top stories today",
           "Comments (0) Log in to comment", "Related: More from this section"]  # fmt: skip
ADDED = ["The report was updated with additional details.",
         "Officials did not immediately respond to a request for comment."]  # fmt: skip


def respell(text: str, rng: random.Random) -> str:
    """American → British (or back) for the words the text has, as a sub-editor would."""
    pairs = list(SPELLING.items()) if rng.random() < 0.5 else [(b, a) for a, b in SPELLING.items()]
    for src, dst in pairs:
        text = text.replace(f" {src} ", f" {dst} ").replace(f" {src},", f" {dst},")
    return text


def syndicate(text: str, rng: random.Random) -> str:
    """A syndicated copy: other chrome, a moved paragraph, a sentence dropped or added,
    house spelling and one edited word."""
    paras = [p for p in text.split("\n") if p.strip()]
    if len(paras) > 3:
        i = rng.randrange(1, len(paras) - 1)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
    if len(paras) > 4 and rng.random() < 0.5:
        del paras[rng.randrange(2, len(paras))]
    else:
        paras.insert(rng.randrange(1, len(paras) + 1), rng.choice(ADDED))
    body = respell("\n".join(paras), rng)
    words = body.split(" ")
    if len(words) > 20:
        k = rng.randrange(len(words))
        words[k] = words[k].upper() if rng.random() < 0.5 else "reportedly " + words[k]
    return "\n".join([*rng.sample(HEADERS, 2), " ".join(words), *rng.sample(FOOTERS, 2)])


def copy_scores(docs: list[EcbDoc], threshold: float, seed: int = 7) -> tuple[float, float]:
    """Pairwise precision and recall of copy groups after streaming originals + copies."""
    rng = random.Random(seed)
    items: list[tuple[str, str, str, str | None]] = []  # id, text, gold group, published
    for d in docs:
        items.append((d.doc_id, d.text, d.doc_id, d.published))
    for d in rng.sample(docs, len(docs) // 3):
        items.append((f"{d.doc_id}-copy", syndicate(d.text, rng), d.doc_id, None))
    rng.shuffle(items)
    index = DedupeIndex(threshold)
    for aid, text, _, published in items:
        index.add(aid, text, published, len(text.split()))
    gold = _gold_groups(docs, {aid: group for aid, _, group, _ in items})
    pred = {aid: index.canonical_of(aid) for aid in gold}
    ids = sorted(gold)
    pred_pairs = {(a, b) for a, b in combinations(ids, 2) if pred[a] == pred[b]}
    gold_pairs = {(a, b) for a, b in combinations(ids, 2) if gold[a] == gold[b]}
    tp = len(pred_pairs & gold_pairs)
    return (tp / len(pred_pairs) if pred_pairs else 1.0), (tp / len(gold_pairs))


def _gold_groups(docs: list[EcbDoc], gold: dict[str, str]) -> dict[str, str]:
    """ECB+ itself holds wire copies (the same AP story from two sites): originals whose
    exact shingle Jaccard is >= 0.6 are one gold group too, or finding them would count
    as an error. (Exact sets here, not MinHash: the gold must not depend on the system.)"""
    sets = {d.doc_id: {h for h, _, _ in _shingles(d.text)} for d in docs}
    parent = {g: g for g in set(gold.values())}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in combinations(sorted(sets), 2):
        union = len(sets[a] | sets[b])
        if union and len(sets[a] & sets[b]) / union >= 0.6:
            parent[find(a)] = find(b)
    return {aid: find(group) for aid, group in gold.items()}


def replicate(docs: list[EcbDoc], n: int, seed: int = 3) -> list[ClusterInput]:
    """n articles: the originals, then heavier variants (a fifth of the words dropped,
    paragraphs shuffled, dates shifted) so the store grows with new, distinct articles."""
    rng = random.Random(seed)
    out = [d.as_input() for d in docs][:n]
    while len(out) < n:
        d = rng.choice(docs)
        paras = d.text.split("\n")
        rng.shuffle(paras)
        words = [w for w in "\n".join(paras).split(" ") if rng.random() > 0.2]
        year = 2000 + rng.randrange(25)
        published = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        out.append(ClusterInput(f"r{len(out)}", d.headline, " ".join(words), published, "en"))
    return out


def rates(items: list[ClusterInput], step: Callable[[ClusterInput], object]) -> list[float]:
    """Articles/s over each consecutive thousand."""
    out = []
    for k in range(0, len(items), 1000):
        start = time.perf_counter()
        for item in items[k : k + 1000]:
            step(item)
        out.append(1000 / (time.perf_counter() - start))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data/ecbplus"))
    ap.add_argument("--sweep", action="store_true", help="threshold sweep on training articles")
    ap.add_argument("--n", type=int, default=10_000, help="articles for the scaling run")
    args = ap.parse_args(argv)
    splits = ecbplus.archives(args.data)
    dev = [d for s in (["dev"] if "dev" in splits else splits) for d in ecbplus.load(args.data, s)]
    if args.sweep and "train" in splits:
        train = ecbplus.load(args.data, "train")
        for thr in (0.4, 0.5, 0.52, 0.55, 0.6, 0.7):
            p, r = copy_scores(train, thr)
            print(f"train  jaccard>={thr:.2f}: precision {p:.3f} recall {r:.3f}")
    p, r = copy_scores(dev, JACCARD_THRESHOLD)
    print(f"copies of a third of {len(dev)} dev articles, Jaccard >= {JACCARD_THRESHOLD}:")
    print(f"dedupe precision {p:.3f} recall {r:.3f}")
    everything = [d for s in splits for d in ecbplus.load(args.data, s)]
    items = replicate(everything, args.n)
    if args.n <= 0:
        return 0
    index = DedupeIndex()
    d_rates = rates(items, lambda a: index.add(a.id, a.text, a.published, len(a.text.split())))
    clusterer = StoryClusterer()
    c_rates = rates(items, clusterer.assign)
    for name, rr in (("dedupe", d_rates), ("cluster", c_rates)):
        print(f"{name:8s} articles/s at 1k: {rr[0]:.0f}   at {len(items) // 1000}k: {rr[-1]:.0f}")
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss_mb:.0f} MB; {len(clusterer.stories)} stories")
    print(f"precision={p:.4f} recall={r:.4f} dedupe_per_s_10k={d_rates[-1]:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
