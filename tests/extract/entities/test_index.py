"""The blocking index: its candidates lose no match and stay bounded."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from newsweave.extract.entities import index as index_module
from newsweave.extract.entities import resolve_entities
from newsweave.extract.entities.cluster import LocalCluster, cluster_article
from newsweave.extract.entities.index import MAX_PER_KEY, DraftIndex, FuzzyVocab
from newsweave.extract.entities.match import NAME_SAME, SURNAME_MAYBE, EntityDraft, best_match
from newsweave.extract.entities.mentions import find_mentions
from newsweave.extract.entities.names import name_words, similarity
from newsweave.model import Mention
from newsweave.nlp import english

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def mentions() -> dict[str, list[Mention]]:
    """Mentions of the sample articles and the test texts, parsed once."""
    nlp = english()
    paths = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests/data/text").glob("*"))
    return {p.stem: find_mentions(nlp(p.read_text("utf-8")), p.stem) for p in paths}


@pytest.mark.parametrize("threshold", [SURNAME_MAYBE, NAME_SAME])
def test_fuzzy_vocab_finds_every_similar_string(threshold: float) -> None:
    rng = random.Random(5)
    letters = "aeiouknrstlmbdz "
    words = {"".join(rng.choice(letters) for _ in range(rng.randint(1, 14))) for _ in range(600)}
    # Near variants: one or two letters changed, dropped or added.
    for w in list(words)[:300]:
        for _ in range(2):
            i = rng.randrange(len(w) + 1)
            words.add(w[:i] + rng.choice(letters) + w[i + rng.randint(0, 1) :])
    vocab = FuzzyVocab(threshold)
    for w in words:
        vocab.add(w)
    for query in list(words)[:400]:
        near = vocab.near(query)
        assert near is not None
        expected = {w for w in words if similarity(query, w) >= threshold}
        assert expected <= near


def test_index_resolves_like_scoring_every_draft(mentions: dict[str, list[Mention]]) -> None:
    ids = sorted(mentions)
    assert resolve_entities(mentions) == resolve_entities(mentions, exhaustive=True)
    first = {a: mentions[a] for a in ids[: len(ids) // 2]}
    rest = {a: mentions[a] for a in ids[len(ids) // 2 :]}
    stored = resolve_entities(first)
    assert resolve_entities(rest, existing=stored) == resolve_entities(
        rest, existing=stored, exhaustive=True
    )


def test_candidates_are_bounded_and_hold_the_best_match(
    mentions: dict[str, list[Mention]],
) -> None:
    clusters = [c for a, ms in mentions.items() for c in cluster_article(a, ms)]
    drafts: list[EntityDraft] = []
    index = DraftIndex()
    read = 0
    for cluster in clusters:
        candidates = index.candidates(cluster)
        assert candidates is not None
        read += len(candidates)
        draft = best_match(cluster, drafts)
        assert draft is best_match(cluster, candidates)
        if draft is None:
            draft = EntityDraft(cls=cluster.cls, words=cluster.words)
            drafts.append(draft)
            index.add(draft)
        before = draft.words
        draft.absorb(cluster)
        if draft.words != before:
            index.moved(draft, before)
    assert index.overflows == 0
    assert index.largest <= MAX_PER_KEY
    # Far fewer drafts scored than the exhaustive scan's one per draft per cluster.
    assert read < 0.2 * sum(range(len(drafts)))


def test_close_to_keeps_exactly_the_strings_at_the_similarity_floor() -> None:
    from newsweave.extract.entities.index import _close_to
    from newsweave.extract.entities.names import similarity

    # "kadafi" ~ "gadafi": 5 of 6 letters matched, ratio 2*5/12 = 0.833;
    # "kadafi" ~ "obama": 2 shared letters at most (a, a), bound 2*2/11 = 0.36.
    strings = ["kadafi", "gadafi", "obama", "kadaffi", ""]
    found = _close_to("kadafi", strings, 0.72)
    assert found == {s for s in strings if s == "kadafi" or similarity("kadafi", s) >= 0.72}
    assert found == {"kadafi", "gadafi", "kadaffi"}
    assert _close_to("", ["", "a"], 0.72) == {""}


def _person(name: str) -> LocalCluster:
    return LocalCluster("a", "PERSON", tuple(name_words(name)))


def test_run_index_finds_the_variants_of_a_name() -> None:
    """A run's new drafts are found by surname skeleton (Latin or Cyrillic, initials or a
    bare surname) and by close spellings; unrelated surnames are not candidates."""
    index = DraftIndex()
    drafts = {
        name: EntityDraft(cls="PERSON", words=tuple(name_words(name)))
        for name in ("Kirill Dmitriev", "Olena Kovalenko", "Maria Santos", "Li Wei")
    }
    for d in drafts.values():
        index.add(d)
    for name in ("Dmitriev", "K. Dmitriev", "Кирилл Дмитриев", "Kirill Dmitryev", "Dmitriyev"):
        found = index.candidates(_person(name))
        assert found is not None
        assert found == [drafts["Kirill Dmitriev"]], name
    assert index.candidates(_person("Obuya")) == []


def test_a_repeated_query_reads_only_what_was_added_since() -> None:
    """Asked again after more strings were added, the vocabulary compares only new
    strings sharing the query's rarest grams, not every string added since (which made a
    run's lookups grow with the square of the run), and still finds every close one."""
    vocab = FuzzyVocab(SURNAME_MAYBE)
    vocab.add("dmitriev")
    assert vocab.near("dmitriev") == {"dmitriev"}
    rng = random.Random(3)
    others = {
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(7)) for _ in range(500)
    }
    for s in others:
        vocab.add(s)
    vocab.add("dmitryev")
    compared = vocab.compared
    near = vocab.near("dmitriev")
    expected = {
        s for s in [*others, "dmitriev", "dmitryev"] if similarity("dmitriev", s) >= SURNAME_MAYBE
    }
    assert near == expected
    assert "dmitryev" in near
    assert vocab.compared - compared < 0.1 * len(others)
    assert vocab.near("dmitriev") == expected  # nothing added: the answer kept
    vocab.discard("dmitryev")
    assert vocab.near("dmitriev") == expected - {"dmitryev"}


def test_a_capped_index_reads_a_long_key_for_its_latest_entries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past MAX_PER_KEY a capped index (the entity book's run index) answers from a key's
    latest entries instead of asking for a scan of every draft."""
    monkeypatch.setattr(index_module, "MAX_PER_KEY", 5)
    # "ab" against length 3 needs one of the postings (3, "a"), (3, "b"): 10 strings each.
    words = [f"ab{c}" for c in "cdefghijkl"]
    plain, capped = FuzzyVocab(SURNAME_MAYBE), FuzzyVocab(SURNAME_MAYBE, capped=True)
    for w in words:
        plain.add(w)
        capped.add(w)
    assert plain.near("ab") is None
    assert capped.near("ab") == set(words[-5:])  # similarity 2*2/5 = 0.8 each
    assert capped.capped_reads == 1
    drafts = [EntityDraft(cls="PERSON", words=("ann", "smith")) for _ in range(7)]
    assert DraftIndex(drafts).candidates(_person("Smith")) is None
    assert DraftIndex(drafts, capped=True).candidates(_person("Smith")) == drafts[-5:]
