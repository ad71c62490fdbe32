"""What the dedupe stage costs to add a batch of articles, by the size of the store.

    python -m benchmarks.dedupe_growth [--stores 1000 10000] [--add 500] [--data ../shared/data]

For each store size N: a fresh SQLite store gets N articles of the PolNeAR stream
(``benchmarks.corpora.stream``: stories retold by several outlets, wire copies; past
the first thousand, replicas with two in five longer words replaced,
``benchmarks.corpora.replay``), ingested and deduplicated a thousand at a time. Then a
fresh process adds the next ``--add`` articles (ingest and dedupe only) and reports the
dedupe stage's seconds and CPU per article (this process's CPU time, which other jobs
on the machine change less than the wall time), the state rows and processed ids it read,
and that process's peak RSS. The cost of the batch should not depend on N.

Rows read are counted by wrapping the store's ``state_rows`` and ``processed_ids`` in
the measuring process (instrumentation of this benchmark, not of newsweave). Nothing is
tuned here: it measures.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from benchmarks.corpora.replay import replicas
from benchmarks.corpora.stream import load_sources, stream, write_jsonl
from newsweave import pipeline
from newsweave.store import open_store

BASE = 1000  # stream articles before replicas


def _records(data: Path, n: int, seed: int) -> Iterator[dict[str, str]]:
    base = stream(load_sources(data / "polnear"), BASE, seed)
    yield from base[:n]
    if n > BASE:
        yield from replicas(base, n - BASE, lambda _: set())


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _memory_mb(field: str) -> float:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of this process, in MB (Linux). Not
    ``ru_maxrss``: that keeps the parent's peak across fork and exec."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _counting(method: Callable[..., Any], counter: dict[str, int], name: str) -> Callable[..., Any]:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        out = method(*args, **kwargs)
        counter[name] += len(out)
        return out

    return wrapped


def measure_add(db: str, path: Path) -> dict[str, float]:
    """Ingest and dedupe the records in ``path`` into ``db``; the dedupe stage's figures."""
    store = open_store(db)
    counts = {"state_rows": 0, "processed_ids": 0}
    store.state_rows = _counting(store.state_rows, counts, "state_rows")  # type: ignore[method-assign]
    store.processed_ids = _counting(store.processed_ids, counts, "processed_ids")  # type: ignore[method-assign]
    before = store.article_count()
    rss0 = _memory_mb("VmRSS")
    cpu0 = _cpu()
    report = pipeline.run([str(path)], store, until="ingest")
    cpu_ingest = _cpu() - cpu0
    cpu0 = _cpu()
    seconds: dict[str, float] = {}
    pipeline.run_stages(store, until="dedupe", seconds=seconds)
    cpu_dedupe = _cpu() - cpu0
    added = store.article_count() - before
    snapshot = store.snapshot("dedupe", "1")
    out = {
        "store": before,
        "added": added,
        "dedupe_ms_per_article": 1000 * seconds["dedupe"] / added,
        "ingest_ms_per_article": 1000 * report.seconds["ingest"] / added,
        "cpu_ms_per_article": 1000 * (cpu_ingest + cpu_dedupe) / added,
        "dedupe_cpu_ms_per_article": 1000 * cpu_dedupe / added,
        "state_rows_read_per_article": counts["state_rows"] / added,
        "processed_ids_read": counts["processed_ids"],
        "state_rows_total": store.state_row_count("dedupe"),
        "snapshot_bytes": len(snapshot.data) if snapshot else 0,
        "rss_before_mb": rss0,
        "peak_rss_mb": _memory_mb("VmHWM"),
    }
    store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--stores", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--add", type=int, default=500)
    ap.add_argument("--chunk", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--measure", nargs=2, metavar=("DB", "JSONL"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure:
        print(json.dumps(measure_add(args.measure[0], Path(args.measure[1]))))
        return 0
    print("tuned_on=none reported_on=polnear-stream (+replicas past 1,000)")
    for n in args.stores:
        work = Path(tempfile.mkdtemp(prefix="newsweave-dedupe-growth-"))
        db = str(work / "store.db")
        store = open_store(db)
        records = _records(args.data, n + args.add, args.seed)
        t0 = time.perf_counter()
        done = 0
        while done < n and (chunk := list(islice(records, min(args.chunk, n - done)))):
            write_jsonl(chunk, work / "chunk.jsonl")
            pipeline.run([str(work / "chunk.jsonl")], store, until="dedupe")
            done += len(chunk)
        store.close()
        print(f"store of {done} articles built in {time.perf_counter() - t0:.0f} s", flush=True)
        write_jsonl(islice(records, args.add), work / "add.jsonl")
        child = subprocess.run(
            [sys.executable, "-m", "benchmarks.dedupe_growth", "--measure", db,
             str(work / "add.jsonl")],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        figures = json.loads(child.stdout.strip().splitlines()[-1])
        print(
            f"  +{figures['added']:.0f} into {figures['store']:.0f}: dedupe "
            f"{figures['dedupe_ms_per_article']:.1f} ms/article "
            f"(ingest {figures['ingest_ms_per_article']:.1f}), dedupe CPU "
            f"{figures['dedupe_cpu_ms_per_article']:.1f} ms/article, state rows read "
            f"{figures['state_rows_read_per_article']:.1f}/article, processed ids read "
            f"{figures['processed_ids_read']:.0f}, "
            f"blob {figures['snapshot_bytes'] / 2**20:.1f} MB, "
            f"rows {figures['state_rows_total']:.0f}, peak RSS {figures['peak_rss_mb']:.0f} MB "
            f"(after imports {figures['rss_before_mb']:.0f} MB)",
            flush=True,
        )
        print(f"growth_json={json.dumps(figures)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
