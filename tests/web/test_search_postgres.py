"""Full-text search on the PostgreSQL store: the same questions, a real server."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import text

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


def test_postgres_search_reads_the_index_and_takes_a_huge_article(
    pg_server: PgServer, tmp_path: Path
) -> None:
    """A search is an index scan of the stored search documents (no vector built per row
    at query time), and an article of more distinct words than one ``tsvector`` holds
    is stored and found by its opening words."""
    words = " ".join(f"w{i:06d}x" for i in range(180_000))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "list.txt").write_text(
        "An inventory of tokens\n\nThe tokens below were listed by a clerk. " + words + ".\n",
        encoding="utf-8",
    )
    url = pg_server.new_database()
    store = open_store(url)
    pipeline.run([str(SAMPLES), str(folder)], store, until="ingest")
    with store.engine.begin() as conn:
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        plan = " ".join(
            row[0]
            for row in conn.execute(
                text(
                    "EXPLAIN SELECT id FROM articles "
                    "WHERE search_doc @@ plainto_tsquery('simple', 'kremlin')"
                )
            )
        )
        longest = conn.execute(text("SELECT max(length(text)) FROM articles")).scalar_one()
    kremlin = store.search("Kremlin")
    token = store.search("w000002x")
    store.close()
    assert "ix_articles_search_doc" in plan
    assert longest > 1_500_000
    assert kremlin and len(token) == 1
