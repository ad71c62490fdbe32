"""Streaming story clustering on small hand-written articles, with the shipped model."""

from __future__ import annotations

import dataclasses
import json

import pytest

from newsweave.cluster import ClusterInput, ClusterModel, StoryClusterer, featurize
from newsweave.cluster.features import capitalised_names, day_number, tokenize
from newsweave.keyed import KeyedState, manifest
from tests.cluster import texts


def _inputs() -> list[ClusterInput]:
    return [
        ClusterInput(f"v{i}", h, t, d, "en")
        for i, ((h, t), d) in enumerate(zip(texts.VOLCANO, texts.VOLCANO_DATES, strict=True))
    ]


def test_shipped_model_loads_and_matches_the_code() -> None:
    model = ClusterModel.load()
    assert 0.0 < model.threshold < 1.0
    assert model.window_days >= 1
    assert "ECB+" in model.trained_on
    assert ClusterModel.from_dict(__import__("json").loads(model.to_json())) == model


def test_a_model_for_other_story_features_is_refused_with_what_to_do() -> None:
    model = ClusterModel.load()
    with pytest.raises(ValueError, match=r"story weights.*train_cluster_model"):
        dataclasses.replace(model, story_weights=model.story_weights[1:])


def test_reports_of_one_event_form_one_story_and_other_news_another() -> None:
    clusterer = StoryClusterer()
    first, *rest = [clusterer.assign(item) for item in _inputs()]
    assert first.new_story
    assert all(a.story_id == first.story_id and not a.new_story for a in rest)
    strike = clusterer.assign(ClusterInput("s1", *texts.TRAIN_STRIKE, "2024-03-13", "en"))
    assert strike.new_story and strike.story_id != first.story_id


def test_same_person_months_apart_is_two_stories() -> None:
    clusterer = StoryClusterer()
    feb = clusterer.assign(ClusterInput("a", *texts.SCHOLZ_FEB, "2024-04-16", "en"))
    nov = clusterer.assign(ClusterInput("b", *texts.SCHOLZ_NOV, "2024-11-06", "en"))
    assert feb.story_id != nov.story_id


def test_later_articles_do_not_move_earlier_ones() -> None:
    clusterer = StoryClusterer()
    for item in _inputs():
        clusterer.assign(item)
    before = clusterer.assignments()
    clusterer.assign(ClusterInput("s1", *texts.TRAIN_STRIKE, "2024-03-14", "en"))
    clusterer.assign(ClusterInput("f1", *texts.FRENCH, "2024-03-16", "fr"))
    after = clusterer.assignments()
    assert {k: after[k] for k in before} == before
    assert after["f1"] not in set(before.values())


def test_rebuilt_state_assigns_like_the_original() -> None:
    items = _inputs()
    live = StoryClusterer()
    rows = [(item, live.assign(item).story_id) for item in items[:2]]
    rebuilt = StoryClusterer.from_assignments(rows)
    assert rebuilt.assign(items[2]).story_id == live.assign(items[2]).story_id == rows[0][1]


def test_rebuild_then_assign_is_deterministic_and_keeps_earlier_stories() -> None:
    items = _inputs()
    live = StoryClusterer()
    rows = [(item, live.assign(item).story_id) for item in items]
    later = [
        ClusterInput("s1", *texts.TRAIN_STRIKE, "2024-03-14", "en"),
        ClusterInput("f1", *texts.FRENCH, "2024-03-16", "fr"),
    ]
    runs = []
    for _ in range(2):
        rebuilt = StoryClusterer.from_assignments(rows)
        got = [rebuilt.assign(item) for item in later]
        runs.append(([(a.story_id, round(a.probability, 9)) for a in got], rebuilt.assignments()))
    assert runs[0] == runs[1]
    after = runs[0][1]
    assert all(after[item.id] == story for item, story in rows)
    assert after["s1"] != rows[0][1]


def _saved(clusterer: StoryClusterer, rows: dict[str, bytes]) -> dict[str, bytes]:
    """``rows`` (a store's state rows) after saving what ``clusterer`` changed."""
    changes = clusterer.rows(manifest(0, "test"))
    out = {} if changes.reset else dict(rows)
    for key, value in changes.changes.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def _resumed(rows: dict[str, bytes]) -> StoryClusterer:
    return StoryClusterer(state=KeyedState(lambda keys: {k: rows[k] for k in keys if k in rows}))


def test_a_clusterer_resumed_from_its_rows_decides_as_the_original() -> None:
    volcano = _inputs()
    items = [
        *volcano[:2],
        ClusterInput("s1", *texts.TRAIN_STRIKE, "2024-03-14", "en"),
        *volcano[2:],
        ClusterInput("f1", *texts.FRENCH, "2024-03-16", "fr"),
        ClusterInput("s2", *texts.TRAIN_STRIKE, "2024-03-15", "en"),
    ]
    live = StoryClusterer()
    whole = [live.assign(item) for item in items]
    first = StoryClusterer()
    for item in items[:3]:
        first.assign(item)
    rows = _saved(first, {})
    assert json.loads(rows["meta"])["seq"] == 3
    assert sorted(k for k in rows if k.startswith("story:")) == ["story:story-s1", "story:story-v0"]
    # resumed one article at a time: each run reads and writes only what it touches
    for item, expected in zip(items[3:], whole[3:], strict=True):
        resumed = _resumed(rows)
        assert resumed.assign(item) == expected  # same story, same probability to the bit
        assert resumed.assignments() == {
            a: s for a, s in live.assignments().items() if s == expected.story_id
        } or expected.merged
        rows = _saved(resumed, rows)
    assert rows == _saved(live, {})  # the rows of the never-stopped stream, byte for byte


def test_a_resumed_clusterer_reads_only_the_rows_its_article_hits() -> None:
    volcano = _inputs()
    first = StoryClusterer()
    for item in volcano:
        first.assign(item)
    first.assign(ClusterInput("s1", *texts.TRAIN_STRIKE, "2024-03-14", "en"))
    rows = _saved(first, {})
    resumed = _resumed(rows)
    resumed.assign(ClusterInput("f1", *texts.FRENCH, "2024-03-16", "fr"))
    # the French article shares no blocking key with either story: no story row is read
    assert resumed.touched == {"story-f1"} and list(resumed.stories) == ["story-f1"]
    assert resumed.state.reads < len(rows) / 2


def test_story_summary_has_a_central_title_and_dates() -> None:
    clusterer = StoryClusterer()
    for item in _inputs():
        clusterer.assign(item)
    dates = {item.id: item.published for item in _inputs()}
    (story,) = clusterer.summaries(dates)
    assert story.title in {h for h, _ in texts.VOLCANO}
    assert (story.first_published, story.last_published) == ("2024-03-13", "2024-03-15")
    assert story.article_ids == ("v0", "v1", "v2")


def test_names_can_come_from_a_real_ner() -> None:
    given = ClusterInput("x", "Headline", "plain words only", names=("Ursula von der Leyen",))
    assert set(featurize(given).names) == {"ursula von der leyen", "ursula", "leyen"}
    found = capitalised_names("Yesterday Claus Weselsky said the GDL union would strike.")
    assert "Claus Weselsky" in found
    assert "Yesterday" not in " ".join(found)


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2024-03-13", 738958), ("2024-03", 738960), ("2024", None), (None, None)],
)
def test_day_number_keeps_dates_to_the_month(published: str | None, expected: int | None) -> None:
    assert day_number(published) == expected


def test_tokenize_drops_stop_words_in_several_languages() -> None:
    assert tokenize("The train and the union") == ["train", "union"]
    assert tokenize("Les contrôleurs de la SNCF") == ["contrôleurs", "sncf"]


def test_unrelated_articles_of_one_day_stay_apart() -> None:
    """A general feed is mostly unrelated articles of the same days: sharing a day (and a
    country) is not evidence of one story."""
    clusterer = StoryClusterer()
    day = "2024-03-13"
    articles = [texts.VOLCANO[0], texts.TRAIN_STRIKE, texts.SCHOLZ_FEB, texts.SCHOLZ_NOV]
    found = [clusterer.assign(ClusterInput(f"u{i}", *a, day, "en")) for i, a in enumerate(articles)]
    assert len({a.story_id for a in found[:3]}) == 3


def test_a_one_article_story_needs_the_single_threshold_to_be_joined() -> None:
    shipped = ClusterModel.load()
    first, second, *_ = _inputs()
    joined = StoryClusterer(shipped)
    joined.assign(first)
    probability = joined.assign(second).probability
    assert 0.0 < probability < 1.0
    strict = dataclasses.replace(shipped, single_threshold=min(1.0, probability + 0.01))
    apart = StoryClusterer(strict)
    a, b = apart.assign(first), apart.assign(second)
    assert b.new_story and a.story_id != b.story_id
    # without it, the ordinary join threshold lets the second article in
    loose = dataclasses.replace(shipped, single_threshold=0.0)
    together = StoryClusterer(loose)
    assert not [together.assign(item) for item in (first, second)][1].new_story


def test_work_per_article_is_the_recent_members_of_its_candidates() -> None:
    """``pairs_scored`` counts one pair per recent member of each scored story: reports of
    one event each score against the story's members so far (no merges among them)."""
    clusterer = StoryClusterer()
    inputs = _inputs()
    for n, item in enumerate(inputs):
        before = clusterer.pairs_scored
        clusterer.assign(item)
        assert clusterer.pairs_scored - before == n  # the one story holds n members
    assert clusterer.pairs_scored == sum(range(len(inputs)))
