"""Cleaning: a decoded Document becomes one or more Articles with provenance."""

from __future__ import annotations

from newsweave.model import Article, Document


def clean_document(doc: Document) -> list[Article]:
    """Dispatch on the document's format; an HTML page and a text scrape need different tools."""
    if doc.format == "html":
        from newsweave.clean.html import clean_html

        return clean_html(doc)
    from newsweave.clean.text import clean_plain_text

    return clean_plain_text(doc)
