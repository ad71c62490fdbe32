"""B-cubed and pairwise scores against hand-computed values."""

from __future__ import annotations

import pytest

from benchmarks.metrics.clustering import bcubed, pair_prf, pairwise

# gold {a, b, c} {d, e}; predicted {a, b} {c, d, e}
GOLD = {"a": "G1", "b": "G1", "c": "G1", "d": "G2", "e": "G2"}
PRED = {"a": "P1", "b": "P1", "c": "P2", "d": "P2", "e": "P2"}


def test_bcubed_by_hand() -> None:
    # precision per item: a 2/2, b 2/2, c 1/3, d 2/3, e 2/3 -> (11/3) / 5 = 11/15
    # recall per item:    a 2/3, b 2/3, c 1/3, d 2/2, e 2/2 -> (11/3) / 5 = 11/15
    p, r, f = bcubed(PRED, GOLD)
    assert p == pytest.approx(11 / 15)
    assert r == pytest.approx(11 / 15)
    assert f == pytest.approx(11 / 15)


def test_pairwise_by_hand() -> None:
    # predicted pairs: ab, cd, ce, de (4); gold pairs: ab, ac, bc, de (4); shared: ab, de
    assert pairwise(PRED, GOLD) == pytest.approx((0.5, 0.5, 0.5))


def test_all_in_one_cluster() -> None:
    one = dict.fromkeys(GOLD, "X")
    # B-cubed precision: a, b, c see 3 of 5 right, d, e 2 of 5 -> (9/5 + 4/5) / 5 = 13/25
    p, r, _ = bcubed(one, GOLD)
    assert (p, r) == pytest.approx((13 / 25, 1.0))
    # pairwise: 10 predicted pairs, 4 gold, all 4 found
    pp, pr, pf = pairwise(one, GOLD)
    assert (pp, pr) == pytest.approx((0.4, 1.0))
    assert pf == pytest.approx(2 * 0.4 / 1.4)


def test_singletons_have_no_pairs() -> None:
    alone = {k: k for k in GOLD}
    assert bcubed(alone, GOLD)[0] == pytest.approx(1.0)
    assert pairwise(alone, GOLD) == (0.0, 0.0, 0.0)


def test_pair_sets_by_hand() -> None:
    # 1 of 2 predicted pairs is gold, 1 of 3 gold pairs found: F1 = 2 * 1/2 * 1/3 / (5/6) = 0.4
    p, r, f = pair_prf({(1, 2), (1, 3)}, {(1, 2), (2, 3), (3, 4)})
    assert (p, r, f) == pytest.approx((0.5, 1 / 3, 0.4))
    assert pair_prf(set(), {(1, 2)}) == (0.0, 0.0, 0.0)
