"""Per-article features and the background IDF, on small hand-written texts."""

from __future__ import annotations

from newsweave.cluster import ClusterInput, ClusterModel, StoryClusterer, featurize
from newsweave.cluster.features import (
    IncrementalIdf,
    cited_years,
    lead_text,
    protagonists,
    quantities,
)
from newsweave.cluster.model import background_counts
from newsweave.cluster.story import Member, count_features, name_conflict, protagonist_features


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


def test_protagonists_are_the_people_named_most_and_up_front() -> None:
    # "Police arrested Charlie Benton on Sunday. Benton, 27, was released on bail. His coach,
    # Dana Whitfield, declined to comment. Benton's lawyer said he is innocent."
    persons = [("Charlie Benton", 16), ("Benton", 41), ("Dana Whitfield", 84), ("Benton's", 135)]
    assert protagonists(persons, "Benton arrested for drunk driving") == ("benton", "whitfield")
    # a name met once, deep in the text, is nobody's protagonist
    assert protagonists([("Dana Whitfield", 900)], "Storm hits the coast") == ()


def test_two_arrests_of_two_players_differ_in_protagonists_and_one_arrest_does_not() -> None:
    clusterer = StoryClusterer()

    def member(i: str, headline: str, text: str) -> Member:
        name = headline.split(" arrested")[0].split(" released")[0]
        first = text.index(name.split()[-1])
        art = featurize(ClusterInput(i, headline, text, None, "en", persons=((name, first),)))
        clusterer.observe(art)
        return clusterer.member(art)

    a = member("a", "Benton arrested for drunk driving", "Police held Benton on Sunday.")
    b = member("b", "Oduya arrested for drunk driving", "Police held Oduya on Monday.")
    c = member("c", "Benton released on bail", "Benton left the jail on Monday.")
    assert protagonist_features(a, b) == (1.0, 0.0)
    assert protagonist_features(a, c) == (0.0, 1.0)
    # without NER there is no evidence either way
    plain = featurize(ClusterInput("d", "Benton arrested", "Police held Benton.", None, "en"))
    assert plain.protagonists == ()


def test_counts_of_one_thing_agree_or_conflict() -> None:
    raid = quantities("The navy captured 23 pirates and seized 12 rifles at 11 am in 2008.")
    assert raid == {"pirate": frozenset({"23"}), "rifle": frozenset({"12"})}
    assert quantities("1,200 people fled; 1.5 magnitude") == {
        "people": frozenset({"1200"}),
        "magnitude": frozenset({"1.5"}),
    }
    # the second half of a season, a score or a record counts nothing
    assert quantities("the 2008-09 season, a 9-14 record despite 10 games") == {
        "game": frozenset({"10"})
    }
    same = Member("a", None, {}, {}, {}, {}, {}, quantities=raid)
    other = Member("b", None, {}, {}, {}, {}, {}, quantities=quantities("26 pirates held"))
    again = Member("c", None, {}, {}, {}, {}, {}, quantities=quantities("23 pirates held"))
    assert count_features(same, other) == (0.0, 1.0)
    assert count_features(same, again) == (1.0, 0.0)
