"""The app as a person uses it: Debian's Chromium driven by Playwright against a real server.

Screenshots of the main pages go to test-artifacts/screenshots/ (git-ignored).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Dialog, Page, expect

from newsweave.web import create_app
from tests.conftest import ROOT
from tests.web.conftest import serve_app

SHOTS = ROOT / "test-artifacts" / "screenshots"


def _serve(db: str) -> Iterator[str]:
    yield from serve_app(create_app(db))


@pytest.fixture(scope="module")
def base_url(web_db: str) -> Iterator[str]:
    yield from _serve(web_db)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    opened.on("dialog", lambda d: _record_and_dismiss(d, dialogs))
    opened.on("pageerror", lambda e: errors.append(str(e)))
    yield opened
    context.close()
    assert dialogs == [], f"a page opened a dialog: {dialogs}"
    assert errors == [], f"a page raised a script error: {errors}"


def _record_and_dismiss(dialog: Dialog, seen: list[str]) -> None:
    seen.append(dialog.message)
    dialog.dismiss()


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_story_list_story_citation_and_entity(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    expect(page.get_by_role("heading", name="Stories")).to_be_visible()
    _shot(page, "01-stories")
    page.locator("a.story-link").first.click()
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    _shot(page, "02-story")
    if page.locator("#compare").count():  # the compare stage's table, once it has run
        page.locator("#compare").scroll_into_view_if_needed()
        page.evaluate("document.getElementById('compare').scrollIntoView()")
        _shot(page, "02b-story-compare")
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
    _shot(page, "03-article-cited")
    page.locator("#article-body a.ent").first.click()
    expect(page.get_by_role("heading", name="Mentions", exact=False)).to_be_visible()
    _shot(page, "04-entity")


def test_search_a_name(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    title = page.locator("a.story-link").first.inner_text()
    name = max(re.findall(r"[A-Z][\w’'-]+", title), key=len)  # a name from the title
    page.get_by_role("searchbox", name="Search").fill(name)
    page.get_by_role("button", name="Search").click()
    expect(page.locator("ol.hits li").first).to_be_visible()
    expect(page.locator("ol.hits mark").first).to_have_text(name, ignore_case=True)
    _shot(page, "05-search")
    page.locator("a.hit").first.click()
    expect(page.locator("#article-body")).to_contain_text(name, ignore_case=True)


def test_hostile_article_is_shown_as_text_and_runs_nothing(
    browser: Browser, hostile_db: tuple[str, str]
) -> None:
    db, article_id = hostile_db
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: _record_and_dismiss(d, dialogs))
    try:
        for base in _serve(db):
            page.goto(f"{base}/articles/{article_id}")
            expect(page.locator("#article-body")).to_contain_text("<script>alert(1)</script>")
            expect(page.locator("#article-body")).to_contain_text("<img src=x onerror=alert(1)>")
            assert page.locator("main img").count() == 0
            page.wait_for_timeout(300)
            _shot(page, "06-hostile-article")
    finally:
        context.close()
    assert dialogs == [], "markup in an article ran as script"
