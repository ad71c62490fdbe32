"""Property-based: for arbitrary text, the extractors raise nothing (no article comes back
failed) and every span they return slices within its article, its text or its caption."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.clean import clean_document
from newsweave.extract.analyse import analyse_articles
from newsweave.model import Article, ArticleFacts, Document, sha256_hex

WORDS = st.sampled_from(
    [
        "The", "president", "Zelenskyy", "said", "told", "reporters", "on", "Friday", "last",
        "week", "in", "Kyiv", "Moscow", "the", "Kremlin", "envoy", "Steve", "Witkoff", "met",
        "with", "Putin", "“We", "will", "win,”", "he", "said.", "“", "”", "'", "\"", "said:",
        "according", "to", "Reuters", "$5", "billion", "23", "pirates", "2025-12-22",
        "Dec.", "21,", "overnight", "-", "(AFP)", ",", ".", "?", "WASHINGTON:", "é", "中",
    ]
)  # fmt: skip
TEXT = st.one_of(
    st.lists(st.tuples(WORDS, st.sampled_from([" ", " ", " ", "\n", "\n\n"])), max_size=150).map(
        lambda pairs: "".join(w + sep for w, sep in pairs)
    ),
    st.text(max_size=600),
)


def _within(article: Article, field: str, index: int | None, start: int, end: int) -> str:
    """The characters ``[start, end)`` of the article's text or caption ``index``."""
    text = article.text if field == "text" else article.captions[index or 0].text
    assert 0 <= start <= end <= len(text), (field, index, start, end, len(text))
    return text[start:end]


def _check_spans(article: Article, facts: ArticleFacts) -> None:
    for m in facts.mentions:
        assert _within(article, m.field, m.index, m.start, m.end) == m.text
    for q in facts.quotes:
        assert _within(article, "text", None, q.start, q.end) == q.text
        if q.speaker_start is not None and q.speaker_end is not None:
            _within(article, "text", None, q.speaker_start, q.speaker_end)
    for placed in facts.timexes:
        t = placed.timex
        assert _within(article, placed.field, placed.index, t.start, t.end) == t.text
    for e in facts.events:
        _within(article, e.field, e.index, e.start, e.end)
        _within(article, e.field, e.index, e.trigger_start, e.trigger_end)


@settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(raw=TEXT, published=st.sampled_from([None, "2025-12-22", "2024-02"]))
def test_extractors_never_raise_and_spans_slice_their_article(
    raw: str, published: str | None
) -> None:
    doc = Document("prop.txt", raw, "text", "utf-8", sha256_hex(raw))
    articles = [
        dataclasses.replace(a, language="en", published=published or a.published)
        for a in clean_document(doc)
    ]
    for article, facts in zip(articles, analyse_articles(articles), strict=True):
        assert not facts.failed, facts.note
        assert facts.article_id == article.id
        _check_spans(article, facts)
