"""Every page and its JSON twin on the sample corpus, as the real pipeline stored it."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsweave import settings
from newsweave.store import open_store
from newsweave.web import data

CALENDAR = re.compile(r"\d{4}(-\d{2}){0,2}(?![-\dW])")


def _story_with_events(client: TestClient) -> dict[str, Any]:
    for brief in client.get("/api/stories").json()["stories"]:
        story: dict[str, Any] = client.get(f"/api/stories/{brief['id']}").json()
        if story["timeline"]:
            return story
    raise AssertionError("no story of the sample corpus has a timeline")


def test_story_list_page_and_json_agree(client: TestClient) -> None:
    stories = client.get("/api/stories").json()["stories"]
    assert stories, "the sample corpus makes at least one story"
    biggest = stories[0]
    assert biggest["article_count"] >= 2
    assert biggest["outlets"] and biggest["first_published"]
    page = client.get("/")
    assert page.status_code == 200
    assert f'href="/stories/{biggest["id"]}"' in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'self'")


def test_an_outlet_is_named_the_same_way_on_every_page(client: TestClient) -> None:
    """Articles without an outlet (most samples) get one name everywhere: the list, the
    story, its quotes, the search results and the entity pages."""
    articles: dict[str, str] = {}
    for listed in client.get("/api/stories").json()["stories"]:
        story = client.get(f"/api/stories/{listed['id']}").json()
        named = {a["id"]: a["outlet"] for a in story["articles"]}
        assert all(named.values())
        assert listed["outlets"] == sorted(set(named.values()))
        for group in story["quotes_by_speaker"]:
            assert all(q["outlet"] == named[q["article_id"]] for q in group["quotes"])
        articles.update(named)
    assert any(name.startswith("unknown outlet (") for name in articles.values())
    assert not any(".txt" in name for name in articles.values())  # never a file name
    for hit in client.get("/api/search", params={"q": "Ukraine"}).json()["results"]:
        assert hit["outlet"] == articles[hit["article_id"]]
    entity = client.get("/api/entities/gpe-ukraine").json()
    assert all(m["outlet"] == articles[m["article_id"]] for m in entity["mentions"])


def _citations(value: Any) -> list[dict[str, Any]]:
    """Every citation dict anywhere in a JSON value."""
    if isinstance(value, list):
        return [c for v in value for c in _citations(v)]
    if not isinstance(value, dict):
        return []
    found = [c for v in value.values() for c in _citations(v)]
    return [value, *found] if {"article_id", "start", "end"} <= value.keys() else found


def test_story_page_and_json(client: TestClient, web_db: str) -> None:
    story = _story_with_events(client)
    # Calendar dates in order (2025-12-19TNI counts as the 19th; week values are left out).
    days = [m[0] for e in story["timeline"] if (m := CALENDAR.match(e["date"] or ""))]
    assert len(days) >= 2 and days == sorted(days)
    for key in ("summary", "claims", "framing", "sources", "quotes_by_speaker", "outlets"):
        assert isinstance(story[key], list), key
    citations = _citations(story)
    assert citations
    store = open_store(web_db)
    try:
        for c in citations:
            article = store.article(c["article_id"])
            assert article is not None
            text = article.text
            if c.get("field") == "caption":
                text = article.captions[c["index"]].text
            assert 0 <= c["start"] < c["end"] <= len(text)
            assert c["url"].startswith(f"/articles/{c['article_id']}?start={c['start']}&")
    finally:
        store.close()
    page = client.get(f"/stories/{story['id']}")
    assert page.status_code == 200
    assert "Timeline" in page.text and "Who said what" in page.text
    assert story["timeline"][0]["citations"][0]["url"].replace("&", "&amp;") in page.text


def test_article_page_highlights_and_opens_at_a_cited_span(client: TestClient) -> None:
    story = _story_with_events(client)
    cite = story["timeline"][0]["citations"][0]
    article = client.get(f"/api/articles/{cite['article_id']}").json()
    assert article["mentions"] and article["text"]
    m = article["mentions"][0]
    assert article["text"][m["start"] : m["end"]] == m["text"]
    page = client.get(f"/articles/{cite['article_id']}?start={cite['start']}&end={cite['end']}")
    assert page.status_code == 200
    assert page.text.count('id="cite"') == 1
    assert 'class="ent ' in page.text
    plain = client.get(f"/articles/{cite['article_id']}").text
    assert 'id="cite"' not in plain


def test_article_out_of_range_citation_is_explained_not_marked(client: TestClient) -> None:
    first = client.get("/api/stories").json()["stories"][0]
    article_id = client.get(f"/api/stories/{first['id']}").json()["articles"][0]["id"]
    page = client.get(f"/articles/{article_id}?start=5&end=99999999")
    assert page.status_code == 200
    assert "lies outside this article" in page.text
    assert 'id="cite"' not in page.text


def test_entity_page_and_json(client: TestClient) -> None:
    story = _story_with_events(client)
    participant = next(
        p for e in story["timeline"] for p in e["participants"] if p["id"] is not None
    )
    entity = client.get(f"/api/entities/{participant['id']}").json()
    assert entity["name"] == participant["name"]
    assert entity["mentions"] and entity["events"]
    page = client.get(f"/entities/{participant['id']}")
    assert page.status_code == 200
    assert "Mentions (" in page.text


def test_search_finds_a_name_in_page_and_json(client: TestClient) -> None:
    title = client.get("/api/stories").json()["stories"][0]["title"]
    entity_name = max(re.findall(r"[A-Z][\w’'-]+", title), key=len)  # a name from the title
    found = client.get("/api/search", params={"q": entity_name}).json()
    assert found["results"], f"nothing found for {entity_name!r}"
    assert all(
        entity_name.casefold() in (r["snippet"] + (r["headline"] or "")).casefold()
        for r in found["results"]
    )
    page = client.get("/search", params={"q": entity_name})
    assert page.status_code == 200 and "<mark>" in page.text


def test_search_survives_fts_syntax_and_empty_queries(client: TestClient) -> None:
    for q in ['"', "NEAR(", "a AND OR", "*", "", "   "]:
        response = client.get("/api/search", params={"q": q})
        assert response.status_code == 200, q
    assert client.get("/api/search", params={"q": ""}).json()["results"] == []


def test_missing_things_are_404_with_a_message(client: TestClient) -> None:
    for kind in ("stories", "articles", "entities"):
        api = client.get(f"/api/{kind}/nope")
        assert api.status_code == 404
        body = api.json()
        assert body["status"] == 404 and "nope" in body["error"]
        page = client.get(f"/{kind}/nope")
        assert page.status_code == 404
        assert "text/html" in page.headers["content-type"] and "nope" in page.text
    assert client.get("/api/no-such-route").json()["status"] == 404


def test_openapi_describes_every_api_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/articles/{article_id}",
        "/api/entities/{entity_id}",
        "/api/search",
        "/api/articles",
    } <= paths
    assert "post" in spec["paths"]["/api/articles"]
    assert not any(p.startswith("/stories") for p in paths), "HTML pages stay out of the API"
    assert client.get("/docs").status_code == 404, "no Swagger UI: it loads scripts from a CDN"


def test_static_assets_are_served_from_the_package(client: TestClient) -> None:
    page = client.get("/").text
    assert "/static/style.css" in page and "/static/app.js" in page
    assert "http://" not in page.split("<body>")[0] and "https://" not in page
    assert client.get("/static/app.js").status_code == 200
    assert "scrollIntoView" in client.get("/static/app.js").text


def test_story_list_and_entity_mentions_are_paged(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = client.get("/api/stories").json()
    assert everything["page"] == 1 and everything["total"] == len(everything["stories"])
    monkeypatch.setattr(settings, "STORIES_PER_PAGE", 1)
    pages = [client.get("/api/stories", params={"page": n}).json() for n in (1, 2)]
    assert [p["stories"][0]["id"] for p in pages] == [s["id"] for s in everything["stories"][:2]]
    assert pages[0]["pages"] == everything["total"]
    second = client.get("/", params={"page": 2}).text
    assert 'href="/?page=1"' in second and f"page 2 of {everything['total']}" in second
    beyond = client.get("/", params={"page": 999})
    assert beyond.status_code == 200 and "No stories on page 999" in beyond.text
    assert client.get("/", params={"page": 0}).status_code == 422
    assert client.get("/api/stories", params={"page": "x"}).status_code == 422

    entity = client.get("/api/entities/gpe-ukraine").json()
    assert entity["mention_count"] == len(entity["mentions"]) and entity["pages"] == 1
    monkeypatch.setattr(data, "MENTIONS_PER_PAGE", 2)
    paged = [client.get("/api/entities/gpe-ukraine", params={"page": n}).json() for n in (1, 2)]
    assert [m["url"] for p in paged for m in p["mentions"]] == [
        m["url"] for m in entity["mentions"][:4]
    ]
    assert paged[0]["pages"] == -(-entity["mention_count"] // 2)
    assert paged[1]["stories"] == entity["stories"], "the entity's stories are all listed"
    html = client.get("/entities/gpe-ukraine", params={"page": 2}).text
    assert 'href="/entities/gpe-ukraine?page=3"' in html


def test_an_entity_page_lists_its_most_mentioning_stories_and_first_events(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Capped lists say so: the stories that mention the entity most (of how many), the
    events in date order (the first ones shown)."""
    every = client.get("/api/entities/gpe-ukraine").json()
    assert every["story_count"] == len(every["stories"]) >= 2
    assert len(every["events"]) >= 2
    monkeypatch.setattr(data, "STORIES_SHOWN", 1)
    monkeypatch.setattr(data, "EVENTS_SHOWN", 1)
    capped = client.get("/api/entities/gpe-ukraine").json()
    counts = Counter(m["article_id"] for m in every["mentions"])
    story_of = {a: client.get(f"/api/articles/{a}").json()["story_id"] for a in counts}
    per_story: Counter[str] = Counter()
    for article_id, n in counts.items():
        per_story[story_of[article_id]] += n
    top = min(per_story, key=lambda s: (-per_story[s], s))
    assert [s["id"] for s in capped["stories"]] == [top]
    assert capped["story_count"] == every["story_count"]
    assert capped["events"] == every["events"][:1]
    html = client.get("/entities/gpe-ukraine").text
    assert f"In {every['story_count']} stories (the 1 that mention it most)" in html
    assert "Events (1, the first shown)" in html


def test_a_story_page_shows_its_first_claims_and_quotes_and_links_to_all(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page lists the first ``CLAIMS_SHOWN`` claims and each speaker's first
    ``QUOTES_PER_SPEAKER`` quotes with a link to ``?show=all``, which lists every one (as
    the JSON does); caps of 1 make the samples' stories long enough to be cut."""
    monkeypatch.setattr(data, "CLAIMS_SHOWN", 1)
    monkeypatch.setattr(data, "QUOTES_PER_SPEAKER", 1)
    story = next(
        s
        for brief in client.get("/api/stories").json()["stories"]
        if len((s := client.get(f"/api/stories/{brief['id']}").json())["claims"]) >= 2
        and any(len(g["quotes"]) >= 2 for g in s["quotes_by_speaker"])
    )
    assert story["claim_count"] == len(story["claims"])
    assert all(g["quote_count"] == len(g["quotes"]) for g in story["quotes_by_speaker"])
    quotes = [q["text"] for g in story["quotes_by_speaker"] for q in g["quotes"]]
    cut = client.get(f"/stories/{story['id']}")
    assert len(_claim_rows(cut.text)) == 1
    assert f'<a href="?show=all#compare">Show all {story["claim_count"]} claims</a>' in cut.text
    long_groups = [g for g in story["quotes_by_speaker"] if g["quote_count"] >= 2]
    assert cut.text.count('#quotes">Show all ') == len(long_groups)
    shown = cut.text.count("<li><q>")
    assert shown == len(story["quotes_by_speaker"]) < len(quotes)
    whole = client.get(f"/stories/{story['id']}", params={"show": "all"})
    assert len(_claim_rows(whole.text)) == story["claim_count"]
    assert whole.text.count("<li><q>") == len(quotes) and "Show all" not in whole.text
    kept = client.get(f"/stories/{story['id']}", params={"since": "7d"})
    assert 'href="?since=7d&amp;show=all#compare"' in kept.text
    assert client.get(f"/stories/{story['id']}", params={"show": "x"}).status_code == 422


def _claim_rows(page: str) -> list[str]:
    """The rows of a story page's comparison table (one per claim)."""
    table = page.split('<section id="compare">', 1)[1].split("</section>", 1)[0]
    return re.findall(r"<tr>\s*<td>", table)
