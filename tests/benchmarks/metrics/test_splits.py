"""The multi-page dump scorer against hand-computed cases."""

from __future__ import annotations

import pytest

from benchmarks.metrics import splits

A = "the minister said on friday that the talks would resume"  # 10 tokens: 7 shingles
B = "heavy rain flooded the old town and closed two bridges"  # 10 tokens: 7 shingles
C = "the club signed a new striker for the coming season today"


def test_pair_f1_hand_computed() -> None:
    assert splits.pair_f1(A, A) == 1.0
    assert splits.pair_f1(A, B) == 0.0
    # the first 7 tokens of A: 4 shingles, all in A's 7 -> P 1, R 4/7, F1 = 8/11
    assert splits.pair_f1("the minister said on friday that the", A) == pytest.approx(8 / 11)
    # A then B: 17 shingles, 7 shared with A -> P 7/17, R 1, F1 = 14/24
    assert splits.pair_f1(f"{A} {B}", A) == pytest.approx(14 / 24)


def test_each_gold_needs_its_own_article() -> None:
    assert splits.score_file([A, B], [B, A]).right  # order does not matter
    glued = splits.score_file([A, B], [f"{A} {B}"])  # one article holds both: F1 14/24 < 0.7
    assert (glued.matched, glued.right) == (0, False)
    one_lost = splits.score_file([A, B], [A, C])
    assert (one_lost.matched, one_lost.right) == (1, False)


def test_matching_finds_the_assignment_a_greedy_pass_would_miss() -> None:
    # at 0.5, article 0 (A then B, F1 14/24 against each) matches both golds and article 1
    # only A: giving article 0 to A first leaves B unmatched; the matching gives 0->B, 1->A
    near_a = "the minister said on friday that the talks would resume soon"  # F1 14/15 vs A
    both = f"{A} {B}"
    assert splits.pair_f1(near_a, A) == pytest.approx(14 / 15)
    assert splits.pair_f1(near_a, B) == 0.0
    assert splits.matched([A, B], [both, near_a], threshold=0.5) == 2
    assert splits.matched([A, A], [A]) == 1  # one article cannot serve two golds


def test_extra_articles_are_counted_but_do_not_fail_a_file() -> None:
    extra = splits.score_file([A, B], [A, C, B])
    assert extra.right and extra.outputs == 3
    total = splits.summarise([extra, splits.score_file([A, B], [A, B]),
                              splits.score_file([A, B], [f"{A} {B}"])])  # fmt: skip
    assert (total.files, total.right, total.exact_count) == (3, 2, 1)
    assert (total.bodies, total.bodies_matched) == (6, 4)
    assert total.share_right == pytest.approx(2 / 3)
