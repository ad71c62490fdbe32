"""Aligning claims across outlets: same fact, silence, differing figures, conversions.

The weights and threshold in ``compare.align`` were set by reading aligned pairs;
these texts pin the behaviour they must keep.
"""

from __future__ import annotations

from newsweave.compare.claims import split_claims
from newsweave.compare.story import compare_story
from newsweave.model import Claim
from tests.compare.texts import parsed


def _claim(claims: list[Claim], words: str) -> Claim:
    found = [c for c in claims if words in c.text]
    assert found, f"no claim with {words!r}: {[c.text for c in claims]}"
    return found[0]


def test_claims_are_exact_spans_of_the_article_text() -> None:
    articles, docs = parsed()
    for a, doc in zip(articles, docs, strict=True):
        units = split_claims(a, doc, a.outlet or "")
        assert units
        for u in units:
            assert a.text[u.start : u.end] == u.text
            assert u.text == u.text.strip()


def test_the_same_fact_aligns_and_the_outlet_without_it_is_silent() -> None:
    articles, docs = parsed()
    result = compare_story("s", articles, docs)
    strike = _claim(result.claims, "killed")
    assert strike.outlets_supporting == ("Coastal Post", "Harbour Herald")
    assert strike.outlets_silent == ("Valley Times",)
    assert {s.article_id for s in strike.evidence} == {
        a.id for a in articles if a.outlet in strike.outlets_supporting
    }


def test_different_death_tolls_are_a_disagreement() -> None:
    articles, docs = parsed()
    strike = _claim(compare_story("s", articles, docs).claims, "killed")
    numbers = [d for d in strike.disagreements if d.kind.startswith("number")]
    assert numbers, strike
    assert numbers[0].values == {"Coastal Post": "12", "Harbour Herald": "eight"}


def test_a_conversion_next_to_the_same_amount_is_no_disagreement() -> None:
    articles, docs = parsed()
    fund = _claim(compare_story("s", articles, docs).claims, "reconstruction fund")
    assert fund.outlets_supporting == ("Harbour Herald", "Valley Times")
    assert not [d for d in fund.disagreements if d.kind.startswith("number")]


def test_unrelated_sentences_stay_apart_and_lone_background_is_not_a_claim() -> None:
    articles, docs = parsed()
    result = compare_story("s", articles, docs)
    lone = [g for g in result.groups if any("Firefighters" in u.text for u in g)]
    assert lone == [] or all(len(g) == 1 for g in lone)
    # A claim one outlet alone makes, with no figure, day or names, is not listed.
    assert not [c for c in result.claims if "Schools" in c.text or "Firefighters" in c.text]
