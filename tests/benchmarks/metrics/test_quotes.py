"""Quote and speaker matching on PolNeAR-style gold, against hand-computed cases."""

from __future__ import annotations

import pytest

from benchmarks.corpora.polnear import Attribution, GoldArticle
from benchmarks.metrics.quotes import Pred, Score, quote_matches, score_article, speaker_right

TEXT = (
    'Mr. Smith said "we will win the vote tomorrow" before he left. '
    'Later he added: "The count is fair." Jane Doe disagreed.'
)


def _at(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def _first_word(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase.split()[0])


# Gold Content holds the quotation marks (that is what makes an attribution a quote);
# predictions cover the quoted words.
QUOTE = _at("we will win the vote tomorrow")  # 29 characters
COUNT = _at("The count is fair.")
SMITH = Attribution((_at('"we will win the vote tomorrow"'),), (_at("Mr. Smith"),), (_at("said"),))
HE = Attribution((_at('"The count is fair."'),), (_first_word("he added"),), (_at("added"),))
ARTICLE = GoldArticle("a", TEXT, (SMITH, HE))


def test_quote_matches_needs_half_of_both_spans() -> None:
    start, end = SMITH.content[0]  # 31 characters, marks included
    gold = set(range(start, end))
    assert quote_matches(start, end, gold)  # the same span
    assert quote_matches(*QUOTE, gold)  # the 29 words inside the marks
    # 16 of the 31 gold characters and nothing else: over half of both
    assert quote_matches(start, start + 16, gold)
    # 15 of 31: under half of the gold
    assert not quote_matches(start, start + 15, gold)
    # the whole gold (31) inside a 63-character prediction: under half of the prediction
    assert not quote_matches(start, start + 63, gold)
    # the whole gold inside a 62-character prediction: exactly half of it, a match
    assert quote_matches(start, start + 62, gold)


def test_speaker_span_must_lie_on_the_gold_source() -> None:
    inside = _at("Smith")
    assert speaker_right(Pred(*QUOTE, "Smith", inside), SMITH, TEXT)
    # a long span that merely touches the source: 5 of its 41 characters lie in it
    touching = (_at("Smith")[0], _at("tomorrow")[1])
    assert not speaker_right(Pred(*QUOTE, None, touching), SMITH, TEXT)


def test_a_pronoun_source_matches_by_position_only() -> None:
    # gold source "he": a name elsewhere is not checked by its letters ("stepHEn")
    assert not speaker_right(Pred(*COUNT, "Stephen Harper", _at("Jane Doe")), HE, TEXT)
    # the pronoun itself, where the gold source is, is right whatever name it resolved to
    assert speaker_right(Pred(*COUNT, "Smith", _first_word("he added")), HE, TEXT)
    # the same word elsewhere (the first "he") is not
    assert not speaker_right(Pred(*COUNT, "he", _first_word("he left")), HE, TEXT)


def test_names_match_by_whole_words() -> None:
    elsewhere = _at("Jane Doe")
    # gold "Mr. Smith" -> {smith}; "John Smith" -> {john, smith}: one set holds the other
    assert speaker_right(Pred(*QUOTE, "John Smith", elsewhere), SMITH, TEXT)
    assert speaker_right(Pred(*QUOTE, "Smith's", elsewhere), SMITH, TEXT)
    # "Smithers" contains "smith" but is another word
    assert not speaker_right(Pred(*QUOTE, "Smithers", elsewhere), SMITH, TEXT)
    # a shared surname alone is not the same person: {bob, doe} and {jane, doe}
    doe = Attribution((COUNT,), (elsewhere,), ())
    assert not speaker_right(Pred(*COUNT, "Bob Doe", _at("Smith")), doe, TEXT)
    assert not speaker_right(Pred(*QUOTE, None, None), SMITH, TEXT)


def test_score_article_is_one_to_one_and_counts_speakers() -> None:
    preds = [
        Pred(*QUOTE, "Smith", _at("Smith")),  # matches SMITH, speaker right
        Pred(QUOTE[0], QUOTE[0] + 20, "Smith", _at("Smith")),  # same gold again: unmatched
        Pred(*COUNT, "Jane Doe", _at("Jane Doe")),  # matches HE, speaker wrong
        Pred(COUNT[0] - 40, COUNT[1], None, None),  # covers COUNT but too long anyway
    ]
    sc = score_article(preds, ARTICLE)
    assert (sc.pred, sc.gold, sc.quote_tp, sc.speaker_tp) == (4, 2, 2, 1)
    # quotes: P 2/4, R 2/2 -> F1 2/3; speakers: P 1/4, R 1/2 -> F1 1/3
    assert sc.prf(sc.quote_tp) == pytest.approx((0.5, 1.0, 2 / 3))
    assert sc.prf(sc.speaker_tp) == pytest.approx((0.25, 0.5, 1 / 3))
    assert Score().prf(0) == (0.0, 0.0, 0.0)
