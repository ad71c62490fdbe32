"""Story views: JSON-ready data every front end renders, from the real sample store."""

from __future__ import annotations

import json

from newsweave.present import stories_view, story_view
from tests.brief.sample_store import main_story_id, sample_store


def test_story_list_gives_outlets_dates_and_sizes() -> None:
    store = sample_store()
    stories = stories_view(store)
    assert stories
    main = next(s for s in stories if s["id"] == main_story_id(store))
    assert main["article_count"] == 5 and len(main["outlets"]) == 5
    assert main["first_published"] <= main["last_published"]
    assert main["claim_count"] > 0
    json.dumps(stories)  # JSON-ready


def test_story_view_has_every_part_and_is_json_ready() -> None:
    store = sample_store()
    view = story_view(store, main_story_id(store))
    assert view is not None
    for key in ("articles", "timeline", "summary", "claims", "framing", "quotes", "sources"):
        assert view[key], key
    json.dumps(view)
    assert {a["id"] for a in view["articles"]} == set(view["article_ids"])


def test_each_claim_says_supports_silent_or_differs_for_every_outlet() -> None:
    store = sample_store()
    view = story_view(store, main_story_id(store))
    assert view is not None
    for claim in view["claims"]:
        statuses = claim["by_outlet"]
        assert set(statuses) == set(view["outlets"])
        assert {s["status"] for s in statuses.values()} <= {"supports", "silent", "differs"}
        carried = {o for o, s in statuses.items() if s["status"] != "silent"}
        assert carried == set(claim["outlets_supporting"])


def test_quotes_are_grouped_by_speaker_with_exact_citations() -> None:
    store = sample_store()
    view = story_view(store, main_story_id(store))
    assert view is not None
    texts = {a.id: a.text for a in store.iter_articles()}
    for group in view["quotes"]:
        for q in group["quotes"]:
            c = q["citation"]
            assert texts[c["article_id"]][c["start"] : c["end"]] == q["text"]
    counts = [len(g["quotes"]) for g in view["quotes"] if g["speaker"] != "(unattributed)"]
    assert counts == sorted(counts, reverse=True)


def test_an_unknown_story_has_no_view() -> None:
    assert story_view(sample_store(), "story-does-not-exist") is None
