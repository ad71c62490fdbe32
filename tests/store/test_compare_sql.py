from __future__ import annotations

from newsweave.model import Story, SummarySentence
from newsweave.store import SqlStore, compare_sql


def test_results_of_vanished_stories_go_however_many_stories_remain(store: SqlStore) -> None:
    """70,000 stories kept: a list of their ids would be more bound parameters than
    PostgreSQL accepts (65,535; the list version failed here) or SQLite's default 32,766."""
    kept = [Story(f"s{i}", "title", ()) for i in range(70_000)]
    store.save_stories({}, kept, [], "1")
    compare_sql.save_summary(store, "s1", [SummarySentence("Kept.", ())])
    compare_sql.save_summary(store, "merged-away", [SummarySentence("Orphan.", ())])
    compare_sql.delete_story_results(store)
    assert [s.sentence for s in compare_sql.summary(store, "s1")] == ["Kept."]
    assert compare_sql.summary(store, "merged-away") == []
