from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from newsweave.clean import clean_document
from newsweave.clean.html import clean_html
from newsweave.clean.html_offsets import TextView, build_text, locate_span
from newsweave.model import Article, Document, sha256_hex

HTML_DIR = Path(__file__).resolve().parents[1] / "data" / "html"
GERMAN_URL = "https://www.rheinblatt.de/koeln/2024/01/09/hochwasser-pegel.html"


def _doc(name: str, hints: dict[str, str] | None = None) -> Document:
    raw = (HTML_DIR / name).read_text(encoding="utf-8")
    return Document(name, raw, "html", "utf-8", sha256_hex(raw), hints or {})


def _one(doc: Document) -> Article:
    articles = clean_html(doc)
    assert len(articles) == 1
    return articles[0]


@pytest.fixture(scope="module")
def news() -> Article:
    return _one(_doc("news_page.html"))


def _visible(raw: str) -> str:
    """Tags dropped, entities decoded, whitespace collapsed: how a reader sees raw HTML."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", raw)).split())


def test_metadata_comes_from_the_page(news: Article) -> None:
    assert news.headline == "Grain deal talks resume in Istanbul"
    assert news.published == "2023-07-14"
    assert news.published_from == "html-meta"
    assert news.outlet == "The Daily Ledger"
    assert news.url == "https://www.dailyledger.co.uk/world/grain-deal-talks-resume"
    assert news.agency == "Reuters"
    assert news.dateline == "ISTANBUL"
    assert news.language is None


def test_body_keeps_reporting_and_drops_chrome(news: Article) -> None:
    paragraphs = news.text.split("\n\n")
    assert paragraphs[0].startswith("ISTANBUL (Reuters) - Negotiators")
    assert paragraphs[-1].startswith("Analysts said a collapse")
    assert len(paragraphs) == 5
    for chrome in ("Share on", "Most read", "Privacy", "newsletter", "comments", "Read more",
                   "All rights reserved", "Home", "Heatwave"):  # fmt: skip
        assert chrome not in news.text
    assert news.headline is not None and not news.text.startswith(news.headline)


def test_entities_are_decoded_in_text(news: Article) -> None:
    assert "insurance & inspection rules" in news.text
    assert "“We are cautiously optimistic,”" in news.text
    assert '"nothing is agreed until everything is agreed"' in news.text
    assert "Turkey’s defence ministry" in news.text


def test_captions_are_kept_out_of_the_body(news: Article) -> None:
    assert len(news.captions) == 1
    caption = news.captions[0]
    assert caption.text == "A cargo ship loaded with grain leaves the port of Odesa."
    assert caption.credit == "Photo: Jane Smith/Getty Images"
    assert "cargo ship" not in news.text and "Getty" not in news.text
    raw = _doc("news_page.html").raw
    assert caption.raw_start is not None and caption.raw_end is not None
    assert raw[caption.raw_start : caption.raw_end] == caption.text


def test_every_mapped_span_points_at_its_raw_characters(news: Article) -> None:
    raw = _doc("news_page.html").raw
    assert news.offsets.segments
    for seg in news.offsets.segments:
        piece = news.text[seg.clean_start : seg.clean_start + seg.length]
        assert raw[seg.raw_start : seg.raw_start + seg.length] == piece
    # Each paragraph's raw span, read as a browser would, is that paragraph.
    start = 0
    for para in news.text.split("\n\n"):
        span = news.offsets.raw_span(start, start + len(para))
        assert span is not None
        assert _visible(raw[span[0] : span[1]]) == para
        start += len(para) + 2


def test_only_entities_and_separators_are_unmapped(news: Article) -> None:
    mapped = sum(seg.length for seg in news.offsets.segments)
    separators = news.text.count("\n\n") * 2
    entities = len(re.findall(r"&\w+;", _doc("news_page.html").raw.split("story-body")[1]))
    assert len(news.text) - mapped - separators <= entities


def test_explicit_hints_win() -> None:
    hints = {"url": "https://example.org/x", "title": "Given title", "published": "2023-07-01",
             "outlet": "Given Outlet"}  # fmt: skip
    article = _one(_doc("news_page.html", hints))
    assert article.headline == "Given title"
    assert (article.published, article.published_from) == ("2023-07-01", "input")
    assert article.outlet == "Given Outlet"
    assert article.url == "https://example.org/x"


def test_page_without_article_yields_nothing() -> None:
    assert clean_html(_doc("no_article.html")) == []


def test_non_english_page_with_date_only_in_url() -> None:
    article = _one(_doc("german_page.html", {"url": GERMAN_URL}))
    assert article.text.startswith("KÖLN. Der Pegel des Rheins")
    assert "Lesen Sie auch" not in article.text
    assert "Startseite" not in article.text and "Impressum" not in article.text
    assert article.headline == "Hochwasser: Pegel am Rhein steigt weiter"
    assert (article.published, article.published_from) == ("2024-01-09", "url")
    assert article.outlet == "rheinblatt.de"
    assert article.language is None
    for seg in article.offsets.segments:
        piece = article.text[seg.clean_start : seg.clean_start + seg.length]
        assert _doc("german_page.html").raw[seg.raw_start : seg.raw_start + seg.length] == piece


def test_dispatch_sends_html_here() -> None:
    doc = _doc("german_page.html", {"url": GERMAN_URL})
    assert clean_document(doc) == clean_html(doc)


def test_broken_input_is_rejected_quietly() -> None:
    doc = Document("empty.html", "", "html", "utf-8", sha256_hex(""), {})
    assert clean_html(doc) == []


# html_offsets on its own


def test_text_view_skips_markup_and_decodes_entities() -> None:
    raw = "<p>A&amp;B <script>var x = 1;</script><b>bold</b>\n  text&nbsp;here</p><!-- c -->"
    assert TextView(raw).text == "A&B bold text here"


def test_build_text_copies_literal_runs_and_inserts_the_rest() -> None:
    raw = "<ul><li>first item here</li></ul><p>Caf&eacute; opens at dawn today</p>"
    text, offsets = build_text(raw, ["- first item here", "Café opens at dawn today"], ["- ", ""])
    assert text == "- first item here\n\nCafé opens at dawn today"
    for seg in offsets.segments:
        assert (
            raw[seg.raw_start : seg.raw_start + seg.length]
            == text[seg.clean_start : seg.clean_start + seg.length]
        )
    assert offsets.to_raw(text.index("first")) == raw.index("first")
    assert offsets.to_raw(text.index("opens")) == raw.index("opens")
    # a decoded entity is inserted text: it maps to where the next literal run starts
    assert offsets.to_raw(text.index("é")) == raw.index("&eacute;") + len("&eacute;")


def test_text_not_in_the_page_is_inserted_not_mapped() -> None:
    raw = "<p>Completely different words</p>"
    text, offsets = build_text(raw, ["Nothing of this appears"])
    assert text == "Nothing of this appears"
    assert offsets.segments == ()


def test_locate_span_finds_raw_span_of_visible_text() -> None:
    raw = "<div><p>Hello <i>big</i> world</p></div>"
    span = locate_span(TextView(raw), "Hello big world")
    assert span is not None
    assert _visible(raw[span[0] : span[1]]) == "Hello big world"


def test_a_date_line_atop_the_body_dates_a_page_without_date_markup() -> None:
    para = " ".join(f"The council debated the river crossing plan for hour {i}." for i in range(8))
    raw = (
        "<html><head><title>Bridge plan approved</title></head><body><article>"
        f"<h1>Bridge plan approved</h1><p>March 12, 2024</p><p>{para}</p><p>{para}</p>"
        "</article></body></html>"
    )
    doc = Document("b.html", raw, "html", "utf-8", sha256_hex(raw), {"url": "https://x.org/a"})
    article = _one(doc)
    assert (article.published, article.published_from) == ("2024-03-12", "inferred")
    assert article.headline == "Bridge plan approved"


def test_teaser_lines_that_are_links_on_the_page_are_dropped() -> None:
    para = " ".join(f"The council debated the river crossing plan for hour {i}." for i in range(8))
    teasers = "".join(
        f'<li><a href="http://other{i}.example/s">Other story number {i} about the city budget '
        "and its many cuts next year</a></li>"
        for i in range(4)
    )
    raw = (
        "<html><head><title>Bridge plan approved</title></head><body><article>"
        f"<h1>Bridge plan approved</h1><p>{para}</p><p>See <a href='/map'>the map</a> of it.</p>"
        f"<p>{para} More.</p><h3>Elsewhere</h3><ul>{teasers}</ul><p>{para} End.</p>"
        "</article></body></html>"
    )
    doc = Document("b.html", raw, "html", "utf-8", sha256_hex(raw), {"url": "https://x.org/a"})
    text = _one(doc).text
    assert "See the map of it." in text  # a link inside a sentence keeps it
    assert "Other story number" not in text
    assert text.endswith("hour 7. End.")
