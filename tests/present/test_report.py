"""The HTML report: article text is always escaped text."""

from __future__ import annotations

from pathlib import Path

from newsweave.model import Article, OffsetMap
from newsweave.present import render_report
from newsweave.store import open_store


def test_article_text_is_escaped_never_markup(tmp_path: Path) -> None:
    from newsweave.model import Document, sha256_hex
    from newsweave.store.base import Ingested

    store = open_store(str(tmp_path / "x.db"))
    text = (
        'The council said on Monday it approved a <script>alert("x")</script> fund of '
        "€5 million for <img src=x onerror=alert(1)> schools in Valdora."
    )
    doc = Document("x.txt", text, "text", "utf-8", sha256_hex(text))
    a = Article(
        "x.txt",
        doc.content_hash,
        0,
        text,
        OffsetMap(),
        headline="<b>Hi</b>",
        language="en",
        published="2025-03-03",
        outlet="Example",
    )
    store.save([Ingested(doc, [a])])
    from newsweave import pipeline

    pipeline.run_stages(store)
    html = render_report(store)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;Hi&lt;/b&gt;" in html
    store.close()
