"""Compose the stages: read inputs, clean them, store them, then run every store stage.

The stages and their versions are the registry in ``newsweave.stages``; this module
reads the inputs and loops over it.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsweave import collector, errors, memory, settings
from newsweave.clean import clean_document
from newsweave.ingest import iter_documents, with_outlet
from newsweave.language import detect_language
from newsweave.model import Article, Document, Rejection
from newsweave.store.base import Ingested, SaveResult, Store
from newsweave.store.sql import SqlStore

if TYPE_CHECKING:
    from newsweave.distributed import BatchMapper

log = logging.getLogger(__name__)


@dataclass
class RunReport:
    """What one run did, for the CLI to print and tests to check."""

    inputs_read: int = 0
    documents_stored: int = 0
    articles_stored: int = 0
    already_stored: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    #: Articles (and stories) a store stage failed on in this run (``stage_failures`` rows):
    #: stamped with the reason, so the run went on and the next does not retry them.
    failures: list[dict[str, str | None]] = field(default_factory=list)
    #: Inputs read with a remark (bad bytes replaced when decoding): source, warning.
    warnings: list[dict[str, str]] = field(default_factory=list)
    #: Stage name → how many articles (or stories) it processed.
    stages: dict[str, int] = field(default_factory=dict)
    #: Stage name (and ``ingest``) → seconds it took.
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, saved: SaveResult) -> None:
        self.documents_stored += saved.documents
        self.articles_stored += saved.articles
        self.already_stored += saved.already_stored


ProgressCallback = Callable[[str], None]
StageProgress = Callable[[str, int, int], None]
#: Called when another process is running the store stages and this one waits for it.
WaitCallback = Callable[[], None]


def run(
    inputs: Sequence[str],
    store: SqlStore,
    on_input: ProgressCallback | None = None,
    on_stage: StageProgress | None = None,
    until: str | None = None,
    mapper: BatchMapper | None = None,
    outlet: str | None = None,
    on_wait: WaitCallback | None = None,
) -> RunReport:
    """Ingest every input, then bring every later stage (up to ``until``) up to date.

    ``mapper`` runs the expensive per-article batches (extract) elsewhere, for example
    on Dask (``distributed.dask_mapper``); by default they run in this process.
    ``outlet`` names the outlet of every input that does not name its own.
    Several processes may run this on one store at once: their ingestion interleaves,
    and their stages run one process at a time (``on_wait`` is called when this one
    waits), each on whatever is stored by then.
    """
    started = time.perf_counter()
    failed_before = {_failure_key(f) for f in store.stage_failures()}
    with collector.fewer_collections():  # run_stages sets the same for the stages
        report = ingest(inputs, store, on_input, outlet)
    report.seconds["ingest"] = time.perf_counter() - started
    report.stages = run_stages(store, on_stage, until, mapper, report.seconds, on_wait)
    report.failures = [f for f in store.stage_failures() if _failure_key(f) not in failed_before]
    return report


def _failure_key(failure: dict[str, str | None]) -> tuple[str | None, ...]:
    return failure["stage"], failure["article_id"], failure["story_id"]


def run_stages(
    store: SqlStore,
    progress: StageProgress | None = None,
    until: str | None = None,
    mapper: BatchMapper | None = None,
    seconds: dict[str, float] | None = None,
    on_wait: WaitCallback | None = None,
) -> dict[str, int]:
    """Run the registry's store stages in order, each on what it has not processed at its
    version, stopping after ``until`` (``ingest`` runs none); return how many units each
    processed, and add the seconds each took to ``seconds`` if given. Each stage commits
    its own results, so a run killed anywhere is finished by the next one. The stages
    run under the store's stage lock: another process running them is waited for
    (``on_wait`` is called first), as two clusterers resuming from one saved state would
    overwrite each other's stories."""
    from newsweave.stages import STAGE_NAMES, STORE_STAGES, Context

    if until is not None and until not in STAGE_NAMES:
        raise ValueError(f"no stage {until!r}; the stages are {', '.join(STAGE_NAMES)}")
    ctx = Context(store, progress, mapper, STORE_STAGES)
    done: dict[str, int] = {}
    if until is not None and until not in (s.name for s in STORE_STAGES):
        return done
    with store.stage_lock(on_wait), collector.fewer_collections():
        for stage in STORE_STAGES:
            started = time.perf_counter()
            done[stage.name] = stage.run(ctx, stage)
            if seconds is not None:
                seconds[stage.name] = seconds.get(stage.name, 0.0) + time.perf_counter() - started
            memory.release()
            if stage.name == until:
                break
    return done


def run_stage(
    store: SqlStore,
    name: str,
    progress: StageProgress | None = None,
    mapper: BatchMapper | None = None,
) -> int:
    """Bring one store stage up to date on its own; return how many units it processed.
    Its earlier stages are not run: what they have not done yet, it does not see."""
    from newsweave.stages import STORE_STAGES, Context, store_stage

    stage = store_stage(name)
    with store.stage_lock(), collector.fewer_collections():
        return stage.run(Context(store, progress, mapper, STORE_STAGES), stage)


def ingest(
    inputs: Sequence[str],
    store: Store,
    on_input: ProgressCallback | None = None,
    outlet: str | None = None,
) -> RunReport:
    """Ingest every input into the store, one transaction per batch; never abort on a bad input.

    ``outlet`` names the outlet of every document that does not name its own."""
    return ingest_documents(with_outlet(iter_documents(inputs), outlet), store, on_input)


def ingest_documents(
    items: Iterable[Document | Rejection], store: Store, on_input: ProgressCallback | None = None
) -> RunReport:
    """Clean and store documents already read (or record why they could not be), one
    transaction per batch: the path every input takes, files and uploads alike. Holds the
    store's ingest lock (shared), so no process starts the stages half-way through."""
    with store.ingest_lock():
        return _store_all(items, store, on_input)


def _store_all(
    items: Iterable[Document | Rejection], store: Store, on_input: ProgressCallback | None
) -> RunReport:
    report = RunReport()
    batch: list[Ingested | Rejection] = []
    for item in items:
        report.inputs_read += 1
        if on_input is not None:
            on_input(item.source)
        if isinstance(item, Rejection):
            report.rejected.append(item)
            batch.append(item)
        elif not store.known_hashes([item.content_hash]):
            prepared = prepare(item)
            if isinstance(prepared, Rejection):
                report.rejected.append(prepared)
            elif item.replaced:
                warning = errors.REPLACED_BYTES.format(count=item.replaced)
                report.warnings.append({"source": item.source, "warning": warning})
            batch.append(prepared)
        else:
            report.already_stored += 1
        if len(batch) >= settings.INGEST_BATCH_SIZE:
            report.add(store.save(batch))
            batch = []
    if batch:
        report.add(store.save(batch))
    return report


def prepare(doc: Document) -> Ingested | Rejection:
    """Clean one document and label its articles' language; a cleaner bug rejects one input,
    and so does a text too long to be one article (before any cleaning is paid for)."""
    if len(doc.raw) > settings.MAX_DOCUMENT_CHARS:
        reason = errors.TOO_LONG.format(chars=len(doc.raw), limit=settings.MAX_DOCUMENT_CHARS)
        return Rejection(doc.source, reason, doc.content_hash)
    try:
        cleaned = clean_document(doc)
    except Exception as exc:
        log.exception("cleaner failed on %s", doc.source)
        reason = (
            f"newsweave could not clean this input ({type(exc).__name__}: {exc}); please report it"
        )
        return Rejection(doc.source, reason, doc.content_hash)
    if not cleaned:
        return Rejection(doc.source, errors.NO_ARTICLE.format(fmt=doc.format), doc.content_hash)
    return Ingested(doc, [_with_language(a) for a in cleaned])


def _with_language(article: Article) -> Article:
    if article.language is not None:
        return article
    sample = f"{article.headline or ''}\n{article.text}"
    return dataclasses.replace(article, language=detect_language(sample))
