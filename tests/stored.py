"""A plain-text article ready to save through the store, for tests that need a commit and
not an analysis (the data stamp, the page cache)."""

from __future__ import annotations

from newsweave.model import Article, Document, OffsetMap, sha256_hex
from newsweave.store import Ingested


def ingested(text: str, headline: str = "Harbour news") -> Ingested:
    """``text`` as one stored document holding one article of that text."""
    doc = Document(f"{sha256_hex(text)[:8]}.txt", text, "text", "utf-8", sha256_hex(text))
    article = Article(
        source=doc.source,
        document_hash=doc.content_hash,
        part=0,
        text=text,
        offsets=OffsetMap(),
        headline=headline,
        published="2025-12-03",
    )
    return Ingested(doc, [article])
