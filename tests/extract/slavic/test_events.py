"""Russian and Ukrainian event mentions: kind, participants, place, date, tense."""

from __future__ import annotations

from newsweave.extract.slavic import analyse_slavic
from newsweave.model import Article, EventMention, OffsetMap


def _events(text: str, language: str) -> list[EventMention]:
    article = Article("s.txt", "h", 0, text, OffsetMap(), published="2025-12-07", language=language)
    facts = analyse_slavic(article)
    for e in facts.events:
        assert text[e.trigger_start : e.trigger_end] == e.trigger
        assert e.start <= e.trigger_start < e.trigger_end <= e.end
    return facts.events


def test_russian_trip_meeting_and_future_talks() -> None:
    text = (
        "Спецпредставитель президента России Кирилл Дмитриев прибыл в Вашингтон в понедельник. "
        "«Встреча была полезной», — сказал он.\n"
        "Во вторник Дмитриев встретился со Стивом Уиткоффом в Майами. "
        "Переговоры продолжатся на следующей неделе."
    )
    trip, meeting, talks = _events(text, "ru")
    assert (trip.kind, trip.location, trip.date) == ("trip", "Вашингтон", "2025-12-01")
    assert "Кирилл Дмитриев" in trip.participants
    assert (meeting.kind, meeting.location, meeting.date) == ("meeting", "Майами", "2025-12-02")
    assert (talks.kind, talks.date, talks.tense) == ("talks", "2025-W50", "future")
    # the quoted "Встреча" is someone's words, not the article's account of an event
    assert not any(e.trigger == "Встреча" for e in (trip, meeting, talks))


def test_ukrainian_attack_with_place_and_an_undated_placeless_sentence_dropped() -> None:
    text = "Вчора ввечері російські війська завдали ракетного удару по Харкову. Удари тривають."
    (attack,) = _events(text, "uk")
    assert (attack.kind, attack.date, attack.location) == ("attack", "2025-12-06", "Харків")
