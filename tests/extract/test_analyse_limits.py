"""The extract stage's limits: a long text is parsed up to a break before the parse limit
(offsets stay offsets into the whole text), and an article that raises fails alone."""

from __future__ import annotations

import pytest

from newsweave import nlp, settings
from newsweave.clean import clean_document
from newsweave.extract.analyse import analyse_articles, cut_point
from newsweave.model import Article, Document, sha256_hex
from tests.conftest import SAMPLES


@pytest.mark.parametrize(
    ("text", "limit", "cut"),
    [
        ("short text", 100, 10),
        ("First paragraph here.\n\nSecond paragraph is longer.", 40, 23),
        ("A line of some words here\nand the next line", 30, 26),
        ("Words in a sentence end. More words after it", 30, 25),
        ("words without any sentence end at all", 20, 18),
        ("x" * 50, 20, 20),
    ],
)
def test_cut_point_prefers_paragraphs_then_lines_sentences_words_in_the_second_half(
    text: str, limit: int, cut: int
) -> None:
    assert cut_point(text, limit) == cut
    assert cut <= limit


def _articles() -> list[Article]:
    raw = (SAMPLES / "003_fb0497bd58dd550c.txt").read_text()
    doc = Document("s.txt", raw, "text", "utf-8", sha256_hex(raw))
    return clean_document(doc)


def test_long_text_is_analysed_up_to_the_limit_with_a_note(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dataclasses

    article = dataclasses.replace(_articles()[0], language="en")
    monkeypatch.setattr(settings, "MAX_PARSE_CHARS", 1000)
    [facts] = analyse_articles([article])
    cut = cut_point(article.text, 1000)
    assert facts.analysed and facts.status == "partial"
    assert facts.note and f"first {cut:,} of {len(article.text):,} characters" in facts.note
    assert facts.mentions, "the analysed part still yields facts"
    for m in facts.mentions:
        if m.field == "text":
            assert m.end <= cut and article.text[m.start : m.end] == m.text


def test_an_article_that_raises_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    base = dataclasses.replace(_articles()[0], language="en")
    short = dataclasses.replace(base, part=base.part + 1, text=base.text[:500])
    monkeypatch.setattr(nlp.english(), "max_length", 600)
    done, failed = analyse_articles([short, base])
    assert done.status == "done" and done.mentions
    assert failed.status == "failed" and failed.failed and not failed.mentions
    assert failed.note and "ValueError: [E088]" in failed.note
