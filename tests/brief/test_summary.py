"""The briefing: 5–8 sentences, every one cited with spans that slice the article text."""

from __future__ import annotations

from newsweave.brief.summary import MAX_SENTENCES, MIN_SENTENCES, summarise
from newsweave.compare.story import compare_story
from newsweave.store import compare_sql
from tests.brief.sample_store import main_story_id, sample_store
from tests.compare.texts import parsed


def test_the_sample_briefing_has_five_to_eight_cited_sentences() -> None:
    store = sample_store()
    sentences = compare_sql.summary(store, main_story_id(store))
    assert MIN_SENTENCES <= len(sentences) <= MAX_SENTENCES
    texts = {a.id: a.text for a in store.iter_articles()}
    for s in sentences:
        assert s.citations
        first = s.citations[0]
        assert texts[first.article_id][first.start : first.end] == s.sentence
        for c in s.citations[1:]:
            assert texts[c.article_id][c.start : c.end].strip()
    assert len({s.sentence for s in sentences}) == len(sentences)


def test_sentences_come_from_several_outlets_and_facts_are_not_repeated() -> None:
    store = sample_store()
    sentences = compare_sql.summary(store, main_story_id(store))
    cited = {c.article_id for s in sentences for c in s.citations}
    assert len(cited) >= 3
    firsts = [(s.citations[0].article_id, s.citations[0].start) for s in sentences]
    assert len(set(firsts)) == len(firsts)


def test_a_fact_two_outlets_carry_cites_both() -> None:
    articles, docs = parsed()
    result = compare_story("s", articles, docs)
    sentences = summarise(result.groups, len(result.outlets), size=2)
    assert len(sentences) == 2
    strike = [s for s in sentences if "killed" in s.sentence]
    assert strike and len({c.article_id for c in strike[0].citations}) == 2
