"""Full-text search on the PostgreSQL store: the same questions, a real server."""

from __future__ import annotations

from fastapi.testclient import TestClient

from newsweave import pipeline
from newsweave.store import open_store
from newsweave.web import create_app
from tests.conftest import SAMPLES
from tests.pgserver import PgServer
from tests.web.conftest import LOCAL


def test_postgres_search_finds_names_and_survives_odd_queries(pg_server: PgServer) -> None:
    url = pg_server.new_database()
    store = open_store(url)
    pipeline.run([str(SAMPLES)], store, until="cluster")
    hits = store.search("Kremlin envoy")
    odd = [store.search(q) for q in ['"', "NEAR(", "a & | !", "*", "   "]]
    store.close()
    assert hits and all(h.article_id for h in hits)
    assert all(isinstance(found, list) for found in odd)
    with TestClient(create_app(url), base_url=LOCAL) as client:
        page = client.get("/search", params={"q": "Rubio"})
        api = client.get("/api/search", params={"q": "Rubio"}).json()
    assert page.status_code == 200 and "<mark>" in page.text
    assert api["results"] and all("rubio" in r["snippet"].casefold() for r in api["results"])
