"""Events on the sample corpus: the issue's must-shows, with exact evidence spans."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from newsweave.clean import clean_document
from newsweave.extract.events import entity_mentions, extract_events, merge_events
from newsweave.extract.timex import find_timexes
from newsweave.ingest import iter_documents
from newsweave.model import Article, Document, Event, EventMention, Span
from newsweave.nlp import parse

Texts = dict[tuple[str, str, int | None], str]


@pytest.fixture(scope="module")
def corpus() -> tuple[list[Event], Texts]:
    articles: list[Article] = [
        a for d in iter_documents(["samples"]) if isinstance(d, Document) for a in clean_document(d)
    ]
    jobs: list[tuple[Article, str, str, int | None]] = []
    for a in articles:
        jobs.append((a, a.text, "text", None))
        jobs += [(a, c.text, "caption", i) for i, c in enumerate(a.captions)]
    texts: Texts = {}
    found: list[EventMention] = []
    for (a, text, field, index), doc in zip(jobs, parse([j[1] for j in jobs]), strict=True):
        texts[(a.id, field, index)] = text
        found += extract_events(
            doc,
            a.id,
            timexes=find_timexes(text, a.published),
            mentions=entity_mentions(doc, a.id, field=field, index=index),  # type: ignore[arg-type]
            field=field,  # type: ignore[arg-type]
            caption_index=index,
        )
    return merge_events(found), texts


def _evidence(texts: Texts, span: Span) -> str:
    return texts[(span.article_id, span.field, span.index)][span.start : span.end]


def _find(events: Sequence[Event], texts: Texts, kind: str, date: str, *words: str) -> Event:
    for ev in events:
        said = " ".join(_evidence(texts, s) for s in ev.evidence)
        if ev.kind == kind and ev.date == date and all(w in said for w in words):
            return ev
    raise AssertionError(f"no {kind} on {date} with {words}: {events}")


def test_every_evidence_span_slices_a_sentence(corpus: tuple[list[Event], Texts]) -> None:
    events, texts = corpus
    for ev in events:
        for span in ev.evidence:
            words = _evidence(texts, span)
            assert words and words == words.strip() and "\n" not in words


def test_must_show_events(corpus: tuple[list[Event], Texts]) -> None:
    events, texts = corpus
    decision = _find(events, texts, "decision", "2025-12-19", "90 billion")
    assert len({s.article_id for s in decision.evidence}) >= 2
    _find(events, texts, "press_conference", "2025-12-19", "news conference")
    kremlin = _find(events, texts, "meeting", "2025-12-02", "Kremlin")
    assert any(s.field == "caption" and s.index == 0 for s in kremlin.evidence)
    assert kremlin.location is not None and "Moscow" in kremlin.location
    talks = [
        e
        for e in events
        if e.kind in ("talks", "meeting")
        and e.date in ("2025-12-20", "2025-12-21")
        and e.location is not None
        and "Miami" in e.location
    ]
    assert talks, events
    invasion = _find(events, texts, "invasion", "2022-02", "February 2022")
    assert invasion.precision == "month"
    assert len({s.article_id for s in invasion.evidence}) >= 2
