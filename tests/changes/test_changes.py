"""The change log's pure parts: what cluster decisions and new comparisons changed, and
the time windows users write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from newsweave.changes import Membership, claim_changes, membership_changes, parse_since
from newsweave.model import Claim, Disagreement, Span

AT = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)


@dataclass(frozen=True)
class Head:
    outlet: str | None
    headline: str | None = None
    published: str | None = "2026-12-07"
    url: str | None = None
    agency: str | None = None
    source: str = "x.txt"
    part: int = 0


def test_a_new_story_logs_itself_its_articles_and_each_outlet_once() -> None:
    m = Membership(
        members={"story-a1": ["a1", "a2", "a3"]},
        moved={"a1": "story-a1", "a2": "story-a1", "a3": "story-a1"},
        before={"a1": None, "a2": None, "a3": None},
        existed=frozenset(),
        gone={},
        heads={"a1": Head("Herald", "Port closes"), "a2": Head("Herald"), "a3": Head("Post")},
        titles={"story-a1": "Port closes"},
    )
    changes, merged = membership_changes(m, AT)
    kinds = [(c.kind, c.subject) for c in changes]
    assert kinds == [
        ("story", "story-a1"),
        ("article", "a1"),
        ("article", "a2"),
        ("article", "a3"),
        ("outlet", "Herald"),
        ("outlet", "Post"),
    ]
    assert merged == {}
    assert changes[1].detail["headline"] == "Port closes" and changes[1].at == AT


def test_a_grown_story_logs_only_the_new_article_and_outlet() -> None:
    m = Membership(
        members={"story-a1": ["a1", "a2", "a4"]},
        moved={"a4": "story-a1"},
        before={"a4": None},
        existed=frozenset({"story-a1"}),
        gone={},
        heads={"a1": Head("Herald"), "a2": Head("Post"), "a4": Head("Post", "Second take")},
        titles={"story-a1": "Port closes"},
    )
    changes, _ = membership_changes(m, AT)
    assert [(c.kind, c.subject) for c in changes] == [("article", "a4")]  # Post was there


def test_a_merge_is_one_change_and_the_gone_story_points_at_the_survivor() -> None:
    m = Membership(
        members={"story-a1": ["a1", "b1", "b2"]},
        moved={"b1": "story-a1", "b2": "story-a1"},
        before={"b1": "story-b1", "b2": "story-b1"},
        existed=frozenset({"story-a1", "story-b1"}),
        gone={"story-b1": "Port reopens"},
        heads={"a1": Head("Herald"), "b1": Head("Wire"), "b2": Head("Herald")},
        titles={"story-a1": "Port closes"},
    )
    changes, merged = membership_changes(m, AT)
    assert merged == {"story-b1": "story-a1"}
    assert [(c.kind, c.subject) for c in changes] == [
        ("merge", "story-b1"),
        ("outlet", "Wire"),
    ]
    assert changes[0].detail == {
        "title": "Port reopens",
        "article_ids": ["b1", "b2"],
        "outlets": ["Herald", "Wire"],
    }


def _claim(cid: str, *spans: tuple[str, int, int], values: dict[str, str] | None = None) -> Claim:
    evidence = tuple(Span(a, s, e) for a, s, e in spans)
    disagreements = (Disagreement("number", values, evidence),) if values else ()
    return Claim(cid, "story-a1", f"claim {cid}", ("Herald",), (), disagreements, evidence)


def test_first_comparison_logs_one_summary() -> None:
    claims = [_claim("c1", ("a1", 0, 9)), _claim("c2", ("a1", 10, 20), values={"A": "1"})]
    [change] = claim_changes("story-a1", AT, claims, ["a1"], None, None)
    assert (change.kind, change.detail) == ("claims", {"claims": 2, "disagreements": 1})


def test_only_claims_and_disagreements_new_articles_bring_are_logged() -> None:
    previous = [_claim("c1", ("a1", 0, 9)), _claim("c2", ("a1", 10, 20))]
    claims = [
        _claim("c1b", ("a1", 0, 9), ("a2", 5, 9)),  # grew: its old evidence was there
        _claim("c2", ("a1", 10, 20)),  # unchanged
        _claim("c3", ("a2", 30, 40)),  # new, from the new article
        _claim("c4", ("a1", 50, 60)),  # new alignment of an old article: not news
        _claim("c5", ("a1", 10, 20), ("a2", 0, 4), values={"Herald": "23", "Post": "25"}),
    ]
    changes = claim_changes("story-a1", AT, claims, ["a1", "a2"], previous, ["a1"])
    assert [(c.kind, c.subject) for c in changes if c.kind == "claim"] == [("claim", "c3")]
    [disagreement] = [c for c in changes if c.kind == "disagreement"]
    assert disagreement.detail["values"] == {"Herald": "23", "Post": "25"}
    assert disagreement.detail["evidence"][1] == {"article_id": "a2", "start": 0, "end": 4}
    again = claim_changes("story-a1", AT, claims, ["a1", "a2"], claims, ["a1", "a2"])
    assert again == []


def test_change_ids_are_stable_per_story_kind_and_subject() -> None:
    m = Membership(
        {"s": ["a"]}, {"a": "s"}, {"a": None}, frozenset({"s"}), {}, {"a": Head("H")}, {}
    )
    first, _ = membership_changes(m, AT)
    later, _ = membership_changes(m, AT + timedelta(hours=3))
    assert [c.id for c in first] == [c.id for c in later]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24h", AT - timedelta(hours=24)),
        ("90m", AT - timedelta(minutes=90)),
        ("7d", AT - timedelta(days=7)),
        ("2w", AT - timedelta(weeks=2)),
        ("2026-12-06", datetime(2026, 12, 6, tzinfo=UTC)),
        ("2026-12-06T08:15", datetime(2026, 12, 6, 8, 15, tzinfo=UTC)),
        ("2026-12-06T10:15+02:00", datetime(2026, 12, 6, 8, 15, tzinfo=UTC)),
    ],
)
def test_since_reads_spans_back_and_iso_times(text: str, expected: datetime) -> None:
    assert parse_since(text, now=AT) == expected


def test_since_says_what_it_accepts() -> None:
    with pytest.raises(ValueError, match="24h"):
        parse_since("yesterday", now=AT)
