"""Events from small texts: kind, participants, place, governing date, evidence, merging."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from newsweave.extract.events import entity_mentions, extract_events, merge_events
from newsweave.extract.events.dates import compatible, interval
from newsweave.extract.timex import find_timexes
from newsweave.model import EventMention, SpanField
from newsweave.nlp import english

SAT = "2025-12-20"  # a Saturday

Extract = Callable[..., list[EventMention]]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return english()


@pytest.fixture(scope="module")
def events(nlp: Language) -> Extract:
    def run(
        text: str,
        dct: str | None = SAT,
        article_id: str = "a1",
        field: SpanField = "text",
        index: int | None = None,
    ) -> list[EventMention]:
        doc = nlp(text)
        found = extract_events(
            doc,
            article_id,
            timexes=find_timexes(text, dct),
            mentions=entity_mentions(doc, article_id, field=field, index=index),
            field=field,
            caption_index=index,
        )
        for ev in found:  # evidence and trigger always slice the parsed text
            assert text[ev.start : ev.end].strip() == text[ev.start : ev.end]
            assert ev.start <= ev.trigger_start < ev.trigger_end <= ev.end
            assert text[ev.trigger_start : ev.trigger_end] == ev.trigger
        return found

    return run


def _one(found: list[EventMention], kind: str) -> EventMention:
    hits = [e for e in found if e.kind == kind]
    assert len(hits) == 1, found
    return hits[0]


def test_meeting_with_participants_place_and_date(events: Extract) -> None:
    text = "German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Friday."
    ev = _one(events(text), "meeting")
    assert ev.date == "2025-12-19" and ev.precision == "day"
    assert {"Olaf Scholz", "Emmanuel Macron"} <= set(ev.participants)
    assert ev.location == "Berlin"
    assert "met" in ev.summary and "Friday" not in ev.summary
    assert ev.span.field == "text" and ev.span.index is None


def test_decision_with_a_figure(events: Extract) -> None:
    text = "European Union leaders agreed on Thursday to provide Ukraine with a €90 billion loan."
    ev = _one(events(text), "decision")
    assert ev.date == "2025-12-18"
    assert ev.figure is not None and "90 billion" in ev.figure
    assert "agreed to provide Ukraine with a €90 billion loan" in ev.summary


def test_attack_and_its_toll(events: Extract) -> None:
    text = (
        "The death toll from an overnight Russian missile strike on the port of Kharkiv "
        "rose to eight, officials said."
    )
    found = events(text)
    attack = _one(found, "attack")
    assert attack.date is not None and attack.date.startswith("2025-12-19")
    toll = _one(found, "figure")
    assert toll.figure == "eight"
    assert toll.summary.startswith("The death toll") and toll.summary.endswith("rose to eight")


def test_future_meeting_looks_ahead(events: Extract) -> None:
    text = "Canadian Foreign Minister Anita Anand will meet Japanese officials in Tokyo on Monday."
    ev = _one(events(text), "meeting")
    assert ev.date == "2025-12-22"
    assert ev.tense == "future"
    assert ev.location == "Tokyo"


def test_caption_dates_an_earlier_meeting(events: Extract) -> None:
    text = (
        "Finnish President Alexander Stubb and Swedish Prime Minister Ulf Kristersson attend "
        "a meeting with Polish President Andrzej Duda at the presidential palace in Helsinki, "
        "Finland, November 14, 2025. (Reuters)"
    )
    ev = _one(events(text, field="caption", index=0), "meeting")
    assert ev.date == "2025-11-14"
    assert ev.field == "caption" and ev.index == 0
    assert ev.span.field == "caption" and ev.span.index == 0
    assert "Alexander Stubb" in ev.participants
    assert ev.location is not None and "Helsinki" in ev.location


def test_unasserted_events_are_not_reported(events: Extract) -> None:
    assert not [e for e in events("Kenya and Ethiopia did not hold talks on Friday.")]
    assert not [e for e in events("Portugal may join the talks in Madrid on Sunday.")]
    quoted = events('"We will meet the Brazilian delegation in Lisbon on Friday," she said.')
    assert [e.kind for e in quoted] in ([], ["statement"])


def test_same_talks_reported_on_different_days_merge(events: Extract) -> None:
    saturday = events(
        "Ukrainian and American negotiators held talks in Geneva on Friday.", SAT, "sat"
    )
    monday = events(
        "The talks in Geneva between Ukrainian and American negotiators took place on "
        "December 19, officials said.",
        "2025-12-22",
        "mon",
    )
    merged = [e for e in merge_events(saturday + monday) if e.kind == "talks"]
    assert len(merged) == 1, merged
    event = merged[0]
    assert event.date == "2025-12-19" and event.precision == "day"
    assert {s.article_id for s in event.evidence} == {"sat", "mon"}
    assert "Geneva" in (event.location or "")
    assert merge_events(saturday + monday)[0].id == merge_events(monday + saturday)[0].id


def test_different_days_and_stories_stay_apart(events: Extract) -> None:
    friday = events("Ukrainian and American negotiators held talks in Geneva on Friday.")
    tuesday = events("Ukrainian and American negotiators held talks in Geneva on Tuesday.")
    assert len([e for e in merge_events(friday + tuesday) if e.kind == "talks"]) == 2
    a = events("Ukrainian and American negotiators held talks in Geneva on Friday.", SAT, "a")
    b = events("Ukrainian and American negotiators held talks in Geneva on Friday.", SAT, "b")
    stories = {"a": "s1", "b": "s2"}
    assert len(merge_events(a + b, story_of=stories)) == 2
    assert len(merge_events(a + b)) == 1


def test_day_fits_its_week_and_month_only() -> None:
    assert interval("2025-W51-WE") == interval("2025-12-20")[:1] + interval("2025-12-21")[1:]  # type: ignore[index]
    assert compatible("2025-12-19", "2025-12")
    assert compatible("2025-12-19", "2025-W51")
    assert compatible("2022-02", "2022")
    assert not compatible("2025-12-19", "2025-11")
    assert not compatible("2025-12-19", "2025-12-20")
    assert compatible(None, "2025-12-19")


def test_summary_fixes_the_article_left_by_a_dropped_date(events: Extract) -> None:
    """Dates are dropped from summaries; "an overnight Russian strike" reads "a Russian strike"."""
    found = events("Officials said an overnight Russian drone strike hit the port of Odesa.")
    attack = next(e for e in found if e.kind == "attack")
    assert attack.summary.startswith("a Russian drone strike") and attack.date == "2025-12-19TNI"
