"""Load on the web app: concurrent clients against a real ``newsweave serve`` on 127.0.0.1.

    python -m benchmarks.web_load --db TARGET [--clients 20] [--duration 60]
                                  [--host 127.0.0.1] [--port 0] [--workers 1]
                                  [--pool 200] [--cache-mb 64]

Starts ``newsweave serve`` (Uvicorn, one process) as a subprocess over ``TARGET`` (or, with
no ``--db``, over a small store it builds from ``samples/``), collects real ids from the
API, then runs ``--clients`` concurrent clients (asyncio + httpx, one keep-alive
connection each) for ``--duration`` seconds. Each client cycles through the page kinds
a reader uses: story list (first and later pages), story page, article page, entity
page, search page, and the JSON API (story list, story, article, search). A static file
(``/static/style.css``) is in the mix as the floor: what the same server costs for a
request that reads no store.

The server keeps rendered pages while the store is unchanged (``--cache-mb``, passed to
``serve``; 0 keeps none): the clients pick ids from pools of ``--pool`` of each kind, so a
pool larger than the cache holds measures mostly renders, and ``--cache-mb 0`` only
renders. The share of answers the cache gave is printed per kind (its ``X-Cache`` header).

Prints requests served, errors, p50/p95/p99 per page kind and overall, and the server's
resident memory at the start (after a warm-up pass over every kind), every 30 s, and at
the end, and the server's CPU time per request (less sensitive than latency to other
work on the machine). Last line: ``requests=… errors=… p50_ms=… p95_ms=… p99_ms=…
rss_start_mb=… rss_end_mb=… cpu_ms_per_request=…``. Nothing is tuned here: it measures.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
#: Ids of each kind the clients pick from by default (``--pool``).
POOL_SIZE = 200


def free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def family(pid: int) -> list[int]:
    """``pid`` and every process below it (the worker processes of ``--workers N``)."""
    parent_of: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        parent_of[int(stat.parent.name)] = int(fields[1])
    found, changed = {pid}, True
    while changed:
        below = {p for p, parent in parent_of.items() if parent in found} - found
        found |= below
        changed = bool(below)
    return sorted(found)


def _proc_field(pid: int, name: str) -> str:
    try:
        return Path(f"/proc/{pid}/{name}").read_text()
    except OSError:
        return ""


def rss_mb(pid: int) -> float:
    """Resident memory of the server (process ``pid`` and its workers) in MB."""
    total = 0
    for member in family(pid):
        for line in _proc_field(member, "status").splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def own_cpu_seconds() -> float:
    """CPU time (user + system) this process, the clients, has used."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the server (``pid`` and its workers) has used, in seconds.

    Latency on a shared machine depends on what else runs; the server's CPU time per
    request does much less, so both are printed."""
    ticks = 0
    for member in family(pid):
        stat = _proc_field(member, "stat")
        if stat:
            fields = stat.rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def build_sample_store(folder: Path) -> str:
    """A store made by the whole pipeline from ``samples/`` (the no-``--db`` case)."""
    from newsweave import pipeline
    from newsweave.store import open_store

    db = str(folder / "samples.db")
    store = open_store(db)
    try:
        pipeline.run([str(SAMPLES)], store)
    finally:
        store.close()
    return db


@contextmanager
def server(
    db: str, host: str, port: int, workers: int, cache_mb: float
) -> Iterator[subprocess.Popen[bytes]]:
    """``newsweave serve`` as a subprocess; waits until it answers, stops it after."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    env.pop("NEWSWEAVE_TOKEN", None)  # reads only: uploads stay disabled
    command = [sys.executable, "-m", "newsweave", "serve", "--db", db]
    command += ["--host", host, "--port", str(port), "--workers", str(workers)]
    command += ["--cache-mb", str(cache_mb)]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                error = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"the server exited ({process.returncode}): {error}")
            try:
                if httpx.get(f"http://{host}:{port}/static/style.css", timeout=2).is_success:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not answer within 120 s")
            time.sleep(0.2)
        yield process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Pools:
    """Real ids and words collected from the API, for the clients to pick from."""

    pages: int
    stories: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


def collect(base: str, rng: random.Random, size: int = POOL_SIZE) -> Pools:
    """Up to ``size`` stories (from the first list pages), articles (from the first
    stories) and entities (from the first articles)."""
    with httpx.Client(base_url=base, timeout=60) as client:
        first = client.get("/api/stories").raise_for_status().json()
        pools = Pools(pages=int(first.get("pages", 1)))
        listed = [s["id"] for s in first["stories"]]
        per_page = max(1, len(listed))
        for page in range(2, min(pools.pages, max(5, -(-size // per_page))) + 1):
            found = client.get("/api/stories", params={"page": page}).raise_for_status().json()
            listed += [s["id"] for s in found["stories"]]
        pools.stories = listed[:size]
        for story_id in pools.stories[: max(40, size // 4)]:
            story = client.get(f"/api/stories/{story_id}").raise_for_status().json()
            pools.articles += [a["id"] for a in story["articles"]]
            pools.words += [w for a in story["articles"] for w in (a["headline"] or "").split()]
        pools.articles = pools.articles[:size]
        # From the first articles, or further down when those are not resolved yet (a
        # run still working on the newest).
        for n, article_id in enumerate(pools.articles):
            if n >= max(20, size // 10) and pools.entities:
                break
            article = client.get(f"/api/articles/{article_id}").raise_for_status().json()
            pools.entities += [m["entity_id"] for m in article["mentions"] if m["entity_id"]]
        pools.entities = sorted(set(pools.entities))[:size]
        pools.words = sorted({w.strip(".,:;'\"“”‘’") for w in pools.words if len(w) > 3})
    if not (pools.stories and pools.articles and pools.entities and pools.words):
        raise RuntimeError(f"the store lacks stories, articles, entities or headlines: {pools}")
    rng.shuffle(pools.words)
    return pools


def page_kinds(pools: Pools, rng: random.Random) -> dict[str, Callable[[], str]]:
    """Page kind → a function giving the next URL of that kind."""

    def pick(values: list[str]) -> str:
        return quote(rng.choice(values), safe="")

    def later_page() -> str:
        return f"/?page={rng.randint(1, pools.pages)}"

    def search() -> str:
        return quote(" ".join(rng.sample(pools.words, k=min(2, len(pools.words)))))

    return {
        "static floor": lambda: "/static/style.css",
        "story list": lambda: "/",
        "story list page": later_page,
        "story page": lambda: f"/stories/{pick(pools.stories)}",
        "article page": lambda: f"/articles/{pick(pools.articles)}",
        "entity page": lambda: f"/entities/{pick(pools.entities)}",
        "search page": lambda: f"/search?q={search()}",
        "api stories": lambda: "/api/stories",
        "api story": lambda: f"/api/stories/{pick(pools.stories)}",
        "api article": lambda: f"/api/articles/{pick(pools.articles)}",
        "api search": lambda: f"/api/search?q={search()}",
    }


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    hits: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    first_errors: list[str] = field(default_factory=list)


async def client_loop(
    base: str, kinds: dict[str, Callable[[], str]], start: int, until: float, out: Results
) -> None:
    """One client: each kind in turn (from its own offset), until the deadline."""
    names = list(kinds)
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        i = start
        while time.monotonic() < until:
            kind = names[i % len(names)]
            i += 1
            url = kinds[kind]()
            began = time.perf_counter()
            try:
                response = await client.get(url)
                ok = response.status_code == 200
                problem = f"{response.status_code} {url}"
            except httpx.HTTPError as error:
                ok, problem = False, f"{type(error).__name__} {url}"
            out.latencies[kind].append((time.perf_counter() - began) * 1000)
            if ok and response.headers.get("x-cache") == "hit":
                out.hits[kind] += 1
            if not ok:
                out.errors[kind] += 1
                if len(out.first_errors) < 5:
                    out.first_errors.append(problem)


async def watch_memory(pid: int, until: float, samples: list[float]) -> None:
    while time.monotonic() < until:
        await asyncio.sleep(min(30.0, max(0.0, until - time.monotonic())))
        samples.append(rss_mb(pid))


async def run_clients(
    base: str, kinds: dict[str, Callable[[], str]], clients: int, duration: float, pid: int
) -> tuple[Results, list[float]]:
    out, memory = Results(), list[float]()
    until = time.monotonic() + duration
    loops = [client_loop(base, kinds, c, until, out) for c in range(clients)]
    await asyncio.gather(*loops, watch_memory(pid, until, memory))
    return out, memory


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100) of ``values``."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q * len(ordered) / 100 - 1e-9)))
    return ordered[rank - 1]


def report(
    out: Results, duration: float, rss_start: float, rss_end: float, cpu: float, own: float
) -> str:
    """The table, a summary line (with the clients' own CPU: they share the machine with
    the server, and a response waits for them too) and the last line."""
    every = [v for values in out.latencies.values() for v in values]
    errors = sum(out.errors.values())
    print(
        f"{'kind':<16} {'requests':>9} {'errors':>7} {'cached':>7} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
    )
    for kind, values in out.latencies.items():
        p50, p95, p99 = (percentile(values, q) for q in (50, 95, 99))
        cached = f"{100 * out.hits[kind] / len(values):.0f}%"
        print(
            f"{kind:<16} {len(values):>9} {out.errors[kind]:>7} {cached:>7} "
            f"{p50:>8.1f} {p95:>8.1f} {p99:>8.1f}"
        )
    p50, p95, p99 = (percentile(every, q) for q in (50, 95, 99))
    cached = f"{100 * sum(out.hits.values()) / max(1, len(every)):.0f}%"
    print(
        f"{'all':<16} {len(every):>9} {errors:>7} {cached:>7} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f}"
    )
    print(
        f"{len(every) / duration:.1f} requests/s; server CPU {cpu:.1f} s, "
        f"{1000 * cpu / max(1, len(every)):.1f} ms per request; the clients' CPU "
        f"{1000 * own / max(1, len(every)):.1f} ms per request; load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
    )
    for problem in out.first_errors:
        print(f"error: {problem}")
    return (
        f"requests={len(every)} errors={errors} p50_ms={p50:.1f} p95_ms={p95:.1f} "
        f"p99_ms={p99:.1f} rss_start_mb={rss_start:.0f} rss_end_mb={rss_end:.0f} "
        f"cpu_ms_per_request={1000 * cpu / max(1, len(every)):.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="store target (default: a small store built from samples/)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument("--workers", type=int, default=1, help="server processes (serve --workers)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pool", type=int, default=POOL_SIZE, help="ids of each kind to pick from")
    parser.add_argument(
        "--cache-mb", type=float, default=64, help="the server's page cache (0: none)"
    )
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    port = args.port or free_port(args.host)
    with tempfile.TemporaryDirectory(prefix="web-load-") as tmp:
        db = args.db or build_sample_store(Path(tmp))
        with server(db, args.host, port, args.workers, args.cache_mb) as process:
            base = f"http://{args.host}:{port}"
            pools = collect(base, rng, args.pool)
            kinds = page_kinds(pools, rng)
            print(
                f"store {db}: {pools.pages} story list pages; pools of {len(pools.stories)} "
                f"stories, {len(pools.articles)} articles, {len(pools.entities)} entities"
            )
            for kind in kinds.values():  # warm-up: one request of each kind
                httpx.get(base + kind(), timeout=60)
            rss_start = rss_mb(process.pid)
            cpu_start = cpu_seconds(process.pid)
            own_start = own_cpu_seconds()
            print(
                f"{args.clients} clients for {args.duration:.0f} s on {base} "
                f"({args.workers} server process{'es' if args.workers > 1 else ''}, "
                f"page cache {args.cache_mb:g} MB)"
            )
            out, memory = asyncio.run(
                run_clients(base, kinds, args.clients, args.duration, process.pid)
            )
            rss_end = rss_mb(process.pid)
            cpu = cpu_seconds(process.pid) - cpu_start
            own = own_cpu_seconds() - own_start
    trail = " ".join(f"{m:.0f}" for m in [rss_start, *memory])
    print(f"server RSS (MB), start then every 30 s: {trail}")
    print(report(out, args.duration, rss_start, rss_end, cpu, own))
    return 0


if __name__ == "__main__":
    sys.exit(main())
