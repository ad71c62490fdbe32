"""Per-article features and the background IDF, on small hand-written texts."""

from __future__ import annotations

from newsweave.cluster import ClusterInput, ClusterModel, StoryClusterer, featurize
from newsweave.cluster.features import IncrementalIdf, cited_years, lead_text
from newsweave.cluster.model import background_counts
from newsweave.cluster.story import Member, name_conflict


def test_lead_is_headline_and_first_sentences_without_repeating_the_headline() -> None:
    text = (
        "Striker held after crash\nPolice arrested the striker on Sunday. He was released "
        "on bail. The club said nothing. A fourth sentence follows."
    )
    lead = lead_text("Striker held after crash", text)
    assert lead.splitlines() == [
        "Striker held after crash",
        "Police arrested the striker on Sunday.",
        "He was released on bail.",
    ]


def test_years_count_citations_and_the_publication_year_most() -> None:
    years = cited_years("He was hired in 2005 and fired in 2008; 2008 was hard.", "2008-12-09")
    assert years == {2005: 1, 2008: 5}
    assert cited_years("No year here, only 300 fans.", None) == {}


def test_different_protagonists_conflict_and_the_same_one_does_not() -> None:
    clusterer = StoryClusterer()

    def member(i: str, headline: str, text: str) -> Member:
        art = featurize(ClusterInput(i, headline, text, None, "en"))
        clusterer.observe(art)
        return clusterer.member(art)

    a = member("a", "Charlie Benton arrested for drunk driving", "Charlie Benton was held.")
    b = member("b", "Marcus Oduya arrested for drunk driving", "Marcus Oduya was held.")
    c = member("c", "Benton released on bail", "Charlie Benton left the jail on Monday.")
    assert name_conflict(a, b) == 1.0
    assert name_conflict(a, c) == 0.0


def test_background_counts_give_common_words_low_weight_from_the_first_article() -> None:
    docs, terms, names = background_counts()
    assert docs > 100 and terms and names
    weight = ClusterModel.load().background
    idf = IncrementalIdf(base_docs=weight * docs, base_df={t: weight * n for t, n in terms.items()})
    idf.add(["government", "lava"])
    assert idf.idf("government") < idf.idf("lava")
