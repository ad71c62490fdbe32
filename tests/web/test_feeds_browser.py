"""The feed links as a person meets them in Chromium: each page names its Atom feed in its
head and links it visibly, and following the link yields the feed (read back by feedparser).

The browser and page fixtures are tests/web/conftest.py's; the server the browser tests' own
(tests/web/test_browser.py).
"""

from __future__ import annotations

import feedparser
from playwright.sync_api import Page, expect

from tests.web.browser import SHOTS
from tests.web.test_browser import base_url

__all__ = ["base_url"]  # a fixture used below


def _follow(page: Page, base: str, link_text: str) -> feedparser.FeedParserDict:
    head = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    expect(head).to_have_count(1)
    href = head.get_attribute("href") or ""
    visible = page.get_by_role("link", name=link_text)
    expect(visible).to_be_visible()
    assert visible.get_attribute("href") == href
    answer = page.request.get(base + href)
    assert answer.ok and answer.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(answer.body())
    assert not parsed.bozo and parsed.version == "atom10"
    return parsed


def test_story_entity_and_search_pages_link_their_feeds(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.locator("a.story-link").first.click()
    story_feed = _follow(page, base_url, "Follow (Atom)")
    titles = page.locator("#articles ul.members li").count()
    assert len([e for e in story_feed.entries if ":article/" in e.id]) == titles
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "06-story-feed-link.png"))
    page.locator("ol.timeline .who a").first.click()
    entity_feed = _follow(page, base_url, "Follow (Atom)")
    assert entity_feed.entries
    page.get_by_role("searchbox", name="Search").fill("Witkoff")
    page.get_by_role("button", name="Search").click()
    search_feed = _follow(page, base_url, "Follow this search (Atom)")
    assert len(search_feed.entries) == page.locator("ol.hits li").count()
    page.screenshot(path=str(SHOTS / "07-search-feed-link.png"))
