"""Where the expensive per-batch work runs: in this process, in worker processes on this
machine, or on a Dask cluster.

A stage hands a *mapper* a pure batch function and an iterable of batches and gets
the results back one batch at a time, in input order. The stage alone writes them
to the store (one transaction per batch), so workers never touch the database and
a killed run is finished by the next one. The stage code is the same either way:
the caller picks the engine (GUIDE §1, §4).

Dask is imported late, so a laptop run never pays for it; the local worker pool is the
standard library's, since a laptop needs nothing more to use its cores.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future as PoolFuture
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from newsweave.errors import NewsweaveError

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from distributed import Client, Future

In = TypeVar("In")
F = TypeVar("F")
Out = TypeVar("Out")
Item = TypeVar("Item")
R = TypeVar("R")

#: What a worker process's death is recorded as, for the item that caused it.
WORKER_DIED = (
    "the worker process analysing it died ({detail}); it was analysed alone in a new "
    "worker and died again, so it is skipped: report the article if it is a valid text"
)


@dataclass(frozen=True)
class Guarded(Generic[Item, R]):
    """A batch function over lists that also says what an item yields when it kills the
    worker process analysing it (a parser crash, memory exhaustion): the mappers then run
    the batch again item by item, and only the item at fault gets ``crashed(item, why)``.
    Without it, a dead worker ends the run. Both functions must be importable (picklable)."""

    fn: Callable[[list[Item]], list[R]]
    crashed: Callable[[Item, str], R]

    def __call__(self, batch: list[Item]) -> list[R]:
        return self.fn(batch)


class BatchMapper(Protocol):
    """Maps ``fn`` over batches and yields ``fn(batch)`` for each, in input order."""

    def __call__(self, fn: Callable[[In], Out], batches: Iterable[In], /) -> Iterator[Out]: ...


#: ``--dask local`` (or no address) starts a cluster on this machine.
LOCAL = "local"
#: Batches queued per worker thread: one running, one waiting, so no worker idles
#: while the driver saves, yet memory stays flat however many batches there are.
IN_FLIGHT_PER_THREAD = 2
#: Marks an exhausted iterator (a batch may be any value, None included).
_END: Any = object()
#: Seconds to wait for a remote scheduler before saying it cannot be reached.
CONNECT_TIMEOUT = 10


def in_process(fn: Callable[[In], Out], batches: Iterable[In], /) -> Iterator[Out]:
    """The default engine: run each batch here, one after the other."""
    for batch in batches:
        yield fn(batch)


def local_workers() -> int:
    """One single-threaded worker process per core: spaCy parsing is CPU-bound, holds the
    GIL, and each process loads the model once."""
    return max(1, os.cpu_count() or 1)


@contextmanager
def pool_mapper(workers: int | None = None) -> Iterator[BatchMapper]:
    """A mapper over ``workers`` processes on this machine (default: one per core), for as
    long as the ``with`` block lasts; one worker means in this process.

    Workers are spawned, not forked: each imports newsweave afresh and loads spaCy once,
    and none inherits the driver's open database connections. They start only when a
    call has a second batch, so a run with one batch of work pays for no process start.
    Results come back in input order with a bounded number of batches in flight, as on
    Dask.
    """
    count = workers or local_workers()
    if count <= 1:
        yield in_process
        return
    with ExitStack() as stack:
        pools: list[ProcessPoolExecutor] = []

        def pool() -> ProcessPoolExecutor:
            if not pools:
                context = multiprocessing.get_context("spawn")
                executor = ProcessPoolExecutor(max_workers=count, mp_context=context)
                pools.append(stack.enter_context(executor))
            return pools[0]

        def restart() -> None:
            """A worker died: the pool is broken for every task; start a fresh one."""
            if pools:
                pools.pop().shutdown(wait=False, cancel_futures=True)

        def result(fn: Callable[[In], Out], batch: In) -> Out:
            try:
                return pool().submit(fn, batch).result()
            except BrokenProcessPool:
                restart()
                raise

        def run(fn: Callable[[In], Out], batches: Iterable[In], /) -> Iterator[Out]:
            items = iter(batches)
            first = next(items, _END)
            if first is _END:
                return
            second = next(items, _END)
            if second is _END:
                yield fn(first)
                return
            yield from _crash_safe(
                fn,
                lambda batch: pool().submit(fn, batch),
                PoolFuture.result,
                restart,
                lambda batch: result(fn, batch),
                chain((first, second), items),
                max(2, IN_FLIGHT_PER_THREAD * count),
                (BrokenProcessPool,),
            )

        yield run


@contextmanager
def dask_mapper(
    address: str | None = None,
    n_workers: int | None = None,
    connect_timeout: float = CONNECT_TIMEOUT,
) -> Iterator[BatchMapper]:
    """A mapper that runs batches as Dask tasks, for as long as the ``with`` block lasts.

    ``address`` None or ``"local"`` starts a ``LocalCluster`` of worker processes on
    127.0.0.1 (``n_workers``, one thread each) and stops it afterwards; otherwise it
    connects to the scheduler at ``address`` (for example ``tcp://host:8786``), whose
    workers must have newsweave installed at the same version.
    """
    # distributed ships partial type hints; its untyped calls are marked where they are made.
    from distributed import Client, LocalCluster

    if address in (None, LOCAL):
        workers = n_workers or local_workers()
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            # No dashboard; the scheduler's small HTTP server (health, metrics) takes any
            # free port instead of 8787, which another cluster may hold.
            scheduler_kwargs={"dashboard": False, "dashboard_address": ":0"},
        )
        try:
            with Client(cluster) as client:  # type: ignore[no-untyped-call]
                yield _mapper(client)
        finally:
            cluster.close()
        return
    try:
        client = Client(address, timeout=connect_timeout)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise NewsweaveError(
            f"cannot reach the Dask scheduler at {address} ({type(exc).__name__}: {exc}); "
            "start one with `dask scheduler` and workers with `dask worker ADDRESS`, "
            "or use --dask local"
        ) from exc
    with client:
        yield _mapper(client)


def _mapper(client: Client) -> BatchMapper:
    def run(fn: Callable[[In], Out], batches: Iterable[In], /) -> Iterator[Out]:
        yield from map_in_order(client, fn, batches)

    return run


def map_in_order(client: Client, fn: Callable[[In], Out], batches: Iterable[In]) -> Iterator[Out]:
    """Submit batches with a bounded number in flight and yield results in input order.

    In order rather than as completed: the store then receives exactly the sequence an
    in-process run writes (so the two runs are identical, row ids included), and a
    killed run has saved a prefix. A slow batch holds back at most the window behind it.
    """
    threads = sum(client.nthreads().values())  # type: ignore[no-untyped-call]

    def submit(batch: In) -> Future[Out]:
        # pure=False: two equal batches are still two tasks; results never cached by key.
        return client.submit(fn, batch, pure=False)

    def alone(batch: In) -> Out:
        return _take(submit(batch))

    from distributed import KilledWorker

    yield from _crash_safe(
        fn,
        submit,
        _take,
        lambda: None,  # the cluster replaces a dead worker itself
        alone,
        batches,
        max(2, IN_FLIGHT_PER_THREAD * threads),
        (KilledWorker,),
    )


def _crash_safe(
    fn: Callable[[In], Out],
    submit: Callable[[In], F],
    take: Callable[[F], Out],
    restart: Callable[[], None],
    alone: Callable[[In], Out],
    batches: Iterable[In],
    window: int,
    died: tuple[type[BaseException], ...],
) -> Iterator[Out]:
    """``take`` of each submitted batch, in input order, with at most ``window`` in flight
    (the one ordering the local pool and Dask share), surviving dead workers.

    When a batch's worker died, the batches in flight are set aside and that batch is run
    again alone (a batch that merely shared the broken pool then succeeds); if it kills
    its worker again it is split item by item (``fn`` must be :class:`Guarded`), and each
    item that still kills its worker gets ``fn.crashed``. The batches set aside are then
    submitted again, in order."""
    pending: deque[tuple[In, F | None]] = deque()

    def send(batch: In) -> F | None:
        """The batch submitted, or None when the pool broke before it could be (it is
        then run when its turn comes, as a batch whose worker died)."""
        try:
            return submit(batch)
        except died:
            return None

    def head() -> Out:
        batch, future = pending.popleft()
        if future is not None:
            try:
                return take(future)
            except died:
                pass
        log.warning("a worker process died; running its batch again alone")
        waiting = [b for b, _ in pending]
        pending.clear()
        restart()
        out = _isolated(fn, alone, batch, died)
        pending.extend((b, send(b)) for b in waiting)
        return out

    for batch in batches:
        pending.append((batch, send(batch)))
        if len(pending) >= window:
            yield head()
    while pending:
        yield head()


def _isolated(
    fn: Callable[[In], Out],
    alone: Callable[[In], Out],
    batch: In,
    died: tuple[type[BaseException], ...],
) -> Out:
    """``fn(batch)`` run alone on a worker; item by item when it kills the worker again."""
    try:
        return alone(batch)
    except died as exc:
        if not isinstance(fn, Guarded) or not isinstance(batch, list):
            raise NewsweaveError(
                f"a worker process died twice on the same batch ({exc or type(exc).__name__}); "
                "run again with --workers 1 to find the input at fault"
            ) from exc
    out: list[Any] = []
    for item in batch:
        try:
            out.extend(alone([item]))  # type: ignore[arg-type]
        except died as exc:
            detail = str(exc) or type(exc).__name__
            log.error("an item killed its worker process twice: %s", detail)
            out.append(fn.crashed(item, WORKER_DIED.format(detail=detail)))
    return out  # type: ignore[return-value]


def _take(future: Future[Out]) -> Out:
    """The task's result, then the cluster forgets it so worker memory stays flat."""
    result: Out = future.result()
    future.release()  # type: ignore[no-untyped-call]
    return result
