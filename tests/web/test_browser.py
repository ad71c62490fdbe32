"""The app as a person uses it: Debian's Chromium driven by Playwright against a real server.

Screenshots of the main pages go to test-artifacts/screenshots/ (git-ignored).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.browser import record_and_dismiss, serve, shot


@pytest.fixture(scope="module")
def base_url(web_db: str) -> Iterator[str]:
    yield from serve(web_db)


def test_story_list_story_citation_and_entity(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    expect(page.get_by_role("heading", name="Stories")).to_be_visible()
    shot(page, "01-stories")
    page.locator("a.story-link").first.click()
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    shot(page, "02-story")
    if page.locator("#compare").count():  # the compare stage's table, once it has run
        page.locator("#compare").scroll_into_view_if_needed()
        page.evaluate("document.getElementById('compare').scrollIntoView()")
        shot(page, "02b-story-compare")
    citation = page.locator("ol.timeline a.citation").first
    href = citation.get_attribute("href") or ""
    assert "start=" in href and href.endswith("#cite")
    citation.click()
    cited = page.locator("mark#cite")
    expect(cited).to_be_visible()
    expect(cited).to_be_in_viewport()
    query = parse_qs(urlsplit(href).query)
    start, end = int(query["start"][0]), int(query["end"][0])
    article_id = urlsplit(href).path.rsplit("/", 1)[-1]
    text = page.request.get(f"{base_url}/api/articles/{article_id}").json()["text"]
    pieces = page.locator("mark.cite").all_text_contents()  # split where it crosses a quote
    assert "".join(pieces) == text[start:end], "the marks hold exactly the cited words"
    shot(page, "03-article-cited")
    page.locator("#article-body a.ent").first.click()
    expect(page.get_by_role("heading", name="Mentions", exact=False)).to_be_visible()
    shot(page, "04-entity")


def test_search_a_name(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    title = page.locator("a.story-link").first.inner_text()
    name = max(re.findall(r"[A-Z][\w’'-]+", title), key=len)  # a name from the title
    page.get_by_role("searchbox", name="Search").fill(name)
    page.get_by_role("button", name="Search").click()
    expect(page.locator("ol.hits li").first).to_be_visible()
    expect(page.locator("ol.hits mark").first).to_have_text(name, ignore_case=True)
    shot(page, "05-search")
    page.locator("a.hit").first.click()
    expect(page.locator("#article-body")).to_contain_text(name, ignore_case=True)


def test_hostile_article_is_shown_as_text_and_runs_nothing(
    browser: Browser, hostile_db: tuple[str, str]
) -> None:
    db, article_id = hostile_db
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: record_and_dismiss(d, dialogs))
    try:
        for base in serve(db):
            page.goto(f"{base}/articles/{article_id}")
            expect(page.locator("#article-body")).to_contain_text("<script>alert(1)</script>")
            expect(page.locator("#article-body")).to_contain_text("<img src=x onerror=alert(1)>")
            assert page.locator("main img").count() == 0
            page.wait_for_timeout(300)
            shot(page, "06-hostile-article")
    finally:
        context.close()
    assert dialogs == [], "markup in an article ran as script"
