"""Cost of the cluster stage as the store grows: CPU ms and state rows read per article.

    python -m benchmarks.cluster_growth --articles 10500 --parsed 500 --chunk 500

The throughput benchmark's stream (``benchmarks.throughput``: PolNeAR stories retold by
several outlets; past ``--parsed``, replicas whose analysis is derived from the parsed
articles', see ``benchmarks/corpora/replay.py``) goes into a fresh SQLite store a chunk at
a time, through the stages the cluster stage reads (dedupe, extract), and then the cluster
stage alone is timed: its CPU time in this process (which other jobs on a shared machine
do not change) and its wall time per article, with the state rows it read (from its log
line) or, for a state kept as one blob, the bytes of that blob, which each run reads
whole. The stages after clustering do not run: the point is the cluster stage's growth,
at store sizes a whole-pipeline run does not reach in a working session. With
``--only-cluster`` even dedupe and the parse are left out (articles carry no person
names, and replicas keep their base's people): cheaper still, for larger stores.
Nothing is tuned here: it measures.
"""

from __future__ import annotations

import argparse
import logging
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import cast

from benchmarks.corpora.replay import ReplayMapper, span_days
from benchmarks.corpora.stream import load_sources, stream, write_jsonl
from benchmarks.throughput import stream_chunks
from newsweave import pipeline
from newsweave.distributed import BatchMapper
from newsweave.stages import store_stage
from newsweave.stages.base import Context
from newsweave.store import open_store


class _RowsRead(logging.Handler):
    """Keeps the cluster stage's "N articles, R state rows read" figure."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.reads: int | None = None

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "state rows read" in message:
            self.reads = int(message.split(" articles, ")[1].split()[0])


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10500, help="stream length N")
    parser.add_argument("--parsed", type=int, default=500, help="articles parsed for real")
    parser.add_argument("--chunk", type=int, default=500, help="articles per run")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--only-cluster",
        action="store_true",
        help="ingest, then the cluster stage alone: no dedupe, no parse (so no person names)",
    )
    args = parser.parse_args(argv)
    records = stream(load_sources(args.data / "polnear"), args.parsed, args.seed)
    replay = ReplayMapper(span_days(records))
    print(f"tuned_on=none reported_on=polnear-stream n={args.articles} seed={args.seed}")
    work = Path(tempfile.mkdtemp(prefix="newsweave-cluster-growth-"))
    store = open_store(str(work / "growth.db"))
    rows = _RowsRead()
    logging.getLogger("newsweave.stages.cluster").addHandler(rows)
    logging.getLogger("newsweave.stages.cluster").setLevel(logging.INFO)
    version = store_stage("cluster").version
    print("articles_after  cluster_cpu_ms/article  cluster_wall_ms/article  state read")
    done = 0
    for i, chunk in enumerate(stream_chunks(records, args.articles, args.chunk, replay)):
        path = work / f"stream-{i:04d}.jsonl"
        write_jsonl(chunk, path)
        until = "ingest" if args.only_cluster else "extract"
        pipeline.run([str(path)], store, mapper=cast(BatchMapper, replay), until=until)
        path.unlink()
        rows.reads = None
        cpu0, t0 = _cpu_seconds(), time.perf_counter()
        if args.only_cluster:
            stage = store_stage("cluster")
            stage.run(Context(store, registry=(stage,)), stage)
        else:
            pipeline.run_stages(store, until="cluster")
        cpu, wall = _cpu_seconds() - cpu0, time.perf_counter() - t0
        done += len(chunk)
        if rows.reads is not None:
            read = f"{rows.reads / len(chunk):.1f} rows/article"
        else:
            saved = store.snapshot("cluster", version)
            read = f"the whole blob, {len(saved.data) / 2**20:.1f} MB" if saved else "-"
        cpu_ms, wall_ms = 1000 * cpu / len(chunk), 1000 * wall / len(chunk)
        print(f"{done:>14}  {cpu_ms:>22.1f}  {wall_ms:>23.1f}  {read}", flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
