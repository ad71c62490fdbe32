"""Outlet names people recognise: the page's own name, a known host's name, a copyright
line, the host; never a file name."""

from __future__ import annotations

import pytest

from newsweave.clean import clean_document, outlets
from newsweave.model import Article, Document, sha256_hex


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("© 2025 The Moscow Times. All rights reserved.", "The Moscow Times"),
        ("Copyright © 2019 Example Media Group, Inc. All rights reserved", "Example Media Group"),
        ("(c) 2001-2024 Rheinblatt Verlag | Impressum", "Rheinblatt Verlag"),
        ("© Городские вести, 2024", "Городские вести"),
        ("© AFP", None),  # a wire agency's photo credit, not the page's outlet
        ("© 2024 Getty Images", None),
        ("Copyright 2020. All rights reserved.", None),
        ("The mayor said the copyright dispute was settled.", None),
    ],
)
def test_copyright_owner(line: str, owner: str | None) -> None:
    assert outlets.copyright_owner(line) == owner


def test_known_hosts_get_their_names_and_others_their_host() -> None:
    url = "https://www.themoscowtimes.com/2025/12/20/russian-envoy-a91497"
    assert outlets.known_outlet(url) == "The Moscow Times"
    assert outlets.known_outlet("https://edition.cnn.com/2025/01/01/world/x") == "CNN"
    assert outlets.known_outlet("https://www.dailyledger.co.uk/world/x") is None
    assert outlets.host("https://www.dailyledger.co.uk/world/x") == "dailyledger.co.uk"
    assert outlets.site_name("nytimes.com") == "The New York Times"  # a domain as site name
    assert outlets.site_name("example.org") is None
    assert outlets.site_name("  The Daily  Ledger ") == "The Daily Ledger"


def test_choose_follows_the_order_of_trust() -> None:
    url = "https://www.theguardian.com/world/x"
    assert outlets.choose(given="Desk", named="Own", url=url, footer="Footer") == "Desk"
    assert outlets.choose(named="Own", url=url, footer="Footer") == "Own"
    assert outlets.choose(url=url, footer="Footer") == "The Guardian"
    assert outlets.choose(url="https://news.example.org/a", footer="Footer") == "Footer"
    assert outlets.choose(url="https://news.example.org/a") == "example.org"
    assert outlets.choose() is None


BODY = "".join(
    f"<p>The council met on day {i} to discuss the flood defences of the old harbour district, "
    "and officials said the work would begin next spring.</p>"
    for i in range(4)
)


def _html(head: str = "", footer: str = "") -> str:
    return (
        f"<html><head><title>Harbour flood defences approved</title>{head}</head><body>"
        f"<article><h1>Harbour flood defences approved</h1>{BODY}</article>"
        f"<footer><p>{footer}</p></footer></body></html>"
    )


def _clean(raw: str, fmt: str, source: str, hints: dict[str, str] | None = None) -> Article:
    doc = Document(source, raw, fmt, "utf-8", sha256_hex(raw), hints or {})  # type: ignore[arg-type]
    articles = clean_document(doc)
    assert len(articles) == 1
    return articles[0]


@pytest.mark.parametrize(
    ("head", "footer", "hints", "outlet"),
    [
        ('<meta property="og:site_name" content="Harbour Gazette">', "", {}, "Harbour Gazette"),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", '
            '"@type": "NewsArticle", "publisher": '
            '{"@type": "Organization", "name": "Coastal Courier"}}</script>',
            "",
            {},
            "Coastal Courier",
        ),
        ("", "&copy; 2024 Harbour Gazette. All rights reserved.", {}, "Harbour Gazette"),
        ("", "Copyright &copy;&nbsp;2019 Dow Jones &amp; Company, Inc.", {}, "Dow Jones & Company"),
        ("", "", {"url": "https://www.irishtimes.com/news/harbour"}, "The Irish Times"),
        ("", "", {"url": "https://www.harbourgazette.ie/news/harbour"}, "harbourgazette.ie"),
        ('<meta property="og:site_name" content="X">', "", {"outlet": "My Desk"}, "My Desk"),
        ("", "", {}, None),
    ],
)
def test_html_outlet(head: str, footer: str, hints: dict[str, str], outlet: str | None) -> None:
    article = _clean(_html(head, footer), "html", "/scrapes/page_0042.html", hints)
    assert article.outlet == outlet


LEDE = (
    "The council met on Monday to discuss the flood defences of the old harbour district, "
    "and officials said the work would begin next spring after a long public consultation."
)


def _scrape(footer: str, url: str = "") -> str:
    body = "\n\n".join([LEDE] * 3)
    trailer = f"\n\nOriginal url:\n\n{url}\n" if url else "\n"
    return f"Home | News | Sport\n\nHarbour flood defences approved\n\n{body}\n\n{footer}{trailer}"


def test_text_scrape_outlet_from_its_copyright_line_or_url() -> None:
    footer = "© 2024 Harbour Gazette. All rights reserved."
    assert _clean(_scrape(footer), "text", "a.txt").outlet == "Harbour Gazette"
    known = _scrape("", "https://www.irishtimes.com/news/harbour-1")
    assert _clean(known, "text", "b.txt").outlet == "The Irish Times"
    assert _clean(_scrape(""), "text", "c.txt").outlet is None
