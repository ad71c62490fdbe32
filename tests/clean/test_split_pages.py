"""Whole flattened web pages glued back to back are split into their articles, each with
offsets into its own page of the raw file."""

from __future__ import annotations

import pytest

from newsweave.clean import split
from newsweave.clean.lines import split_lines
from newsweave.clean.structure import classify_all
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


SECTIONS = ["Politics", "Economy", "Europe", "Asia", "Africa", "Americas", "Science", "Health",
            "Education", "Technology", "Travel", "Food", "Books", "Film", "Music", "Theatre",
            "Football", "Tennis", "Cycling", "Sailing", "Podcasts", "Video", "Photos", "Puzzles",
            "Letters", "Obituaries", "Corrections", "Newsletters", "Events", "Jobs",
            "Classifieds", "Archive", "Contact", "Advertise", "Careers", "Help"]  # fmt: skip


def test_pages_without_a_copyright_line_are_split_at_the_deep_gap_of_menus() -> None:
    # no footer line and no date: only the weight of the menus between the bodies tells
    first = "\n".join(["Harbour Gazette", *MENU, "", "Council approves harbour sea wall", "",
                       *HARBOUR, "", *FOOTER[:3]])  # fmt: skip
    second = "\n".join(["Evening Courier", *MENU, *SECTIONS, *SECTIONS, "",
                        "Youth orchestra opens winter season", "", *ORCHESTRA, ""])  # fmt: skip
    articles = _clean(f"{first}\n{second}\n")
    assert [a.text.split("\n\n") for a in articles] == [HARBOUR, ORCHESTRA]
    assert articles[1].headline == "Youth orchestra opens winter season"


def test_a_page_whose_body_opens_with_its_own_date_starts_after_a_lighter_gap() -> None:
    first = "\n".join(["Harbour Gazette", "", "Council approves harbour sea wall", "",
                       *HARBOUR, "", *FOOTER])  # fmt: skip
    found = {}
    for date in ("16 March 2024", ""):
        second = "\n".join(["Evening Courier", *MENU, "", "Youth orchestra opens winter season",
                            date, "", *ORCHESTRA])  # fmt: skip
        found[date] = [a.text.split("\n\n") for a in _clean(f"{first}\n\n{second}\n")]
    assert found["16 March 2024"] == [HARBOUR, ORCHESTRA]
    assert len(found[""]) == 1  # the same menus before a body without a date: one page


COMMENTS = [
    ("Anna Berg", "13 March 2024", "The wall is long overdue and I am glad the council finally "
     "found the money for it after so many years of promises to the people of the old town."),
    ("Tomas Lind", "13 March 2024", "Two metres will not be enough if the winters keep getting "
     "worse, and nobody at the meeting explained what happens to the boats during the works."),
    ("Maria Holm", "14 March 2024", "My shop was closed for five weeks last winter and nobody "
     "has paid for the repairs yet, so forgive me if I do not celebrate this decision today."),
]


def test_readers_comments_with_names_and_dates_stay_with_their_page() -> None:
    # each comment under its own name and date, a gap of buttons between them: as a new
    # article's header would be, were it not below the comments heading
    buttons = ["Reply", "Report", "Like", "Share", "Quote", "Flag", "Follow", "Mute", "Block",
               "Edit", "Delete", "Pin", "Award", "Translate", "Permalink", "Embed", "Save",
               "Hide", "Unfollow", "Notify"]  # fmt: skip
    thread = [line for name, date, text in COMMENTS
              for line in (*buttons, "", name, date, "", text, text, text, text, "")]  # fmt: skip
    raw = "\n".join(["Harbour Gazette", *MENU, "", "Council approves harbour sea wall",
                     "12 March 2024", "", *HARBOUR, "", "3 comments", "", *thread,
                     *FOOTER])  # fmt: skip
    articles = _clean(raw)
    assert len(articles) == 1
    assert articles[0].text.split("\n\n") == HARBOUR


def test_a_cookie_notice_below_the_footer_is_no_article_of_its_own() -> None:
    notice = ("We and our partners store small files on your device to measure the audience "
              "of this site and to show offers that match what you read here.")  # fmt: skip
    raw = "\n".join([_page("Harbour Gazette", "Council approves harbour sea wall",
                           "12 March 2024", HARBOUR), *SECTIONS, "", notice, notice, notice,
                     "Accept", "Refuse"])  # fmt: skip
    articles = _clean(raw)
    assert len(articles) == 1
    assert articles[0].text.split("\n\n") == HARBOUR


LIBRARY = [
    "The town library reopened on Tuesday after a year of repairs to its roof and its reading "
    "rooms, which had been closed since a storm brought down part of the ceiling.",
    "Volunteers carried more than twenty thousand books back onto the shelves over the weekend, "
    "and the first readers queued outside the doors well before nine in the morning.",
    "The librarian said the new building would stay open two hours longer every evening and "
    "would lend laptops to students who have no computer at home.",
    "The repairs cost about two million euros, shared between the town and a foundation that "
    "restores historic buildings across the region.",
    "A reading festival planned for the summer will mark the reopening with talks by local "
    "authors and a book market in the square outside.",
]


@pytest.mark.parametrize("joiner", ["\n", "\n\n", "\n\n\n"])
def test_three_glued_pages_split_with_or_without_blank_lines_between_them(joiner: str) -> None:
    pages = [
        _page("Harbour Gazette", "Council approves harbour sea wall", "12 March 2024", HARBOUR),
        _page("Evening Courier", "Youth orchestra opens winter season", "16 March 2024",
              ORCHESTRA),
        _page("Valley Post", "Town library reopens after repairs", "19 March 2024", LIBRARY),
    ]  # fmt: skip
    raw = joiner.join(pages) + "\n"
    articles = _clean(raw)
    assert [a.text.split("\n\n") for a in articles] == [HARBOUR, ORCHESTRA, LIBRARY]
    assert [a.headline for a in articles] == [
        "Council approves harbour sea wall", "Youth orchestra opens winter season",
        "Town library reopens after repairs",
    ]  # fmt: skip
    start = 0
    for article, page in zip(articles, pages, strict=True):
        for seg in article.offsets.segments:
            assert start <= seg.raw_start and seg.raw_start + seg.length <= start + len(page)
        start += len(page) + len(joiner)


def test_the_learned_boundary_model_and_the_rules_both_cut_a_deep_gap_of_chrome() -> None:
    first = _page("Harbour Gazette", "Council approves harbour sea wall", "12 March 2024", HARBOUR)
    second = _page("Evening Courier", "Youth orchestra opens winter season", "16 March 2024",
                   ORCHESTRA)  # fmt: skip
    raw = f"{first}\n{second}\n"
    infos = classify_all(split_lines(raw, 0))
    gaps: list[split.Gap] = []

    def record(gap: split.Gap) -> bool:
        gaps.append(gap)
        return split.learned_decides(gap)

    learned = split.page_cuts(infos, 0, len(infos), decide=record)
    rules = split.page_cuts(infos, 0, len(infos), decide=split.rule_decides)
    assert len(learned) == len(rules) == 1
    assert infos[learned[0]].text in ("© 2024 Harbour Gazette. All rights reserved.",
                                      "Evening Courier")  # fmt: skip
    assert len(gaps) == 1 and len(gaps[0].features) == len(split.GAP_FEATURES)
    assert split.gap_logit(gaps[0]) >= split.PAGE_LOGIT


def test_the_same_sites_header_coming_again_starts_its_next_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # two pages of one site, no date, byline or copyright line, and a light gap: only the
    # site's opening lines, shown again, tell where the second page starts
    top = ["Harbour Gazette", "Home", "News", "Sport", "Weather", "Sign in"]
    first = "\n".join([*top, "", "Council approves harbour sea wall", "", *HARBOUR, "",
                       "Follow us"])  # fmt: skip
    second = "\n".join([*top, "", "Youth orchestra opens winter season", "", *ORCHESTRA])
    raw = f"{first}\n{second}\n"
    articles = _clean(raw)
    assert [a.text.split("\n\n") for a in articles] == [HARBOUR, ORCHESTRA]
    assert articles[1].headline == "Youth orchestra opens winter season"
    assert all(seg.raw_start > len(first) for seg in articles[1].offsets.segments)
    monkeypatch.setattr(split, "PAGE_DECIDER", "none")
    assert len(_clean(raw)) == 1  # without page cuts the two bodies are one article


def test_a_copyright_line_ends_a_body_segment() -> None:
    # the first page closes with its copyright line and a legal notice written as sentences;
    # the next page opens with a section name, its headline and its lede: without a footer
    # stop, the notice's sentences bridge the two bodies into one run
    notice = ("Content on this site is for information only and is no substitute for advice "
              "from a professional; the publisher accepts no liability for its use.")  # fmt: skip
    raw = "\n".join([
        "Harbour Gazette", *MENU, "", "Council approves harbour sea wall", "", *HARBOUR,
        "© 2024 Harbour Gazette. All rights reserved.", notice,
        "Culture", "Youth orchestra opens winter season", *ORCHESTRA,
    ]) + "\n"  # fmt: skip
    infos = classify_all(split_lines(raw, 0))
    footer = next(i for i, info in enumerate(infos) if info.text.startswith("© 2024"))
    segments = split._segments(infos, 0, len(infos))
    assert not any(seg.start <= footer <= seg.end for seg in segments)
    assert any(seg.end < footer for seg in segments)
    assert any(seg.start > footer for seg in segments)
