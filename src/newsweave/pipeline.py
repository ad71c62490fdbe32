"""Compose the stages: read inputs, clean them, store them, then run every later stage.

Stages are plain functions registered by name and version, so a stored result
can say which code produced it and the same functions can run elsewhere.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newsweave import errors, settings
from newsweave.clean import clean_document
from newsweave.ingest import iter_documents
from newsweave.language import detect_language
from newsweave.model import Article, Document, Rejection
from newsweave.store.base import Ingested, SaveResult, Store

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
)


@dataclass
class RunReport:
    """What one run did, for the CLI to print and tests to check."""

    inputs_read: int = 0
    documents_stored: int = 0
    articles_stored: int = 0
    already_stored: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    def add(self, saved: SaveResult) -> None:
        self.documents_stored += saved.documents
        self.articles_stored += saved.articles
        self.already_stored += saved.already_stored


ProgressCallback = Callable[[str], None]


def run(inputs: Sequence[str], store: Store, on_input: ProgressCallback | None = None) -> RunReport:
    """Ingest every input into the store, one transaction per batch; never abort on a bad input."""
    report = RunReport()
    batch: list[Ingested | Rejection] = []
    for item in iter_documents(inputs):
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
