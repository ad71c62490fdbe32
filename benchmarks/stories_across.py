"""Stories across languages on BSNLP: do articles of one news topic in Russian, Ukrainian,
Polish and Czech land in one story, and do other topics stay apart?

    python -m benchmarks.stories_across --data ../shared/data/bsnlp

Why: an English, a Russian and a Ukrainian report of one event share almost no words,
so a word-based clusterer keeps them apart; newsweave keys names across scripts and
languages (:mod:`newsweave.cluster.bridge`). BSNLP (``shared/data/bsnlp``, its SOURCE.md)
holds news of four topics in several languages, each document with its date: the
documents of one topic are the gold story. A topic runs for months, longer than the
clusterer's time window, and holds several events, so the clusterer is not expected to
make one story of it; what is measured is how many of the pairs it *could* join
(different languages, one topic, dated within the window of each other) it joins, and
how many pairs it joins across topics.

Systems, in the same run on the same stream (documents shuffled with seed 13, the
shipped model, person mentions from the Russian/Ukrainian analyser as the cluster stage
reads them; Polish and Czech articles are not analysed, as in the product):

* ``newsweave``: ``cluster.featurize`` (names keyed across scripts and languages);
* ``word-only`` (peer): the same clusterer with ``featurize(..., across_languages=False)``,
  names as written: the clusterer as it was before.

Measures, per part: cross-language pair recall (of the same-topic pairs of two languages
dated at most two days apart, of those within the window, and of all such pairs),
cross-language pair precision (of the pairs of two languages put in one story, the share
of one topic), the number of pairs of two topics put in one story, and B-cubed against
topic labels (low recall by construction).

Tuning and check parts: by topic, as in ``benchmarks.multilingual`` (brexit and ryanair
tune; asia_bibi and nord_stream check). Rules were chosen looking at the tuning part only.
Polish and Czech come from ``pl_cs.tar.gz``, unpacked into a temporary folder. The last
line gives the check part: ``xlang_recall=… xlang_precision=… peer_xlang_recall=…``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from benchmarks.corpora.bsnlp import BsnlpDoc, in_tuning_part, load
from benchmarks.metrics.clustering import bcubed
from newsweave.cluster import ClusterInput, ClusterModel, StoryClusterer, featurize
from newsweave.cluster.features import day_number
from newsweave.extract.slavic import SLAVIC_LANGUAGES, find_slavic_mentions

SEED = 13
LANGS = ("ru", "uk", "pl", "cs")


@dataclass(frozen=True)
class Item:
    """One document in the stream: its id, topic, language and day number."""

    id: str
    topic: str
    lang: str
    day: int | None
    input: ClusterInput


def to_input(doc: BsnlpDoc, persons: tuple[tuple[str, int], ...] | None) -> ClusterInput:
    """The title line is the headline; the body follows it (person offsets are shifted)."""
    headline, _, body = doc.text.partition("\n")
    shift = len(headline) + 1
    moved = None
    if persons:
        moved = tuple((n, o - shift) for n, o in persons if o >= shift) or None
    return ClusterInput(
        f"{doc.topic}/{doc.lang}/{doc.file}", headline, body, doc.date, doc.lang, persons=moved
    )


def persons_of(doc: BsnlpDoc) -> tuple[tuple[str, int], ...] | None:
    """Person mentions by the product's analyser (ru/uk only), as the cluster stage reads."""
    if doc.lang not in SLAVIC_LANGUAGES:
        return None
    found = find_slavic_mentions(doc.text, doc.lang, doc.file)
    return tuple((m.text, m.start) for m in found if m.label == "PERSON") or None


#: Days apart within which two reports of one topic are most likely one event.
CLOSE_DAYS = 2


@dataclass(frozen=True)
class PairScores:
    close_recall: float
    within_recall: float
    all_recall: float
    precision: float
    cross_topic_pairs: int
    joined_pairs: int


def pair_scores(items: Sequence[Item], pred: dict[str, str], window: int) -> PairScores:
    """Cross-language pair measures of one clustering (see the module docstring)."""
    close = close_joined = reachable = reachable_joined = same_topic = same_topic_joined = 0
    joined = joined_same_topic = cross_topic = 0
    for a, b in combinations(items, 2):
        together = pred[a.id] == pred[b.id]
        if a.topic != b.topic:
            cross_topic += together
        if a.lang == b.lang:
            continue
        if together:
            joined += 1
            joined_same_topic += a.topic == b.topic
        if a.topic != b.topic:
            continue
        same_topic += 1
        same_topic_joined += together
        if a.day is not None and b.day is not None and abs(a.day - b.day) <= window:
            reachable += 1
            reachable_joined += together
            if abs(a.day - b.day) <= CLOSE_DAYS:
                close += 1
                close_joined += together
    return PairScores(
        close_joined / close if close else 0.0,
        reachable_joined / reachable if reachable else 0.0,
        same_topic_joined / same_topic if same_topic else 0.0,
        joined_same_topic / joined if joined else 0.0,
        cross_topic,
        joined,
    )


def run(items: Sequence[Item], model: ClusterModel, across: bool) -> dict[str, str]:
    """Stream the items through a fresh clusterer; document id → story id."""
    clusterer = StoryClusterer(model)
    order = list(items)
    random.Random(SEED).shuffle(order)
    for item in order:
        clusterer.assign(featurize(item.input, across_languages=across))
    return clusterer.assignments()


def report(name: str, items: Sequence[Item], pred: dict[str, str], window: int) -> PairScores:
    s = pair_scores(items, pred, window)
    p, r, f = bcubed(pred, {i.id: i.topic for i in items})
    print(
        f"  {name:10s} cross-language pairs: recall {s.close_recall:.3f} within {CLOSE_DAYS} days, "
        f"{s.within_recall:.3f} within {window} days "
        f"({s.all_recall:.3f} of all same-topic), precision {s.precision:.3f} "
        f"({s.joined_pairs} joined); pairs of two topics joined: {s.cross_topic_pairs}; "
        f"B3 vs topic P={p:.3f} R={r:.3f} F1={f:.3f}"
    )
    return s


def load_all(data: Path, scratch: Path) -> list[BsnlpDoc]:
    """ru/uk from ``data``; pl/cs from ``pl_cs.tar.gz`` unpacked into ``scratch``."""
    docs = load(data, ("ru", "uk"))
    packed = data / "pl_cs.tar.gz"
    if packed.is_file():
        with tarfile.open(packed) as tar:
            tar.extractall(scratch, filter="data")
        docs += load(scratch, ("pl", "cs"))
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data/bsnlp"))
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no BSNLP folder at {args.data}", file=sys.stderr)
        return 1
    model = ClusterModel.load()
    with tempfile.TemporaryDirectory() as scratch:
        docs = load_all(args.data, Path(scratch))
    start = time.perf_counter()
    items = [
        Item(f"{d.topic}/{d.lang}/{d.file}", d.topic, d.lang, day_number(d.date),
             to_input(d, persons_of(d)))
        for d in docs
    ]  # fmt: skip
    counts = ", ".join(f"{lang} {sum(i.lang == lang for i in items)}" for lang in LANGS)
    print(
        f"{len(items)} documents ({counts}); "
        f"person mentions by the ru/uk analyser: {time.perf_counter() - start:.0f} s"
    )
    last: dict[str, PairScores] = {}
    for part, tuning in (("tuning", True), ("check", False)):
        chosen = [i for i in items if in_tuning_part(i.topic) == tuning]
        topics = sorted({i.topic for i in chosen})
        print(f"{part} part: topics {', '.join(topics)}, {len(chosen)} documents")
        for name, across in (("newsweave", True), ("word-only", False)):
            last[name] = report(name, chosen, run(chosen, model, across), model.window_days)
    ours, peer = last["newsweave"], last["word-only"]
    print(
        f"xlang_recall={ours.within_recall:.4f} xlang_recall_close={ours.close_recall:.4f} "
        f"xlang_precision={ours.precision:.4f} peer_xlang_recall={peer.within_recall:.4f} "
        f"peer_xlang_recall_close={peer.close_recall:.4f} "
        f"peer_xlang_precision={peer.precision:.4f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
