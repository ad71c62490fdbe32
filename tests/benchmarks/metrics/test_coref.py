"""Coreference scorers against hand-computed values (Pradhan et al. 2014's worked example)."""

from __future__ import annotations

import pytest

from benchmarks.metrics import coref as cm

KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def test_muc_worked_example() -> None:
    # key {a,b,c} splits into {a,b},{c}: 1 link; {d,e,f,g} into {d},{e},{f,g}: 1 link; of 2+3.
    s = cm.muc(KEY, RESPONSE)
    assert s.recall == pytest.approx(2 / 5)
    assert s.precision == pytest.approx(2 / 5)


def test_b_cubed_worked_example() -> None:
    s = cm.b_cubed(KEY, RESPONSE)
    assert s.recall == pytest.approx((5 / 3 + 5 / 4) / 7)
    assert s.precision == pytest.approx(4 / 8)


def test_ceaf_e_worked_example() -> None:
    # best alignment: {a,b,c}-{a,b} (phi4 = 4/5) and {d,e,f,g}-{f,g,h,i} (phi4 = 4/8)
    s = cm.ceaf_e(KEY, RESPONSE)
    assert s.recall == pytest.approx(1.3 / 2)
    assert s.precision == pytest.approx(1.3 / 3)


def test_identical_clusterings_score_one() -> None:
    scores = cm.conll(KEY, KEY)
    assert scores["conll"] == pytest.approx(1.0)


def test_singletons_against_one_cluster() -> None:
    key = [{1}, {2}, {3}]
    response = [{1, 2, 3}]
    assert cm.muc(key, response).recall == 0.0  # no key links to find
    b3 = cm.b_cubed(key, response)
    assert b3.recall == pytest.approx(1.0)
    assert b3.precision == pytest.approx(1 / 3)
    ceaf = cm.ceaf_e(key, response)
    assert ceaf.recall == pytest.approx((2 / 4) / 3)
    assert ceaf.precision == pytest.approx(2 / 4)


def test_assignment_prefers_the_global_optimum() -> None:
    # greedy would take 0.9 and then 0.1; the optimum is 0.8 + 0.8
    assert cm.max_assignment([[0.9, 0.8], [0.8, 0.1]]) == pytest.approx(1.6)
    assert cm.max_assignment([[0.5], [0.7], [0.2]]) == pytest.approx(0.7)


def test_conll_is_the_mean_of_the_three_f1() -> None:
    scores = cm.conll(KEY, RESPONSE)
    f1s = [s.f1 for s in (scores["muc"], scores["b3"], scores["ceafe"]) if isinstance(s, cm.PRF)]
    assert scores["conll"] == pytest.approx(sum(f1s) / 3)


def test_conll_on_a_subset_of_mentions() -> None:
    # only a, b, c, d: key {a,b,c} {d}; response {a,b} {c,d}
    # MUC R = (3 - 2) / 2 = 1/2, P = ((2 - 1) + (2 - 2)) / 2 = 1/2
    # B3 R per mention: a 2/3, b 2/3, c 1/3, d 1/1 -> (8/3) / 4 = 2/3
    # B3 P per mention: a 2/2, b 2/2, c 1/2, d 1/2 -> 3 / 4
    scores = cm.conll(KEY, RESPONSE, only={"a", "b", "c", "d"})
    muc, b3 = scores["muc"], scores["b3"]
    assert isinstance(muc, cm.PRF) and isinstance(b3, cm.PRF)
    assert (muc.recall, muc.precision) == pytest.approx((0.5, 0.5))
    assert (b3.recall, b3.precision) == pytest.approx((2 / 3, 3 / 4))
