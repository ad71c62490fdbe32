"""The plain-text cleaner on small scrapes of other outlets and languages."""

from __future__ import annotations

from pathlib import Path

from newsweave.clean.text import clean_plain_text
from newsweave.model import Article, Document, sha256_hex

DATA = Path(__file__).resolve().parents[1] / "data" / "text"


def _clean(name: str, hints: dict[str, str] | None = None) -> tuple[str, list[Article]]:
    raw = (DATA / name).read_text(encoding="utf-8")
    doc = Document(name, raw, "text", "utf-8", sha256_hex(raw), hints or {})
    return raw, clean_plain_text(doc)


def _assert_maps_back(raw: str, article: Article) -> None:
    for seg in article.offsets.segments:
        text = article.text[seg.clean_start : seg.clean_start + seg.length]
        assert raw[seg.raw_start : seg.raw_start + seg.length] == text


def test_russian_scrape_chrome_removed() -> None:
    raw, arts = _clean("ru_chrome.txt")
    assert len(arts) == 1
    art = arts[0]
    assert art.headline == "Парламент одобрил новый бюджет на следующий год"
    assert (art.published, art.published_from) == ("2024-03-12", "byline")
    assert art.text.startswith("Депутаты парламента во вторник")
    assert art.text.endswith("в ближайшие годы.")
    for chrome in ("Поделиться", "Читайте также", "Комментарии", "Подписывайтесь", "просмотров"):
        assert chrome not in art.text
    assert art.text.count("\n\n") == 3
    _assert_maps_back(raw, art)


def test_french_scrape_caption_and_dateline() -> None:
    raw, arts = _clean("fr_caption.txt")
    art = arts[0]
    assert art.headline == "La France et l'Allemagne s'accordent sur un plan pour l'industrie"
    assert (art.published, art.published_from) == ("2024-03-03", "byline")
    assert art.dateline == "BERLIN"
    assert art.agency is None  # "(AFP)" credits the photo, not the story
    assert [c.credit for c in art.captions] == ["AFP"]
    caption = art.captions[0]
    assert caption.raw_start is not None and caption.raw_end is not None
    assert raw[caption.raw_start : caption.raw_end] == caption.text
    assert caption.text not in art.text
    for chrome in ("Accueil", "Partager", "Publicité", "Lire aussi", "Abonnez"):
        assert chrome not in art.text
    assert art.text.endswith("le calendrier des mesures.")
    _assert_maps_back(raw, art)


def test_two_articles_split_with_own_metadata() -> None:
    raw, arts = _clean("two_articles.txt")
    assert [a.headline for a in arts] == [
        "Storm floods coastal towns as rivers burst their banks",
        "Central bank holds interest rates steady for third month",
    ]
    assert [a.part for a in arts] == [0, 1]
    assert [a.dateline for a in arts] == ["LISBON", "FRANKFURT"]
    assert arts[0].published == "2024-03-04"
    assert arts[1].published is None  # "2 hours ago" has no reference date
    assert "central bank" not in arts[0].text.lower()
    assert "Heavy rain" not in arts[1].text
    assert arts[1].text.startswith("FRANKFURT: The central bank")
    assert len({a.id for a in arts}) == 2
    for art in arts:
        assert art.source == "two_articles.txt"
        assert "Share" not in art.text
        _assert_maps_back(raw, art)


def test_markdown_and_html_remnants_become_clean_text() -> None:
    raw, arts = _clean("markdown_remnants.txt")
    art = arts[0]
    assert art.headline == "Mayor opens new bridge & cycle path"
    assert "<u>" not in art.text and "&amp;" not in art.text and "](" not in art.text
    assert "for thousands of commuters & cyclists." in art.text
    assert "on the city website and at the town hall." in art.text
    # The broken paragraph is joined with one space.
    assert "which was built in the 1960s and has been closed to heavy traffic" in art.text
    assert art.url == "https://news.example.co.uk/local/2024/06/05/mayor-opens-new-bridge-a1234"
    assert art.outlet == "example.co.uk"
    assert (art.published, art.published_from) == ("2024-06-05", "byline")
    assert "Anna Keller" not in art.text and "Original url" not in art.text
    _assert_maps_back(raw, art)
    # The decoded "&" is inserted text: it maps to the raw position just after "&amp;".
    amp = art.offsets.to_raw(art.text.index("&"))
    assert amp is not None and raw[amp - 5 : amp] == "&amp;"


def test_wire_story_agency_and_trailers() -> None:
    raw, arts = _clean("wire_reuters.txt")
    art = arts[0]
    assert art.agency == "Reuters"
    assert art.dateline == "SINGAPORE"
    assert art.text.startswith("SINGAPORE (Reuters) - Oil prices rose")
    assert art.text.endswith("on the path of interest rates.")
    assert "Min Read" not in art.text and "Editing by" not in art.text
    _assert_maps_back(raw, art)


def test_truncated_scrape_flagged() -> None:
    _raw, arts = _clean("truncated.txt")
    art = arts[0]
    assert art.extra.get("truncated") is True
    assert art.text.endswith("called for the forest to be protec")


def test_hints_win_over_inferred_metadata() -> None:
    hints = {"url": "https://example.com/2023/01/02/x", "title": "Given title",
             "published": "2023-01-02", "outlet": "Example"}  # fmt: skip
    _raw, arts = _clean("ru_chrome.txt", hints)
    art = arts[0]
    assert art.headline == "Given title"
    assert (art.published, art.published_from) == ("2023-01-02", "input")
    assert art.outlet == "Example"
    assert art.url == "https://example.com/2023/01/02/x"


def test_empty_and_chrome_only_inputs_yield_nothing() -> None:
    for raw in ("", "\n\n", "Share\nFollow us\nComments\n"):
        doc = Document("x", raw, "text", "utf-8", sha256_hex(raw))
        assert clean_plain_text(doc) == []
