from __future__ import annotations

import pytest

from newsweave.ingest.formats import is_truncated_html, sniff

PAGE = "<!DOCTYPE html><html><body><p>Hello</p></body></html>"


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.html", "plain words", "html"),
        ("a.htm.gz", "plain words", "html"),
        ("a.jsonl", "{}", "jsonl"),
        ("page", PAGE, "html"),
        ("lines", '{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        ("scrape.txt", "Headline\n\nBody with a stray <u>tag</u> inside.\n", "text"),
        ("scrape.txt", "## Markdown headline\n\nBody.", "text"),
    ],
)
def test_sniff(name: str, text: str, expected: str) -> None:
    assert sniff(name, text) == expected


def test_truncated_page_is_detected() -> None:
    assert is_truncated_html("<html><body><p>The harbour reopened on")
    assert not is_truncated_html(PAGE)
    # A fragment (JSONL html field) has no page tags to close.
    assert not is_truncated_html("<article><p>Fragment</p></article>")
