"""Reader features, over a store whose samples arrived in two runs (``grown_db``): reading
time, section, more coverage, outlets in the order they carried the story, the story's
changes, and short permalinks. In the browser (Debian's Chromium) and through the API."""

from __future__ import annotations

import math
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Page, expect

from newsweave.web import create_app
from tests.web.browser import serve, shot
from tests.web.conftest import LOCAL


@pytest.fixture(scope="module")
def grown_copy(grown_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("reader") / "grown.db"
    shutil.copy(grown_db, path)  # the app writes its search index into the file it serves
    return str(path)


@pytest.fixture(scope="module")
def api(grown_copy: str) -> Iterator[TestClient]:
    with TestClient(create_app(grown_copy), base_url=LOCAL) as client:
        yield client


@pytest.fixture(scope="module")
def reader_url(grown_copy: str) -> Iterator[str]:
    yield from serve(grown_copy)


def _grown_story(api: TestClient) -> dict[str, Any]:
    """The story the second run added to (it has new claims)."""
    for s in api.get("/api/stories").json()["stories"]:
        found = api.get(f"/api/stories/{s['id']}").json()
        if any(c["kind"] == "claim" for c in found["changes"]):
            return dict(found)
    raise AssertionError("no story grew in the second run")


def _with_section(api: TestClient, story: dict[str, Any]) -> dict[str, Any]:
    for a in story["articles"]:
        found = api.get(f"/api/articles/{a['id']}").json()
        if found["section"] and found["more_coverage"]:
            return dict(found)
    raise AssertionError("no article of the story names its section")


def test_article_json_has_reading_time_section_permalink_and_more_coverage(
    api: TestClient,
) -> None:
    story = _grown_story(api)
    article = _with_section(api, story)
    words = len(article["text"].split())
    assert article["reading_minutes"] == max(1, math.ceil(words / 230))
    assert article["permalink"] == f"/a/{article['short']}" and len(article["short"]) == 8
    own = article["outlet_name"]
    shown = [a for g in article["more_coverage"] for a in g["articles"]]
    members = {a["id"]: a for a in story["articles"]}
    others = {i for i, a in members.items() if a["outlet"] != own}
    assert {a["id"] for a in shown} == others  # every other outlet's article, none of its own
    firsts = [g["first_published"] or "9999" for g in article["more_coverage"]]
    assert firsts == sorted(firsts)


def test_story_json_groups_outlets_by_their_first_article(api: TestClient) -> None:
    story = _grown_story(api)
    groups = story["by_outlet"]
    assert sorted(a["id"] for g in groups for a in g["articles"]) == sorted(
        a["id"] for a in story["articles"]
    )
    for g in groups:
        dates = [a["published"] or "9999" for a in g["articles"]]
        assert dates == sorted(dates) and g["first_published"] == g["articles"][0]["published"]
    firsts = [g["first_published"] or "9999" for g in groups]
    assert firsts == sorted(firsts)
    assert story["updated"] and story["updated_ago"].endswith(("ago", "now"))
    listed = {s["id"]: s for s in api.get("/api/stories").json()["stories"]}
    assert listed[story["id"]]["updated"] == story["updated"]
    assert f'datetime="{story["updated"]}"' in api.get("/").text


def test_permalinks_redirect_and_unknown_ones_are_404(api: TestClient) -> None:
    story = _grown_story(api)
    response = api.get(story["permalink"], follow_redirects=False)
    assert response.status_code == 302 and response.headers["location"] == f"/stories/{story['id']}"
    first = api.get(f"/api/articles/{story['articles'][0]['id']}").json()
    response = api.get(first["permalink"], follow_redirects=False)
    assert response.headers["location"] == f"/articles/{first['id']}"
    assert api.get("/a/00000000").status_code == 404
    assert api.get("/s/not-a-short").status_code == 404


def test_changes_since_filters_and_a_bad_since_says_what_works(api: TestClient) -> None:
    story = _grown_story(api)
    latest = story["changes"][0]["at"]
    newer = api.get(f"/api/stories/{story['id']}", params={"since": latest}).json()["changes"]
    assert newer and all(c["at"] >= latest for c in newer)
    assert (
        api.get(f"/api/stories/{story['id']}", params={"since": "2999-01-01"}).json()["changes"]
        == []
    )
    bad = api.get(f"/api/stories/{story['id']}", params={"since": "soon"})
    assert bad.status_code == 422 and "24h" in bad.json()["error"]


def test_reader_sees_reading_time_section_and_more_coverage(
    page: Page, reader_url: str, api: TestClient
) -> None:
    article = _with_section(api, _grown_story(api))
    page.goto(reader_url + article["permalink"])
    assert page.url.endswith(f"/articles/{article['id']}")
    expect(page.locator("p.section-label")).to_have_text(article["section"], ignore_case=True)
    expect(page.locator("p.meta .reading")).to_have_text(f"{article['reading_minutes']} min read")
    shot(page, "09-article-top")
    coverage = page.locator("#more-coverage")
    coverage.scroll_into_view_if_needed()
    expect(coverage.get_by_role("heading", name="More coverage")).to_be_visible()
    outlets = coverage.locator("h3").all_inner_texts()
    assert outlets == [g["outlet"] for g in article["more_coverage"]]
    assert article["outlet_name"] not in outlets
    shot(page, "10-article-reader")
    other = article["more_coverage"][0]["articles"][0]
    coverage.locator(f"a[href='/articles/{other['id']}']").click()
    expect(page).to_have_url(f"{reader_url}/articles/{other['id']}")
    expect(page.locator("#more-coverage h3", has_text=article["outlet_name"])).to_be_visible()


def test_reader_sees_what_changed_in_a_story_and_its_outlets_in_order(
    page: Page, reader_url: str, api: TestClient
) -> None:
    story = _grown_story(api)
    page.goto(reader_url + story["permalink"])
    expect(page.get_by_role("heading", name=story["title"])).to_be_visible()
    expect(page.locator(".updated time")).to_have_text(story["updated_ago"])
    changes = page.locator("#changes ol.changes li")
    expect(changes.filter(has_text="new claim:").first).to_be_visible()
    expect(changes.filter(has_text="article added:").first).to_be_visible()
    shot(page, "11-story-changes")
    page.locator("form.since input[name=since]").fill("2999-01-01")
    page.locator("form.since button").click()
    expect(page.locator("#changes")).to_contain_text("Nothing changed since")
    page.locator("form.since input[name=since]").fill("24h")
    page.locator("form.since button").click()
    expect(changes.first).to_be_visible()
    assert changes.count() == len(
        api.get(f"/api/stories/{story['id']}", params={"since": "24h"}).json()["changes"]
    )
    claim = changes.filter(has_text="new claim:").first.locator("a")
    href = claim.get_attribute("href") or ""
    assert "start=" in href
    groups = page.locator("#articles .outlet-group h3")
    shown = [t.split(" · ")[0].strip() for t in groups.all_inner_texts()]
    assert shown == [g["outlet"] for g in story["by_outlet"]]
    page.locator("#articles").scroll_into_view_if_needed()
    expect(page.locator("#articles .reading").first).to_contain_text("min read")
    shot(page, "12-story-outlets")
    claim.click()
    expect(page.locator("mark#cite")).to_be_visible()
