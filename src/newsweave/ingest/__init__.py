"""Ingestion: paths in, Documents (or Rejections with reasons) out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from newsweave.ingest.discover import Source, expand_inputs
from newsweave.ingest.readers import read_source, record_document
from newsweave.model import Document, Rejection

__all__ = [
    "Source",
    "expand_inputs",
    "iter_documents",
    "read_source",
    "record_document",
    "with_outlet",
]


def iter_documents(inputs: Sequence[str]) -> Iterator[Document | Rejection]:
    """Every Document and Rejection the inputs hold, in input order."""
    for found in expand_inputs(inputs):
        if isinstance(found, Rejection):
            yield found
        else:
            yield from read_source(found)


def with_outlet(
    items: Iterable[Document | Rejection], outlet: str | None
) -> Iterator[Document | Rejection]:
    """Documents named as ``outlet``'s by the user, unless a record names its own outlet.

    Why: a folder of scrapes from one site rarely says which site; the user knows.
    """
    name = (outlet or "").strip()
    for item in items:
        if name and isinstance(item, Document) and not item.hints.get("outlet"):
            yield replace(item, hints={**item.hints, "outlet": name})
        else:
            yield item
