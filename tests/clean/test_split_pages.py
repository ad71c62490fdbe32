"""Whole flattened web pages glued back to back are split into their articles, each with
offsets into its own page of the raw file."""

from __future__ import annotations

from newsweave.clean.text import clean_plain_text
from newsweave.model import Article, Document, sha256_hex

MENU = ["Home", "News", "World", "Business", "Sport", "Culture", "Opinion", "Weather",
        "Subscribe", "Sign in", "Search"]  # fmt: skip
FOOTER = ["Most read", "Council approves new harbour wall", "Rail strike called off",
          "Follow us", "Facebook", "Twitter", "About us", "Contact", "Privacy Policy",
          "Terms of Use"]  # fmt: skip

HARBOUR = [
    "The city council on Monday approved a plan to rebuild the sea wall that protects the old "
    "harbour district, after two winters of flooding left dozens of shops closed for weeks.",
    "Engineers said the new wall would be two metres higher than the existing one and would be "
    "built in stages so that fishing boats can keep using the harbour during the works.",
    "The project will cost about 40 million euros, most of it paid by the regional government, "
    "with the rest coming from a flood fund set up by the city three years ago.",
    "Shop owners welcomed the decision but said they had waited too long, and several asked the "
    "council to pay for the repairs that the last floods made necessary.",
    "Work is expected to begin in the spring and to last until the end of next year, the mayor "
    "told reporters after the vote.",
]
ORCHESTRA = [
    "The national youth orchestra opened its winter season on Saturday with a programme of "
    "Sibelius and Dvorak that drew a full house to the concert hall for the first time in years.",
    "Its new conductor, who took over the ensemble in September, said the young musicians had "
    "rehearsed every weekend since the summer to prepare the symphonies.",
    "Tickets for the remaining concerts sold out within hours, and organisers said they were "
    "considering an extra performance in the cathedral before Christmas.",
    "Critics praised the brass section in particular, calling the finale of the evening one of "
    "the most exciting performances heard in the city this year.",
    "The orchestra will tour four other cities in February before returning home for a spring "
    "festival dedicated to contemporary composers.",
]


def _page(site: str, headline: str, date: str, body: list[str]) -> str:
    lines = [site, *MENU, "", headline, date, "", *body, "", *FOOTER,
             f"© 2024 {site}. All rights reserved."]  # fmt: skip
    return "\n".join(lines)


def _clean(raw: str) -> list[Article]:
    return clean_plain_text(Document("dump.txt", raw, "text", "utf-8", sha256_hex(raw), {}))


def test_two_glued_pages_become_two_articles_with_their_own_offsets() -> None:
    first = _page("Harbour Gazette", "Council approves harbour sea wall", "12 March 2024", HARBOUR)
    second = _page("Evening Courier", "Youth orchestra opens winter season", "16 March 2024",
                   ORCHESTRA)  # fmt: skip
    raw = f"{first}\n{second}\n"
    articles = _clean(raw)
    assert len(articles) == 2
    bounds = [(0, len(first)), (len(first) + 1, len(raw))]
    for article, body, (lo, hi), headline in zip(
        articles, (HARBOUR, ORCHESTRA), bounds,
        ("Council approves harbour sea wall", "Youth orchestra opens winter season"), strict=True,
    ):  # fmt: skip
        assert article.text.split("\n\n") == body
        assert article.headline == headline
        for seg in article.offsets.segments:
            assert lo <= seg.raw_start and seg.raw_start + seg.length <= hi
        start = article.text.index(body[2])
        span = article.offsets.raw_span(start, start + len(body[2]))
        assert span is not None and raw[span[0] : span[1]] == body[2]
    assert [a.outlet for a in articles] == ["Harbour Gazette", "Evening Courier"]
    assert [a.published for a in articles] == ["2024-03-12", "2024-03-16"]


def test_one_page_with_its_footer_stays_one_article() -> None:
    articles = _clean(_page("Harbour Gazette", "Council approves harbour sea wall",
                            "12 March 2024", HARBOUR + ORCHESTRA[:1]))  # fmt: skip
    assert len(articles) == 1
