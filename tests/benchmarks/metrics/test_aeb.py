"""The article-extraction-benchmark metric against hand-computed values."""

from __future__ import annotations

import pytest

from benchmarks.metrics import aeb

TEXT = "The minister said on Friday that the talks would resume next week in Geneva."


def test_identical_texts_score_one() -> None:
    assert aeb.page_pr(TEXT, TEXT) == (1.0, 1.0)
    result = aeb.score({"a": TEXT}, {"a": TEXT})
    assert (result.precision, result.recall, result.f1, result.pages) == (1.0, 1.0, 1.0, 1)


def test_disjoint_texts_score_zero() -> None:
    assert aeb.page_pr("alpha beta gamma delta epsilon", "one two three four five") == (0.0, 0.0)
    assert aeb.score({"a": "alpha beta gamma delta"}, {"a": "one two three four"}).f1 == 0.0


def test_missing_prediction_counts_as_empty() -> None:
    result = aeb.score({}, {"a": TEXT})
    assert (result.precision, result.recall) == (0.0, 0.0)


def test_shingles_are_four_tokens_with_multiplicity() -> None:
    # "a b c d a b c d": shingles abcd, bcda, cdab, dabc, abcd -> abcd twice
    counts = aeb.shingles("a b c d a b c d")
    assert counts[("a", "b", "c", "d")] == 2
    assert sum(counts.values()) == 5
    # gold has abcd once: 1 shared of 5 predicted, of 1 gold
    assert aeb.page_pr("a b c d a b c d", "a b c d") == (0.2, 1.0)


def test_partial_overlap_by_hand() -> None:
    # predicted: 6 tokens -> 3 shingles; gold: first 5 tokens -> 2 shingles, both shared
    precision, recall = aeb.page_pr("w1 w2 w3 w4 w5 junk", "w1 w2 w3 w4 w5")
    assert (precision, recall) == (pytest.approx(2 / 3), 1.0)


def test_short_texts_are_one_shingle() -> None:
    assert aeb.shingles("Hello world") == {("Hello", "world"): 1}
    assert aeb.page_pr("", "") == (1.0, 1.0)


def test_precision_and_recall_are_macro_averaged_before_f1() -> None:
    gold = {"a": "a b c d e", "b": "p q r s t"}
    # page a perfect; page b: predicted "p q r s t x y z" -> 5 shingles, 2 shared
    predictions = {"a": "a b c d e", "b": "p q r s t x y z"}
    result = aeb.score(predictions, gold)
    assert result.precision == pytest.approx((1.0 + 2 / 5) / 2)
    assert result.recall == pytest.approx(1.0)
    p, r = 0.7, 1.0
    assert result.f1 == pytest.approx(2 * p * r / (p + r))
    # not the mean of per-page F1s
    assert result.f1 != pytest.approx((1.0 + 2 * 0.4 / 1.4) / 2)
