from __future__ import annotations

from newsweave.model import Story, SummarySentence
from newsweave.store import SqlStore, compare_sql


def test_stories_merged_away_take_their_results_however_many_stories_change(
    store: SqlStore,
) -> None:
    """70,000 stories written and 40,000 merged away in one call: one list of their ids
    would be more bound parameters than PostgreSQL (65,535) or SQLite (32,766) accept."""
    kept = [Story(f"s{i}", "title", ()) for i in range(70_000)]
    store.save_stories({}, kept, [], [], "1")
    compare_sql.save_summary(store, "s1", [SummarySentence("Kept.", ())])
    compare_sql.save_summary(store, "s50000", [SummarySentence("Merged away.", ())])
    store.stamp_stories(["s1", "s50000"], "brief", "1")
    rewritten = [Story(f"s{i}", "new title", ()) for i in range(30_000)]
    gone = [f"s{i}" for i in range(30_000, 70_000)]
    store.save_stories({}, rewritten, gone, [], "1", clears_stories=["brief"])
    assert [s.sentence for s in compare_sql.summary(store, "s1")] == ["Kept."]
    assert compare_sql.summary(store, "s50000") == []
    assert store.story_stamps() == []
    assert {s.title for s in store.stories()} == {"new title"} and len(store.stories()) == 30_000
    assert store.pending_stories("brief", "1")[:2] == ["s0", "s1"]
