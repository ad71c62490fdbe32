"""XSS payloads everywhere a store can hold text, opened in Debian's Chromium: no dialog
fires, no script of theirs runs, and each payload is on the page as the text it is.

The store is made by the real pipeline from an HTML page whose headline, outlet, body
and photo caption hold payloads (escaped in the HTML, so the cleaner turns them into
text, as a scraped page would); one resolved entity is then renamed to a payload, since
no named-entity recogniser yields markup as a name. Search queries carry payloads too.
"""

from __future__ import annotations

import dataclasses
import html
import json
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page

from newsweave import pipeline
from newsweave.store import open_store
from newsweave.web import create_app
from tests.web.browser import serve_app

#: Each payload calls alert/confirm/prompt or writes a marker if it ever runs as script.
PAYLOADS = {
    "headline": "<script>alert('headline')</script>",
    "outlet": "<img src=x onerror=alert('outlet')>",
    "text": "<svg onload=alert('text')></svg>",
    "text2": "\"><script>confirm('attr')</script>",
    "caption": "<iframe src=javascript:alert('caption')></iframe>",
    "entity": "<details open ontoggle=prompt('entity')>",
    "search": "<body onload=alert('search')>",
}


def hostile_page() -> str:
    """A news page whose payloads arrive as text (HTML-escaped in the source)."""
    e = {k: html.escape(v) for k, v in PAYLOADS.items()}
    return f"""<!doctype html><html><head><title>{e["headline"]} Lisbon council vote</title>
<meta property="og:site_name" content="{e["outlet"]}">
<meta property="article:published_time" content="2025-11-03T10:00:00Z"></head>
<body><article><h1>{e["headline"]} Lisbon council vote</h1>
<p>LISBON: The city council of Lisbon approved a new tram line on Monday after a two-year
debate. Mayor Carlos Moedas said the line would open in 2027. A reader wrote {e["text"]} in
the comment box, and another {e["text2"]}.</p>
<figure><img src="/tram.jpg"><figcaption>The tram {e["caption"]} in Lisbon.</figcaption></figure>
<p>The line will link the airport with the old town, the council said in a statement.
Carlos Moedas said the works would start in the spring.</p></article></body></html>"""


@pytest.fixture(scope="module")
def xss_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    """(store path, ids of the story, article and renamed entity) built by the pipeline."""
    folder = tmp_path_factory.mktemp("xss")
    line = {"html": hostile_page(), "url": "https://example.org/tram", "outlet": PAYLOADS["outlet"]}
    (folder / "hostile.jsonl").write_text(json.dumps(line) + "\n")
    db = str(folder / "xss.db")
    store = open_store(db)
    try:
        report = pipeline.run([str(folder / "hostile.jsonl")], store)
        assert not report.rejected, report.rejected
        article = next(iter(store.iter_articles()))
        stored = store.stored_article(article.id)
        assert stored is not None and stored.story_id
        entities = store.entities()
        target = next(e for e in entities if "Moedas" in e.name)
        renamed = dataclasses.replace(target, name=PAYLOADS["entity"])
        store.save_entities([renamed if e.id == target.id else e for e in entities])
    finally:
        store.close()
    return db, {"story": stored.story_id, "article": article.id, "entity": target.id}


@pytest.fixture(scope="module")
def xss_base(xss_db: tuple[str, dict[str, str]]) -> Iterator[str]:
    yield from serve_app(create_app(xss_db[0]))


def test_payloads_show_as_text_and_never_run(
    browser: Browser, xss_base: str, xss_db: tuple[str, dict[str, str]]
) -> None:
    _, ids = xss_db
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    blocked: list[str] = []
    page.on("dialog", lambda d: _dismiss(d, dialogs))
    page.on("console", lambda m: _csp_violation(m, blocked))
    pages = {
        "/": ["headline", "outlet"],
        f"/stories/{ids['story']}": ["headline", "outlet"],
        f"/articles/{ids['article']}": ["headline", "outlet", "text", "text2", "caption"],
        f"/entities/{ids['entity']}": ["entity", "headline"],
        f"/search?q={quote(PAYLOADS['search'])}": ["search"],
        f"/search?q={quote('reader wrote svg onload')}": ["text"],
    }
    try:
        for path, shown in pages.items():
            page.goto(xss_base + path)
            page.wait_for_load_state("load")
            page.wait_for_timeout(200)  # time for an onerror/onload/ontoggle to fire
            body = page.inner_text("body")
            for key in shown:
                needle = PAYLOADS[key] if key != "text" or "search" not in path else "svg onload"
                assert needle in body, f"{key} payload is not shown as text on {path}"
            _assert_inert(page, path)
    finally:
        context.close()
    assert dialogs == [], f"a payload ran as script: {dialogs}"
    assert blocked == [], f"the page needed something the CSP blocks: {blocked}"


def _assert_inert(page: Page, path: str) -> None:
    """No element the payloads would create exists in the page's DOM."""
    for selector in ("main img", "main svg", "main iframe"):
        assert page.locator(selector).count() == 0, f"{selector} on {path}"
    handlers = page.evaluate(
        "() => [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]"
        ".filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name))"
    )
    assert handlers == [], f"event handler attributes on {path}: {handlers}"
    assert page.locator("script").count() == 1, f"only /static/app.js on {path}"


def _dismiss(dialog: Dialog, seen: list[str]) -> None:
    seen.append(dialog.message)
    dialog.dismiss()


def _csp_violation(message: ConsoleMessage, seen: list[str]) -> None:
    if "Content Security Policy" in message.text:
        seen.append(message.text)


def test_xss_store_holds_the_payloads_as_text(xss_db: tuple[str, dict[str, str]]) -> None:
    """The browser test means something only if the payloads reached the stored text."""
    db, ids = xss_db
    store = open_store(db)
    try:
        stored = store.stored_article(ids["article"])
        entity = store.entity(ids["entity"])
    finally:
        store.close()
    assert stored is not None and entity is not None
    article = stored.article
    assert PAYLOADS["headline"] in (article.headline or "")
    assert article.outlet == PAYLOADS["outlet"]
    assert PAYLOADS["text"] in article.text and PAYLOADS["text2"] in article.text
    assert any(PAYLOADS["caption"] in c.text for c in article.captions)
    assert entity.name == PAYLOADS["entity"]
