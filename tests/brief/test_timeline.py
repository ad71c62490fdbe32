"""Timeline order (days, weeks, months, years), folding repeats, and the sample story's order."""

from __future__ import annotations

from newsweave.brief.timeline import sort_key, timeline
from newsweave.model import Event, Span
from tests.brief.sample_store import main_story_id, sample_store


def _event(i: str, date: str | None, kind: str = "meeting", who: tuple[str, ...] = ()) -> Event:
    return Event(i, kind, f"event {i}", date, "day", who, None, (Span(f"a{i}", 0, 5),))


def test_partial_and_week_dates_sort_by_the_day_they_start() -> None:
    dates = ["2025-12-20", "2025-W51-WE", "2025-12", "2025", "2025-12-19TNI", "2025-12-22"]
    ordered = sorted(dates, key=sort_key)
    assert ordered == [
        "2025",
        "2025-12",
        "2025-12-19TNI",
        "2025-12-20",
        "2025-W51-WE",
        "2025-12-22",
    ]


def test_undated_events_are_left_out_and_repeats_folded() -> None:
    events = [
        _event("1", "2025-12-21", who=("p-a",)),
        _event("2", None),
        _event("3", "2025-12-19", who=("p-b",)),
        _event("4", "2025-12-21", who=("p-a", "p-c")),
        _event("5", "P4Y"),
    ]
    entries = timeline(events, {"p-a": "Ann", "p-b": "Bo", "p-c": "Cy"})
    assert [e.date for e in entries] == ["2025-12-19", "2025-12-21"]
    assert entries[1].participants == ("Ann", "Cy")
    assert len(entries[1].citations) == 2 and entries[1].event_ids == ("1", "4")


def test_the_sample_timeline_runs_from_the_kremlin_meeting_to_the_reactions() -> None:
    from newsweave.present import story_view

    store = sample_store()
    view = story_view(store, main_story_id(store))
    assert view is not None
    dates = [t["date"] for t in view["timeline"]]
    assert dates == sorted(dates, key=sort_key)
    days = [d[:10] for d in dates]
    for wanted in ("2025-12-02", "2025-12-19", "2025-12-20", "2025-12-21", "2025-12-22"):
        assert wanted in days, (wanted, days)
    loan = [t for t in view["timeline"] if "90 billion" in t["summary"]]
    assert loan and loan[0]["date"] == "2025-12-19"
