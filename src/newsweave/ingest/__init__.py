"""Ingestion: paths in, Documents (or Rejections with reasons) out."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from newsweave.ingest.discover import Source, expand_inputs
from newsweave.ingest.readers import read_source, record_document
from newsweave.model import Document, Rejection

__all__ = ["Source", "expand_inputs", "iter_documents", "read_source", "record_document"]


def iter_documents(inputs: Sequence[str]) -> Iterator[Document | Rejection]:
    """Every Document and Rejection the inputs hold, in input order."""
    for found in expand_inputs(inputs):
        if isinstance(found, Rejection):
            yield found
        else:
            yield from read_source(found)
