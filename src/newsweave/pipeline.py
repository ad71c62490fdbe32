"""Compose the stages: read inputs, clean them, store them, then run every later stage.

Stages are plain functions registered by name and version, so a stored result
can say which code produced it and the same functions can run elsewhere.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsweave import errors, settings
from newsweave.clean import clean_document
from newsweave.ingest import iter_documents
from newsweave.language import detect_language
from newsweave.model import Article, Document, Rejection
from newsweave.store.base import Ingested, SaveResult, Store
from newsweave.store.sql import SqlStore

if TYPE_CHECKING:
    from newsweave.distributed import BatchMapper

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Stage:
    name: str
    version: str
    description: str


#: Every stage that exists, in pipeline order; later issues append to this list.
STAGES: tuple[Stage, ...] = (
    Stage("ingest", "1", "read files, folders, globs, stdin; detect encoding and format"),
    Stage("clean", "1", "strip chrome, split glued articles, find headline/date/outlet/agency"),
    Stage("language", "1", "identify each article's language offline (py3langid)"),
    Stage("dedupe", "1", "link syndicated copies (MinHash LSH) and record shared passages"),
    Stage("extract", "1", "one spaCy parse per article: mentions, quotes, dates, event mentions"),
    Stage("cluster", "1", "group articles into stories as they stream in (learned similarity)"),
    Stage("entities", "1", "resolve mentions into people, organisations and places store-wide"),
    Stage("events", "1", "merge event mentions of one story into events with entity ids"),
    Stage("compare", "1", "claims aligned across outlets: support, silence, disagreement, framing"),
    Stage("brief", "1", "per story: a dated timeline and a cited extractive summary"),
)


@dataclass
class RunReport:
    """What one run did, for the CLI to print and tests to check."""

    inputs_read: int = 0
    documents_stored: int = 0
    articles_stored: int = 0
    already_stored: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    #: Stage name → how many articles (or stories, entities, events) it produced or handled.
    stages: dict[str, int] = field(default_factory=dict)

    def add(self, saved: SaveResult) -> None:
        self.documents_stored += saved.documents
        self.articles_stored += saved.articles
        self.already_stored += saved.already_stored


ProgressCallback = Callable[[str], None]
StageProgress = Callable[[str, int, int], None]


def run(
    inputs: Sequence[str],
    store: SqlStore,
    on_input: ProgressCallback | None = None,
    on_stage: StageProgress | None = None,
    until: str | None = None,
    mapper: BatchMapper | None = None,
) -> RunReport:
    """Ingest every input, then bring every later stage (up to ``until``) up to date.

    ``mapper`` runs the expensive per-article batches (extract) elsewhere, for example
    on Dask (``distributed.dask_mapper``); by default they run in this process.
    """
    report = ingest(inputs, store, on_input)
    report.stages = run_stages(store, on_stage, until, mapper)
    return report


#: Stages that run over the store after ingestion, in order.
STORE_STAGES = ("dedupe", "extract", "cluster", "entities", "events", "compare", "brief")


def run_stages(
    store: SqlStore,
    progress: StageProgress | None = None,
    until: str | None = None,
    mapper: BatchMapper | None = None,
) -> dict[str, int]:
    """Run the store stages on what they have not seen yet, stopping after ``until``.

    Each stage is incremental and commits its own results, so a run killed here
    is finished by the next one. Imports are late: spaCy loads only when needed.
    """
    from newsweave.stages.compare_brief import brief_stage, compare_stage
    from newsweave.stages.facts import entity_stage, event_stage, extract_stage
    from newsweave.stages.stories import cluster_stage, dedupe_stage

    last = STORE_STAGES.index(until) if until in STORE_STAGES else len(STORE_STAGES) - 1
    wanted = set(STORE_STAGES[: last + 1]) if until not in ("ingest", "clean") else set()
    done: dict[str, int] = {}
    if "dedupe" in wanted:
        done["dedupe"] = len(dedupe_stage(store, progress))
    if "extract" not in wanted:
        return done
    extracted = extract_stage(store, progress, mapper)
    done["extract"] = len(extracted)
    if "cluster" in wanted:
        done["cluster"] = len(cluster_stage(store, progress))
    if "entities" not in wanted:
        return done
    entities = entity_stage(store, extracted)
    done["entities"] = len(entities)
    if "events" in wanted:
        changed = done["dedupe"] or done["extract"]
        done["events"] = len(event_stage(store, entities) if changed else store.events())
    # Both are cheap when nothing changed: they skip stories whose members are unchanged.
    if "compare" in wanted:
        done["compare"] = compare_stage(store, progress)
    if "brief" in wanted:
        done["brief"] = brief_stage(store, progress)
    return done


def ingest(
    inputs: Sequence[str], store: Store, on_input: ProgressCallback | None = None
) -> RunReport:
    """Ingest every input into the store, one transaction per batch; never abort on a bad input."""
    return ingest_documents(iter_documents(inputs), store, on_input)


def ingest_documents(
    items: Iterable[Document | Rejection], store: Store, on_input: ProgressCallback | None = None
) -> RunReport:
    """Clean and store documents already read (or record why they could not be), one
    transaction per batch: the path every input takes, files and uploads alike."""
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
    """Clean one document and label its articles' language; a cleaner bug rejects one input."""
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
