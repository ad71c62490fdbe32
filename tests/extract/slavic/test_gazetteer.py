"""The gazetteer learned from found mentions: agreed labels, names found again across
Russian and Ukrainian text, products left out."""

from __future__ import annotations

from newsweave.extract.slavic import find_slavic_mentions
from newsweave.extract.slavic.gazetteer import Gazetteer
from newsweave.model import Mention


def _m(article: str, text: str, label: str, base: str | None = None) -> Mention:
    return Mention(article, 0, len(text), text, label, base=base)


def test_learn_keeps_names_several_articles_agree_on() -> None:
    mentions = [
        _m("a1", "Вінниці", "GPE", "Вінниця"),
        _m("a2", "Вінниця", "GPE"),
        _m("a3", "Вінниці", "GPE", "Вінниця"),
        _m("a4", "Вінницею", "PERSON", "Вінниця"),  # one article's slip is outvoted
        _m("a1", "Хітроу", "GPE"),
        _m("a2", "Хітроу", "GPE"),
        _m("a3", "Хітроу", "GPE"),
        _m("a1", "Петренко", "PERSON"),  # two articles only: not confident
        _m("a2", "Петренко", "PERSON"),
        _m("a1", "Соколов", "PERSON"),
        _m("a2", "Соколов", "ORG"),  # one vote each: no agreement
    ]
    g = Gazetteer.learn(mentions)
    assert g.label_of("Вінниця") == "GPE"
    assert g.label_of("Петренко") is None
    assert g.label_of("Соколов") is None
    # the key is romanised: the Russian spelling of the same place finds it
    assert g.label_of("Хитроу") == "GPE"


def test_store_votes_count_articles_per_form_and_type() -> None:
    votes = [("Петренко", "PERSON", 3), ("Петренко", "GPE", 1), ("Вінниця", "GPE", 1)]
    g = Gazetteer.from_votes(votes)
    assert g.label_of("Петренко") == "PERSON"  # 3 of 4 articles agree
    assert g.label_of("Вінниця") is None  # one article is not enough
    assert Gazetteer.from_votes([("Вінниця", "GPE", 3)]).label_of("Вінниця") == "GPE"


def test_a_name_found_in_russian_articles_is_found_in_ukrainian_text() -> None:
    learned = [_m(a, "Ингольф Шумахер", "PERSON") for a in ("a1", "a2", "a3")]
    gazetteer = Gazetteer.learn(learned)
    text = "Про це повідомив Інгольфу Шумахеру представник профспілки."
    assert find_slavic_mentions(text, "uk", "u1", spans=[]) == []
    # with no NER span at all, the gazetteer finds the name on its own
    found = find_slavic_mentions(text, "uk", "u1", spans=[], gazetteer=gazetteer)
    people = [m for m in found if m.label == "PERSON"]
    assert [(m.text, m.base) for m in people] == [("Інгольфу Шумахеру", "Інгольф Шумахер")]
    assert text[people[0].start : people[0].end] == "Інгольфу Шумахеру"


def test_labels_follow_the_gazetteer_and_products_are_no_names() -> None:
    gazetteer = Gazetteer.learn([_m(a, "Бориспіль", "GPE") for a in ("a1", "a2", "a3")])
    text = "Лоукостер відкрив рейси з Борисполя. Про це компанія написала у Twitter."
    found = {m.text: m.label for m in find_slavic_mentions(text, "uk", "u2", gazetteer=gazetteer)}
    assert found.get("Борисполя") == "GPE"
    assert "Twitter" not in found


def test_a_known_name_the_ukrainian_dictionary_reads_as_common_is_found_mid_sentence() -> None:
    gazetteer = Gazetteer.learn([_m(a, "Німеччина", "GPE") for a in ("a1", "a2", "a3")])
    text = "Лише вдень з Німеччини знову почнуть вилітати літаки."
    found = find_slavic_mentions(text, "uk", "u3", spans=[], gazetteer=gazetteer)
    assert [(m.text, m.label, m.base) for m in found] == [("Німеччини", "GPE", "Німеччина")]
    # at a sentence's start a word the dictionary knows as common is left alone
    start = find_slavic_mentions("Німеччини немає.", "uk", "u4", spans=[], gazetteer=gazetteer)
    assert start == []
