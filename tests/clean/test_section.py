"""The article's section: from the page's meta, a scrape's section line, the URL, the feed."""

from __future__ import annotations

import pytest

from newsweave.clean import clean_document, section
from newsweave.ingest.containers import feed_documents
from newsweave.model import Document, sha256_hex

BODY = (
    "The harbour reopened on Tuesday after three days of closure, the port authority said, "
    "as crews cleared debris left by the storm that swept the coast over the weekend. "
    "Ferries to the islands resumed at noon, and the first cargo ship docked in the afternoon."
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("POLITICS", "Politics"),
        ("World news", "World news"),
        ("Wirtschaft", "Wirtschaft"),
        ("Business Dec 21, 2025 2 min read 0 views", "Business"),
        ("Sport 4 min read", "Sport"),
        ("WASHINGTON", None),  # a capitalised word alone is as often a dateline
        ("World leaders meet", None),  # a headline that starts with a section word
        ("Politics is the art of the possible, he said.", None),
        ("", None),
    ],
)
def test_a_scrape_line_names_a_section_only_when_it_is_one(line: str, expected: str) -> None:
    assert section.from_line(line) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/world/europe/2025/12/20/talks-resume", "World"),
        ("https://example.com/en/us-news/2025/12/20/talks", "US News"),
        ("https://example.com/node/2627135/world", "World"),
        ("https://example.com/2025/12/20/russian-envoy-to-join-talks-a91497", None),
        ("https://example.com/news/articles/c4g7e2", None),
        (None, None),
    ],
)
def test_the_url_path_names_a_section(url: str | None, expected: str | None) -> None:
    assert section.from_url(url) == expected


def _page(head: str, url: str) -> Document:
    paragraphs = "".join(f"<p>{s}.</p>" for s in BODY.split(". "))
    raw = (
        f"<!doctype html><html><head><title>Harbour reopens</title>{head}</head><body>"
        f"<article><h1>Harbour reopens</h1>{paragraphs}</article></body></html>"
    )
    return Document("page.html", raw, "html", "utf-8", sha256_hex(raw), {"url": url})


def test_the_page_meta_wins_over_the_url() -> None:
    meta = '<meta property="article:section" content="Coast &amp; Sea">'
    [article] = clean_document(_page(meta, "https://herald.example/world/2026/harbour"))
    assert (article.section, article.extra["section_from"]) == ("Coast & Sea", "html-meta")
    [article] = clean_document(_page("", "https://herald.example/world/2026/harbour"))
    assert (article.section, article.extra["section_from"]) == ("World", "url")


def test_a_scrape_section_line_is_metadata_not_text() -> None:
    raw = f"ECONOMY\nHarbour reopens after storm\n\n{BODY}\n"
    doc = Document("scrape.txt", raw, "text", "utf-8", sha256_hex(raw))
    [article] = clean_document(doc)
    assert (article.section, article.extra["section_from"]) == ("Economy", "line")
    assert "ECONOMY" not in article.text


def test_a_feed_item_category_is_the_section_when_the_page_says_none() -> None:
    paragraphs = "".join(f"&lt;p&gt;{s}.&lt;/p&gt;" for s in BODY.split(". "))
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Herald</title>'
        "<item><title>Harbour reopens</title><link>https://herald.example/2026/harbour</link>"
        f"<category>Coast</category><description>{paragraphs}</description></item>"
        "</channel></rss>"
    )
    [doc] = list(feed_documents("feed.rss", feed))
    assert isinstance(doc, Document) and doc.hints["category"] == "Coast"
    [article] = clean_document(doc)
    assert (article.section, article.extra["section_from"]) == ("Coast", "feed")


def test_reading_a_category_leaves_an_item_identity_as_it_was() -> None:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Herald</title>'
        "<item><title>T</title><link>https://herald.example/a</link>{cat}"
        "<description>&lt;p&gt;The harbour reopened on Tuesday.&lt;/p&gt;</description>"
        "</item></channel></rss>"
    )
    [with_category] = list(feed_documents("f.rss", feed.format(cat="<category>Coast</category>")))
    [without] = list(feed_documents("f.rss", feed.format(cat="")))
    assert isinstance(with_category, Document) and isinstance(without, Document)
    assert with_category.content_hash == without.content_hash
