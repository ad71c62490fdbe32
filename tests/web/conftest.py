"""Web fixtures: the sample corpus run once through the real pipeline, and a hostile article."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, Page, sync_playwright

from newsweave.model import Article, Caption, Document, OffsetMap, sha256_hex
from newsweave.store import Ingested, open_store
from newsweave.web import create_app
from tests.web.browser import CHROMIUM, record_and_dismiss

TOKEN = "test-token-7f3a"
#: The base URL test clients use: a Host the app answers by default (not "testserver").
LOCAL = "http://127.0.0.1"
HOSTILE_TEXT = (
    "The council met on Tuesday. A resident typed <script>alert(1)</script> into the form, "
    'then <img src=x onerror=alert(1)> as well, and the mayor said "we will fix it".'
)


@pytest.fixture(scope="session")
def web_db(sample_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The session's sample store (built once by ``pipeline.run`` in tests/conftest.py),
    copied: the app writes its search index into the file it serves."""
    path = tmp_path_factory.mktemp("web") / "samples.db"
    shutil.copy(sample_db, path)
    return str(path)


@pytest.fixture(scope="session")
def client(web_db: str) -> Iterator[TestClient]:
    """The session's client, without the page cache: its tests change what pages show by
    patching the code between requests, which no store stamp sees (tests/web/test_cache.py
    tests the cache)."""
    app = create_app(web_db, token=TOKEN, cache_mb=0)
    with TestClient(app, base_url=LOCAL) as test_client:
        yield test_client


def hostile_article() -> tuple[Document, Article]:
    """An article whose text, headline, outlet and caption carry markup that must stay text.

    Saved through the store directly: the cleaner strips tags from real inputs, and
    the web layer must be safe even when stored text holds them.
    """
    raw = f"<b>headline</b>\n\n{HOSTILE_TEXT}"
    doc = Document("hostile.txt", raw, "text", "utf-8", sha256_hex(raw))
    article = Article(
        source="hostile.txt",
        document_hash=doc.content_hash,
        part=0,
        text=HOSTILE_TEXT,
        offsets=OffsetMap(),
        headline="Council <script>alert('h')</script> news",
        published="2025-12-02",
        outlet="<i>Evil</i> Gazette",
        url="javascript:alert(1)",
        captions=(Caption("Photo <img src=x onerror=alert(2)>", "<b>credit</b>"),),
    )
    return doc, article


@pytest.fixture
def hostile_db(tmp_path: Path) -> tuple[str, str]:
    """(database path, article id) of a store holding only the hostile article."""
    path = tmp_path / "hostile.db"
    store = open_store(str(path))
    doc, article = hostile_article()
    store.save([Ingested(doc, [article])])
    store.close()
    return str(path), article.id


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: the browser tests need Debian's "
            "Chromium. Install it with `apt-get install -y chromium` (make test does this).",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    opened.on("dialog", lambda d: record_and_dismiss(d, dialogs))
    opened.on("pageerror", lambda e: errors.append(str(e)))
    yield opened
    context.close()
    assert dialogs == [], f"a page opened a dialog: {dialogs}"
    assert errors == [], f"a page raised a script error: {errors}"
