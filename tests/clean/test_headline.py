"""The headline the page's sources agree on, without the site's name, section or tagline."""

from __future__ import annotations

from trafilatura.utils import load_html

from newsweave.clean.headline import SiteNames, find_headline, segments

BODY = "The finance minister resigned on Tuesday after a week of rows over the budget."


def page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body>{body}<p>{BODY}</p></body></html>"


def headline(html: str, url: str = "https://www.albawaba.com/news/1") -> str | None:
    tree = load_html(html)
    assert tree is not None
    first_body = next(p for p in tree.iter("p") if p.text_content() == BODY)
    return find_headline(tree, url, [BODY], None, first_body)


def test_site_name_suffix_is_cut_and_the_logo_heading_is_not_the_headline() -> None:
    html = page(
        "<title>Minister resigns over budget row | Al Bawaba</title>"
        '<meta property="og:site_name" content="Al Bawaba">',
        '<header><h1><a href="/">Al Bawaba</a></h1></header>'
        "<aside><h2>Related News</h2></aside><h2>Minister resigns over budget row</h2>",
    )
    assert headline(html) == "Minister resigns over budget row"


def test_page_number_and_site_with_place_are_dropped_by_the_host_name() -> None:
    html = page(
        "<title>Council approves new bridge plan -- Page 1 -- Times Union - Albany NY</title>", ""
    )
    got = headline(html, "http://www.timesunion.com/local/article/Council-1234.php")
    assert got == "Council approves new bridge plan -- Page 1"


def test_heading_above_the_body_that_agrees_with_og_title_wins_over_a_section_heading() -> None:
    html = page(
        "<title>World | CBS News</title>"
        '<meta property="og:title" content="Minister resigns over budget row">',
        "<h1>World</h1><h2>Talkback - Add your opinion</h2>"
        "<h1>Minister resigns over budget row</h1>",
    )
    assert headline(html, "https://www.cbsnews.com/news/x/") == "Minister resigns over budget row"
    # no title or og:title to agree with: the heading right above the body wins
    bare = page("", "<h2>Most read</h2><h1>Minister resigns over budget row</h1>")
    assert headline(bare) == "Minister resigns over budget row"


def test_json_ld_headline_and_a_page_with_only_its_site_name() -> None:
    ld = (
        '{"@type": "NewsArticle", "headline": "Floods close the Rhine", '
        '"publisher": {"name": "Rheinpost"}}'
    )
    html = page(f'<title>Rheinpost</title><script type="application/ld+json">{ld}</script>', "")
    assert headline(html, "https://rheinpost.example/a") == "Floods close the Rhine"
    only_site = page("<title>Edmonton Sun</title>", "<h1>Edmonton Sun</h1>")
    url = "https://edmontonsun.com/news/local"
    assert find_headline(load_html(only_site), url, [BODY], "Edmonton Sun") is None


def test_scripts_without_spaces_split_on_their_own_separators() -> None:
    html = page("<title>東京で大雨、交通に乱れ｜朝日新聞デジタル</title>"
                '<meta property="og:site_name" content="朝日新聞デジタル">', "")  # fmt: skip
    assert headline(html, "https://www.asahi.com/articles/x.html") == "東京で大雨、交通に乱れ"


def test_segments_and_site_names() -> None:
    assert segments("A headline - Section | Site") == ["A headline", "Section", "Site"]
    site = SiteNames(["The Daily Planet"], "https://dailyplanet.example.com/x")
    assert site.named("The Daily Planet") and site.named("DailyPlanet.com")
    assert not site.named("Planet found near a distant star")
    assert (
        site.without_site("Daily Planet: Metro: Hero saves the city")
        == "Metro: Hero saves the city"
    )
    assert (
        site.without_site("Hero saves the city | The Daily Planet - Metropolis")
        == "Hero saves the city"
    )


def test_entities_a_page_escaped_twice_are_decoded() -> None:
    html = page(
        "<title>&amp;#8216;Light&amp;#8217; festival opens | Al Bawaba</title>"
        '<meta property="og:title" content="&amp;#8216;Light&amp;#8217; festival opens">',
        "",
    )
    assert headline(html) == "\u2018Light\u2019 festival opens"


def test_a_section_glued_to_og_title_loses_to_the_heading_the_other_sources_carry() -> None:
    # og:title "Opinion | …" agrees with the bare headline by word F1 (5 of 6 words);
    # the title (without the site) and the visible heading are the bare headline alone
    html = page(
        "<title>Is Football Violence a Crime? - WSJ</title>"
        '<meta property="og:title" content="Opinion | Is Football Violence a Crime?">'
        '<meta property="og:site_name" content="WSJ">',
        "<h1>Is Football Violence a Crime?</h1>",
    )
    assert headline(html, "https://www.wsj.com/articles/x") == "Is Football Violence a Crime?"
    tagline = page(
        "<title>Minister resigns over budget row</title>"
        '<meta property="og:title" content="Daily Ledger | Your trusted paper: '
        'Minister resigns over budget row">'
        '<meta property="og:site_name" content="Daily Ledger">',
        "<h1>Minister resigns over budget row</h1>",
    )
    assert headline(tagline) == "Minister resigns over budget row"
