"""Changes in words: one line per kind of change, and how long ago."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsweave.model import StoryChange
from newsweave.present.changes import KIND_ORDER, ago, change_json, describe

AT = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("kind", "subject", "detail", "words"),
    [
        ("story", "story-a", {"title": "Port closes"}, "new story: Port closes"),
        (
            "article",
            "a2",
            {"outlet": "Post", "headline": "Port shut", "from_story": None},
            "article added: Post: Port shut",
        ),
        ("outlet", "Post", {"article_id": "a2"}, "Post joined the story"),
        (
            "merge",
            "story-b",
            {"title": "Port reopens", "article_ids": ["b1", "b2"], "outlets": ["Wire"]},
            "merged with “Port reopens” (2 article(s): Wire)",
        ),
        (
            "claims",
            "",
            {"claims": 12, "disagreements": 1},
            "compared: 12 claim(s), 1 disagreement(s)",
        ),
        (
            "claim",
            "c1",
            {"text": "The port closed.", "outlets": ["Herald", "Post"]},
            "new claim: The port closed. (Herald, Post)",
        ),
        (
            "disagreement",
            "k",
            {"kind": "number", "values": {"Post": "25", "Herald": "23"}, "claim": "23 ships"},
            "outlets disagree (number): Herald: 23; Post: 25 on “23 ships”",
        ),
    ],
)
def test_each_kind_of_change_reads_as_one_line(
    kind: str, subject: str, detail: dict[str, object], words: str
) -> None:
    change = StoryChange("story-a", AT, kind, subject, detail)  # type: ignore[arg-type]
    assert kind in KIND_ORDER
    assert describe(change) == words
    row = change_json(change, "Port closes")
    assert row["at"] == "2026-12-07T09:00:00+00:00" and row["text"] == words


@pytest.mark.parametrize(
    ("back", "words"),
    [
        (timedelta(seconds=20), "just now"),
        (timedelta(minutes=55, seconds=59), "55 min ago"),
        (timedelta(hours=3, minutes=59), "3 h ago"),
        (timedelta(days=1, hours=2), "1 day ago"),
        (timedelta(days=9), "9 days ago"),
    ],
)
def test_ago_in_words(back: timedelta, words: str) -> None:
    assert ago(AT - back, now=AT) == words
