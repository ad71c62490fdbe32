"""The compare stage on the sample corpus, run through the real pipeline into a real store."""

from __future__ import annotations

from newsweave.store import compare_sql
from tests.brief.sample_store import main_story_id, sample_store


def test_every_claim_span_slices_its_article() -> None:
    store = sample_store()
    claims = compare_sql.claims(store)
    assert claims
    texts = {a.id: a.text for a in store.iter_articles()}
    for c in claims:
        for s in c.evidence:
            assert texts[s.article_id][s.start : s.end].strip()
        assert any(texts[s.article_id][s.start : s.end] == c.text for s in c.evidence)


def test_the_loan_decision_is_carried_by_some_outlets_and_silent_in_others() -> None:
    store = sample_store()
    story = main_story_id(store)
    loan = [c for c in compare_sql.claims(store, story) if "90 billion" in c.text]
    assert loan, "no claim carries the loan figure"
    claim = max(loan, key=lambda c: len(c.outlets_supporting))
    assert len(claim.outlets_supporting) >= 2
    assert len(claim.outlets_silent) >= 2
    # "90 billion euros (approximately $106 billion)" and "€90 billion": no number conflict.
    assert not [d for d in claim.disagreements if d.kind.startswith("number")]


def test_differing_names_for_the_war_are_found_side_by_side() -> None:
    store = sample_store()
    stored = compare_sql.comparison(store, main_story_id(store))
    assert stored is not None
    terms_by_group = [
        {term for terms in g["outlets"].values() for term in terms} for g in stored["framing"]
    ]
    assert any({"full-scale invasion", "special military operation"} <= t for t in terms_by_group)
    # Another group holds the plain names outlets use for the conflict itself.
    assert any(len(t & {"war", "conflict", "hostilities"}) >= 2 for t in terms_by_group)


def test_outlets_rely_on_sources_found_in_the_text() -> None:
    store = sample_store()
    stored = compare_sql.comparison(store, main_story_id(store))
    assert stored is not None
    pairs = {(u["outlet"], u["source"]) for u in stored["sources"]}
    sources = {s for _, s in pairs}
    assert {"Reuters", "Politico"} <= sources
    texts = {a.id: a.text for a in store.iter_articles()}
    for u in stored["sources"]:
        span = u["span"]
        assert texts[span["article_id"]][span["start"] : span["end"]]


def test_rerunning_the_stage_changes_nothing() -> None:
    from newsweave.pipeline import run_stage

    store = sample_store()
    before = compare_sql.claims(store)
    assert run_stage(store, "compare") == 0 and run_stage(store, "brief") == 0
    assert compare_sql.claims(store) == before
