"""Articles in three languages: the pages show each article's language, the entity's names
per script and its mentions per language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsweave.pipeline import run
from newsweave.store import open_store
from newsweave.web import create_app
from tests.web.conftest import LOCAL

TEXTS = {
    "en.txt": "Kremlin envoy Kirill Dmitriev arrived in Washington on Monday for talks with "
    "officials. Dmitriev said the meeting with the delegation had been useful and that both "
    "sides wanted to continue the economic dialogue next month.",
    "ru.txt": "Спецпредставитель президента России Кирилл Дмитриев прибыл в Вашингтон в "
    "понедельник. По словам Кирилла Дмитриева, «встреча с делегацией была полезной». "
    "Стороны договорились продолжить экономический диалог в следующем месяце.",
    "uk.txt": "Спецпосланець Кремля Кирило Дмитрієв прибув до Вашингтона в понеділок. "
    "Дмитрієв заявив, що зустріч із делегацією була корисною, і сторони продовжать "
    "економічний діалог наступного місяця.",
}


@pytest.fixture(scope="module")
def languages_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("languages")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, "utf-8")
    db = str(Path(folder) / "langs.db")
    store = open_store(db)
    run([str(folder)], store)
    store.close()
    return db


@pytest.fixture(scope="module")
def languages_client(languages_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(languages_db), base_url=LOCAL) as test_client:
        yield test_client


def _dmitriev(db: str) -> str:
    store = open_store(db)
    found = [e.id for e in store.entities() if e.name in ("Kirill Dmitriev", "Кирилл Дмитриев")]
    store.close()
    assert len(found) == 1, found
    return found[0]


def test_entity_page_lists_names_per_script_and_mentions_per_language(
    languages_db: str, languages_client: TestClient
) -> None:
    entity_id = _dmitriev(languages_db)
    found = languages_client.get(f"/api/entities/{entity_id}").json()
    assert "Kirill Dmitriev" in found["names_by_script"]["Latin"]
    assert "Кирилл Дмитриев" in found["names_by_script"]["Cyrillic"]
    assert set(found["mentions_by_language"]) == {"en", "ru", "uk"}
    assert {m["language"] for m in found["mentions"]} == {"en", "ru", "uk"}
    page = languages_client.get(f"/entities/{entity_id}").text
    assert "Names by script" in page and "Cyrillic: " in page and "Кирилл Дмитриев" in page
    assert "By language" in page


def test_article_page_says_its_language(languages_db: str, languages_client: TestClient) -> None:
    store = open_store(languages_db)
    russian = next(a for a in store.iter_articles() if a.language == "ru")
    store.close()
    page = languages_client.get(f"/articles/{russian.id}").text
    assert '<span class="lang" title="language">ru</span>' in page
