"""POST /api/articles: the operator's token, compared in constant time; then the real pipeline."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from newsweave.web import create_app
from tests.web.conftest import TOKEN

ARTICLE = {
    "text": (
        "Lisbon council approves new tram line\n\n"
        "LISBON: The city council of Lisbon approved a new tram line on Monday after "
        "a two-year debate. Mayor Carlos Moedas said the line would open in 2027.\n\n"
        "The line will link the airport with the old town, the council said in a statement."
    ),
    "url": "https://example.org/lisbon-tram",
    "title": "Lisbon council approves new tram line",
    "published": "2025-11-03",
    "outlet": "Example Daily",
}


def _client(tmp_path: Path, token: str | None) -> TestClient:
    return TestClient(create_app(str(tmp_path / "upload.db"), token=token))


def test_without_a_configured_token_uploads_are_refused(tmp_path: Path) -> None:
    with _client(tmp_path, None) as client:
        for headers in ({}, {"Authorization": "Bearer anything"}):
            response = client.post("/api/articles", json=ARTICLE, headers=headers)
            assert response.status_code == 403
            assert "uploads are disabled" in response.json()["error"]


def test_missing_or_wrong_token_is_401(tmp_path: Path) -> None:
    with _client(tmp_path, TOKEN) as client:
        missing = client.post("/api/articles", json=ARTICLE)
        assert missing.status_code == 401
        assert missing.headers["www-authenticate"].startswith("Bearer")
        assert "Authorization: Bearer" in missing.json()["error"]
        for bad in (f"Bearer {TOKEN}x", "Bearer ", f"Basic {TOKEN}", TOKEN):
            response = client.post("/api/articles", json=ARTICLE, headers={"Authorization": bad})
            assert response.status_code in (401, 403), bad
        assert client.get("/api/stories").json()["stories"] == [], "nothing was stored"


def test_valid_token_runs_the_pipeline_and_the_article_is_served(tmp_path: Path) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with _client(tmp_path, TOKEN) as client:
        response = client.post("/api/articles", json=ARTICLE, headers=auth)
        assert response.status_code == 201, response.text
        result = response.json()
        assert len(result["article_ids"]) == 1 and result["already_stored"] is False
        article = client.get(result["urls"][0].replace("/articles", "/api/articles")).json()
        assert article["outlet"] == "Example Daily" and article["published"] == "2025-11-03"
        assert "tram line" in article["text"] and article["story_id"]
        assert any(m["text"] == "Lisbon" for m in article["mentions"]), "extract stage ran"
        hits = client.get("/api/search", params={"q": "Moedas"}).json()["results"]
        assert [h["article_id"] for h in hits] == result["article_ids"]
        again = client.post("/api/articles", json=ARTICLE, headers=auth).json()
        assert again["already_stored"] is True and again["article_ids"] == result["article_ids"]


def test_upload_without_text_or_html_is_422(tmp_path: Path) -> None:
    with _client(tmp_path, TOKEN) as client:
        response = client.post(
            "/api/articles", json={"title": "x"}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert response.status_code == 422
        assert "text" in response.json()["error"]
